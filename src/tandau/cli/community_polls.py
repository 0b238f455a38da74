"""``tandau community poll-…``: civic polls (consultative) on the verifiable engine.

A civic poll is an election in manifest mode ``community`` (the same ballots,
proofs, board and record as an akim election; ``tandau-verify`` checks it) whose
ID is ``<community>-poll-<id>``, so the community's public page can list it.  The
steps between these commands are the engine's own: the trustees' key ceremony
(``tandau trustee …``, ``tandau admin ceremony-publish``), ``tandau admin open``,
residents' ballots from their own device (``tandau voter encrypt|cast`` or the web
booth), ``tandau admin close|tally``, ``tandau trustee decrypt``, ``tandau admin
decrypt``.  This module adds what is particular to a poll: its manifest from the
community, one code per resident on the register, and results that advise rather
than decide (the outcome names the poll as consultative).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import Field
from sqlalchemy import Engine

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.cli.community_civic import community_app  # with the civic and base steps
from tandau.cli.community_steps import run_engine_step
from tandau.cli.database import replay
from tandau.cli.errors import CliError
from tandau.cli.files import write_bytes
from tandau.cli.json_commands import stdin_bytes
from tandau.cli.keys import check_commission_key, load_key
from tandau.cli.options import DbOption, KeyOption
from tandau.community.errors import CommunityRefused
from tandau.community.inputs import Ident, Names, Text
from tandau.community.messages import KIND_LABELS
from tandau.community.polls import POLL_OUTCOME_REASON, poll_election_id
from tandau.community.secret_vote import Answer, question_manifest
from tandau.community.service import CommunityService
from tandau.crypto.decryption import TallyShare, combine, decrypt_totals
from tandau.crypto.dlog import DlogTable
from tandau.crypto.rng import SystemRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.i18n import CLI
from tandau.law import parse_date, parse_input
from tandau.law.inputs import InputModel, IsoDate
from tandau.protocol import events as ev
from tandau.protocol.credentials import new_code
from tandau.protocol.manifest import Manifest
from tandau.protocol.tally import EncryptedTally
from tandau.schema import SqlCommunityStore
from tandau.spreadsheet import csv_text
from tandau.storage import SqlBoardStore

__all__ = [
    "PollIn",
    "create_question",
    "decrypt_counts",
    "issue_codes",
    "open_question",
    "post_results",
    "publish_counts",
]


class PollOption(InputModel):
    id: Ident
    name: Names


class PollIn(InputModel):
    community: Ident
    id: Ident
    question: Names
    options: Annotated[tuple[PollOption, ...], Field(min_length=2, max_length=12)]
    day: IsoDate
    trustees: Annotated[tuple[Text, ...], Field(min_length=1, max_length=15)]
    threshold: Annotated[int, Field(ge=1)]


@community_app.command("poll-create")
def poll_create(key: KeyOption, db: DbOption = None) -> None:
    """Create a civic poll (question, options, trustees) of a community. (JSON on stdin)"""
    data = None

    def step(engine: Engine) -> object:
        nonlocal data
        data = parse_input(PollIn, stdin_bytes())
        if data.threshold > len(data.trustees):
            raise CommunityRefused("poll_threshold", threshold=data.threshold)
        community = CommunityService(SqlCommunityStore(engine)).snapshot(data.community)
        signing = load_key(key)
        eid = poll_election_id(data.community, data.id)
        manifest = question_manifest(
            eid,
            community["community"]["id"],
            community["community"]["name"],
            data.question.model_dump(),
            "poll",
            data.day,
            [Answer(o.id, o.name.model_dump()) for o in data.options],
            data.trustees,
            data.threshold,
            signing.verify_key.hex(),
        )
        create_question(engine, manifest, signing, "poll", data.id)
        return {"election": eid, "consultative": True, "manifest": manifest.to_dict()}

    run_engine_step(db, step)


def create_question(
    engine: Engine, manifest: Manifest, signing: HeadSigningKey, kind: str, id: str
) -> None:
    """Publish a new community question's manifest on its own board."""
    store = SqlBoardStore(engine)
    if store.size(manifest.election_id):
        raise CommunityRefused("exists", kind=KIND_LABELS[kind], id=id)
    board = Board(store, manifest.election_id, key=signing)
    ElectionService(board).create(manifest)
    board.head()


def open_question(
    engine: Engine, eid: str, key: Path, kind: str, id: str
) -> tuple[Board, ElectionService]:
    """The board of a community question (a poll or a meeting's secret vote), replayed."""
    store = SqlBoardStore(engine)
    if store.size(eid) == 0:
        raise CommunityRefused("not_found", kind=KIND_LABELS[kind], id=id)
    signing = load_key(key)
    board = Board(store, eid, key=signing)
    svc = ElectionService(board)
    replay(svc, board)
    check_commission_key(signing, svc.state.require_manifest())
    return board, svc


