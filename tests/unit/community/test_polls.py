"""A civic poll's public summary: found by its ID, never a count before the results are
published, the counts and the consultative label after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.community.polls import (
    POLL_OUTCOME_REASON,
    is_poll_of,
    poll_election_id,
    poll_summary,
)
from tandau.community.secret_vote import YES_NO_ABSTAIN, question_manifest, run_secret_vote
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.storage import SqlBoardStore, upgrade


def test_poll_summary_before_and_after_publishing(tmp_path: Path) -> None:
    rng = DeterministicRng(b"civic-poll")
    url = f"sqlite:///{tmp_path / 'board.sqlite3'}"
    upgrade(url)
    key = HeadSigningKey.generate(rng)
    eid = poll_election_id("akdala", "lights")
    assert is_poll_of("akdala", eid) and not is_poll_of("akdala", "akdala-m1-item2")
    question = {"kk": "Шам керек пе?", "ru": "Нужны фонари?", "en": "Street lights?"}
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    trustees = ["Trustee 1", "Trustee 2", "Trustee 3"]
    manifest = question_manifest(
        eid,
        "000000000",
        names,
        question,
        "poll",
        date(2026, 5, 1),
        YES_NO_ABSTAIN,
        trustees,
        2,
        key.verify_key.hex(),
    )
    with SqlBoardStore.from_url(url) as store:
        first = Board(store, eid, key=key)
        ElectionService(first).create(manifest)
        preparing = poll_summary(Board(store, eid))
        assert preparing["stage"] == "preparing" and preparing["counts"] is None
        assert preparing["question"] == question and preparing["consultative"] is True
    other = tmp_path / "other.sqlite3"
    upgrade(f"sqlite:///{other}")
    with SqlBoardStore.from_url(f"sqlite:///{other}") as store:
        board = Board(store, eid, key=key)
        run_secret_vote(board, manifest, ["for", "for", "against"], rng, POLL_OUTCOME_REASON)
        done = poll_summary(Board(store, eid))
    assert done["stage"] == "published"
    assert done["counts"] == {"for": 2, "against": 1, "abstained": 0}
