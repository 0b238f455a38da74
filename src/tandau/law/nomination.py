"""Nomination: supporting signatures and party nominations.

- ``nomination.signatures``: a self-nominee needs the signatures of at least
  ``share_percent`` (1) % of the district's voters, rounded ``up`` ("not less
  than": 800 voters → 8, 1,236 voters → 13).  Computed exactly, never in floating point.
- ``nomination.party_signatures``: whether a party nominee needs them too (no, [U]).
- ``nomination.max_invalid_signature_percent``: the largest share of invalid
  signatures among those submitted; ``null`` (unknown) applies no maximum.
- ``nomination.party_member``: a party nominates from its members.
- ``nomination.one_candidate_per_party``: one candidate per party in a district.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from .decisions import Violation, cite
from .errors import NegativeNumber
from .ruleset import Ruleset

__all__ = [
    "check_party_slate",
    "check_signatures",
    "needs_signatures",
    "signatures_required",
]


def signatures_required(ruleset: Ruleset, voters: int, *, field: str = "voters") -> int:
    """The number of valid signatures a nomination needs in a district of ``voters`` voters."""
    if voters < 0:
        raise NegativeNumber(field)
    rule = ruleset.parameters.nomination.signatures.value
    exact = Fraction(rule.share_percent) * voters / 100
    return math.ceil(exact) if rule.rounding == "up" else math.floor(exact)


def needs_signatures(ruleset: Ruleset, nomination: str) -> bool:
    """Whether a nomination of this kind (``party`` or ``self``) must be backed by signatures."""
    if nomination == "self":
        return True
    return ruleset.parameters.nomination.party_signatures.value


def check_signatures(
    ruleset: Ruleset,
    nomination: str,
    *,
    valid: int,
    invalid: int,
    district_voters: int,
) -> tuple[Violation, ...]:
    """The signature rules that refuse this nomination (none when it needs no signatures)."""
    if not needs_signatures(ruleset, nomination):
        return ()
    nom = ruleset.parameters.nomination
    required = signatures_required(ruleset, district_voters, field="district_voters")
    out: list[Violation] = []
    if valid < required:
        rule = "nomination.signatures" if nomination == "self" else "nomination.party_signatures"
        out.append(
            cite(
                ruleset,
                rule,
                share=nom.signatures.value.share_percent,
                required=required,
                details={"required": required, "valid": valid},
            )
        )
    max_share = nom.max_invalid_signature_percent.value
    submitted = valid + invalid
    if max_share is not None and submitted > 0 and Fraction(invalid, submitted) * 100 > max_share:
        out.append(
            cite(
                ruleset,
                "nomination.max_invalid_signature_percent",
                max_share=max_share,
                details={"invalid": invalid, "submitted": submitted},
            )
        )
    return tuple(out)


def check_party_slate(ruleset: Ruleset, parties: Iterable[str]) -> tuple[Violation, ...]:
    """Refuse every party that nominated more than one candidate in the district.

    ``parties`` holds the nominating party of each party nominee in one district.
    """
    if not ruleset.parameters.nomination.one_candidate_per_party.value:
        return ()
    counts = Counter(parties)
    return tuple(
        cite(
            ruleset,
            "nomination.one_candidate_per_party",
            details={"party": party, "nominees": n},
        )
        for party, n in sorted(counts.items())
        if n > 1
    )
