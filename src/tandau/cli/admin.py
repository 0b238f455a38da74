"""``tandau admin``: what the territorial commission does to a verifiable election.

In the order of an election (``docs/guides/cli.md``)::

    keygen → create → ceremony-params → (trustees) → ceremony-publish
    → import-voters → issue-credentials → open → (voters cast) → cancel → close
    → paper → tally → (trustees decrypt) → decrypt → publish

Every command that appends to the board takes the commission's key file
(``--key``) and signs a head over what it appended, so anyone can export the
record without the key.  A refused step appends nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.admin.names import check_name
from tandau.board import Board
from tandau.crypto.decryption import TallyShare
from tandau.crypto.errors import TandauError
from tandau.crypto.group import Point
from tandau.crypto.rng import SystemRng
from tandau.i18n import CLI
from tandau.i18n.text import Message
from tandau.law import load_ruleset
from tandau.protocol import events as ev
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.events import ElectionState
from tandau.protocol.manifest import Manifest
from tandau.protocol.tally import EncryptedTally

from . import messages as M
from .ceremony_files import PARAMS, load_pile, params_document
from .database import OpenElection, open_election, open_store
from .devices import device_app
from .errors import BAD_INPUT, CliError, guarded
from .files import decode, read_document, write_document
from .keys import load_key, new_key_file
from .options import DbOption, ElectionOption, KeyOption, role_app
from .output import emit, say, text
from .progress import progress
from .results import compute_results, outcome_line
from .steps import ElectionSpec, add_shares, build_manifest, post_tally
from .steps import publish_ceremony as post_ceremony
from .voter_list import (
    find_in_sheet,
    read_voter_csv,
    read_voter_list,
    sheet_bytes,
    write_sheet,
    write_voter_list,
)

__all__ = ["admin_app"]

admin_app = role_app(
    "admin", "The commission: create an election, run its ceremony, voters, voting and tally."
)

TALLY_KIND = "tally"
SHARE_KIND = "decryption-share"


def _refuse_if(*checks: tuple[bool, Message]) -> None:
    """Refuse with the message of the first check that holds."""
    for refused, message in checks:
        if refused:
            raise CliError(message)


@admin_app.command("keygen")
@guarded
def keygen(
    out: Annotated[Path, typer.Option("--out", help="Where to write the new key file.")],
) -> None:
    """Make the commission's head-signing key (secret; its public half goes in the manifest)."""
    key = new_key_file(out, SystemRng())
    say(CLI.key_written, path=out)
    emit({"key_file": str(out), "verify_key": key.verify_key.hex()})


def _candidate(spec: str) -> tuple[str, str | None]:
    """``NAME`` or ``NAME|PARTY``, each checked as the nominations service checks names."""
    name, sep, party = spec.partition("|")
    check_name(name.strip(), "candidate")
    if sep and party.strip():
        check_name(party.strip(), "party")
    return name, (party if sep and party.strip() else None)


