"""Secret community votes on the verifiable engine: ONE adapter over ``tandau.admin``.

A community question is an election in manifest mode ``community`` whose options
are answers (``kind: "answer"``: yes / no / abstain, or several options).  It uses
the same ballots, proofs, board and record as an akim election, and the record is
checked by ``tandau-verify`` — there is no second format (ADR 0011).

This module drives the engine in one process — key ceremony, one credential per
person on the register, casting, tally, decryption shares, results — for the demo,
the tests and small consultative polls.  Until the shared in-process election
driver lands in ``tandau.admin`` (branch h/structure), it is the only place in
``tandau.community`` that touches ``ElectionService`` and the protocol API; when the
driver lands, this module shrinks to the manifest and the results payload.

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

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.ceremony import CeremonyParameters, deal, finalize, receive, setup
from tandau.crypto.ceremony import trustee_share as make_trustee_share
from tandau.crypto.decryption import combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.rng import Rng
from tandau.crypto.selection import SelectionRule
from tandau.protocol import events as ev
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee
from tandau.protocol.tally import EncryptedTally

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
    applies to the counts, cited in the outcome.
    """
    svc = ElectionService(board)
    svc.create(manifest)
    fp = manifest.fingerprint
    n, t = len(manifest.trustees), manifest.threshold
    params = CeremonyParameters(fp, n, t)
    indices = range(1, n + 1)
    setups, boxes = zip(
        *(setup(i, manifest.trustees[i - 1].name, rng) for i in indices), strict=True
    )
    dealings = [deal(params, setups, i, rng)[0] for i in indices]
    received = [receive(params, j, boxes[j - 1], setups, dealings) for j in indices]
    result = finalize(params, dealings, [r for r, _ in received])
    for d in dealings:
        svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
    for r, _ in received:
        svc.post(ev.CEREMONY_RESPONSE, {"trustee": r.recipient, "response": r.to_dict()})
    svc.post(ev.ELECTION_KEY, result.to_dict())
    creds = [derive(fp, new_code(rng)) for _ in choices]
    svc.post(ev.CREDENTIALS_LIST, {"credentials": sorted(c.public.hex() for c in creds)})
    svc.open()
    ids = [o.id for o in manifest.options]
    for cred, choice in zip(creds, choices, strict=True):
        selection = [int(i == choice) for i in ids]
        ballot, _ = create_ballot(fp, result.joint_key, manifest.rule, selection, cred, rng)
        svc.cast(ballot.to_dict())
    svc.close()
    st = svc.sync()
    assert st.box is not None
    tally = st.box.tally()
    svc.post(ev.TALLY_ENCRYPTED, {"tally": tally.to_dict()})
    cts = list(EncryptedTally.from_dict(tally.to_dict()).ciphertexts)
    shares = []
    for j in list(indices)[:t]:
        share = make_trustee_share(params, result, dealings, received[j - 1][1])
        ts = tally_share(share, cts, fp, rng)
        shares.append(ts)
        svc.post(ev.TALLY_SHARE, {"trustee": j, "share": ts.to_dict()})
    st = svc.sync()
    comb = combine(cts, shares, st.verification_keys, t, fp)
    totals = decrypt_totals(cts, comb, DlogTable.for_bound(max(tally.counted, 1)))
    counts = dict(zip(ids, totals, strict=True))
    valid = {s.trustee for s in shares} - set(comb.skipped_trustees)
    results = {
        "options": [
            {"id": i, "e_votes": e, "paper_votes": 0, "total": e} for i, e in counts.items()
        ],
        "counted": tally.counted,
        "paper_ballots": 0,
        "trustees_used": list(comb.used),
        "skipped_trustees": [i for i in indices if i not in valid],
        "outcome": {"status": OUTCOME_STATUS, "winner": None, "reasons": [source]},
    }
    svc.post(ev.RESULTS, results)
    board.head()
    return SecretVoteResult(manifest, results, counts)
