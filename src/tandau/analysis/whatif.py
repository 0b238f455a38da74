"""What other rules would have done to the real elections, and a modelled signature rule.

Pure functions over the per-election metrics (:func:`tandau.analysis.tables.metrics_table`)
and the typed results.  Each answer carries n — the elections that print the
figures the rule needs — and a Wilson 95 % interval; the dataset is a convenience
sample, so the intervals are indicative only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .stats import wilson_interval
from .tables import metrics_table

__all__ = [
    "TURNOUT_THRESHOLDS",
    "against_all_repeat",
    "majority_requirement",
    "self_success_ratio",
    "signature_threshold_model",
    "turnout_threshold",
]

#: τ of the brief (b): an election is void (repeated) if B / L < τ.
TURNOUT_THRESHOLDS = (0.25, 0.3, 0.5)


def _share_row(label: object, hits: int, n: int) -> dict[str, object]:
    ci = wilson_interval(hits, n)
    return {
        "case": label,
        "n": n,
        "count": hits,
        "share": hits / n if n else None,
        "low": ci[0] if ci else None,
        "high": ci[1] if ci else None,
    }


def turnout_threshold(
    metrics: pd.DataFrame, thresholds: Sequence[float] = TURNOUT_THRESHOLDS
) -> pd.DataFrame:
    """Elections that a turnout minimum τ would void, for each τ (turnout as printed or B/L)."""
    turnout = metrics["turnout"].dropna().to_numpy(dtype=float)
    return pd.DataFrame(
        [_share_row(tau, int((turnout < tau).sum()), int(turnout.size)) for tau in thresholds]
    )


def against_all_repeat(results: pd.DataFrame) -> pd.DataFrame:
    """Elections where "against all" beat the winner (→ repeat election) or the runner-up."""
    rows = []
    for rival in ("winner", "runner_up"):
        column = f"{rival}_votes"
        known = results.dropna(subset=["against_all", column])
        beaten = int((known["against_all"] > known[column]).sum())
        rows.append(_share_row(f"against_all > {rival}", beaten, len(known)))
    return pd.DataFrame(rows)


def majority_requirement(results: pd.DataFrame) -> pd.DataFrame:
    """Elections whose plurality winner lacks a majority of valid votes (v₍₁₎ / V ≤ ½).

    Brief (b): "winner needs v₍₁₎ / V > ½ (else runoff)".  Only printed figures are
    used: a row counts where V = B − I is printed, or where v₍₁₎ / B > ½ (V ≤ B, so
    that winner holds a majority whatever I was); other rows are left out of n.
    """
    flags = metrics_table(results)["no_majority"].dropna()
    hits = int(flags.astype(bool).sum())
    return pd.DataFrame([_share_row("winner ≤ ½ of valid votes", hits, len(flags))])


def self_success_ratio(aggregates: pd.DataFrame) -> tuple[float | None, list[str]]:
    """Brief (a) "self-nominee success": (self winners / winners) / (self candidates / candidates).

    Both shares come from the same published rows (an aggregate that prints the
    self-nominated winners as ``self N`` in ``winners_by_nomination``, the elections,
    the self-nominated candidates and the candidates), pooled over those rows; mixing
    one population's winners with another's candidates would not be the brief's ratio.
    Returns the ratio (``None`` when no row prints all four) and the rows used.
    """
    need = ["winners_by_nomination", "elections", "self_nominated", "candidates"]
    winners = candidates = self_winners = self_candidates = 0
    used: list[str] = []
    for _, row in aggregates.dropna(subset=need).iterrows():
        parts = [p.strip().rsplit(" ", 1) for p in str(row["winners_by_nomination"]).split(";")]
        counts = [int(n) for label, n in parts if label.strip().lower() == "self"]
        if not counts:
            continue
        self_winners += counts[0]
        winners += int(row["elections"])
        self_candidates += int(row["self_nominated"])
        candidates += int(row["candidates"])
        used.append(str(row["aggregate_id"]))
    if not winners or not self_candidates:
        return None, used
    return (self_winners / winners) / (self_candidates / candidates), used


def signature_threshold_model(
    shares: Sequence[float] = (0.005, 0.01, 0.02, 0.05),
    *,
    potential: int = 6,
    concentration: float = 1.0,
    effort: float | None = None,
    elections: int = 20_000,
    seed: int = 0,
) -> pd.DataFrame:
    """A model, not data: the number of candidates k as the signature share s grows.

    Each of ``potential`` would-be candidates has a support share σⱼ from a symmetric
    Dirichlet(``concentration``) and a collection effort c ~ Exponential(mean
    ``effort``); they qualify when σⱼ·c·L ≥ ⌈s·L⌉, i.e. with probability
    exp(−s / (σⱼ·effort)).  Without ``effort``, it is calibrated so that today's
    s = 1 % gives the 2021 round's mean of 2,297 candidates for 730 seats (aggregates
    row ``kz-2021-07-25``).  Reported: mean k and the share of elections with k ≤ 1.
    """
    rng = np.random.default_rng(seed)
    sigma = rng.dirichlet(np.full(potential, concentration), size=elections)
    unit = rng.exponential(1.0, size=(elections, potential))
    if effort is None:
        effort = _calibrate(sigma * unit, target=2297 / 730, share=0.01)
    c = unit * effort
    rows = []
    for s in shares:
        k = (sigma * c >= s).sum(axis=1)
        ci = wilson_interval(int((k <= 1).sum()), elections)
        rows.append(
            {
                "signature_share": s,
                "mean_candidates": float(k.mean()),
                "uncontested_share": float((k <= 1).mean()),
                "low": ci[0] if ci else None,
                "high": ci[1] if ci else None,
            }
        )
    return pd.DataFrame(rows)


def _calibrate(support: np.ndarray, *, target: float, share: float) -> float:
    """The effort at which the mean number qualifying at ``share`` is ``target`` (bisection)."""
    low, high = 1e-4, 1e3
    for _ in range(60):
        mid = (low * high) ** 0.5
        if float((support * mid >= share).sum(axis=1).mean()) < target:
            low = mid
        else:
            high = mid
    return float((low * high) ** 0.5)
