"""A benchmark election: manifest, key ceremony, credentials, ballots made in worker processes.

The same steps as ``tandau demo`` (3-of-5 trustees, dealer-free ceremony,
credentials from codes), cut into pieces the benchmarks can time separately:
``ceremony`` runs the trustees' side once; ``set_up`` posts everything up
to "voting opened" through the election service (on as many boards as
needed, all with the same key); ``ballots`` encrypts and proves ballots in a process pool and
streams them in order with per-chunk sums of their ciphertexts; ``finish``
closes voting, decrypts the tally with three of the five trustees and posts
the results, appending to the board directly so that the service does not
replay every ballot.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto import sodium
from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Dealing,
    ReceivedShares,
    Response,
    deal,
    finalize,
    receive,
    setup,
    trustee_share,
)
from tandau.crypto.decryption import combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import Ciphertext, PublicKey
from tandau.crypto.group import Point
from tandau.crypto.rng import Rng, SystemRng
from tandau.crypto.selection import SelectionRule
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee

__all__ = [
    "Chunk",
    "Trustees",
    "add_sums",
    "ballots",
    "ceremony",
    "choice",
    "codes",
    "finish",
    "make_manifest",
    "set_up",
]

TRUSTEES = 5
THRESHOLD = 3
#: Trustee 3 is absent at decryption, as in the demo.
DECRYPTING = (1, 2, 4, 5)
#: Ballots per task sent to a worker process.
CHUNK = 250

#: Per-option sums (alpha, beta) of a chunk's ciphertexts, as raw encodings.
Sums = list[tuple[bytes, bytes]]


def _names(text: str) -> dict[str, str]:
    return {"kk": text, "ru": text, "en": text}


def make_manifest(options: int, election_id: str, head_key: HeadSigningKey) -> Manifest:
    """K = ``options`` ballot options: K − 1 candidates and "against all"."""
    opts = [
        Option(f"c{i}", "candidate", _names(f"Candidate {i}"), None if i % 2 else "Party")
        for i in range(1, options)
    ]
    opts.append(Option("against", "against_all", _names("Against all")))
    return Manifest(
        election_id=election_id,
        title=_names("Benchmark election"),
        unit_code="000000000",
        unit_name=_names("Benchmark okrug"),
        office="akim",
        ruleset="kz-rural-akim-2023",
        polling_day="2026-09-17",
        mode="polling-station",
        options=tuple(opts),
        rule=SelectionRule(options),
        trustees=tuple(Trustee(i, f"Trustee {i}") for i in range(1, TRUSTEES + 1)),
        threshold=THRESHOLD,
        commission_key=head_key.verify_key.hex(),
    )


def codes(n: int, rng: Rng) -> list[str]:
    """One credential code per voter (the registrar's sheet)."""
    return [new_code(rng) for _ in range(n)]


def choice(voter: int, options: int) -> int:
    """A fixed, uneven choice per voter: option 0 gets about twice the votes of the others."""
    h = int.from_bytes(hashlib.sha256(voter.to_bytes(8, "big")).digest()[:4], "big")
    pick = h % (options + 1)
    return 0 if pick == options else pick


@dataclass(frozen=True)
class Trustees:
    """The ceremony's public messages and what the trustees keep to decrypt later."""

    params: CeremonyParameters
    result: CeremonyResult
    dealings: list[Dealing]
    responses: list[Response]
    received: list[ReceivedShares]

    @property
    def joint_key(self) -> PublicKey:
        return self.result.joint_key


def ceremony(manifest: Manifest) -> Trustees:
    """The dealer-free 3-of-5 ceremony, each trustee's steps as ``tandau trustee`` runs them."""
    rng = SystemRng()
    params = CeremonyParameters(manifest.fingerprint, TRUSTEES, THRESHOLD)
    indices = range(1, TRUSTEES + 1)
    setups, boxes = zip(*(setup(i, f"Trustee {i}", rng) for i in indices), strict=True)
    dealings = [deal(params, setups, i, rng)[0] for i in indices]
    received = [receive(params, j, boxes[j - 1], setups, dealings) for j in indices]
    responses = [r for r, _ in received]
    result = finalize(params, dealings, responses)
    return Trustees(params, result, dealings, responses, [shares for _, shares in received])


def set_up(
    svc: ElectionService, manifest: Manifest, voter_codes: Sequence[str], trustees: Trustees
) -> None:
    """Post the manifest, the ceremony, the key and the credentials; open voting."""
    svc.create(manifest)
    for d in trustees.dealings:
        svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
    for r in trustees.responses:
        svc.post(ev.CEREMONY_RESPONSE, {"trustee": r.recipient, "response": r.to_dict()})
    svc.post(ev.ELECTION_KEY, trustees.result.to_dict())
    publics = sorted(derive(manifest.fingerprint, c).public.hex() for c in voter_codes)
    svc.post(ev.CREDENTIALS_LIST, {"credentials": publics})
    svc.open()


@dataclass(frozen=True)
class Chunk:
    """A worker's output: ballots (wire dicts) in voter order and their ciphertext sums."""

    ballots: list[dict[str, Any]]
    sums: Sums


def _make_chunk(args: tuple[bytes, str, int, int, list[str]]) -> Chunk:
    fp, key_hex, options, first_voter, chunk_codes = args
    rng = SystemRng()
    key = PublicKey.from_hex(key_hex)
    rule = SelectionRule(options)
    alphas = [sodium.IDENTITY] * options
    betas = [sodium.IDENTITY] * options
    out = []
    for i, code in enumerate(chunk_codes):
        pick = choice(first_voter + i, options)
        choices = [int(j == pick) for j in range(options)]
        ballot, _ = create_ballot(fp, key, rule, choices, derive(fp, code), rng)
        for j, ct in enumerate(ballot.selection.ciphertexts):
            alphas[j] = sodium.add(alphas[j], ct.alpha.data)
            betas[j] = sodium.add(betas[j], ct.beta.data)
        out.append(ballot.to_dict())
    return Chunk(out, list(zip(alphas, betas, strict=True)))


def ballots(
    manifest: Manifest, key: PublicKey, voter_codes: Sequence[str], workers: int = 2
) -> Iterator[Chunk]:
    """One ballot per voter, encrypted in ``workers`` processes, streamed in voter order."""
    fp, options = manifest.fingerprint, manifest.rule.options
    tasks = [
        (fp, key.to_hex(), options, start, list(voter_codes[start : start + CHUNK]))
        for start in range(0, len(voter_codes), CHUNK)
    ]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_make_chunk, tasks)


