"""The European Charter of Local Self-Government scorecard and the foreign-models table.

Both are editable data (``data/charter.csv``, ``data/foreign-models.csv``): a
researcher changes a row and re-renders the report.  A claimed status ships only
when its confidence is ``C`` (read in a legal act or official notice); a row
resting on news (``S``) or unconfirmed (``U``) is shown as **unknown**, its claim
and the gap kept beside it — the brief's rule that nothing unconfirmed renders
as a fact.
"""

from __future__ import annotations

import io
from importlib.resources import files
from pathlib import Path

import pandas as pd

from .dataset import PROBLEMS, _Cell, _raise

__all__ = ["STATUSES", "load_charter", "load_foreign_models", "status_counts"]

STATUSES = ("meets", "partly", "not", "unknown")


def _read(name: str, path: Path | None) -> pd.DataFrame:
    text = (
        path.read_text(encoding="utf-8")
        if path
        else files("tandau.analysis").joinpath("data", name).read_text(encoding="utf-8")
    )
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def load_charter(path: Path | None = None) -> pd.DataFrame:
    """The scorecard with the shown ``status`` (claimed status only where confidence is C)."""
    raw = _read("charter.csv", path)
    problems: list[_Cell] = []
    for i, row in raw.iterrows():
        line = int(str(i)) + 2
        if row["claimed_status"] not in {"", *STATUSES}:
            problems.append(_Cell(line, "claimed_status", "choice"))
        if row["confidence"] not in {"C", "S", "U"}:
            problems.append(_Cell(line, "confidence", "choice"))
        if not row["article"]:
            problems.append(_Cell(line, "article", "required"))
    _raise(str(path or "charter.csv"), problems)
    confirmed = (raw["confidence"] == "C") & (raw["claimed_status"] != "")
    raw["status"] = raw["claimed_status"].where(confirmed, "unknown")
    return raw


def load_foreign_models(path: Path | None = None) -> pd.DataFrame:
    """How other countries choose the head of the lowest tier; empty = not confirmed."""
    raw = _read("foreign-models.csv", path)
    problems = [
        _Cell(int(str(i)) + 2, "country", "required")
        for i, row in raw.iterrows()
        if not row["country"]
    ]
    _raise(str(path or "foreign-models.csv"), problems)
    return raw


def status_counts(charter: pd.DataFrame) -> dict[str, int]:
    """How many Charter rows meet, partly meet, do not meet, or are unknown."""
    counts = charter["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


assert "choice" in PROBLEMS  # the problems used above are localised
