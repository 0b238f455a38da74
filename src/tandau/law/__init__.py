"""The law of akim elections as dated rulesets, and the decisions made under them.

Rulesets are data (``tandau/law/rulesets/*.json``, see :mod:`tandau.law.ruleset`);
each parameter cites its article, source and confidence.  The modules decide:

- :mod:`~tandau.law.calendar` — deadlines from polling day (E − (N + 1) at 18:00);
- :mod:`~tandau.law.nomination` — signatures (≥ 1 %, rounded up) and party nominations;
- :mod:`~tandau.law.candidates` — candidate eligibility and the registration file;
- :mod:`~tandau.law.voters` — voter eligibility (CLE Art. 4);
- :mod:`~tandau.law.ballot` — candidate order and the "against all" line;
- :mod:`~tandau.law.outcome` — plurality, and a commission decision where the law is unknown.

Every refusal or reason names its rule ID and article and explains itself in kk, ru
and en.  May import: the standard library, pydantic, ``tandau.crypto.errors`` and
``tandau.i18n`` — nothing of the election engine (it decides from figures, not boards).

Entry points: ``load_ruleset`` and the pure decisions ``check_candidate``,
``signatures_required``, ``ballot_lines``, ``decide_outcome``; ``tandau law``
runs each from the command line.  ADR 0003.
"""

from __future__ import annotations

from .age import age_on
from .ballot import BallotLine, ballot_lines, order_candidates
from .calendar import (
    ElectionCalendar,
    TermDeadlines,
    deadline_before,
    election_calendar,
    extended_nomination_close,
    term_deadlines,
)
from .candidates import CandidateFile, check_candidate
from .decisions import Eligibility, Reason, Violation
from .errors import (
    BadCommandLine,
    InconsistentInput,
    InvalidDate,
    InvalidInput,
    InvalidValue,
    LawError,
    MalformedJSON,
    MissingField,
    NegativeNumber,
    RulesetInvalid,
    UnexpectedField,
    UnknownRuleset,
    WrongType,
)
from .inputs import parse_count, parse_date, parse_input
from .nomination import check_party_slate, check_signatures, signatures_required
from .outcome import AnnulledPrecinct, CandidateVotes, Outcome, Returns, decide_outcome
from .ruleset import (
    Param,
    Ruleset,
    builtin_ids,
    load_ruleset,
    parse_ruleset,
    raw_ruleset,
    ruleset_schema,
)
from .voters import VoterRecord, check_voter

__all__ = [
    "AnnulledPrecinct",
    "BadCommandLine",
    "BallotLine",
    "CandidateFile",
    "CandidateVotes",
    "ElectionCalendar",
    "Eligibility",
    "InconsistentInput",
    "InvalidDate",
    "InvalidInput",
    "InvalidValue",
    "LawError",
    "MalformedJSON",
    "MissingField",
    "NegativeNumber",
    "Outcome",
    "Param",
    "Reason",
    "Returns",
    "Ruleset",
    "RulesetInvalid",
    "TermDeadlines",
    "UnexpectedField",
    "UnknownRuleset",
    "Violation",
    "VoterRecord",
    "WrongType",
    "age_on",
    "ballot_lines",
    "builtin_ids",
    "check_candidate",
    "check_party_slate",
    "check_signatures",
    "check_voter",
    "deadline_before",
    "decide_outcome",
    "election_calendar",
    "extended_nomination_close",
    "load_ruleset",
    "order_candidates",
    "parse_count",
    "parse_date",
    "parse_input",
    "parse_ruleset",
    "raw_ruleset",
    "ruleset_schema",
    "signatures_required",
    "term_deadlines",
]
