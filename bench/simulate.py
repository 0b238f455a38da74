"""Monte Carlo benchmark: 10,000 synthetic elections × all six rules, vectorised.

Draws E impartial-culture elections (V voters, n candidates; seeded), counts them
under plurality, runoff, IRV, Borda, Condorcet and approval with
``tandau.analysis.rules`` (numpy over the whole batch), and in the same run counts
a small sample with the per-ballot reference (``tandau.analysis.reference``): the
baseline.  Both answers must agree on the sample.  Figures (medians of rounds):

    simulate_elections_per_s        vectorised, all rules
    simulate_seconds_all_rules      vectorised, E elections, all rules
    reference_elections_per_s       per-ballot Python loop, all rules
    speedup_vs_per_ballot           ratio of the two rates
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from tandau.analysis.electorates import impartial_culture
from tandau.analysis.profile import Batch
from tandau.analysis.reference import reference_winner
from tandau.analysis.rules import RULES
from tandau.analysis.simulation import approval_from_rankings


def _vectorised(batch: Batch) -> dict[str, np.ndarray]:
    approval = approval_from_rankings(batch)
    return {
        name: rule(approval if name == "approval" else batch)[0] for name, rule in RULES.items()
    }


def _per_ballot(batch: Batch) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {name: [] for name in RULES}
    approval = approval_from_rankings(batch)
    for e in range(batch.elections):
        for name in RULES:
            rows = (approval if name == "approval" else batch).rankings[e]
            ballots = [(tuple(str(c) for c in row if c >= 0), 1) for row in rows]
            winner, _ = reference_winner(name, ballots)
            out[name].append(-1 if winner is None else int(winner))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elections", type=int, default=10_000)
    parser.add_argument("--voters", type=int, default=101)
    parser.add_argument("--candidates", type=int, default=4)
    parser.add_argument("--sample", type=int, default=200, help="elections for the baseline")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    a = parser.parse_args()

    rng = np.random.default_rng(a.seed)
    batch = impartial_culture(rng, a.elections, a.voters, a.candidates)
    small = Batch(batch.rankings[: a.sample], batch.counts[: a.sample], batch.n)

    fast, slow = [], []
    for _ in range(a.rounds):  # interleaved, medians: the machine is shared
        t0 = time.perf_counter()
        vectorised = _vectorised(batch)
        fast.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        reference = _per_ballot(small)
        slow.append(time.perf_counter() - t0)
    for name in RULES:  # the baseline is also the check
        assert vectorised[name][: a.sample].tolist() == reference[name], name

    fast_rate = a.elections / statistics.median(fast)
    slow_rate = a.sample / statistics.median(slow)
    print(
        f"{a.elections} impartial-culture elections, {a.voters} voters, {a.candidates} "
        f"candidates, rules: {', '.join(RULES)}; baseline on {a.sample} of them"
    )
    print(f"simulate_seconds_all_rules={statistics.median(fast):.3f}")
    print(f"simulate_elections_per_s={fast_rate:.0f}")
    print(f"reference_elections_per_s={slow_rate:.1f}")
    print(f"speedup_vs_per_ballot={fast_rate / slow_rate:.1f}")


if __name__ == "__main__":
    main()
