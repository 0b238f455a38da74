"""The winner of one profile under a named rule: the ``tandau analysis winner`` answer."""

from __future__ import annotations

from .errors import AnalysisInputError
from .inputs import parse_profile
from .rules import RULES

__all__ = ["RULE_NAMES", "check_rule", "winner_of"]

RULE_NAMES = tuple(RULES)


def check_rule(rule: str) -> str:
    """``rule`` if it names a rule; :class:`AnalysisInputError` (``unknown_rule``) otherwise."""
    if rule not in RULES:
        raise AnalysisInputError("rule", "unknown_rule", rule=rule, rules=", ".join(RULE_NAMES))
    return rule


def winner_of(text: str | bytes, rule: str) -> dict[str, object]:
    """``{"winner": id or None, "rounds": n, "candidates": [...]}`` for a JSON profile."""
    check_rule(rule)
    profile = parse_profile(text, approval=rule == "approval")
    if rule == "borda" and not profile.is_complete():
        rows = (profile.batch.rankings[0] >= 0).all(axis=1)
        raise AnalysisInputError(
            f"ballots[{int((~rows).argmax())}]",
            "incomplete_ranking",
            rule=rule,
            candidates=len(profile.candidates),
        )
    winners, rounds = RULES[rule](profile.batch)
    index = int(winners[0])
    return {
        "winner": profile.candidates[index] if index >= 0 else None,
        "rounds": int(rounds[0]),
        "rule": rule,
        "candidates": list(profile.candidates),
    }
