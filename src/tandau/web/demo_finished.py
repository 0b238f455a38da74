"""The demo's second election: finished, in the neighbouring Zhanatalap rural okrug.

So that a newcomer sees the end of an election and not only its middle: voting
is closed, one precinct voted on paper, the tally is decrypted by three of the
five trustees (their decryption proofs are on the board), the ruleset decided
the outcome, and the results are published.  Its record downloads from
``/e/<id>/record`` and ``tandau-verify`` says VERIFIED on it (``/verify`` shows how).

Every step is the same service call the commission's tools make; nothing here
is a shortcut the verifier would not accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.ceremony import CeremonyParameters, deal, finalize, receive, setup, trustee_share
from tandau.crypto.decryption import TallyShare, combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.rng import Rng
from tandau.crypto.selection import SelectionRule
from tandau.law import Returns, decide_outcome, load_ruleset
from tandau.protocol import events as ev
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee
from tandau.protocol.tally import EncryptedTally
from tandau.storage import SqlBoardStore

from .keyring import KeyRing

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


def _names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def finished_manifest(commission_key_hex: str) -> Manifest:
    options = [
        Option(i, "candidate", _names(kk, ru, en), party) for i, kk, ru, en, party in _CANDIDATES
    ]
    options.append(
        Option("against", "against_all", _names("Барлығына қарсы", "Против всех", "Against all"))
    )
    return Manifest(
        election_id=FINISHED_ELECTION,
        title=_names(
            "Жаңаталап ауылдық округі әкімінің сайлауы (демо, аяқталған)",
            "Выборы акима Жанаталапского сельского округа (демо, завершены)",
            "Election of the akim of Zhanatalap rural okrug (demo, finished)",
        ),
        unit_code="991200000",
        unit_name=_names(
            "Жаңаталап ауылдық округі", "Жанаталапский сельский округ", "Zhanatalap rural okrug"
        ),
        office="akim",
        ruleset="kz-rural-akim-2023",
        polling_day="2026-11-15",
        mode="remote-pilot",
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, f"Trustee {i}") for i in range(1, 6)),
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
    fp = manifest.fingerprint
    board = Board(store, FINISHED_ELECTION, key=head_key)
    svc = ElectionService(board)
    svc.create(manifest)
    params = CeremonyParameters(fp, 5, 3)
    setups, boxes = zip(*(setup(i, f"Trustee {i}", rng) for i in range(1, 6)), strict=True)
    dealings = [deal(params, setups, i, rng)[0] for i in range(1, 6)]
    for d in dealings:
        svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
    received = [receive(params, j, boxes[j - 1], setups, dealings) for j in range(1, 6)]
    for response, _ in received:
        svc.post(
            ev.CEREMONY_RESPONSE, {"trustee": response.recipient, "response": response.to_dict()}
        )
    result = finalize(params, dealings, [r for r, _ in received])
    svc.post(ev.ELECTION_KEY, result.to_dict())
    creds = [derive(fp, new_code(rng)) for _ in _E_CHOICES]
    svc.post(ev.CREDENTIALS_LIST, {"credentials": sorted(c.public.hex() for c in creds)})
    svc.open()
    k = len(manifest.options)
    for cred, choice in zip(creds, _E_CHOICES, strict=True):
        plain = [int(i == choice) for i in range(k)]
        ballot, _ = create_ballot(fp, result.joint_key, manifest.rule, plain, cred, rng)
        svc.cast(ballot.to_dict())
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
    st = svc.sync()
    box = st.box
    assert box is not None  # voting was opened and closed above
    tally: EncryptedTally = box.tally()
    svc.post(ev.TALLY_ENCRYPTED, {"tally": tally.to_dict()})
    cts = list(tally.ciphertexts)
    shares: list[TallyShare] = []
    for j in _DECRYPTING:
        share = trustee_share(params, result, dealings, received[j - 1][1])
        shares.append(tally_share(share, cts, fp, rng))
        svc.post(ev.TALLY_SHARE, {"trustee": j, "share": shares[-1].to_dict()})
    vkeys = {j: result.verification_key(j) for j in range(1, 6)}
    comb = combine(cts, shares, vkeys, manifest.threshold, fp)
    e_votes = decrypt_totals(cts, comb, DlogTable.for_bound(max(tally.counted, 1)))
    ids = [o.id for o in manifest.options]
    totals = {i: e + _PAPER.get(i, 0) for i, e in zip(ids, e_votes, strict=True)}
    outcome = _outcome(manifest, totals, tally.counted)
    svc.post(
        ev.RESULTS,
        {
            "options": [
                {"id": i, "e_votes": e, "paper_votes": _PAPER.get(i, 0), "total": totals[i]}
                for i, e in zip(ids, e_votes, strict=True)
            ],
            "counted": tally.counted,
            "paper_ballots": paper["ballots_cast"],
            "trustees_used": list(comb.used),
            "skipped_trustees": [t.index for t in manifest.trustees if t.index not in comb.used],
            "outcome": outcome,
        },
    )
    board.head()  # a signed head over the whole record
    return FinishedElection(FINISHED_ELECTION, outcome["winner"], tally.counted)
