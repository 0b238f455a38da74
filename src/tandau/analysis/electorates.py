"""Synthetic electorates, seeded and vectorised: a batch of E elections at once.

Every sampler returns a :class:`~tandau.analysis.profile.Batch` of full rankings
(one row per voter, count 1) drawn from ``numpy.random.Generator`` — the same
seed gives the same electorates on every machine (PCG64).

- impartial culture: every ranking equally likely;
- Pólya–Eggenberger urn with contagion α (Berg 1985): voter i copies an earlier
  voter with probability iα / (1 + iα), else draws a fresh ranking (α = 0 is IC);
- spatial (Enelow & Hinich 1984): voters and candidates uniform in [0, 1]^d, each
  voter ranks candidates by Euclidean distance; d = 1 gives single-peaked profiles;
- fitted: first preferences drawn from a real row's shares, lower ranks by a 1-D
  spatial model (an assumption every chart that uses it must state).

``prefsampling`` offers these samplers one profile at a time; the batch
versions here are what makes 10,000 elections a second's work (ADR 0010).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .profile import Batch

__all__ = ["MODELS", "fitted", "impartial_culture", "sample", "spatial", "urn"]


def _batch(rankings: np.ndarray) -> Batch:
    e_count, m, n = rankings.shape
    return Batch(rankings.astype(np.int64), np.ones((e_count, m), dtype=np.int64), n)


def impartial_culture(rng: np.random.Generator, elections: int, voters: int, n: int) -> Batch:
    return _batch(rng.random((elections, voters, n)).argsort(axis=2))


def urn(rng: np.random.Generator, elections: int, voters: int, n: int, alpha: float = 0.1) -> Batch:
    rankings = rng.random((elections, voters, n)).argsort(axis=2)
    rows = np.arange(elections)
    for i in range(1, voters):
        copy = rng.random(elections) < i * alpha / (1 + i * alpha)
        source = rng.integers(0, i, size=elections)
        rankings[copy, i] = rankings[rows[copy], source[copy]]
    return _batch(rankings)


def spatial(rng: np.random.Generator, elections: int, voters: int, n: int, dim: int = 2) -> Batch:
    people = rng.random((elections, voters, 1, dim))
    places = rng.random((elections, 1, n, dim))
    distance = ((people - places) ** 2).sum(axis=3)
    return _batch(distance.argsort(axis=2))


def fitted(rng: np.random.Generator, elections: int, voters: int, shares: Sequence[float]) -> Batch:
    """First preferences with the given shares (e.g. Talgar 2024's 9,071 / 1,875 / 1,140);
    the rest of each ranking by distance on a line where candidates sit at random."""
    n = len(shares)
    p = np.asarray(shares, dtype=float)
    first = rng.choice(n, size=(elections, voters), p=p / p.sum())
    places = rng.random((elections, 1, n))
    distance = np.abs(places - places[np.arange(elections)[:, None], 0, first][..., None])
    distance[np.arange(elections)[:, None], np.arange(voters)[None, :], first] = -1.0
    return _batch(distance.argsort(axis=2))


MODELS = ("ic", "urn", "spatial1d", "spatial2d")


def sample(model: str, rng: np.random.Generator, elections: int, voters: int, n: int) -> Batch:
    """A batch from a named model: ``ic``, ``urn`` (α = 0.1), ``spatial1d``, ``spatial2d``."""
    if model == "ic":
        return impartial_culture(rng, elections, voters, n)
    if model == "urn":
        return urn(rng, elections, voters, n)
    if model == "spatial1d":
        return spatial(rng, elections, voters, n, dim=1)
    if model == "spatial2d":
        return spatial(rng, elections, voters, n, dim=2)
    raise ValueError(model)
