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

from tandau.admin import driver
from tandau.admin.driver import Trustees
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto import sodium
from tandau.crypto.elgamal import Ciphertext, PublicKey
from tandau.crypto.group import Point
from tandau.crypto.rng import Rng, SystemRng
from tandau.crypto.selection import SelectionRule
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.manifest import Manifest

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


def make_manifest(options: int, election_id: str, head_key: HeadSigningKey) -> Manifest:
    """K = ``options`` ballot options: K − 1 candidates and "against all"."""
    return driver.numbered_manifest(
        election_id,
        options - 1,
        title="Benchmark election",
        unit_code="000000000",
        unit_name="Benchmark okrug",
        trustees=TRUSTEES,
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


def ceremony(manifest: Manifest) -> Trustees:
    """The dealer-free 3-of-5 ceremony, each trustee's steps as ``tandau trustee`` runs them."""
    return driver.key_ceremony(manifest.fingerprint, TRUSTEES, THRESHOLD, SystemRng())


def set_up(
    svc: ElectionService, manifest: Manifest, voter_codes: Sequence[str], trustees: Trustees
) -> None:
    """Post the manifest, the ceremony, the key and the credentials; open voting."""
    driver.set_up(svc, manifest, trustees, driver.credentials(manifest, voter_codes))


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
        choices = driver.one_hot(options, pick)
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
    if workers <= 1:
        # In a process of a pool already (election_day's set-up jobs): no pool of its own.
        yield from map(_make_chunk, tasks)
        return
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
    board.append(ev.VOTING_CLOSED, {})
    cts = [Ciphertext(Point.trusted(a), Point.trusted(b)) for a, b in sums]
    tally = {"ciphertexts": [c.to_dict() for c in cts], "counted": counted}
    board.append(ev.TALLY_ENCRYPTED, {"tally": tally})
    shares = []
    for j in DECRYPTING:
        ts = trustees.decrypt(j, cts, rng)
        board.append(ev.TALLY_SHARE, {"trustee": j, "share": ts.to_dict()})
        shares.append(ts)
    decrypted = driver.decrypt(trustees, cts, shares, manifest.tally_bound(counted))
    results = driver.plurality_results(
        manifest.options,
        decrypted.totals,
        counted=counted,
        used=decrypted.used,
        skipped=[3],
        tie_reasons=[{"rule": "outcome.tie", "article": "CLE Ch. 10-2 [U]"}],
    )
    board.append(ev.RESULTS, results)
    return results
