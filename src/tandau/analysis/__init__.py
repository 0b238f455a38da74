"""Legislative analysis: real results, metrics, voting rules compared, simulations.

Analysis reads data and returns tables: pure functions over arrays and
DataFrames (:mod:`~tandau.analysis.rules`, :mod:`~tandau.analysis.metrics`),
I/O at the edge (:mod:`~tandau.analysis.dataset`).  The pandas modules
(dataset, tables, simulation, report) are imported by name, not here, so that
the JSON commands start fast.  Formulas and references are
in each function's docstring and in ``docs/guides/analysis.md``.
"""

from __future__ import annotations

from .errors import AnalysisInputError, DatasetInvalid, FiguresDoNotAdd
from .inputs import ElectionFigures, parse_figures, parse_profile
from .metrics import election_metrics, enp, metrics_of
from .profile import Batch, Profile
from .rules import RULES
from .winner import RULE_NAMES, check_rule, winner_of

__all__ = [
    "RULES",
    "RULE_NAMES",
    "AnalysisInputError",
    "Batch",
    "DatasetInvalid",
    "ElectionFigures",
    "FiguresDoNotAdd",
    "Profile",
    "check_rule",
    "election_metrics",
    "enp",
    "metrics_of",
    "parse_figures",
    "parse_profile",
    "winner_of",
]
