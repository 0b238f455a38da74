"""``tandau community secret-…``: a meeting's secret vote, cast by members from their devices.

The steps particular to a session's secret question (``tandau.community.meeting_secret``):
``secret-create`` publishes its manifest (an election in mode ``community``, answers
for / against / abstain) for an agenda item of an open session and, with
``--server-data-dir``, puts the board-signing key in the web server's key ring
(``<data dir>/keys/<election>.ed25519``) so that members can cast from their phones
through the server; ``secret-codes``
writes one secret code per member registered present (mode 0600) and puts their
public credentials on the board; ``secret-publish`` decrypts the tally from the
trustees' shares, records the verified counts as the item's vote, where the
district's rules decide, and only then posts the results (a session closed
meanwhile refuses the vote and nothing is written).  Between them run the engine's own steps,
as for any election: the trustees' key ceremony, ``tandau admin open``, members'
ballots from their phones (the web booth ``/e/<election>/vote``, or ``tandau voter
encrypt|cast``), ``tandau admin close|tally``, ``tandau trustee decrypt``, ``tandau
admin decrypt``.  The record verifies with ``tandau-verify``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import Field
from sqlalchemy import Engine

from tandau.cli.community_polls import (  # with the poll, civic and base steps
    CommunityOpt,
    create_question,
    decrypt_counts,
    issue_codes,
    open_question,
    post_results,
)
from tandau.cli.community_steps import community_app, run_engine_step
from tandau.cli.json_commands import stdin_bytes
from tandau.cli.keys import load_key
from tandau.cli.options import DbOption, KeyOption
from tandau.community.errors import CommunityRefused
from tandau.community.inputs import Ident, Names, Text
from tandau.community.meeting_secret import (
    BALLOT_OUTCOME_REASON,
    recorded_secret_vote,
    secret_election_id,
    secret_question,
)
from tandau.community.records import as_dict
from tandau.community.secret_vote import YES_NO_ABSTAIN, question_manifest
from tandau.community.service import CommunityService, SecretResultIn
from tandau.law import parse_input
from tandau.law.inputs import InputModel
from tandau.schema import SqlCommunityStore
from tandau.storage.keyring import server_key_ring

__all__ = ["SecretQuestionIn", "community_app"]


class SecretQuestionIn(InputModel):
    community: Ident
    session: Ident
    item: Annotated[int, Field(ge=1)]
    question: Names
    trustees: Annotated[tuple[Text, ...], Field(min_length=1, max_length=15)]
    threshold: Annotated[int, Field(ge=1)]


SessionOpt = Annotated[str, typer.Option("--session", help="Session ID.")]
ItemOpt = Annotated[int, typer.Option("--item", help="Agenda item number.", min=1)]
ServerDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--server-data-dir",
        help="The web server's data directory (TANDAU_DATA_DIR): the board-signing key "
        "goes into its key ring, so members can cast through the server.",
    ),
]


@community_app.command("secret-create")
def secret_create(
    key: KeyOption, db: DbOption = None, server_data_dir: ServerDirOpt = None
) -> None:
    """Put an open session's agenda item to a secret vote on the engine. (JSON on stdin)"""

    def step(engine: Engine) -> object:
        data = parse_input(SecretQuestionIn, stdin_bytes())
        if data.threshold > len(data.trustees):
            raise CommunityRefused("poll_threshold", threshold=data.threshold)
        store = SqlCommunityStore(engine)
        q = secret_question(store, data.community, data.session, data.item)
        community = CommunityService(store).snapshot(data.community)["community"]
        signing = load_key(key)
        manifest = question_manifest(
            q.election,
            community["id"],
            community["name"],
            data.question.model_dump(),
            q.session.body_kind,
            q.session.day,
            YES_NO_ABSTAIN,
            data.trustees,
            data.threshold,
            signing.verify_key.hex(),
        )
        ring = None if server_data_dir is None else server_key_ring(server_data_dir)
        if ring is not None:  # checked and written before the board: a failure leaves no board
            if ring.has(q.election):
                raise CommunityRefused("server_key_exists", election=q.election)
            ring.store(q.election, signing)
        try:
            create_question(engine, manifest, signing, "secret_vote", q.election)
        except BaseException:
            if ring is not None:
                ring.remove(q.election)
            raise
        out = {"election": q.election, "agenda": q.agenda, "manifest": manifest.to_dict()}
        return out | ({} if ring is None else {"server_key": True})

    run_engine_step(db, step)


@community_app.command("secret-codes")
def secret_codes(
    community: CommunityOpt,
    session: SessionOpt,
    item: ItemOpt,
    sheet: Annotated[Path, typer.Option("--sheet", help="The secret code sheet to write (CSV).")],
    key: KeyOption,
    db: DbOption = None,
) -> None:
    """One secret code per member present; remote participants get none (consultative)."""

    def step(engine: Engine) -> object:
        q = secret_question(SqlCommunityStore(engine), community, session, item)
        board, svc = open_question(engine, q.election, key, "secret_vote", q.election)
        if svc.state.credentials:
            raise CommunityRefused("codes_issued", session=session)
        issue_codes(board, svc, list(q.voters), sheet, "member")
        return {
            "election": q.election,
            "codes": len(q.voters),
            "sheet": str(sheet),
            "remote_consultative": list(q.remote_consultative),
        }

    run_engine_step(db, step)


@community_app.command("secret-publish")
def secret_publish(
    community: CommunityOpt, session: SessionOpt, item: ItemOpt, key: KeyOption, db: DbOption = None
) -> None:
    """Decrypt, publish the counts, and record them as the item's vote (the rules decide)."""

    def step(engine: Engine) -> object:
        store = SqlCommunityStore(engine)
        # A vote recorded by a run whose board write failed: post its results now.
        vote = recorded_secret_vote(store, community, session, item)
        election = secret_election_id(community, session, item)
        if vote is None:
            secret_question(store, community, session, item)  # refused before any work
        board, svc = open_question(engine, election, key, "secret_vote", election)
        title = svc.state.require_manifest().title
        results = decrypt_counts(svc, BALLOT_OUTCOME_REASON)
        counts = {o["id"]: o["total"] for o in results["options"]}
        if vote is None:  # recorded first: a session closed meanwhile refuses it, nothing written
            data = {
                "community": community,
                "session": session,
                "item": item,
                "proposal": f"{title['kk']} / {title['ru']}",
                "election": election,
                "counts": counts,
            }
            vote = CommunityService(store).record_secret_result(SecretResultIn.model_validate(data))
        post_results(board, svc, results)
        return {"election": election, "results": results, "vote": as_dict(vote)}

    run_engine_step(db, step)
