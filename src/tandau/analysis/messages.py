"""Every user-visible message of the analysis layer, as translatable msgids.

Translations live in the ``tandau-analysis`` catalogue part; a test checks that
every msgid here is translated into kk, ru and en.
"""

from __future__ import annotations

from collections.abc import Mapping

from tandau.i18n import N_, Message

__all__ = ["ERROR_MESSAGES", "all_messages"]

#: Messages of the analysis errors, keyed by error code (see :mod:`tandau.analysis.errors`).
ERROR_MESSAGES: Mapping[str, Message] = {
    "analysis.invalid_input.sum_mismatch": N_(
        "The votes for candidates ({candidates}), the votes against all ({against_all}) and "
        "the invalid ballots ({invalid}) add up to {total}, not to the {ballots_cast} "
        "ballots cast."
    ),
    "analysis.invalid_input.no_candidates": N_(
        "The field {field} must list at least one candidate."
    ),
    "analysis.invalid_input.empty_profile": N_("The field {field} holds no ballots to count."),
    "analysis.invalid_input.too_many_ballots": N_(
        "The field {field} holds {total} ballots, more than the {limit} the voting rules "
        "count exactly."
    ),
    "analysis.invalid_input.empty_ballot": N_(
        "The ballot in the field {field} names no candidate."
    ),
    "analysis.invalid_input.repeated_candidate": N_(
        "The ballot in the field {field} names the same candidate twice."
    ),
    "analysis.invalid_input.incomplete_ranking": N_(
        "The rule {rule} needs every ballot to rank all {candidates} candidates; the ballot in "
        "the field {field} does not."
    ),
    "analysis.invalid_input.unknown_rule": N_(
        "There is no voting rule {rule}; the rules are: {rules}."
    ),
    "analysis.invalid_input.unknown_format": N_(
        "There is no export format {format}; the formats are: {formats}."
    ),
    "analysis.dataset.invalid_row": N_("Row {row} of {file}, column {column}: {problem}"),
}


def all_messages() -> list[Message]:
    """Every message of the analysis layer (for the catalogue completeness test)."""
    from .dataset import PROBLEMS
    from .report_text import REPORT_TEXT

    return [*ERROR_MESSAGES.values(), *PROBLEMS.values(), *REPORT_TEXT.values()]
