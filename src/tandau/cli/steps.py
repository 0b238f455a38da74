"""The commission's steps on an election's board, shared by ``tandau admin`` and ``tandau demo``.

Each step checks everything it is about to post before it posts the first
event, so a refused step leaves the board as it was: the ceremony is
finalised from the files before any dealing is posted, decryption shares are
verified before any is posted.  Events the board already holds (a step
re-run after an interruption) are not posted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.admin.messages import ADMIN_RULES
from tandau.board.entry import check_election_id
from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Dealing,
    Response,
    Reveal,
    check_dealing,
    finalize,
)
from tandau.crypto.decryption import TallyShare, verify_tally_share
from tandau.crypto.errors import CryptoError, InvalidShare, TandauError
from tandau.crypto.selection import SelectionRule
from tandau.i18n import CLI, Message
from tandau.law import load_ruleset, parse_date
from tandau.law.messages import AGAINST_ALL
from tandau.protocol import events as ev
from tandau.protocol.manifest import MODES, Manifest, Option, Trustee
from tandau.protocol.tally import EncryptedTally

from . import messages as M
from .errors import BAD_INPUT, CliError

__all__ = [
    "AGAINST_ALL_ID",
    "ElectionSpec",
    "Names",
    "add_shares",
    "build_manifest",
    "post_tally",
    "publish_ceremony",
]

#: The option id of the "against all" line.
AGAINST_ALL_ID = "against"
_MAX_NAME = 200


#: A name: one text for every language, or one per language (kk, ru, en).
Names = str | Mapping[str, str]


def _names(value: Names, what: str) -> dict[str, str]:
    if isinstance(value, str):
        return driver.same_names(_name(value, what))
    return {lang: _name(value[lang], what) for lang in ("kk", "ru", "en")}


@dataclass(frozen=True, slots=True)
class ElectionSpec:
    """What the commission decides about an election before the manifest is fixed."""

    election_id: str
    unit_code: str
    unit_name: Names
    ruleset: str
    polling_day: str
    candidates: tuple[tuple[Names, str | None], ...]  # (name, party or None), in ballot order
    trustees: tuple[str, ...]
    threshold: int
    mode: str = "polling-station"
    title: Names | None = None
    office: str | None = None  # must be the ruleset's office when given


def _name(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not 0 < len(cleaned) <= _MAX_NAME:
        raise CliError(CLI.bad_name, exit_code=BAD_INPUT, what=M.WHAT[what])
    return cleaned


def build_manifest(spec: ElectionSpec, commission_key: str) -> Manifest:
    """The manifest of ``spec`` under its ruleset: office, "against all" line, dates checked."""
    try:
        check_election_id(spec.election_id)
    except TandauError as exc:
        raise CliError(CLI.bad_election_id, exit_code=BAD_INPUT) from exc
    ruleset = load_ruleset(spec.ruleset)
    day = parse_date("polling_day", spec.polling_day)
    if not ruleset.in_force(day):
        raise CliError(
            ADMIN_RULES["lifecycle.ruleset_in_force"].message,
            exit_code=BAD_INPUT,
            ruleset=ruleset.id,
            day=day.isoformat(),
        )
    if spec.office is not None and spec.office != ruleset.office:
        expected = {"ruleset": ruleset.id, "expected": ruleset.office}
        raise CliError(CLI.office_mismatch, exit_code=BAD_INPUT, office=spec.office, **expected)
    if spec.mode not in MODES:
        raise CliError(CLI.bad_mode, exit_code=BAD_INPUT, modes=", ".join(MODES))
    if not spec.candidates:
        raise CliError(CLI.no_candidates, exit_code=BAD_INPUT)
    if not 1 <= len(spec.trustees) <= 255:
        raise CliError(CLI.bad_trustees, exit_code=BAD_INPUT)
    if not 1 <= spec.threshold <= len(spec.trustees):
        raise CliError(CLI.bad_threshold, exit_code=BAD_INPUT, n=len(spec.trustees))
    unit_name = _names(spec.unit_name, "unit")
    options = [
        Option(
            f"c{i}",
            "candidate",
            _names(name, "candidate"),
            _name(party, "party") if party else None,
        )
        for i, (name, party) in enumerate(spec.candidates, start=1)
    ]
    if ruleset.parameters.ballot.against_all.value:
        options.append(Option(AGAINST_ALL_ID, "against_all", AGAINST_ALL.localize()))
    title = (
        _names(spec.title, "title")
        if spec.title
        else {lang: CLI.default_title.render(lang, {"unit": unit_name[lang]}) for lang in unit_name}
    )
    return Manifest(
        election_id=spec.election_id,
        title=title,
        unit_code=_name(spec.unit_code, "unit"),
        unit_name=unit_name,
        office=ruleset.office,
        ruleset=ruleset.id,
        polling_day=date.isoformat(day),
        mode=spec.mode,
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(
            Trustee(i, _name(t, "trustee")) for i, t in enumerate(spec.trustees, start=1)
        ),
        threshold=spec.threshold,
        commission_key=commission_key,
    )


def _params_match(params: CeremonyParameters, manifest: Manifest) -> None:
    if (
        params.fingerprint != manifest.fingerprint
        or params.trustees != len(manifest.trustees)
        or params.threshold != manifest.threshold
    ):
        raise CliError(CLI.ceremony_params_mismatch_board, exit_code=BAD_INPUT)


def publish_ceremony(
    svc: ElectionService,
    params: CeremonyParameters,
    dealings: Mapping[int, Dealing],
    responses: Mapping[int, Response],
    reveals: Iterable[Reveal],
) -> tuple[CeremonyResult, list[int]]:
    """Post the ceremony's public record and the joint key (crypto spec §6.5).

    A dealing that fails its public checks is left off (its dealer could never
    qualify) and named in the second value.  The result is computed before
    anything is posted: too few qualified dealers posts nothing.
    """
    st = svc.sync()
    _params_match(params, st.require_manifest())
    if st.key is not None:
        raise CliError(CLI.ceremony_done)
    valid: dict[int, Dealing] = {}
    rejected: list[int] = []
    for i, d in sorted(dealings.items()):
        try:
            check_dealing(params, d)
        except CryptoError:
            rejected.append(i)
            continue
        valid[i] = d
    reveal_list = sorted(reveals, key=lambda v: (v.dealer, v.recipient))
    result = finalize(params, valid.values(), responses.values(), reveal_list)
    posts: list[tuple[str, dict[str, object]]] = []
    for i, d in valid.items():
        _once(st.dealings.get(i), d.to_dict(), posts, ev.CEREMONY_DEALING, "dealing", i)
    for j, r in sorted(responses.items()):
        _once(st.responses.get(j), r.to_dict(), posts, ev.CEREMONY_RESPONSE, "response", j)
    for v in reveal_list:
        payload = {"trustee": v.dealer, "reveal": v.to_dict()}
        if payload not in st.reveals:
            posts.append((ev.CEREMONY_REVEAL, payload))
    for type_, payload in posts:
        svc.post(type_, payload)
    svc.post(ev.ELECTION_KEY, result.to_dict())
    return result, rejected


def _once(
    on_board: object,
    body: dict[str, object],
    posts: list[tuple[str, dict[str, object]]],
    type_: str,
    name: str,
    index: int,
) -> None:
    if on_board is None:
        posts.append((type_, {"trustee": index, name: body}))
    elif on_board != body:
        raise CliError(CLI.ceremony_board_conflict, index=index)


def post_tally(svc: ElectionService) -> EncryptedTally:
    """The homomorphic sum of the counted ballots, posted (record spec §R6)."""
    st = svc.sync()
    if not st.closed:
        raise CliError(CLI.not_closed)
    if st.tallied:
        raise CliError(CLI.already_tallied)
    return driver.post_tally(svc)


def add_shares(
    svc: ElectionService, shares: Sequence[TallyShare]
) -> tuple[list[int], list[tuple[int, Message]]]:
    """Verify trustees' decryption shares and post the valid ones (crypto spec §7.2).

    Returns the trustees posted and the trustees skipped with the reason; a
    share already on the board is not posted again.
    """
    st = svc.sync()
    if st.tally is None:
        raise CliError(CLI.no_tally_yet)
    if st.results is not None:
        raise CliError(CLI.already_published)
    cts = EncryptedTally.from_dict(st.tally).ciphertexts
    fp = st.fingerprint
    chosen: dict[int, TallyShare] = {}
    skipped: list[tuple[int, Message]] = []
    for share in shares:
        j = share.trustee
        if j in st.shares or j in chosen:
            if st.shares.get(j) != share.to_dict() and chosen.get(j) != share:
                skipped.append((j, CLI.share_duplicate))
            continue
        y = st.verification_keys.get(j)
        if y is None:
            skipped.append((j, CLI.share_no_key))
            continue
        try:
            verify_tally_share(share, cts, y, fp)
        except InvalidShare:
            skipped.append((j, CLI.share_invalid))
            continue
        chosen[j] = share
    for j, share in sorted(chosen.items()):
        svc.post(ev.TALLY_SHARE, {"trustee": j, "share": share.to_dict()})
    return sorted(chosen), skipped