def issue_codes(
    board: Board, svc: ElectionService, people: list[str], sheet: Path, column: str
) -> None:
    """One secret code per person: the sheet (mode 0600), public credentials to the board."""
    manifest = svc.state.require_manifest()
    rng = SystemRng()
    codes = [new_code(rng) for _ in people]
    creds = driver.credentials(manifest, codes)
    rows = [
        (p, code, cred.public.hex()) for p, code, cred in zip(people, codes, creds, strict=True)
    ]
    write_bytes(sheet, csv_text((column, "code", "credential"), rows).encode(), secret=True)
    try:
        driver.publish_credentials(svc, [c.public for c in creds])
    except BaseException:
        sheet.unlink()  # no credential on the board: the codes would be worthless
        raise
    board.head()


CommunityOpt = Annotated[str, typer.Option("--community", help="Community ID.")]
PollOpt = Annotated[str, typer.Option("--poll", help="Poll ID.")]


@community_app.command("poll-codes")
def poll_codes(
    community: CommunityOpt,
    poll: PollOpt,
    date: Annotated[str, typer.Option("--date", help="The register's day, YYYY-MM-DD.")],
    sheet: Annotated[Path, typer.Option("--sheet", help="The secret code sheet to write (CSV).")],
    key: KeyOption,
    db: DbOption = None,
) -> None:
    """One secret code per resident on the register: public credentials to the board."""

    def step(engine: Engine) -> object:
        day = parse_date("date", date)
        residents = CommunityService(SqlCommunityStore(engine)).register(
            community, "gathering", day
        )
        board, svc = open_question(engine, poll_election_id(community, poll), key, "poll", poll)
        if svc.state.credentials:
            raise CommunityRefused("poll_codes_issued", poll=poll)
        issue_codes(board, svc, residents, sheet, "resident")
        return {"election": board.election, "codes": len(residents), "sheet": str(sheet)}

    run_engine_step(db, step)


@community_app.command("poll-publish")
def poll_publish(
    community: CommunityOpt, poll: PollOpt, key: KeyOption, db: DbOption = None
) -> None:
    """Decrypt the tally from the trustees' shares and publish the counts (consultative)."""

    def step(engine: Engine) -> object:
        board, svc = open_question(engine, poll_election_id(community, poll), key, "poll", poll)
        results = publish_counts(board, svc, POLL_OUTCOME_REASON)
        return {"election": board.election, "consultative": True, **results}

    run_engine_step(db, step)


def publish_counts(board: Board, svc: ElectionService, reason: str) -> dict[str, Any]:
    """Decrypt the tally from the trustees' shares and post the results (a community result)."""
    results = decrypt_counts(svc, reason)
    post_results(board, svc, results)
    return results


def post_results(board: Board, svc: ElectionService, results: dict[str, Any]) -> None:
    svc.post(ev.RESULTS, results)
    board.head()


def decrypt_counts(svc: ElectionService, reason: str) -> dict[str, Any]:
    """The results a community question's decrypted tally gives; nothing is posted."""
    st = svc.state
    manifest = st.require_manifest()
    if st.tally is None:
        raise CliError(CLI.no_tally_yet)
    if st.results is not None:
        raise CliError(CLI.already_published)
    if len(st.shares) < manifest.threshold:
        raise CliError(CLI.too_few_shares, count=len(st.shares), threshold=manifest.threshold)
    tally = EncryptedTally.from_dict(st.tally)
    shares = [TallyShare.from_dict(p) for _, p in sorted(st.shares.items())]
    comb = combine(
        tally.ciphertexts,
        shares,
        st.verification_keys,
        manifest.threshold,
        manifest.fingerprint,
    )
    totals = decrypt_totals(
        tally.ciphertexts, comb, DlogTable.for_bound(manifest.tally_bound(tally.counted))
    )
    valid = {s.trustee for s in shares} - set(comb.skipped_trustees)
    results: dict[str, Any] = {
        "options": [
            {"id": o.id, "e_votes": e, "paper_votes": 0, "total": e}
            for o, e in zip(manifest.options, totals, strict=True)
        ],
        "counted": tally.counted,
        "paper_ballots": 0,
        "trustees_used": list(comb.used),
        "skipped_trustees": [t.index for t in manifest.trustees if t.index not in valid],
        "outcome": {
            "status": "community_result",
            "winner": None,
            "reasons": [reason],
        },
    }
    return results
