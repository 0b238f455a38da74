"""Crypto benchmark: libsodium unit costs, ballot encrypt+prove and verify, and the floor.

The floor is what a textbook verifier of our spec must spend in libsodium
scalar multiplications: for K options (each a 0-or-1 disjunctive proof) plus
the exact-sum proof, (2K+1) fixed-base and (6K+3) variable-base.  Unit costs
and ballots are measured interleaved in rounds (this machine has slow and fast
phases), and every figure is the median over rounds.

Usage: .venv/bin/python bench/crypto.py [--rounds N]
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
from tandau.crypto.rng import SystemRng
from tandau.crypto.selection import SelectionRule, encrypt_selection, verify_selection

KS = (3, 6, 12)


def per_call(fn: Callable[[], object], n: int) -> float:
    """Seconds per call of fn over n calls."""
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    rng = SystemRng()
    kp = keygen(rng)
    point = kp.public.point.data
    scalar = random_scalar(rng).value
    context = b"bench-context"
    units: dict[str, list[float]] = {"var": [], "fixed": [], "add": []}
    enc: dict[int, list[float]] = {k: [] for k in KS}
    ver: dict[int, list[float]] = {k: [] for k in KS}
    ballots = {}
    for k in KS:
        choices = [0] * k
        choices[k // 2] = 1
        ballots[k] = (SelectionRule(k), choices)
    for _ in range(args.rounds):
        units["var"].append(per_call(lambda: sodium.mul(scalar, point), 300))
        units["fixed"].append(per_call(lambda: sodium.base_mul(scalar), 300))
        units["add"].append(per_call(lambda: sodium.add(point, point), 300))
        for k in KS:
            rule, choices = ballots[k]
            t0 = time.perf_counter()
            sel, _ = encrypt_selection(kp.public, rule, choices, context, rng)
            enc[k].append(time.perf_counter() - t0)
            ver[k].append(per_call(partial(verify_selection, kp.public, rule, sel, context), 5))
    med = {name: statistics.median(v) for name, v in units.items()}
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
        floor = (2 * k + 1) * med["fixed"] + (6 * k + 3) * med["var"]
        v = statistics.median(ver[k])
        ratios[k] = v / floor
        e = statistics.median(enc[k])
        print(f"{k:>3}{e * 1e3:>18.2f}{v * 1e3:>12.2f}{floor * 1e3:>11.2f}{ratios[k]:>8.2f}")
    print()
    print(f"verify_k6_ratio_to_floor={ratios[6]:.3f}")


if __name__ == "__main__":
    main()
