"""Local self-government: the community's bodies, their rules and their decisions.

Rules are data (:mod:`~tandau.community.ruleset`): the national community ruleset
(meeting size, term, seats) and each district maslikhat's ruleset (quorum,
majority, notice, petitions).  :mod:`~tandau.community.rules` decides from them —
meeting size, seats per separate gathering, quorum, adoption — and answers
``maslikhat_decision_required`` wherever no confirmed rule exists.
"""

from __future__ import annotations

from .errors import CommunityInputError
from .rules import (
    DECISION_REQUIRED_STATUS,
    Decision,
    Gathering,
    QuorumQuestion,
    Rules,
    SeatsQuestion,
    apportion_seats,
    decide,
    meeting_size,
    quorum,
    quorum_required,
    votes_required,
)
from .ruleset import (
    DistrictRuleset,
    MajorityRule,
    NationalRuleset,
    QuorumRule,
    district_schema,
    load_district_ruleset,
    national_ruleset,
    national_ruleset_on,
    national_schema,
    parse_district_ruleset,
)

__all__ = [
    "DECISION_REQUIRED_STATUS",
    "CommunityInputError",
    "Decision",
    "DistrictRuleset",
    "Gathering",
    "MajorityRule",
    "NationalRuleset",
    "QuorumQuestion",
    "QuorumRule",
    "Rules",
    "SeatsQuestion",
    "apportion_seats",
    "decide",
    "district_schema",
    "load_district_ruleset",
    "meeting_size",
    "national_ruleset",
    "national_ruleset_on",
    "national_schema",
    "parse_district_ruleset",
    "quorum",
    "quorum_required",
    "votes_required",
]