def add_sums(total: Sums | None, part: Sums) -> Sums:
    if total is None:
        return list(part)
    return [
        (sodium.add(a, pa), sodium.add(b, pb)) for (a, b), (pa, pb) in zip(total, part, strict=True)
    ]


def finish(
    board: Board, manifest: Manifest, trustees: Trustees, sums: Sums, counted: int
) -> dict[str, Any]:
    """Close voting, publish the tally, decrypt it with trustees 1, 2, 4, 5, publish results.

    Every voter cast exactly one ballot, so the tally is the sum of all of them.
    """
    rng = SystemRng()
    fp = manifest.fingerprint
    board.append(ev.VOTING_CLOSED, {})
    cts = [Ciphertext(Point.trusted(a), Point.trusted(b)) for a, b in sums]
    tally = {"ciphertexts": [c.to_dict() for c in cts], "counted": counted}
    board.append(ev.TALLY_ENCRYPTED, {"tally": tally})
    shares = []
    for j in DECRYPTING:
        held = trustees.received[j - 1]
        share = trustee_share(trustees.params, trustees.result, trustees.dealings, held)
        ts = tally_share(share, cts, fp, rng)
        board.append(ev.TALLY_SHARE, {"trustee": j, "share": ts.to_dict()})
        shares.append(ts)
    vkeys = trustees.result.verification_key_map()
    comb = combine(cts, shares, vkeys, THRESHOLD, fp)
    totals = decrypt_totals(cts, comb, DlogTable.for_bound(max(counted, 1)))
    rows = [
        {"id": o.id, "e_votes": e, "paper_votes": 0, "total": e}
        for o, e in zip(manifest.options, totals, strict=True)
    ]
    candidates = [r for r in rows if r["id"] != "against"]
    top = max(r["total"] for r in candidates)
    leaders = [r["id"] for r in candidates if r["total"] == top]
    outcome: dict[str, Any] = (
        {"status": "elected", "winner": leaders[0], "reasons": []}
        if len(leaders) == 1
        else {
            "status": "commission_decision_required",
            "winner": None,
            "reasons": [{"rule": "outcome.tie", "article": "CLE Ch. 10-2 [U]"}],
        }
    )
    results = {
        "options": rows,
        "counted": counted,
        "paper_ballots": 0,
        "trustees_used": list(comb.used),
        "skipped_trustees": [3],
        "outcome": outcome,
    }
    board.append(ev.RESULTS, results)
    return results
