"""Crypto benchmark: libsodium unit costs, ballot encrypt+prove and verify, and the floor.

The floor is what a textbook verifier of our spec must spend in libsodium
scalar multiplications: for K options (each a 0-or-1 disjunctive proof) plus
the exact-sum proof, (2K+1) fixed-base and (6K+3) variable-base.  Unit costs
and ballots are measured interleaved in rounds (this machine has slow and fast
phases), and every figure is the median over rounds.

Usage: .venv/bin/python bench/crypto.py [--rounds N]

``UnitCosts`` and ``floor_seconds`` are imported by bench/record.py, which
measures the floor in the same run as the verifier.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from functools import partial

from tandau.crypto import sodium
from tandau.crypto.elgamal import keygen
from tandau.crypto.group import random_scalar
from tandau.crypto.rng import Rng, SystemRng
from tandau.crypto.selection import SelectionRule, encrypt_selection, verify_selection

KS = (3, 6, 12)


def per_call(
    fn: Callable[[], object], n: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Seconds per call of fn over n calls (wall time, or ``clock``'s)."""
    t0 = clock()
    for _ in range(n):
        fn()
    return (clock() - t0) / n


class UnitCosts:
    """Samples of libsodium's unit costs, taken between other measurements; medians."""

    def __init__(self, rng: Rng) -> None:
        self._point = keygen(rng).public.point.data
        self._scalar = random_scalar(rng).value
        self.samples: dict[str, list[float]] = {
            name: [] for name in ("var", "fixed", "add", "var_cpu", "fixed_cpu", "add_cpu")
        }

    def sample(self, calls: int = 300) -> None:
        """One sample of each unit cost, seconds per call over ``calls`` calls."""
        point, scalar = self._point, self._scalar
        self.samples["var"].append(per_call(lambda: sodium.mul(scalar, point), calls))
        self.samples["fixed"].append(per_call(lambda: sodium.base_mul(scalar), calls))
        self.samples["add"].append(per_call(lambda: sodium.add(point, point), calls))
        # CPU time too: on a shared machine a process's wall time includes others' turns.
        cpu = time.process_time
        self.samples["var_cpu"].append(per_call(lambda: sodium.mul(scalar, point), calls, cpu))
        self.samples["fixed_cpu"].append(per_call(lambda: sodium.base_mul(scalar), calls, cpu))
        self.samples["add_cpu"].append(per_call(lambda: sodium.add(point, point), calls, cpu))

    def medians(self) -> dict[str, float]:
        return {name: statistics.median(v) for name, v in self.samples.items()}


def floor_seconds(k: int, med: dict[str, float], suffix: str = "") -> float:
    """The crypto floor of verifying one K-option ballot at the given unit costs.

    ``suffix="_cpu"`` uses the CPU-time unit costs."""
    return (2 * k + 1) * med["fixed" + suffix] + (6 * k + 3) * med["var" + suffix]


def api_floor_seconds(k: int, med: dict[str, float], suffix: str = "") -> float:
    """The floor plus what libsodium's API adds to verifying and counting one 0/1 ballot.

    libsodium has no double-scalar multiplication, so each of the 4K + 2
    commitments s·X − c·Y ends in a point subtraction, and every subtraction
    or addition decodes two points and encodes one: K + 1 shifted ciphertexts
    (β − G), 2(K − 1) additions for the sum proof's ciphertext, 2K for the
    tally (pass two) and 1 in the credential's signature — 9K + 2 in all —
    plus the signature's own two multiplications.  Point validations are left
    out, so this is a lower bound for any verifier over libsodium."""
    signature = med["fixed" + suffix] + med["var" + suffix]
    return floor_seconds(k, med, suffix) + signature + (9 * k + 2) * med["add" + suffix]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    rng = SystemRng()
    kp = keygen(rng)
    context = b"bench-context"
    units = UnitCosts(rng)
    enc: dict[int, list[float]] = {k: [] for k in KS}
    ver: dict[int, list[float]] = {k: [] for k in KS}
    ballots = {}
    for k in KS:
        choices = [0] * k
        choices[k // 2] = 1
        ballots[k] = (SelectionRule(k), choices)
    for _ in range(args.rounds):
        units.sample()
        for k in KS:
            rule, choices = ballots[k]
            t0 = time.perf_counter()
            sel, _ = encrypt_selection(kp.public, rule, choices, context, rng)
            enc[k].append(time.perf_counter() - t0)
            ver[k].append(per_call(partial(verify_selection, kp.public, rule, sel, context), 5))
    med = units.medians()
    print(f"machine: {platform.machine()} {platform.node()} python {platform.python_version()}")
    print(f"binding: pysodium's libsodium handle, called directly ({sodium.__name__})")
    print(f"rounds: {args.rounds} (interleaved; medians)")
    print()
    print(f"{'operation':<34}{'median µs':>12}")
    print(f"{'variable-base scalar mult':<34}{med['var'] * 1e6:>12.1f}")
    print(f"{'fixed-base scalar mult':<34}{med['fixed'] * 1e6:>12.1f}")
    print(f"{'point addition':<34}{med['add'] * 1e6:>12.1f}")
    print()
    print(f"{'K':>3}{'encrypt+prove ms':>18}{'verify ms':>12}{'floor ms':>11}{'ratio':>8}")
    ratios = {}
    for k in KS:
        floor = floor_seconds(k, med)
        v = statistics.median(ver[k])
        ratios[k] = v / floor
        e = statistics.median(enc[k])
        print(f"{k:>3}{e * 1e3:>18.2f}{v * 1e3:>12.2f}{floor * 1e3:>11.2f}{ratios[k]:>8.2f}")
    print()
    print(f"verify_k6_ratio_to_floor={ratios[6]:.3f}")


if __name__ == "__main__":
    main()
