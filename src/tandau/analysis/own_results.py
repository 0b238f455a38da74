"""Our own elections' results joining the real-results table.

A Tandau election ends with the commission's outcome (``admin.results.set``:
``voters_on_list``, ``ballots_cast``, ``invalid``, ``against_all`` and ``votes`` per
candidate, the same figures ``tandau law outcome`` reads).  :func:`outcome_row`
turns one such outcome, with the unit it elected, into a row of the results
schema — the source is the election record (``tandau:record/<election>``, an
official protocol, confidence C) — and :func:`join_results` appends rows to the
shipped table, validating the whole table again: a contradictory row is
reported by row and column like any other, never dropped.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from tandau.law import parse_input
from tandau.law.inputs import Count

from .dataset import (
    _COUNTS,
    _SHARES,
    RESULTS_FILE,
    _raise,
    _raw,
    _typed,
    load_results,
    results_problems,
)

__all__ = [
    "RECORD_SCHEME",
    "OwnElection",
    "OwnElections",
    "join_results",
    "outcome_row",
    "parse_own_elections",
]

RECORD_SCHEME = "tandau:record/"


class OwnOutcome(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    voters_on_list: Count
    ballots_cast: Count
    invalid: Count
    against_all: Count
    votes: dict[str, Count]


class OwnElection(BaseModel):
    """One of our elections: the unit it elected and the commission's outcome."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    election_id: str = Field(min_length=1)
    date: str = ""
    region: str = Field(min_length=1)
    district: str = ""
    unit: str = Field(min_length=1)
    unit_type: Literal["rural_okrug", "village", "settlement", "town", "district", "city_regional"]
    level: Literal["rural", "district"]
    winner_nominated_by: str = ""
    winner_gender: Literal["m", "f", ""] = ""
    outcome: OwnOutcome


class OwnElections(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    elections: tuple[OwnElection, ...]


def parse_own_elections(text: str | bytes) -> OwnElections:
    """``{"elections": [...]}`` from JSON, with the law reader's field-level errors."""
    return parse_input(OwnElections, text)


def outcome_row(e: OwnElection) -> dict[str, str]:
    """A results-schema row (all cells as CSV text) for one of our elections."""
    votes = sorted(e.outcome.votes.values(), reverse=True)
    top = [*votes[:3], None, None, None][:3]
    o = e.outcome
    return {
        "election_id": e.election_id,
        "date": e.date,
        "region": e.region,
        "district": e.district,
        "unit": e.unit,
        "unit_type": e.unit_type,
        "level": e.level,
        "voters_on_list": str(o.voters_on_list),
        "ballots_cast": str(o.ballots_cast),
        "turnout_reported": "",
        "candidates": str(len(votes)),
        "winner_votes": _cell(top[0]),
        "runner_up_votes": _cell(top[1]),
        "third_votes": _cell(top[2]),
        "against_all": str(o.against_all),
        "invalid": str(o.invalid),
        "winner_share_reported": "",
        "winner_nominated_by": e.winner_nominated_by,
        "winner_gender": e.winner_gender,
        "source_url": RECORD_SCHEME + e.election_id,
        "confidence": "C",
        "note": "Tandau election record; figures from the commission's outcome",
    }


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def join_results(own: OwnElections, base: pd.DataFrame | None = None) -> pd.DataFrame:
    """The shipped (or given) results with our elections appended, validated as a whole."""
    table = base if base is not None else load_results()
    shipped = table.drop(columns=["year"]).astype("string").fillna("")
    raw = pd.concat(
        [shipped, pd.DataFrame([outcome_row(e) for e in own.elections], dtype="string")],
        ignore_index=True,
    )
    text = raw.to_csv(index=False)
    again = _raw(text)
    _raise(RESULTS_FILE, results_problems(again))
    return _typed(again, _COUNTS, _SHARES)