@admin_app.command("create")
@guarded
def create(
    election: Annotated[str, typer.Option("--election", help="A new election ID.")],
    unit_code: Annotated[str, typer.Option("--unit-code", help="The unit's KATO code.")],
    unit_name: Annotated[str, typer.Option("--unit-name", help="The unit's name.")],
    ruleset: Annotated[str, typer.Option("--ruleset", help="Ruleset ID (tandau law rulesets).")],
    polling_day: Annotated[str, typer.Option("--polling-day", help="YYYY-MM-DD.")],
    candidate: Annotated[
        list[str],
        typer.Option("--candidate", help="NAME or NAME|PARTY; repeat, in ballot order."),
    ],
    trustee: Annotated[list[str], typer.Option("--trustee", help="A trustee's name; repeat.")],
    threshold: Annotated[int, typer.Option("--threshold", help="Trustees needed to decrypt.")],
    key: KeyOption,
    mode: Annotated[str, typer.Option("--mode", help="polling-station or remote-pilot.")] = (
        "polling-station"
    ),
    title: Annotated[str | None, typer.Option("--title", help="Default: from the unit.")] = None,
    office: Annotated[
        str | None,
        typer.Option("--office", help="rural_akim or district_akim; default: the ruleset's."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Create an election: its manifest is the board's first entry.

    "Against all" is added as the last line when the ruleset has it.
    """
    signing = load_key(key)
    spec = ElectionSpec(
        election_id=election,
        unit_code=unit_code,
        unit_name=unit_name,
        ruleset=ruleset,
        polling_day=polling_day,
        candidates=tuple(_candidate(c) for c in candidate),
        trustees=tuple(check_name(t, "trustee") for t in trustee),
        threshold=threshold,
        mode=mode,
        title=title,
        office=office,
    )
    manifest = build_manifest(spec, signing.verify_key.hex())
    with open_store(db, create=True) as store:
        if store.size(manifest.election_id):
            raise CliError(CLI.election_exists, election=manifest.election_id)
        board = Board(store, manifest.election_id, key=signing)
        ElectionService(board).create(manifest)
        board.head()
    say(CLI.election_created, election=manifest.election_id)
    emit(
        {
            "election": manifest.election_id,
            "fingerprint": manifest.fingerprint.hex(),
            "manifest": manifest.to_dict(),
        }
    )


@admin_app.command("ceremony-params")
@guarded
def ceremony_params(
    out: Annotated[Path, typer.Option("--out", help="The parameters file for the trustees.")],
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Write the key ceremony's parameters (with the manifest) for the trustees."""
    with open_election(db, election, full=False) as e:
        manifest = e.manifest
    write_document(out, PARAMS, params_document(manifest))
    say(CLI.file_written, path=out)
    emit({"parameters": str(out), "fingerprint": manifest.fingerprint.hex()})


@admin_app.command("ceremony-publish")
@guarded
def ceremony_publish(
    files: Annotated[
        list[Path], typer.Argument(help="The trustees' public ceremony files or directories.")
    ],
    key: KeyOption,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Post the ceremony's dealings, responses and reveals, and the joint election key."""
    pile = load_pile(files)
    with open_election(db, election, key) as e:
        result, rejected = post_ceremony(
            e.service, pile.params, pile.dealings, pile.responses, pile.reveals.values()
        )
        e.sign_head()
    for i in rejected:
        say(CLI.dealing_rejected, dealer=i)
    say(CLI.key_published, qualified=", ".join(str(i) for i in result.qualified))
    emit(
        {
            "joint_key": result.joint_key.to_hex(),
            "qualified": list(result.qualified),
            "rejected_dealings": rejected,
        }
    )


@admin_app.command("import-voters")
@guarded
def import_voters(
    csv_file: Annotated[Path, typer.Argument(help="CSV with a header: iin,name[,precinct].")],
    voter_list: Annotated[
        Path, typer.Option("--list", help="The registrar's voter-list file to write.")
    ] = Path("registrar/voters.json"),
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Check the voter list and keep it in the registrar's file (never on the board)."""
    voters = read_voter_csv(csv_file)
    with open_election(db, election, full=False) as e:
        if e.state.credentials:
            raise CliError(CLI.credentials_already_issued)
        manifest = e.manifest
    write_voter_list(voter_list, manifest, voters)
    say(CLI.voters_imported, count=len(voters), path=voter_list)
    emit({"voters": len(voters), "list": str(voter_list)})


@admin_app.command("issue-credentials")
@guarded
def issue_credentials(
    key: KeyOption,
    voter_list: Annotated[
        Path, typer.Option("--list", help="The registrar's voter-list file.")
    ] = Path("registrar/voters.json"),
    sheet: Annotated[
        Path, typer.Option("--sheet", help="The secret credential sheet to write (CSV).")
    ] = Path("registrar/credentials.secret.csv"),
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """One secret code per voter: the public list goes to the board, the sheet to delivery."""
    with open_election(db, election, key, full=False) as e:
        st = e.state
        _refuse_if(
            (st.opened, CLI.already_open), (bool(st.credentials), CLI.credentials_already_issued)
        )
        voters = read_voter_list(voter_list, e.manifest)
        fp = e.manifest.fingerprint
        rng = SystemRng()
        codes: list[str] = []
        with progress(CLI.progress_credentials, len(voters)) as advance:
            for _ in voters:
                codes.append(new_code(rng))
                advance(1)
        creds = [derive(fp, c) for c in codes]
        write_sheet(sheet, sheet_bytes(voters, codes, creds))
        try:
            driver.publish_credentials(e.service, [c.public for c in creds])
        except BaseException:
            sheet.unlink()  # no credential on the board: the codes would be worthless
            raise
        e.sign_head()
    say(CLI.credentials_issued, count=len(creds), path=sheet)
    emit({"credentials": len(creds), "sheet": str(sheet)})


@admin_app.command("open")
@guarded
def open_voting(key: KeyOption, db: DbOption = None, election: ElectionOption = None) -> None:
    """Open voting (after the key and the credentials are on the board)."""
    with open_election(db, election, key, full=False) as e:
        st = e.state
        _refuse_if(
            (st.opened, CLI.already_open),
            (st.key is None, CLI.no_key_yet),
            (not st.credentials, CLI.no_credentials_yet),
        )
        e.service.open()
        e.sign_head()
    say(CLI.voting_opened)
    emit({"voting": "open"})


@admin_app.command("close")
@guarded
def close_voting(key: KeyOption, db: DbOption = None, election: ElectionOption = None) -> None:
    """Close voting: no ballot is accepted afterwards."""
    with open_election(db, election, key) as e:
        st = e.state
        _refuse_if((not st.opened, CLI.not_open), (st.closed, CLI.already_closed))
        e.service.close()
        e.sign_head()
    say(CLI.voting_closed)
    emit({"voting": "closed"})


@admin_app.command("cancel")
@guarded
def cancel(
    precinct: Annotated[str, typer.Option("--precinct", help="Where the voter voted on paper.")],
    key: KeyOption,
    credential: Annotated[
        str | None, typer.Option("--credential", help="The voter's public credential (hex).")
    ] = None,
    code: Annotated[str | None, typer.Option("--code", help="The voter's credential code.")] = None,
    iin: Annotated[
        str | None, typer.Option("--iin", help="The voter's IIN (with --sheet).")
    ] = None,
    sheet: Annotated[
        Path | None, typer.Option("--sheet", help="The registrar's credential sheet.")
    ] = None,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Paper override: the voter voted on paper, so none of their e-ballots counts."""
    given = [x for x in (credential, code, iin) if x is not None]
    if len(given) != 1 or (iin is not None) != (sheet is not None):
        raise CliError(CLI.cancel_which, exit_code=BAD_INPUT)
    place = " ".join(precinct.split())
    if not 0 < len(place) <= 64:
        raise CliError(CLI.bad_name, exit_code=BAD_INPUT, what=M.WHAT["precinct"])
    with open_election(db, election, key) as e:
        st = e.state
        if iin is not None and sheet is not None:
            credential = find_in_sheet(sheet, iin)
        public = _public_credential(e.manifest, credential, code)
        if public.data not in st.credentials:
            raise CliError(CLI.cancel_unknown)
        assert st.box is not None
        _refuse_if(
            (st.box.is_cancelled(public), CLI.cancel_already), (st.tallied, CLI.already_tallied)
        )
        e.service.cancel(public.hex(), place)
        e.sign_head()
    say(CLI.cancelled, precinct=place)
    emit({"cancelled": public.hex(), "precinct": place})


def _public_credential(manifest: Manifest, credential: str | None, code: str | None) -> Point:
    try:
        if credential is not None:
            return Point.from_hex(credential).require_not_identity()
        assert code is not None
        return derive(manifest.fingerprint, code).public
    except TandauError as exc:
        raise CliError(CLI.credential_malformed, exit_code=BAD_INPUT) from exc


def _votes(items: list[str], manifest: Manifest) -> dict[str, int]:
    ids = [o.id for o in manifest.options]
    votes = dict.fromkeys(ids, 0)
    for item in items:
        option, sep, count = item.partition("=")
        if not sep or option not in votes or not count.strip().isdigit():
            raise CliError(
                CLI.paper_vote_format, exit_code=BAD_INPUT, item=item, ids=", ".join(ids)
            )
        votes[option] += int(count)
    return votes


@admin_app.command("paper")
@guarded
def paper(
    precinct: Annotated[str, typer.Option("--precinct", help="The paper precinct's number.")],
    ballots_cast: Annotated[int, typer.Option("--ballots-cast", min=0)],
    ballots_issued: Annotated[int, typer.Option("--ballots-issued", min=0)],
    voters_on_list: Annotated[int, typer.Option("--voters-on-list", min=0)],
    key: KeyOption,
    vote: Annotated[
        list[str] | None, typer.Option("--vote", help="OPTION_ID=COUNT; repeat per line.")
    ] = None,
    invalid: Annotated[int, typer.Option("--invalid", min=0)] = 0,
    annulled: Annotated[bool, typer.Option("--annulled", help="The protocol was annulled.")] = (
        False
    ),
    corrects: Annotated[
        int | None,
        typer.Option("--corrects", min=0, help="The board seq of the protocol this corrects."),
    ] = None,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Add a paper precinct's protocol (totals) as a commission-signed board event."""
    place = " ".join(precinct.split())
    if not 0 < len(place) <= 64:
        raise CliError(CLI.bad_name, exit_code=BAD_INPUT, what=M.WHAT["precinct"])
    with open_election(db, election, key) as e:
        st = e.state
        votes = _votes(vote or [], e.manifest)
        if sum(votes.values()) + invalid > ballots_cast:
            raise CliError(CLI.paper_too_many, exit_code=BAD_INPUT)
        _refuse_if((not st.closed, CLI.not_closed), (st.results is not None, CLI.already_published))
        if corrects is None and place in st.protocols:
            raise CliError(CLI.paper_duplicate, precinct=place)
        # The invariants P1–P8 (record spec §R5.1) are checked by the board's state machine.
        payload = {
            "precinct": place,
            "voters_on_list": voters_on_list,
            "ballots_issued": ballots_issued,
            "ballots_cast": ballots_cast,
            "invalid": invalid,
            "votes": votes,
            "annulled": annulled,
            "corrects": corrects,
        }
        e.service.post(ev.PAPER_PROTOCOL, payload)
        e.sign_head()
    say(CLI.paper_added, precinct=place)
    emit(payload)


def _write_tally(out: Path, st: ElectionState, manifest: Manifest) -> None:
    assert st.tally is not None
    body = {"election": manifest.election_id, "tally": st.tally}
    write_document(out, TALLY_KIND, body, fingerprint=manifest.fingerprint)


@admin_app.command("tally")
@guarded
def tally(
    key: KeyOption,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the tally file for the trustees.")
    ] = None,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Sum the counted ballots homomorphically and post the encrypted tally.

    Re-run after the tally is posted, it only writes ``--out``.
    """
    if out is not None and out.exists():
        raise CliError(CLI.file_exists, path=out)
    with open_election(db, election, key) as e:
        if not e.state.tallied:
            post_tally(e.service)
            e.sign_head()
        elif out is None:
            raise CliError(CLI.already_tallied)
        st = e.state
        if out is not None:
            _write_tally(out, st, e.manifest)
        assert st.tally is not None
        counted = EncryptedTally.from_dict(st.tally).counted
    say(CLI.tally_posted, counted=counted)
    emit({"counted": counted, "tally_file": str(out) if out else None})


def read_share_file(path: Path, fingerprint: bytes) -> TallyShare:
    doc = read_document(path, SHARE_KIND, fingerprint)
    return decode(path, SHARE_KIND, lambda: TallyShare.from_dict(doc["share"]))


@admin_app.command("decrypt")
@guarded
def decrypt(
    files: Annotated[list[Path], typer.Argument(help="The trustees' decryption-share files.")],
    key: KeyOption,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Post the trustees' decryption shares; a share whose proofs fail is named and skipped."""
    with open_election(db, election, key) as e:
        shares = [read_share_file(p, e.manifest.fingerprint) for p in files]
        posted, skipped = add_shares(e.service, shares)
        if posted:
            e.sign_head()
        on_board = sorted(e.state.shares)
        threshold = e.manifest.threshold
    for j, reason in skipped:
        say(CLI.share_skipped, trustee=j, reason=text(reason))
    if not posted and skipped:
        raise CliError(CLI.no_valid_shares)
    say(CLI.shares_on_board, count=len(on_board), threshold=threshold)
    emit(
        {
            "posted": posted,
            "skipped": [{"trustee": j, "reason": text(r)} for j, r in skipped],
            "on_board": on_board,
            "threshold": threshold,
        }
    )


@admin_app.command("publish")
@guarded
def publish(
    key: KeyOption,
    voters_on_list: Annotated[
        int | None,
        typer.Option("--voters-on-list", min=0, help="Default: the number of credentials."),
    ] = None,
    ruleset: Annotated[
        str | None, typer.Option("--ruleset", help="A ruleset file with the manifest's ruleset ID.")
    ] = None,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Combine the decryption shares, decrypt the totals and post the results and outcome."""
    with open_election(db, election, key) as e:
        manifest = e.manifest
        rules = load_ruleset(ruleset or manifest.ruleset)
        _refuse_if(
            (e.state.tally is None, CLI.no_tally_yet),
            (e.state.results is not None, CLI.already_published),
        )
        if len(e.state.shares) < manifest.threshold:
            raise CliError(
                CLI.too_few_shares, count=len(e.state.shares), threshold=manifest.threshold
            )
        results = compute_results(e.state, rules, voters_on_list)
        e.service.post(ev.RESULTS, results)
        e.sign_head()
    message, params = outcome_line(results, manifest)
    say(message, **params)
    emit(results)


@admin_app.command("status")
@guarded
def status(db: DbOption = None, election: ElectionOption = None) -> None:
    """Where the election stands, from its board."""
    with open_election(db, election) as e:
        emit(summary(e))


def summary(e: OpenElection) -> dict[str, Any]:
    st = e.state
    m = e.manifest
    stage = (
        "published"
        if st.results is not None
        else "tallied"
        if st.tallied
        else "closed"
        if st.closed
        else "open"
        if st.opened
        else "credentials_issued"
        if st.credentials
        else "key_published"
        if st.key is not None
        else "created"
    )
    assert st.box is not None
    return {
        "election": m.election_id,
        "fingerprint": m.fingerprint.hex(),
        "stage": stage,
        "entries": st.size,
        "credentials": len(st.credentials),
        "ballots": len(st.ballots_seen),
        "counted": len(st.box.counted()),
        "paper_protocols": len(st.paper),
        "decryption_shares": sorted(st.shares),
        "outcome": st.results["outcome"] if st.results else None,
    }


admin_app.add_typer(device_app, name="device")
