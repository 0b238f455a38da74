"""Intervals: Wilson's formula on known values; the bootstrap is reproducible."""

from __future__ import annotations

import pytest

from tandau.analysis.stats import bootstrap_interval, wilson_interval


def test_wilson_known_values() -> None:
    low, high = wilson_interval(0, 10) or (None, None)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(5, 10) or (None, None)
    assert (low, high) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    assert wilson_interval(0, 0) is None


def test_bootstrap_is_seeded_and_brackets_the_mean() -> None:
    data = [0.3, 0.5, 0.7, 0.9, 0.4]
    first = bootstrap_interval(data, resamples=2000, seed=3)
    assert first == bootstrap_interval(data, resamples=2000, seed=3)
    assert first is not None and first[0] <= sum(data) / len(data) <= first[1]
    assert bootstrap_interval([]) is None
    median = bootstrap_interval(data, statistic="median", resamples=500)
    assert median is not None and 0.3 <= median[0] <= median[1] <= 0.9
