"""``tandau voter``: encrypt a ballot, audit it (Benaloh), cast it, check the receipt.

The election (manifest, joint key, credential list) is read from the database
(``--db``) or from an exported record (``--record``), so a voter's device can
encrypt and audit offline.  A ballot that was audited is spoiled — its
opening reveals the vote — so ``audit`` leaves a ``BALLOT.spoiled`` mark next
to it and ``cast`` refuses a marked ballot: encrypt again and cast the new one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tandau.admin.election import MAX_BALLOT_BYTES, parse_ballot
from tandau.crypto.elgamal import PublicKey
from tandau.crypto.rng import SystemRng
from tandau.crypto.selection import Opening
from tandau.i18n import CLI
from tandau.protocol.ballot import audit_ballot, create_ballot
from tandau.protocol.credentials import derive
from tandau.protocol.errors import InvalidObject
from tandau.protocol.events import ElectionState
from tandau.protocol.manifest import Manifest

from .database import open_election, setup_state
from .errors import BAD_INPUT, CliError, guarded
from .files import decode, read_document, write_bytes, write_document
from .options import DbOption, ElectionOption, KeyOption, RecordOption, role_app
from .output import emit, locale, say
from .receipts import check_against_board, check_against_record, read_receipt
from .record_file import RecordFile

__all__ = ["voter_app"]

voter_app = role_app("voter", "A voter: encrypt a ballot, audit it, cast it, check the receipt.")

OPENING = "ballot-opening"


def _election(db: str | None, election: str | None, record: Path | None) -> ElectionState:
    if record is not None:
        return setup_state(RecordFile.open(record).entries())
    with open_election(db, election, full=False) as e:
        return e.state


def _keyed_election(
    db: str | None, election: str | None, record: Path | None
) -> tuple[ElectionState, Manifest, PublicKey]:
    """The election's state, manifest and key; refused before its key is published."""
    st = _election(db, election, record)
    if st.key is None:
        raise CliError(CLI.no_key_yet)
    return st, st.require_manifest(), st.key


def _choices(items: list[str], st: ElectionState) -> list[int]:
    manifest = st.require_manifest()
    ids = [o.id for o in manifest.options]
    counts = [0] * len(ids)
    for item in items:
        if item in ids:
            counts[ids.index(item)] += 1
        elif item.isdigit() and 1 <= int(item) <= len(ids):
            counts[int(item) - 1] += 1
        else:
            raise CliError(CLI.choice_unknown, exit_code=BAD_INPUT, choice=item, ids=", ".join(ids))
    try:
        manifest.rule.check_plaintext(counts)
    except ValueError as exc:
        raise CliError(CLI.choice_invalid, exit_code=BAD_INPUT) from exc
    return counts


def _spoiled_mark(ballot: Path) -> Path:
    return ballot.with_name(ballot.name + ".spoiled")


@voter_app.command("encrypt")
@guarded
def encrypt(
    choice: Annotated[
        list[str], typer.Option("--choice", help="An option ID (or ballot line number).")
    ],
    out: Annotated[Path, typer.Option("--out", help="The ballot file to write.")],
    code: Annotated[
        str | None, typer.Option("--code", help="Your credential code (asked if not given).")
    ] = None,
    opening: Annotated[
        Path | None,
        typer.Option("--opening", help="Also keep the opening, to audit this ballot."),
    ] = None,
    db: DbOption = None,
    election: ElectionOption = None,
    record: RecordOption = None,
) -> None:
    """Encrypt your choice into a signed ballot file."""
    st, manifest, key = _keyed_election(db, election, record)
    if code is None:
        code = typer.prompt(CLI.code_prompt.render(locale()), hide_input=True)
    try:
        cred = derive(manifest.fingerprint, code)
    except InvalidObject as exc:
        raise CliError(CLI.code_malformed, exit_code=BAD_INPUT) from exc
    if cred.public.data not in st.credentials:
        raise CliError(CLI.code_unknown)
    counts = _choices(choice, st)
    for p in (out, opening):
        if p is not None and p.exists():
            raise CliError(CLI.file_exists, path=p)
    ballot, secret = create_ballot(
        manifest.fingerprint, key, manifest.rule, counts, cred, SystemRng()
    )
    if opening is not None:
        body = {"tracking_code": ballot.tracking_code, "opening": secret.to_dict()}
        write_document(opening, OPENING, body, fingerprint=manifest.fingerprint, secret=True)
    write_bytes(out, ballot.canonical() + b"\n")
    say(CLI.ballot_written, code=ballot.tracking_code, path=out)
    emit({"tracking_code": ballot.tracking_code, "ballot": str(out), "opening": _str(opening)})


