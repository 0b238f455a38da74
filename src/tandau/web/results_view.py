"""The published results of an election as the public pages show them (record spec §R7).

Built from the board's ``results`` event and its ``paper.protocol`` events:
votes per option (electronic, paper, total), the outcome, the paper ballots
and turnout of each precinct (when a protocol gives the number of voters on
the list), and the e-ballots cancelled because their holder voted on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from tandau.i18n import N_
from tandau.spreadsheet import csv_text

from .views import ElectionIndex
from .voter_errors import ResultsNotPublished

__all__ = ["OptionResult", "PrecinctResult", "ResultRow", "Results", "results_of"]

#: Outcome statuses the page explains in words (others are shown as their code).
OUTCOMES = {
    "elected": N_("Elected"),
    "commission_decision_required": N_("The commission must decide (a tie or no winner)"),
}


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One option's published votes: electronic, paper and their total."""

    id: str
    kind: str
    name: dict[str, str]
    party: str | None
    e_votes: int
    paper_votes: int
    total: int


@dataclass(frozen=True, slots=True)
class OptionResult(ResultRow):
    share: float  # percent of all votes for options

    def to_dict(self) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in fields(ResultRow)}
        return {**row, "share": round(self.share, 2)}


@dataclass(frozen=True, slots=True)
class PrecinctResult:
    precinct: str
    ballots_cast: int
    invalid: int
    annulled: bool
    voters_on_list: int | None
    e_cancelled: int  # e-ballots cancelled because the holder voted on paper here

    @property
    def turnout(self) -> float | None:
        if not self.voters_on_list:
            return None
        return 100.0 * self.ballots_cast / self.voters_on_list

    def to_dict(self) -> dict[str, Any]:
        t = self.turnout
        return {
            "precinct": self.precinct,
            "ballots_cast": self.ballots_cast,
            "invalid": self.invalid,
            "annulled": self.annulled,
            "voters_on_list": self.voters_on_list,
            "turnout": None if t is None else round(t, 2),
            "e_ballots_cancelled": self.e_cancelled,
        }


@dataclass(frozen=True, slots=True)
class Results:
    election: str
    options: tuple[OptionResult, ...]
    counted: int
    paper_ballots: int
    credentials: int
    outcome: dict[str, Any]
    precincts: tuple[PrecinctResult, ...]
    trustees_used: tuple[int, ...]
    skipped_trustees: tuple[int, ...]

    @property
    def e_turnout(self) -> float | None:
        """Counted e-ballots per published credential, in percent."""
        return 100.0 * self.counted / self.credentials if self.credentials else None

    @property
    def winner(self) -> OptionResult | None:
        wid = self.outcome.get("winner")
        return next((o for o in self.options if o.id == wid), None)

    def to_dict(self) -> dict[str, Any]:
        t = self.e_turnout
        return {
            "election": self.election,
            "published": True,
            "options": [o.to_dict() for o in self.options],
            "counted": self.counted,
            "paper_ballots": self.paper_ballots,
            "credentials": self.credentials,
            "e_turnout": None if t is None else round(t, 2),
            "outcome": self.outcome,
            "precincts": [p.to_dict() for p in self.precincts],
            "trustees_used": list(self.trustees_used),
            "skipped_trustees": list(self.skipped_trustees),
        }

    def csv_text(self, lang: str) -> str:
        """One row per option; names in ``lang`` (the ids stay stable across languages)."""
        return csv_text(
            ["option_id", "kind", "name", "party", "e_votes", "paper_votes", "total"],
            (
                [o.id, o.kind, o.name.get(lang, o.id), o.party or "", o.e_votes, o.paper_votes,
                 o.total]
                for o in self.options
            ),
        )  # fmt: skip


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def results_of(index: ElectionIndex) -> Results:
    """The published results; ResultsNotPublished before the ``results`` event."""
    if index.results is None:
        raise ResultsNotPublished()
    manifest = index.require_manifest()
    published = {r.get("id"): r for r in index.results.get("options", []) if isinstance(r, dict)}
    rows = []
    for option in manifest.options:
        r = published.get(option.id, {})
        rows.append((option, _int(r.get("e_votes")), _int(r.get("paper_votes")),
                     _int(r.get("total"))))  # fmt: skip
    all_votes = sum(total for *_, total in rows)
    options = tuple(
        OptionResult(
            id=o.id,
            kind=o.kind,
            name=dict(o.name),
            party=o.party,
            e_votes=e,
            paper_votes=p,
            total=t,
            share=100.0 * t / all_votes if all_votes else 0.0,
        )
        for o, e, p, t in rows
    )
    cancelled_at: dict[str, int] = {}
    for precinct in index.cancelled.values():
        cancelled_at[precinct] = cancelled_at.get(precinct, 0) + 1
    precincts = []
    for p in index.paper:
        name = str(p.get("precinct", ""))
        voters = p.get("voters_on_list")
        precincts.append(
            PrecinctResult(
                precinct=name,
                ballots_cast=_int(p.get("ballots_cast")),
                invalid=_int(p.get("invalid")),
                annulled=bool(p.get("annulled", False)),
                voters_on_list=voters if isinstance(voters, int) and voters > 0 else None,
                e_cancelled=cancelled_at.get(name, 0),
            )
        )
    res = index.results
    outcome = res.get("outcome") if isinstance(res.get("outcome"), dict) else {}
    return Results(
        election=index.election,
        options=options,
        counted=_int(res.get("counted")),
        paper_ballots=_int(res.get("paper_ballots")),
        credentials=len(index.credentials),
        outcome=dict(outcome or {}),
        precincts=tuple(sorted(precincts, key=lambda x: x.precinct)),
        trustees_used=tuple(_int(j) for j in res.get("trustees_used", [])),
        skipped_trustees=tuple(_int(j) for j in res.get("skipped_trustees", [])),
    )
