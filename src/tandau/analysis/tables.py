"""Metrics over the dataset: one row per election, and aggregates by region, year, level.

Pure functions from the typed results table (:func:`tandau.analysis.dataset.load_results`)
to DataFrames.  Only printed figures are used; a metric whose inputs a row lacks
is NA, and every aggregate prints ``n`` — the elections that had the inputs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .stats import bootstrap_interval, wilson_interval

__all__ = ["SHARE_FLAGS", "Share", "aggregate", "metrics_table", "share_with_interval"]

#: Yes/no metrics aggregated as shares with a Wilson interval.
SHARE_FLAGS = ("uncontested", "against_all_leads", "self_winner", "woman_winner", "no_majority")
#: Continuous metrics aggregated as means with a bootstrap interval.
MEANS = ("turnout", "candidates", "winner_share_cast", "margin_cast", "enp")


def metrics_table(results: pd.DataFrame) -> pd.DataFrame:
    """Per-election metrics over the dataset table (one row per election, NA where not printed).

    Only printed figures are used; a metric whose inputs a row lacks is NA.  The
    winner's share of valid votes needs B and I; where I is not printed the share
    of ballots cast (what notices print) is given instead as ``winner_share_cast``.
    """
    r = results
    out = pd.DataFrame(index=r.index)
    out["election_id"] = r["election_id"]
    out["region"] = r["region"]
    out["year"] = r["year"]
    out["level"] = r["level"]
    out["unit_type"] = r["unit_type"]
    out["candidates"] = r["candidates"]
    out["turnout"] = (r["ballots_cast"] / r["voters_on_list"]).astype("Float64")
    out["turnout"] = out["turnout"].fillna(r["turnout_reported"])
    valid = r["ballots_cast"] - r["invalid"]
    out["winner_share_cast"] = (r["winner_votes"] / r["ballots_cast"]).astype("Float64")
    out["winner_share_valid"] = (r["winner_votes"] / valid).astype("Float64")
    top_two = r["winner_votes"] - r["runner_up_votes"].where(r["candidates"] > 1, 0)
    out["margin_cast"] = (top_two / r["ballots_cast"]).astype("Float64")
    out["against_all_share_cast"] = (r["against_all"] / r["ballots_cast"]).astype("Float64")
    out["against_all_leads"] = (r["against_all"] > r["winner_votes"]).astype("boolean")
    out["uncontested"] = (r["candidates"] == 1).astype("boolean")
    out["self_winner"] = (r["winner_nominated_by"] == "self").astype("boolean")
    out.loc[r["winner_nominated_by"].isna(), "self_winner"] = pd.NA
    out["woman_winner"] = (r["winner_gender"] == "f").astype("boolean")
    out.loc[r["winner_gender"].isna(), "woman_winner"] = pd.NA
    out["enp"] = _enp_columns(r)
    out["no_majority"] = _no_majority(r["winner_votes"], r["ballots_cast"], valid)
    return out


def _no_majority(
    winner: pd.Series[float], cast: pd.Series[float], valid: pd.Series[float]
) -> pd.Series[bool]:
    """Brief (b) "majority requirement": the winner lacks a majority when v₍₁₎ / V ≤ ½.

    Where I is not printed V is unknown, but V ≤ B, so v₍₁₎ / B > ½ already proves a
    majority (False); a winner at or below ½ of B with V unknown stays NA (undecided).
    """
    lacks = (2 * winner <= valid).astype("boolean")
    proven = (2 * winner > cast).fillna(False).astype(bool)
    return lacks.mask(lacks.isna() & proven, False)


def _enp_columns(r: pd.DataFrame) -> pd.Series[float]:
    """ENP where every candidate's votes are printed (k ≤ 3 and the columns filled)."""
    cols = ["winner_votes", "runner_up_votes", "third_votes"]
    values = r[cols].astype("Float64")
    k = r["candidates"]
    complete = pd.Series(True, index=r.index)
    for i, col in enumerate(cols):
        complete &= values[col].notna() | (k <= i)
    filled = values.fillna(0).to_numpy(dtype=float)
    filled = np.where(np.arange(3)[None, :] < k.fillna(0).to_numpy(dtype=int)[:, None], filled, 0)
    total = filled.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        enp_values = 1.0 / ((filled / total[:, None]) ** 2).sum(axis=1)
    ok = complete.fillna(False).to_numpy(dtype=bool) & (k.fillna(0).to_numpy() <= 3) & (total > 0)
    return pd.Series(np.where(ok, enp_values, np.nan), index=r.index, dtype="Float64")


@dataclass(frozen=True)
class Share:
    """A share of n elections with its Wilson 95 % interval (``None`` when n = 0)."""

    n: int
    share: float | None
    low: float | None
    high: float | None


def share_with_interval(flags: pd.Series) -> Share:
    """Share of True among non-NA ``flags`` with its Wilson 95 % interval and n."""
    known = flags.dropna().astype(bool)
    n = int(known.size)
    hits = int(known.sum())
    ci = wilson_interval(hits, n)
    return Share(n, hits / n if n else None, ci[0] if ci else None, ci[1] if ci else None)


def aggregate(metrics: pd.DataFrame, by: str, *, seed: int = 0) -> pd.DataFrame:
    """Per group of ``by`` (region, year, level, unit_type): n, means with bootstrap
    intervals (Efron & Tibshirani 1993) and shares with Wilson intervals (Wilson 1927).

    The dataset is a convenience sample: the intervals are indicative only.
    """
    rows: list[dict[str, object]] = []
    for key, group in metrics.groupby(by, dropna=False, sort=True):
        row: dict[str, object] = {by: None if pd.isna(key) else key, "elections": len(group)}
        for column in MEANS:
            values = group[column].dropna().to_numpy(dtype=float)
            ci = bootstrap_interval(values, seed=seed)
            row[f"{column}_n"] = int(values.size)
            row[f"{column}_mean"] = float(values.mean()) if values.size else None
            row[f"{column}_low"] = ci[0] if ci else None
            row[f"{column}_high"] = ci[1] if ci else None
        for column in SHARE_FLAGS:
            for name, value in asdict(share_with_interval(group[column])).items():
                row[f"{column}_{name}"] = value
        rows.append(row)
    return pd.DataFrame(rows)
