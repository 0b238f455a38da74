"""Intervals for figures estimated from a sample of elections.

The dataset is a convenience sample of reported elections, not a random one:
every interval here describes sampling noise under the assumption of a random
sample, and every table that prints one says so.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["Z95", "bootstrap_interval", "wilson_interval"]

#: The standard normal quantile for a two-sided 95 % interval.
Z95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion; ``None`` when n = 0.

    Wilson, E. B. (1927) "Probable inference, the law of succession, and statistical
    inference", *JASA* 22: 209–212.  Unlike the Wald interval it stays inside [0, 1]
    and behaves at 0 and n successes.
    """
    if n == 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def bootstrap_interval(
    values: npt.ArrayLike,
    *,
    statistic: str = "mean",
    resamples: int = 10_000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean or median; ``None`` for an empty sample.

    Efron, B. & Tibshirani, R. (1993) *An Introduction to the Bootstrap*, ch. 13.
    The seed is fixed so that the same data always print the same interval.
    """
    data = np.asarray(values, dtype=float)
    data = data[~np.isnan(data)]
    if data.size == 0:
        return None
    rng = np.random.default_rng(seed)
    draws = data[rng.integers(0, data.size, size=(resamples, data.size))]
    stats = np.median(draws, axis=1) if statistic == "median" else draws.mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(stats, [tail, 100 - tail])
    return float(low), float(high)
