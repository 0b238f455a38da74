"""The analysis layer's named errors, in the law layer's error tree.

Every invalid input is a :class:`tandau.law.InvalidInput`: the command line prints
``{"error": {"code", "field", "message": {"kk", "ru", "en"}}}`` and exits 2, the same
shape as ``tandau law``.  The analysis adds::

    InvalidInput (law.invalid_input)
    └── AnalysisInputError      analysis.invalid_input.<reason>
        ├── FiguresDoNotAdd     analysis.invalid_input.sum_mismatch   Σv + A + I ≠ B
        └── DatasetInvalid      analysis.dataset.invalid_row          a shipped/edited CSV row
"""

from __future__ import annotations

from tandau.i18n import Message
from tandau.law import InvalidInput
from tandau.law.errors import ReasonedInput

from .messages import ERROR_MESSAGES

__all__ = ["AnalysisInputError", "DatasetInvalid", "FiguresDoNotAdd"]


class AnalysisInputError(ReasonedInput, title=InvalidInput.title):
    """An analysis input is not valid; ``reason`` is the last part of the code."""

    code = "analysis.invalid_input"
    prefix = "analysis.invalid_input"
    messages = ERROR_MESSAGES


class FiguresDoNotAdd(AnalysisInputError, title=InvalidInput.title):
    """Σvᵢ + A + I ≠ B: the figures contradict each other (never silently fixed)."""

    def __init__(self, candidates: int, against_all: int, invalid: int, ballots_cast: int) -> None:
        super().__init__(
            "ballots_cast",
            "sum_mismatch",
            candidates=candidates,
            against_all=against_all,
            invalid=invalid,
            total=candidates + against_all + invalid,
            ballots_cast=ballots_cast,
        )


class DatasetInvalid(InvalidInput, title=InvalidInput.title):
    """Dataset rows that fail validation; ``problems`` lists each (row, column, problem)."""

    code = "analysis.dataset.invalid_row"

    def __init__(self, file: str, problems: list[tuple[int, str, Message]]) -> None:
        self.problems = problems
        row, column, problem = problems[0]
        super().__init__(
            column,
            message=ERROR_MESSAGES[self.code],
            row=row,
            file=file,
            column=column,
            problem=problem,
        )

    def to_dict(self) -> dict[str, object]:
        listed = [{"row": r, "column": c, "problem": p.localize()} for r, c, p in self.problems]
        return {**super().to_dict(), "problems": listed}
