"""The results dataset: shipped CSVs → typed, validated pandas tables → CSV, Parquet, JSON.

``data/akim-results.csv`` (one row per election) and ``data/akim-aggregates.csv``
(figures published only for several elections together) are hand-collected open
data; ``data/akim-results.md`` describes every column and source.  An empty cell
means the source does not print the figure: it loads as NA, never as 0.

Loading validates every row; a row that fails is reported by row (the CSV line
number) and column in a :class:`~tandau.analysis.errors.DatasetInvalid` listing
all problems at once — a row is never silently dropped or fixed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pandas as pd

from tandau.i18n import N_, Message
from tandau.spreadsheet import safe_cell

from .errors import AnalysisInputError, DatasetInvalid

__all__ = [
    "AGGREGATES_FILE",
    "DATASET_VERSION",
    "FORMATS",
    "PROBLEMS",
    "RESULTS_FILE",
    "export",
    "load_aggregates",
    "load_results",
    "results_problems",
]

#: Version of the shipped tables: bump on every change to a row (semantic: a new
#: row or figure is a minor change, a corrected figure a patch).  1.1.0: the
#: aggregates' ``women_winners`` column, from the figures their notes print.
#: 1.2.0: issue #12's new rows and figures, each read on the page its row names.
#: 1.3.0: 18 more elections (6 with a printed count, 12 naming only the winner) and 3
#: aggregates, from pages not searched before.
DATASET_VERSION = "1.3.0"
RESULTS_FILE = "akim-results.csv"
AGGREGATES_FILE = "akim-aggregates.csv"
FORMATS = ("csv", "parquet", "json")

_COUNTS = (
    "voters_on_list",
    "ballots_cast",
    "candidates",
    "winner_votes",
    "runner_up_votes",
    "third_votes",
    "against_all",
    "invalid",
)
_SHARES = ("turnout_reported", "winner_share_reported")
_CHOICES = {
    "unit_type": {"rural_okrug", "village", "settlement", "town", "district", "city_regional"},
    "level": {"rural", "district"},
    "winner_gender": {"m", "f"},
    "confidence": {"C", "S"},
}
_REQUIRED = ("election_id", "region", "unit", "unit_type", "level", "source_url", "confidence")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: |turnout_reported − B/L| above this is a contradiction, not rounding of a printed percent.
TURNOUT_TOLERANCE = 0.006

#: What can be wrong with a cell, localised (the dataset error names row and column).
PROBLEMS: dict[str, Message] = {
    "required": N_("the value is required"),
    "count": N_("not a whole number of 0 or more"),
    "share": N_("not a share between 0 and 1"),
    "choice": N_("a value that is not allowed"),
    "date": N_("not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    "id": N_("not a lower-case identifier, or one used by an earlier row"),
    "url": N_("not a web address"),
    "ballots_exceed_voters": N_("more ballots cast than voters on the list"),
    "votes_order": N_("the votes of the first three candidates are not in descending order"),
    "votes_exceed_ballots": N_(
        "the printed votes, against all and invalid ballots add up to more than the ballots cast"
    ),
    "more_votes_than_candidates": N_(
        "more candidates' votes are printed than there are candidates"
    ),
    "turnout_mismatch": N_("the reported turnout contradicts ballots cast / voters on the list"),
}


@dataclass(frozen=True)
class _Cell:
    row: int
    column: str
    problem: str


def _data(name: str) -> str:
    return files("tandau.analysis").joinpath("data", name).read_text(encoding="utf-8")


def _raw(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _check_cells(
    raw: pd.DataFrame, counts: tuple[str, ...], shares: tuple[str, ...]
) -> list[_Cell]:
    problems: list[_Cell] = []
    checks: list[tuple[str, Callable[[str], bool], str]] = []
    checks += [(c, lambda v: v == "" or v.isdigit(), "count") for c in counts]
    checks += [(c, _is_share, "share") for c in shares]
    checks += [(c, _one_of(allowed), "choice") for c, allowed in _CHOICES.items()]
    checks.append(("date", lambda v: v == "" or bool(_DATE.match(v)), "date"))
    checks.append(("source_url", _is_source, "url"))
    for i, row in raw.iterrows():
        line = int(str(i)) + 2  # the header is line 1
        for column, ok, problem in checks:
            if column in raw.columns and not ok(row[column]):
                problems.append(_Cell(line, column, problem))
    return problems


def _is_source(value: str) -> bool:
    """A web page, or (for our own elections) the election record."""
    return value == "" or value.startswith(("http://", "https://", "tandau:record/"))


def _one_of(allowed: set[str]) -> Callable[[str], bool]:
    return lambda value: value == "" or value in allowed


def _is_share(value: str) -> bool:
    if value == "":
        return True
    try:
        number = float(value)
    except ValueError:
        return False
    return 0.0 <= number <= 1.0


def _typed(raw: pd.DataFrame, counts: tuple[str, ...], shares: tuple[str, ...]) -> pd.DataFrame:
    table = raw.replace("", pd.NA)
    for c in counts:
        table[c] = pd.to_numeric(table[c]).astype("Int64")
    for c in shares:
        table[c] = pd.to_numeric(table[c]).astype("Float64")
    for c in table.columns.difference([*counts, *shares]):
        table[c] = table[c].astype("string")
    table["year"] = pd.to_numeric(table["date"].str.slice(0, 4)).astype("Int64")
    return table


def results_problems(raw: pd.DataFrame) -> list[_Cell]:
    """Every problem of the results table's rows (cells, then figures against each other)."""
    problems = _check_cells(raw, _COUNTS, _SHARES)
    seen: set[str] = set()
    for i, row in raw.iterrows():
        line = int(str(i)) + 2
        for column in _REQUIRED:
            if row[column] == "":
                problems.append(_Cell(line, column, "required"))
        if row["election_id"] and (not _ID.match(row["election_id"]) or row["election_id"] in seen):
            problems.append(_Cell(line, "election_id", "id"))
        seen.add(row["election_id"])
    if any(p.problem in {"count", "share"} for p in problems):
        return problems
    t = _typed(raw, _COUNTS, _SHARES)
    lines = t.index.to_series() + 2

    def flag(mask: pd.Series, column: str, problem: str) -> None:
        for line in lines[mask.fillna(False).astype(bool)]:
            problems.append(_Cell(int(line), column, problem))

    flag(t["ballots_cast"] > t["voters_on_list"], "ballots_cast", "ballots_exceed_voters")
    flag(t["runner_up_votes"] > t["winner_votes"], "runner_up_votes", "votes_order")
    flag(t["third_votes"] > t["runner_up_votes"], "third_votes", "votes_order")
    printed = t[["winner_votes", "runner_up_votes", "third_votes", "against_all", "invalid"]]
    flag(printed.fillna(0).sum(axis=1) > t["ballots_cast"], "ballots_cast", "votes_exceed_ballots")
    filled = t[["winner_votes", "runner_up_votes", "third_votes"]].notna().sum(axis=1)
    flag(filled > t["candidates"], "candidates", "more_votes_than_candidates")
    gap = (t["turnout_reported"] - t["ballots_cast"] / t["voters_on_list"]).abs()
    flag(gap > TURNOUT_TOLERANCE, "turnout_reported", "turnout_mismatch")
    return sorted(problems, key=lambda p: (p.row, p.column))


