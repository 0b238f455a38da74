"""The same rules as :mod:`tandau.analysis.rules`, one ballot at a time, in plain Python.

Slow on purpose and written from the definitions without numpy: the independent
oracle the vectorised rules are tested against, and the baseline the benchmark
(``bench/simulate.py``) compares them with.  Ballots are ``[(names, count), …]``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["REFERENCE_RULES", "Ballots", "reference_winner"]

Ballots = Sequence[tuple[Sequence[str], int]]


def _candidates(ballots: Ballots) -> list[str]:
    seen: dict[str, None] = {}
    for names, _ in ballots:
        for name in names:
            seen.setdefault(name)
    return list(seen)


def _unique_top(scores: dict[str, int]) -> str | None:
    best = max(scores.values())
    top = [c for c, s in scores.items() if s == best]
    return top[0] if len(top) == 1 else None


def _first(ballots: Ballots, continuing: set[str]) -> dict[str, int]:
    votes = dict.fromkeys(continuing, 0)
    for names, count in ballots:
        for name in names:
            if name in continuing:
                votes[name] += count
                break
    return votes


def _prefers(names: Sequence[str], a: str, b: str) -> bool:
    """Whether the ballot ranks a above b (an unranked candidate is below every ranked one)."""
    if a not in names:
        return False
    return b not in names or names.index(a) < names.index(b)


def plurality(ballots: Ballots) -> tuple[str | None, int]:
    return _unique_top(_first(ballots, set(_candidates(ballots)))), 1


def runoff(ballots: Ballots) -> tuple[str | None, int]:
    votes = _first(ballots, set(_candidates(ballots)))
    total = sum(count for _, count in ballots)
    ranked = sorted(votes.values(), reverse=True)
    for c, v in votes.items():
        if 2 * v > total:
            return c, 1
    if len(ranked) > 2 and ranked[1] == ranked[2]:
        return None, 2
    a, b = sorted(votes, key=lambda c: -votes[c])[:2]
    va = sum(n for names, n in ballots if _prefers(names, a, b))
    vb = sum(n for names, n in ballots if _prefers(names, b, a))
    return (a if va > vb else b if vb > va else None), 2


def instant_runoff(ballots: Ballots) -> tuple[str | None, int]:
    continuing = set(_candidates(ballots))
    count = 0
    while continuing:
        count += 1
        votes = _first(ballots, continuing)
        live = sum(votes.values())
        for c, v in votes.items():
            if live > 0 and 2 * v > live:
                return c, count
        fewest = min(votes.values())
        continuing -= {c for c, v in votes.items() if v == fewest}
    return None, count


def borda(ballots: Ballots) -> tuple[str | None, int]:
    candidates = _candidates(ballots)
    n = len(candidates)
    points = dict.fromkeys(candidates, 0)
    for names, count in ballots:
        for place, name in enumerate(names):
            points[name] += (n - 1 - place) * count
    return _unique_top(points), 1


def condorcet(ballots: Ballots) -> tuple[str | None, int]:
    candidates = _candidates(ballots)
    for a in candidates:
        if all(
            sum(n for names, n in ballots if _prefers(names, a, b))
            > sum(n for names, n in ballots if _prefers(names, b, a))
            for b in candidates
            if b != a
        ):
            return a, 1
    return None, 1


def approval(ballots: Ballots) -> tuple[str | None, int]:
    scores: Counter[str] = Counter()
    for names, count in ballots:
        for name in names:
            scores[name] += count
    return _unique_top(dict(scores)), 1


REFERENCE_RULES = {
    "plurality": plurality,
    "runoff": runoff,
    "irv": instant_runoff,
    "borda": borda,
    "condorcet": condorcet,
    "approval": approval,
}


def reference_winner(rule: str, ballots: Ballots) -> tuple[str | None, int]:
    """(winner or None, rounds) of ``ballots`` under ``rule``, one ballot at a time."""
    return REFERENCE_RULES[rule](ballots)
