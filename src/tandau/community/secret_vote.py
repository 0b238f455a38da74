"""Secret community votes on the verifiable engine: ONE adapter over ``tandau.admin``.

A community question is an election in manifest mode ``community`` whose options
are answers (``kind: "answer"``: yes / no / abstain, or several options).  It uses
the same ballots, proofs, board and record as an akim election, and the record is
checked by ``tandau-verify`` — there is no second format (ADR 0011).

This module drives the engine in one process — key ceremony, one credential per
person on the register, casting, tally, decryption shares, results — for the demo,
the tests and small consultative polls, through the shared election driver
(``tandau.admin.driver``); it adds only the manifest and the results payload.

The results' ``outcome`` is ``{"status": "community_result", "winner": null,
"reasons": [...]}``: the verifier checks the counts; whether the proposal is adopted
is the community rule's answer (:func:`tandau.community.rules.decide`) on those
counts, stored with the decision and its source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.rng import Rng
from tandau.crypto.selection import SelectionRule
from tandau.protocol import events as ev
from tandau.protocol.credentials import new_code
from tandau.protocol.manifest import Manifest, Option, Trustee

__all__ = [
    "OUTCOME_STATUS",
    "YES_NO_ABSTAIN",
    "Answer",
    "SecretVoteResult",
    "question_manifest",
    "run_secret_vote",
]

#: The results' outcome status of a community question (record spec, docs/spec/community.md).
OUTCOME_STATUS = "community_result"


@dataclass(frozen=True, slots=True)
class Answer:
    id: str
    name: Mapping[str, str]


YES_NO_ABSTAIN: tuple[Answer, ...] = (
    Answer("for", {"kk": "Иә", "ru": "За", "en": "For"}),
    Answer("against", {"kk": "Жоқ", "ru": "Против", "en": "Against"}),
    Answer("abstained", {"kk": "Қалыс", "ru": "Воздержался", "en": "Abstain"}),
)


@dataclass(frozen=True, slots=True)
class SecretVoteResult:
    """The published results and the counts per answer, as decrypted."""

    manifest: Manifest
    results: dict[str, Any]
    counts: dict[str, int]


def question_manifest(
    election_id: str,
    unit_code: str,
    unit_name: Mapping[str, str],
    question: Mapping[str, str],
    body: str,
    day: date,
    answers: Sequence[Answer],
    trustees: Sequence[str],
    threshold: int,
    commission_key: str,
) -> Manifest:
    """The manifest of a community question: mode ``community``, one answer per ballot."""
    options = tuple(Option(a.id, "answer", dict(a.name)) for a in answers)
    return Manifest(
        election_id=election_id,
        title=dict(question),
        unit_code=unit_code,
        unit_name=dict(unit_name),
        office=f"community_{body}",
        ruleset="kz-community-2021",
        polling_day=day.isoformat(),
        mode="community",
        options=options,
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, name) for i, name in enumerate(trustees, start=1)),
        threshold=threshold,
        commission_key=commission_key,
    )


def run_secret_vote(
    board: Board, manifest: Manifest, choices: Sequence[str], rng: Rng, source: str
) -> SecretVoteResult:
    """Run the whole vote in process: one credential and one ballot per entry of ``choices``.

    ``choices`` holds each voter's answer id (the caller never stores them: only
    the encrypted ballots reach the board).  ``source`` is the rule the community
    applies to the counts, cited in the outcome.  Every step is the shared
    election driver's (``tandau.admin.driver``).
    """
    svc = ElectionService(board)
    n, t = len(manifest.trustees), manifest.threshold
    trustees = driver.key_ceremony(manifest.fingerprint, n, t, rng)
    creds = driver.credentials(manifest, [new_code(rng) for _ in choices])
    driver.set_up(svc, manifest, trustees, creds)
    ids = [o.id for o in manifest.options]
    for cred, choice in zip(creds, choices, strict=True):
        driver.cast(svc, manifest, trustees.joint_key, cred, ids.index(choice), rng)
    svc.close()
    tally = driver.post_tally(svc)
    present = list(range(1, t + 1))
    shares = driver.post_shares(svc, trustees, present, tally.ciphertexts, rng)
    dec = driver.decrypt(trustees, tally.ciphertexts, shares, manifest.tally_bound(tally.counted))
    counts = dict(zip(ids, dec.totals, strict=True))
    results = {
        "options": [
            {"id": i, "e_votes": e, "paper_votes": 0, "total": e} for i, e in counts.items()
        ],
        "counted": tally.counted,
        "paper_ballots": 0,
        "trustees_used": list(dec.used),
        "skipped_trustees": [i for i in range(1, n + 1) if i not in dec.used],
        "outcome": {"status": OUTCOME_STATUS, "winner": None, "reasons": [source]},
    }
    svc.post(ev.RESULTS, results)
    board.head()
    return SecretVoteResult(manifest, results, counts)
