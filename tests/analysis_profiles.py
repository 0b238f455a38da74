"""Hypothesis strategies for preference profiles (analysis tests)."""

from __future__ import annotations

from hypothesis import strategies as st

NAMES = ("a", "b", "c", "d", "e")


@st.composite
def profiles(
    draw: st.DrawFn, *, truncated: bool = False, min_n: int = 2, max_n: int = 5
) -> list[tuple[tuple[str, ...], int]]:
    """``[(ranking, count), …]`` over n candidates, every candidate on the first ballot."""
    n = draw(st.integers(min_n, max_n))
    names = NAMES[:n]
    rows = draw(st.lists(st.permutations(names), min_size=1, max_size=8))
    out = []
    for i, ranking in enumerate(rows):
        keep = n if not truncated or i == 0 else draw(st.integers(1, n))
        out.append((tuple(ranking[:keep]), draw(st.integers(1, 30))))
    return out
