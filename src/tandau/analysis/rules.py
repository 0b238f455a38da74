"""Single-winner voting rules, vectorised over a batch of elections.

Each rule takes a :class:`~tandau.analysis.profile.Batch` and returns
``(winners, rounds)``: arrays of length E, the winner's candidate index or ``-1``
where the rule gives no winner (a tie — the software never breaks one — or, for
Condorcet, no candidate beating every other), and the number of counts made.
Definitions are those of ``docs/guides/analysis.md`` (brief (b)):

- plurality: most first preferences (Cox 1997, *Making Votes Count*);
- runoff: > ½ of first preferences wins in round 1, else the top two meet in round 2
  (ballots ranking neither are exhausted); exactly ½ is not a majority; a tie for the
  second runoff place or in round 2 → no winner;
- irv: eliminate the continuing candidate(s) with fewest first preferences — all
  of them at once when tied, as ``pref-voting``'s ``instant_runoff`` does — until one
  holds > ½ of the continuing (non-exhausted) ballots (Hare 1859);
- borda: full rankings, n−1 … 0 points (de Borda 1781; Saari 1995);
- condorcet: the candidate beating every other by a strict pairwise majority
  (Condorcet 1785; Young 1988, *APSR* 82(4));
- approval: most approvals (Brams & Fishburn 1978, *APSR* 72(3)).

No Python loop runs over ballots or elections: IRV loops over at most n rounds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from .profile import Batch, IntArray

__all__ = [
    "RULES",
    "Outcome",
    "approval",
    "borda",
    "borda_scores",
    "condorcet",
    "first_preferences",
    "instant_runoff",
    "pairwise",
    "plurality",
    "positions",
    "runoff",
]

Outcome = tuple[IntArray, IntArray]
BoolArray = npt.NDArray[np.bool_]


def _unique_max(scores: npt.NDArray[np.int64]) -> IntArray:
    """Index of the strict maximum per row, ``-1`` where two or more share it."""
    best = scores.max(axis=1, keepdims=True)
    tied = (scores == best).sum(axis=1) > 1
    return np.where(tied, -1, scores.argmax(axis=1)).astype(np.int64)


def _ones(batch: Batch, value: int) -> IntArray:
    return np.full(batch.elections, value, dtype=np.int64)


def first_preferences(batch: Batch, continuing: BoolArray | None = None) -> IntArray:
    """Votes of each candidate (E, n): each ballot counts for its highest continuing choice."""
    e_count, _, n = batch.rankings.shape
    ranked = batch.rankings >= 0
    cand = np.where(ranked, batch.rankings, 0)
    if continuing is None:
        live = ranked
    else:
        live = ranked & np.take_along_axis(continuing, cand.reshape(e_count, -1), axis=1).reshape(
            cand.shape
        )
    has = live.any(axis=2)
    top = np.take_along_axis(cand, live.argmax(axis=2)[..., None], axis=2)[..., 0]
    flat = (np.arange(e_count)[:, None] * n + top)[has]
    weights = batch.counts[has]
    return (
        np.bincount(flat, weights=weights, minlength=e_count * n)
        .reshape(e_count, n)
        .astype(np.int64)
    )


def positions(batch: Batch) -> IntArray:
    """Position of each candidate on each ballot (E, m, n); n where it is unranked."""
    e_count, m, n = batch.rankings.shape
    pos = np.full((e_count, m, n + 1), n, dtype=np.int64)
    idx = np.where(batch.rankings >= 0, batch.rankings, n)
    order = np.broadcast_to(np.arange(n, dtype=np.int64), idx.shape)
    np.put_along_axis(pos, idx, order, axis=2)
    return pos[..., :n]


def pairwise(batch: Batch) -> IntArray:
    """N[e, i, j] = voters ranking i above j (an unranked candidate is below every ranked one)."""
    pos = positions(batch)
    above = pos[..., :, None] < pos[..., None, :]
    out: IntArray = np.einsum("em,emij->eij", batch.counts, above.astype(np.int64))
    return out


def plurality(batch: Batch) -> Outcome:
    return _unique_max(first_preferences(batch)), _ones(batch, 1)


def runoff(batch: Batch) -> Outcome:
    first = first_preferences(batch)
    total = batch.counts.sum(axis=1)
    majority = 2 * first.max(axis=1) > total
    order = np.argsort(-first, axis=1, kind="stable")
    a, b = order[:, 0], order[:, 1] if first.shape[1] > 1 else order[:, 0]
    rows = np.arange(batch.elections)
    second = first[rows, b]
    third = first[rows, order[:, 2]] if first.shape[1] > 2 else np.full_like(second, -1)
    ambiguous = second == third
    pos = positions(batch)
    pa = np.take_along_axis(pos, np.broadcast_to(a[:, None, None], (*pos.shape[:2], 1)), axis=2)
    pb = np.take_along_axis(pos, np.broadcast_to(b[:, None, None], (*pos.shape[:2], 1)), axis=2)
    va = (batch.counts * (pa[..., 0] < pb[..., 0])).sum(axis=1)
    vb = (batch.counts * (pb[..., 0] < pa[..., 0])).sum(axis=1)
    second_round = np.where(va > vb, a, np.where(vb > va, b, -1))
    second_round = np.where(ambiguous, -1, second_round)
    winners = np.where(majority, first.argmax(axis=1), second_round).astype(np.int64)
    return winners, np.where(majority, 1, 2).astype(np.int64)


def instant_runoff(batch: Batch) -> Outcome:
    e_count, n = batch.elections, batch.n
    continuing = np.ones((e_count, n), dtype=np.bool_)
    done = np.zeros(e_count, dtype=np.bool_)
    winners = _ones(batch, -1)
    rounds = _ones(batch, 0)
    for count in range(1, n + 1):
        if done.all():
            break
        votes = first_preferences(batch, continuing)
        live = votes.sum(axis=1)
        rounds = np.where(done, rounds, count)
        won = ~done & (2 * votes.max(axis=1) > live) & (live > 0)
        winners = np.where(won, votes.argmax(axis=1), winners)
        done |= won
        fewest = np.where(continuing, votes, np.iinfo(np.int64).max).min(axis=1, keepdims=True)
        out = continuing & (votes == fewest) & ~done[:, None]
        continuing &= ~out
        done |= ~continuing.any(axis=1)
    return winners, rounds


def borda_scores(batch: Batch) -> IntArray:
    """Borda points (E, n): n−1 for a first place … 0 for a last (complete rankings)."""
    pos = positions(batch)
    out: IntArray = np.einsum("em,emc->ec", batch.counts, batch.n - 1 - pos)
    return out


def borda(batch: Batch) -> Outcome:
    return _unique_max(borda_scores(batch)), _ones(batch, 1)


def condorcet(batch: Batch) -> Outcome:
    n_matrix = pairwise(batch)
    beats = n_matrix > np.swapaxes(n_matrix, 1, 2)
    wins_all = beats.sum(axis=2) == batch.n - 1
    winners = np.where(wins_all.any(axis=1), wins_all.argmax(axis=1), -1).astype(np.int64)
    return winners, _ones(batch, 1)


def approval(batch: Batch) -> Outcome:
    """Rows of ``rankings`` are the approved candidates (order ignored)."""
    e_count, n = batch.elections, batch.n
    approved = batch.rankings >= 0
    idx = (np.arange(e_count)[:, None, None] * n + np.where(approved, batch.rankings, 0))[approved]
    weights = np.broadcast_to(batch.counts[..., None], batch.rankings.shape)[approved]
    scores = np.bincount(idx, weights=weights, minlength=e_count * n).reshape(e_count, n)
    return _unique_max(scores.astype(np.int64)), _ones(batch, 1)


#: The rules by their command-line name.
RULES: dict[str, Callable[[Batch], Outcome]] = {
    "plurality": plurality,
    "runoff": runoff,
    "irv": instant_runoff,
    "borda": borda,
    "condorcet": condorcet,
    "approval": approval,
}
