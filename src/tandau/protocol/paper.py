"""Paper protocols and paper-vote cancellations at entry (record spec §R5.1, §R5.2).

The board refuses what ``tandau-verify`` would refuse: a ``paper.protocol``
must satisfy the invariants P1–P8 of record.md §R5.1, and a
``ballot.cancelled`` names a published credential once, with its precinct.
Every writer (the CLI, the console, the demo) posts through
``ElectionState.apply``, so checking here refuses them all, with a named,
localised error and nothing stored.
"""

from __future__ import annotations

from typing import Any

from tandau.i18n import N_, Message, localize_error

from .errors import InvalidObject

__all__ = [
    "PROTOCOL_KEYS",
    "PaperRefused",
    "check_cancellation",
    "check_protocol",
    "check_results_precincts",
]

MAX_INT = 2**53 - 1
PROTOCOL_KEYS = frozenset(
    {
        "precinct",
        "voters_on_list",
        "ballots_issued",
        "ballots_cast",
        "invalid",
        "votes",
        "annulled",
        "corrects",
    }
)

#: One message per invariant, in every language (catalogue part tandau-record).
MESSAGES: dict[str, Message] = {
    "P1": N_("Paper protocol: the field {field} is missing, unknown or not a valid count."),
    "P2": N_("Paper protocol: the votes must name exactly the ballot's options."),
    "P3": N_("Paper protocol: the votes and invalid ballots must add up to the ballots cast."),
    "P4": N_("Paper protocol: more ballots were cast than were issued."),
    "P5": N_("Paper protocol: more ballots were issued than there are voters on the list."),
    "P6": N_(
        "Paper protocol: precinct {precinct} already has a protocol; "
        "only a correction of it may follow."
    ),
    "P7": N_(
        "Paper votes at precinct {precinct} cancelled more e-votes than paper ballots issued."
    ),
    "P8": N_("Paper protocol: protocols are entered after voting closes, before the results."),
    "C1": N_("This voter's e-vote was already cancelled for a paper vote."),
    "C2": N_("A cancellation must name a published credential, its precinct and paper_vote."),
    "C3": N_("The results need the paper protocol of precinct {precinct}."),
}


class PaperRefused(InvalidObject, title=InvalidObject.title):
    """A paper protocol or cancellation breaks an invariant of §R5.1/§R5.2; ``rule`` names it."""

    code = "protocol.paper_refused"

    def __init__(self, rule: str, **details: object) -> None:
        self.rule = rule
        self.msg = MESSAGES[rule]
        self.params = details
        super().__init__(self.msg.render("en", details), rule=rule, **details)

    @property
    def localized(self) -> dict[str, str]:
        return localize_error(self)


def _count(p: dict[str, Any], key: str) -> int:
    v = p.get(key)
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= MAX_INT:
        raise PaperRefused("P1", field=key)
    return v


def check_protocol(
    protocols: dict[str, tuple[int, dict[str, Any]]],
    cancelled_at: dict[str, int],
    option_ids: list[str],
    seq: int,
    p: dict[str, Any],
    *,
    in_period: bool,
) -> str:
    """P1–P8 for a protocol about to be entered at ``seq``; returns its precinct."""
    for k in sorted(set(p) ^ PROTOCOL_KEYS):
        raise PaperRefused("P1", field=k)
    precinct = p["precinct"]
    if not isinstance(precinct, str) or not 0 < len(precinct) <= 64:
        raise PaperRefused("P1", field="precinct")
    voters, issued, cast = (
        _count(p, k) for k in ("voters_on_list", "ballots_issued", "ballots_cast")
    )
    invalid = _count(p, "invalid")
    if not isinstance(p["annulled"], bool):
        raise PaperRefused("P1", field="annulled")
    votes = p["votes"]
    if not isinstance(votes, dict) or set(votes) != set(option_ids):
        raise PaperRefused("P2")
    total = sum(_count(votes, i) for i in option_ids)
    if total + invalid != cast:
        raise PaperRefused("P3")
    if cast > issued:
        raise PaperRefused("P4")
    if issued > voters:
        raise PaperRefused("P5")
    earlier = protocols.get(precinct)
    corrects = p["corrects"]
    if corrects is None:
        if earlier is not None:
            raise PaperRefused("P6", precinct=precinct)
    elif (
        not isinstance(corrects, int)
        or isinstance(corrects, bool)
        or earlier is None
        or earlier[0] != corrects
    ):
        raise PaperRefused("P6", precinct=precinct)
    if cancelled_at.get(precinct, 0) > issued:
        raise PaperRefused("P7", precinct=precinct)
    if not in_period:
        raise PaperRefused("P8")
    return precinct


def check_cancellation(
    protocols: dict[str, tuple[int, dict[str, Any]]],
    cancelled_at: dict[str, int],
    p: dict[str, Any],
    *,
    already: bool,
) -> str:
    """§R5.2: once per credential; within its precinct's issued paper ballots (P7)."""
    precinct = p.get("precinct")
    if (
        set(p) != {"credential", "precinct", "reason"}
        or p.get("reason") != "paper_vote"
        or not isinstance(precinct, str)
        or not 0 < len(precinct) <= 64
    ):
        raise PaperRefused("C2")
    if already:
        raise PaperRefused("C1")
    found = protocols.get(precinct)
    if found is not None and cancelled_at.get(precinct, 0) + 1 > found[1]["ballots_issued"]:
        raise PaperRefused("P7", precinct=precinct)
    return precinct


def check_results_precincts(
    protocols: dict[str, tuple[int, dict[str, Any]]], cancelled_at: dict[str, int]
) -> None:
    """P7 at the results: every cancellation's precinct has its protocol."""
    for precinct in sorted(cancelled_at):
        if precinct not in protocols:
            raise PaperRefused("C3", precinct=precinct)
