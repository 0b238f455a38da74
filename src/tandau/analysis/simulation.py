"""Monte Carlo of the voting rules on synthetic electorates: how often rules disagree.

For E seeded elections the six rules are counted (vectorised), then for each pair
of rules the share of elections whose winners differ (a "no winner" is an outcome
of its own) with a Wilson 95 % interval; the Condorcet efficiency of plurality
(share of elections with a Condorcet winner that plurality elects); and the share
where the plurality winner lacks a majority.  Approval ballots are derived from
the rankings: each voter approves the top ⌈n/2⌉ candidates (an assumption).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from .electorates import sample
from .profile import Batch, IntArray
from .rules import RULES, first_preferences
from .stats import wilson_interval

__all__ = ["Simulation", "approval_from_rankings", "disagreement", "simulate"]


def approval_from_rankings(batch: Batch) -> Batch:
    """Each voter approves their top ⌈n/2⌉ candidates (rows padded with -1)."""
    top = -(-batch.n // 2)
    rankings = batch.rankings.copy()
    rankings[..., top:] = -1
    return Batch(rankings, batch.counts, batch.n)


@dataclass(frozen=True)
class Simulation:
    """Winners (E,) per rule for one model and size, with what made them."""

    model: str
    elections: int
    voters: int
    candidates: int
    seed: int
    winners: dict[str, IntArray]
    plurality_majority: np.ndarray


def simulate(model: str, *, elections: int, voters: int, candidates: int, seed: int) -> Simulation:
    rng = np.random.default_rng(seed)
    batch = sample(model, rng, elections, voters, candidates)
    winners = {
        name: rule(approval_from_rankings(batch) if name == "approval" else batch)[0]
        for name, rule in RULES.items()
    }
    first = first_preferences(batch)
    majority = 2 * first.max(axis=1) > batch.counts.sum(axis=1)
    return Simulation(model, elections, voters, candidates, seed, winners, majority)


def disagreement(sim: Simulation) -> pd.DataFrame:
    """One row per pair of rules: elections where the winners differ, share, Wilson 95 %."""
    rows: list[dict[str, object]] = []
    for a, b in combinations(sim.winners, 2):
        differ = int((sim.winners[a] != sim.winners[b]).sum())
        low, high = wilson_interval(differ, sim.elections) or (0.0, 0.0)
        rows.append(
            {
                "model": sim.model,
                "rule_a": a,
                "rule_b": b,
                "elections": sim.elections,
                "differ": differ,
                "share": differ / sim.elections,
                "low": low,
                "high": high,
            }
        )
    cw = sim.winners["condorcet"] >= 0
    hits = int((sim.winners["plurality"][cw] == sim.winners["condorcet"][cw]).sum())
    low, high = wilson_interval(hits, int(cw.sum())) or (0.0, 0.0)
    rows.append(
        {
            "model": sim.model,
            "rule_a": "plurality",
            "rule_b": "condorcet_efficiency",
            "elections": int(cw.sum()),
            "differ": hits,
            "share": hits / max(1, int(cw.sum())),
            "low": low,
            "high": high,
        }
    )
    no_majority = int((~sim.plurality_majority).sum())
    low, high = wilson_interval(no_majority, sim.elections) or (0.0, 0.0)
    rows.append(
        {
            "model": sim.model,
            "rule_a": "plurality",
            "rule_b": "no_majority",
            "elections": sim.elections,
            "differ": no_majority,
            "share": no_majority / sim.elections,
            "low": low,
            "high": high,
        }
    )
    return pd.DataFrame(rows)
