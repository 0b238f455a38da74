"""Local self-government: the community's bodies, their rules and their decisions.

Owns: rules as data (:mod:`~tandau.community.ruleset`: the national community
ruleset and each district maslikhat's), the pure rules (:mod:`~tandau.community.rules`:
meeting size, seats, quorum, adoption; ``maslikhat_decision_required`` where no rule
is confirmed), and the services — register, delegation, sessions, open votes
(:mod:`.service`, :mod:`.member_ballots`), minutes (:mod:`.minutes`), budget
(:mod:`.budget`), petitions (:mod:`.petitions`) and secret votes on the election
engine (:mod:`.secret_vote`).

May import: law, admin (the election service and driver), board, protocol, crypto,
i18n; storage implements its row-store protocol (:mod:`.rowstore`) without being
imported.  Imported by web and cli only (ADR 0011).  Start with :mod:`.rules`.
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
