"""Synthetic electorates and the Monte Carlo: seeded, reproducible, shaped as the models say."""

from __future__ import annotations

import numpy as np
import pytest

from tandau.analysis.electorates import MODELS, fitted, impartial_culture, sample, urn
from tandau.analysis.reference import reference_winner
from tandau.analysis.rules import RULES
from tandau.analysis.simulation import approval_from_rankings, disagreement, simulate


@pytest.mark.parametrize("model", MODELS)
def test_every_model_gives_full_rankings_and_is_seeded(model: str) -> None:
    a = sample(model, np.random.default_rng(7), 20, 15, 4)
    b = sample(model, np.random.default_rng(7), 20, 15, 4)
    assert np.array_equal(a.rankings, b.rankings)
    assert a.rankings.shape == (20, 15, 4)
    assert (np.sort(a.rankings, axis=2) == np.arange(4)).all()


def test_impartial_culture_first_places_are_uniform() -> None:
    batch = impartial_culture(np.random.default_rng(1), 200, 100, 4)
    shares = np.bincount(batch.rankings[..., 0].ravel(), minlength=4) / 20_000
    assert np.allclose(shares, 0.25, atol=0.02)


def test_urn_contagion_makes_voters_alike() -> None:
    rng = np.random.default_rng(3)
    ic = impartial_culture(rng, 300, 50, 4)
    contagious = urn(rng, 300, 50, 4, alpha=1.0)

    def distinct(batch: object) -> float:
        rows = batch.rankings  # type: ignore[attr-defined]
        return float(np.mean([len({tuple(r) for r in e}) for e in rows]))

    assert distinct(contagious) < distinct(ic) / 2


def test_fitted_first_preferences_follow_the_shares() -> None:
    batch = fitted(np.random.default_rng(5), 50, 1000, [9071, 1875, 1140])
    shares = np.bincount(batch.rankings[..., 0].ravel(), minlength=3) / 50_000
    assert shares == pytest.approx([9071 / 12086, 1875 / 12086, 1140 / 12086], abs=0.01)
    assert (np.sort(batch.rankings, axis=2) == np.arange(3)).all()


def test_simulated_winners_match_the_reference_on_a_sample() -> None:
    sim_batch = sample("spatial2d", np.random.default_rng(11), 30, 9, 4)
    approval = approval_from_rankings(sim_batch)
    for name, rule in RULES.items():
        batch = approval if name == "approval" else sim_batch
        winners = rule(batch)[0]
        for e in range(batch.elections):
            ballots = [(tuple(str(c) for c in row if c >= 0), 1) for row in batch.rankings[e]]
            expected, _ = reference_winner(name, ballots)
            assert winners[e] == (-1 if expected is None else int(expected)), (name, e)


def test_simulation_is_reproducible_and_tables_have_intervals() -> None:
    a = disagreement(simulate("ic", elections=400, voters=21, candidates=3, seed=9))
    b = disagreement(simulate("ic", elections=400, voters=21, candidates=3, seed=9))
    assert a.equals(b)
    assert len(a) == 15 + 2
    assert ((a["low"] <= a["share"]) & (a["share"] <= a["high"])).all()
    spatial = disagreement(simulate("spatial1d", elections=200, voters=21, candidates=3, seed=1))
    # odd electorates on a line always have a Condorcet winner (Black 1948)
    efficiency = spatial[spatial["rule_b"] == "condorcet_efficiency"].iloc[0]
    assert efficiency["elections"] == 200