def _raise(file: str, problems: list[_Cell]) -> None:
    if problems:
        raise DatasetInvalid(file, [(p.row, p.column, PROBLEMS[p.problem]) for p in problems])


def load_results(path: Path | None = None) -> pd.DataFrame:
    """The per-election table, typed (counts ``Int64``, shares ``Float64``, text ``string``)
    with a derived ``year``; :class:`DatasetInvalid` if any row fails validation."""
    text = path.read_text(encoding="utf-8") if path else _data(RESULTS_FILE)
    raw = _raw(text)
    _raise(str(path or RESULTS_FILE), results_problems(raw))
    return _typed(raw, _COUNTS, _SHARES)


_AGG_COUNTS = (
    "elections",
    "candidates",
    "self_nominated",
    "party_nominated",
    "women_candidates",
    "women_winners",
    "polling_stations",
    "voters_on_list",
    "ballots_cast",
)


def load_aggregates(path: Path | None = None) -> pd.DataFrame:
    """The aggregates table, typed like :func:`load_results`, validated cell by cell."""
    text = path.read_text(encoding="utf-8") if path else _data(AGGREGATES_FILE)
    raw = _raw(text)
    problems = _check_cells(raw, _AGG_COUNTS, ("turnout_reported",))
    for i, row in raw.iterrows():
        for column in ("aggregate_id", "scope", "level", "source_url", "confidence"):
            if row[column] == "":
                problems.append(_Cell(int(str(i)) + 2, column, "required"))
    _raise(str(path or AGGREGATES_FILE), problems)
    return _typed(raw, _AGG_COUNTS, ("turnout_reported",))


def export(table: pd.DataFrame, fmt: str) -> bytes:
    """``table`` as CSV, Parquet or JSON (records, NA as null) bytes."""
    if fmt == "csv":
        # A text cell that a spreadsheet would run as a formula is written as text.
        safe = table.map(lambda v: safe_cell(v) if isinstance(v, str) else v)
        return safe.to_csv(index=False).encode("utf-8")
    if fmt == "json":
        return table.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise AnalysisInputError("format", "unknown_format", format=fmt, formats=", ".join(FORMATS))
