"""The demo's second election: finished, in the neighbouring Zhanatalap rural okrug.

So that a newcomer sees the end of an election and not only its middle: voting
is closed, one precinct voted on paper, the tally is decrypted by three of the
five trustees (their decryption proofs are on the board), the ruleset decided
the outcome, and the results are published.  Its record downloads from
``/e/<id>/record`` and ``tandau-verify`` says VERIFIED on it (``/verify`` shows how).

Every step goes through the election driver (``tandau.admin.driver``), the
same service calls the commission's tools make.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.rng import Rng
from tandau.law import Returns, decide_outcome, load_ruleset
from tandau.protocol import events as ev
from tandau.protocol.credentials import new_code
from tandau.protocol.manifest import Manifest
from tandau.storage import SqlBoardStore
from tandau.storage.keyring import KeyRing

from .demo import ballot_options, names

__all__ = ["FINISHED_ELECTION", "FinishedElection", "seed_finished"]

FINISHED_ELECTION = "demo-zhanatalap-2026"

_CANDIDATES = (
    ("c-omarova", "Омарова Динара", "Омарова Динара", "Dinara Omarova", "Аманат"),
    ("c-kim", "Ким Сергей", "Ким Сергей", "Sergei Kim", None),
    ("c-tulegenov", "Төлегенов Арман", "Тулегенов Арман", "Arman Tulegenov", "Respublica"),
)
#: How the demo's e-voters vote (option index per voter) and the paper precinct's protocol.
_E_CHOICES = (0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 2, 0, 1, 0)
_PAPER = {"c-omarova": 41, "c-kim": 27, "c-tulegenov": 12, "against": 3}
_PAPER_INVALID = 2
_VOTERS_ON_LIST = 140
_DECRYPTING = (1, 2, 4)  # trustees 3 and 5 stay home: any 3 of 5 suffice


@dataclass(frozen=True)
class FinishedElection:
    election: str
    winner: str | None
    counted: int


def finished_manifest(commission_key_hex: str) -> Manifest:
    options = ballot_options(_CANDIDATES)
    return driver.akim_manifest(
        FINISHED_ELECTION,
        options,
        title=names(
            "Жаңаталап ауылдық округі әкімінің сайлауы (демо, аяқталған)",
            "Выборы акима Жанаталапского сельского округа (демо, завершены)",
            "Election of the akim of Zhanatalap rural okrug (demo, finished)",
        ),
        unit_code="991200000",
        unit_name=names(
            "Жаңаталап ауылдық округі", "Жанаталапский сельский округ", "Zhanatalap rural okrug"
        ),
        polling_day="2026-11-15",
        mode="remote-pilot",
        trustees=5,
        threshold=3,
        commission_key=commission_key_hex,
    )


def _outcome(manifest: Manifest, totals: dict[str, int], counted: int) -> dict[str, Any]:
    """The ruleset's decision on every vote, e-votes and paper (as ``tandau law outcome``)."""
    ruleset = load_ruleset(manifest.ruleset)
    kinds = {o.id: o.kind for o in manifest.options}
    candidates = [i for i in totals if kinds[i] == "candidate"]
    returns = Returns.model_validate(
        {
            "voters_on_list": _VOTERS_ON_LIST,
            "ballots_cast": counted + sum(_PAPER.values()) + _PAPER_INVALID,
            "invalid": _PAPER_INVALID,
            "against_all": sum(n for i, n in totals.items() if kinds[i] == "against_all"),
            "candidates": [{"id": i, "votes": totals[i]} for i in candidates],
            "annulled_precincts": [],
        }
    )
    outcome = decide_outcome(ruleset, returns)
    return {
        "status": outcome.status,
        "winner": outcome.winner,
        "ruleset": ruleset.id,
        "reasons": [
            {k: str(v) if isinstance(v, float) else v for k, v in r.to_dict().items()}
            for r in outcome.reasons
        ],
        "votes": dict(outcome.votes),
        "voters_on_list": _VOTERS_ON_LIST,
    }


def seed_finished(store: SqlBoardStore, keys: KeyRing, rng: Rng) -> FinishedElection:
    """Run the whole finished election on the board, from its manifest to its results."""
    head_key = keys.create(FINISHED_ELECTION, rng)
    manifest = finished_manifest(head_key.verify_key.hex())
    board = Board(store, FINISHED_ELECTION, key=head_key)
    svc = ElectionService(board)
    trustees = driver.key_ceremony(manifest.fingerprint, 5, 3, rng)
    voters = driver.credentials(manifest, [new_code(rng) for _ in _E_CHOICES])
    driver.set_up(svc, manifest, trustees, voters)
    for credential, choice in zip(voters, _E_CHOICES, strict=True):
        driver.cast(svc, manifest, trustees.joint_key, credential, choice, rng)
    svc.close()
    paper = {
        "precinct": "P-ZH-2",
        "ballots_cast": sum(_PAPER.values()) + _PAPER_INVALID,
        "invalid": _PAPER_INVALID,
        "votes": dict(_PAPER),
        "annulled": False,
        "voters_on_list": _VOTERS_ON_LIST - len(_E_CHOICES),
        "ballots_issued": sum(_PAPER.values()) + _PAPER_INVALID + 1,  # one taken home, unused
        "corrects": None,
    }
    svc.post(ev.PAPER_PROTOCOL, paper)
    tally = driver.post_tally(svc)
    cts = list(tally.ciphertexts)
    shares = driver.post_shares(svc, trustees, _DECRYPTING, cts, rng)
    decrypted = driver.decrypt(trustees, cts, shares, manifest.tally_bound(tally.counted))
    ids = [o.id for o in manifest.options]
    e_votes = dict(zip(ids, decrypted.totals, strict=True))
    totals = {i: e_votes[i] + _PAPER.get(i, 0) for i in ids}
    outcome = _outcome(manifest, totals, tally.counted)
    svc.post(
        ev.RESULTS,
        {
            "options": [
                {
                    "id": i,
                    "e_votes": e_votes[i],
                    "paper_votes": _PAPER.get(i, 0),
                    "total": totals[i],
                }
                for i in ids
            ],
            "counted": tally.counted,
            "paper_ballots": paper["ballots_cast"],
            "trustees_used": list(decrypted.used),
            "skipped_trustees": [
                t.index for t in manifest.trustees if t.index not in decrypted.used
            ],
            "outcome": outcome,
        },
    )
    board.head()  # a signed head over the whole record
    return FinishedElection(FINISHED_ELECTION, outcome["winner"], tally.counted)