def _str(p: Path | None) -> str | None:
    return None if p is None else str(p)


def _read_ballot(path: Path) -> Any:
    if not path.is_file():
        raise CliError(CLI.file_missing, exit_code=BAD_INPUT, path=path)
    if path.stat().st_size > MAX_BALLOT_BYTES:
        raise CliError(CLI.file_too_big, exit_code=BAD_INPUT, path=path)
    return path.read_bytes()


@voter_app.command("audit")
@guarded
def audit(
    ballot_file: Annotated[Path, typer.Argument(help="The ballot file.")],
    opening: Annotated[Path, typer.Option("--opening", help="The ballot's opening file.")],
    db: DbOption = None,
    election: ElectionOption = None,
    record: RecordOption = None,
) -> None:
    """Benaloh challenge: check the device encrypted the choice it showed. Spoils the ballot."""
    _, manifest, key = _keyed_election(db, election, record)
    ballot = parse_ballot(_read_ballot(ballot_file))
    doc = read_document(opening, OPENING, manifest.fingerprint)
    if doc.get("tracking_code") != ballot.tracking_code:
        raise CliError(CLI.opening_other_ballot, exit_code=BAD_INPUT)
    secret = decode(opening, OPENING, lambda: Opening.from_dict(doc["opening"]))
    if ballot.election != manifest.fingerprint.hex():
        raise CliError(CLI.refused_wrong_election)
    choices = audit_ballot(key, ballot, secret)
    mark = _spoiled_mark(ballot_file)
    if not mark.exists():
        write_bytes(mark, ballot.tracking_code.encode() + b"\n")
    if record is None:  # the database refuses to cast it too, even without the mark file
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with open_election(db, election, full=False) as e:
            e.service.record_audit(ballot, at)
    chosen = {o.id: n for o, n in zip(manifest.options, choices, strict=True) if n}
    names = ", ".join(o.name[locale()] for o in manifest.options if chosen.get(o.id))
    say(CLI.audit_ok, choice=names)
    say(CLI.audit_spoiled)
    emit({"tracking_code": ballot.tracking_code, "choices": chosen, "spoiled": True})


@voter_app.command("cast")
@guarded
def cast(
    ballot_file: Annotated[Path, typer.Argument(help="The ballot file.")],
    key: KeyOption,
    receipt: Annotated[
        Path | None, typer.Option("--receipt", help="Also write the receipt to this file.")
    ] = None,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Submit a ballot as the polling-station server does; print the receipt."""
    if _spoiled_mark(ballot_file).exists():
        raise CliError(CLI.ballot_spoiled, path=ballot_file)
    if receipt is not None and receipt.exists():
        raise CliError(CLI.file_exists, path=receipt)
    raw = _read_ballot(ballot_file)
    with open_election(db, election, key) as e:
        r = e.service.cast(raw)
    payload = r.to_dict()
    if receipt is not None:
        write_bytes(receipt, (json.dumps(payload, indent=2) + "\n").encode())
    say(CLI.cast_ok, code=r.tracking_code, seq=r.seq)
    emit(payload)


@voter_app.command("check-receipt")
@guarded
def check_receipt(
    receipt: Annotated[Path, typer.Argument(help="The receipt file (from cast).")],
    db: DbOption = None,
    election: ElectionOption = None,
    record: RecordOption = None,
) -> None:
    """Check your ballot is on the board: inclusion in the signed head, and the board extends it."""
    r = read_receipt(receipt)
    if record is not None:
        summary = check_against_record(r, record)
    else:
        with open_election(db, election or r.head.election, full=False) as e:
            summary = check_against_board(r, e.board, e.manifest)
    say(CLI.receipt_ok, code=r.tracking_code, seq=r.seq, size=summary["board_tree_size"])
    emit(summary)
