"""A secret community vote runs on the verifiable engine and its record verifies.

Manifest mode ``community``, answers yes/no/abstain; the same board, ballots and
record as an akim election; ``tandau-verify`` accepts the record and refuses an
outcome that names a winner.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tandau.board import Board
from tandau.cli.record import export_record
from tandau.community.secret_vote import YES_NO_ABSTAIN, question_manifest, run_secret_vote
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.storage import SqlBoardStore, upgrade
from tandau_verify.report import Report
from tandau_verify.results_checks import check_community_outcome
from tandau_verify.verify import verify_record

CHOICES = ["for", "for", "against", "for", "abstained", "for", "against"]


def _vote(tmp_path: Path, seed: bytes = b"community-secret") -> tuple[Path, dict[str, int]]:
    rng = DeterministicRng(seed)
    url = f"sqlite:///{tmp_path / 'board.sqlite3'}"
    upgrade(url)
    key = HeadSigningKey.generate(rng)
    manifest = question_manifest(
        "akdala-m1-item1",
        "000000000",
        {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"},
        {"kk": "Бюджет жобасы", "ru": "Проект бюджета", "en": "Draft budget"},
        "meeting",
        date(2026, 3, 1),
        YES_NO_ABSTAIN,
        ["Trustee 1", "Trustee 2", "Trustee 3"],
        2,
        key.verify_key.hex(),
    )
    record = tmp_path / "record.jsonl"
    with SqlBoardStore.from_url(url) as store:
        board = Board(store, manifest.election_id, key=key)
        result = run_secret_vote(board, manifest, CHOICES, rng, "example district rule [U]")
        export_record(board, manifest, record)
    return record, result.counts


def test_the_counts_are_right_and_the_record_verifies(tmp_path: Path) -> None:
    record, counts = _vote(tmp_path)
    assert counts == {"for": 4, "against": 2, "abstained": 1}
    report = verify_record(record)
    assert report.ok, [(c.id, c.detail) for c in report.checks.values() if not c.passed]
    text = record.read_text(encoding="utf-8")
    assert '"mode":"community"' in text and '"kind":"answer"' in text
    for choice in ("for", "against", "abstained"):  # no plaintext choice beside the options
        assert f'"choice":"{choice}"' not in text


@pytest.mark.parametrize(
    "outcome",
    [
        {"status": "community_result", "winner": "for", "reasons": ["rule"]},
        {"status": "community_result", "winner": None, "reasons": []},
        {"status": "elected", "winner": None, "reasons": ["rule"]},
    ],
)
def test_the_verifier_refuses_a_community_outcome_that_is_not_one(outcome: dict[str, Any]) -> None:
    report = Report()
    check_community_outcome(report, outcome)
    assert not report.ok and report.failed()[0].id == "V11"
    good = Report()
    check_community_outcome(good, {"status": "community_result", "winner": None, "reasons": ["r"]})
    assert good.ok
