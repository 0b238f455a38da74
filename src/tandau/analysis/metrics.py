"""Metrics of one election, and of a table of elections (brief (a)).

Notation: L voters on the list, B ballots cast, I invalid, A "against all",
vᵢ candidates' votes sorted v₍₁₎ ≥ v₍₂₎ ≥ …, k candidates, C = Σvᵢ, V = B − I
(an "against all" ballot is valid).  A share whose denominator is 0 is ``None``
(JSON null), never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from .inputs import ElectionFigures, parse_figures

#: Decimal places of the shares the command line prints.
DECIMALS = 6

__all__ = ["DECIMALS", "election_metrics", "enp", "metrics_of", "ratio"]


def ratio(num: float, den: float) -> float | None:
    """num / den, ``None`` where den is 0 (an undefined share is not a zero share)."""
    return None if den == 0 else num / den


def enp(votes: Sequence[int]) -> float | None:
    """Effective number of candidates 1 / Σpᵢ², pᵢ = vᵢ / C over candidates only.

    Laakso, M. & Taagepera, R. (1979) "'Effective' number of parties",
    *Comparative Political Studies* 12(1): 3–27.  ``None`` when C = 0.
    """
    total = sum(votes)
    if total == 0:
        return None
    return 1.0 / sum((v / total) ** 2 for v in votes)


def election_metrics(f: ElectionFigures) -> dict[str, object]:
    """Every per-election metric of brief (a) for figures already checked by ``parse_figures``.

    - turnout = B / L (International IDEA, *Voter Turnout Database* methodology);
    - winner: the unique candidate with v₍₁₎, ``None`` on a tie (the commission decides);
    - winner_share_valid = v₍₁₎ / V; winner_share_cast = v₍₁₎ / B; winner_share_list = v₍₁₎ / L;
    - margin = (v₍₁₎ − v₍₂₎) / V, v₍₂₎ = 0 when k = 1;
    - enp: :func:`enp`; against_all_share = A / V (and A / B); invalid_share = I / B;
    - against_all_leads: A > v₍₁₎ (the "against all wins → repeat" rule would bite).
    """
    votes = sorted((c.votes for c in f.candidates), reverse=True)
    first = votes[0]
    second = votes[1] if len(votes) > 1 else 0
    leaders = [c for c in f.candidates if c.votes == first]
    winner = leaders[0] if len(leaders) == 1 else None
    valid = f.ballots_cast - f.invalid
    k = len(f.candidates)
    women = [c for c in f.candidates if c.gender is not None]
    return {
        "turnout": ratio(f.ballots_cast, f.voters_on_list),
        "valid_votes": valid,
        "winner": winner.id if winner else None,
        "winner_share_valid": ratio(first, valid),
        "winner_share_cast": ratio(first, f.ballots_cast),
        "winner_share_list": ratio(first, f.voters_on_list),
        "winner_has_majority": valid > 0 and 2 * first > valid,
        "margin": ratio(first - second, valid),
        "enp": enp(votes),
        "against_all_share": ratio(f.against_all, valid),
        "against_all_share_cast": ratio(f.against_all, f.ballots_cast),
        "against_all_leads": f.against_all > first,
        "invalid_share": ratio(f.invalid, f.ballots_cast),
        "candidates": k,
        "uncontested": k == 1,
        "self_nominated_share": ratio(sum(c.nominated_by == "self" for c in f.candidates), k),
        "women_share": (ratio(sum(c.gender == "f" for c in women), len(women)) if women else None),
        "winner_nominated_by": winner.nominated_by if winner else None,
        "winner_gender": winner.gender if winner else None,
    }


def metrics_of(text: str | bytes) -> dict[str, object]:
    """The ``tandau analysis metrics`` answer for a JSON document of election figures.

    Shares are printed to 6 decimal places (what the published scenario answers
    hold); the exact values are :func:`election_metrics`'s.
    """
    return {
        key: round(value, DECIMALS) if isinstance(value, float) else value
        for key, value in election_metrics(parse_figures(text)).items()
    }
