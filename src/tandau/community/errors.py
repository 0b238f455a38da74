"""The community layer's named errors: invalid inputs, reported like the law layer's.

They extend :class:`tandau.law.InvalidInput`, so the command line and the web map
them to exit status 2 / HTTP 409 (ADR 0014) with ``{"code", "field", "message": {kk, ru, en}}``
exactly as for the election rules::

    InvalidInput (law)
    └── CommunityInputError   community.invalid_input.<reason>
    TandauError
    └── CommunityRefused      community.refused.<reason>     a step the records refuse
"""

from __future__ import annotations

from collections.abc import Mapping

from tandau.crypto.errors import TandauError
from tandau.i18n import localize_error
from tandau.law import InvalidInput

from .messages import ERROR_MESSAGES, REFUSALS

__all__ = ["CommunityInputError", "CommunityRefused"]


class CommunityInputError(InvalidInput, title=InvalidInput.title):
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


class CommunityRefused(TandauError, title=TandauError.title):
    """A step the community's records or rules refuse; nothing is stored."""

    code = "community.refused"

    def __init__(self, reason: str, **params: object) -> None:
        self.code = f"community.refused.{reason}"
        self.reason = reason
        self.msg = REFUSALS[reason]
        self.params: Mapping[str, object] = params
        super().__init__(self.msg.render("en", params), **params)

    @property
    def localized(self) -> dict[str, str]:
        return localize_error(self)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.localized}
