"""The community layer's named errors: invalid inputs, reported like the law layer's.

They extend :class:`tandau.law.InvalidInput`, so the command line and the web map
them to exit status 2 / HTTP 422 with ``{"code", "field", "message": {kk, ru, en}}``
exactly as for the election rules::

    InvalidInput (law)
    └── CommunityInputError   community.invalid_input.<reason>
"""

from __future__ import annotations

from tandau.law import InvalidInput

from .messages import ERROR_MESSAGES

__all__ = ["CommunityInputError"]


class CommunityInputError(InvalidInput):
    """Figures that break a community rule's preconditions; ``reason`` ends the code.

    Reasons: ``not_positive``, ``denominator``, ``duplicate_id``, ``size_outside_band``,
    ``fewer_seats_than_settlements``, ``present_exceeds_members``,
    ``votes_exceed_present``, ``no_ruleset_in_force``.
    """

    code = "community.invalid_input"

    def __init__(self, field: str, reason: str, **params: object) -> None:
        self.code = f"community.invalid_input.{reason}"
        self.reason = reason
        super().__init__(field, message=ERROR_MESSAGES[self.code], **params)
