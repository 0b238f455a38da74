"""V5: the key ceremony recomputed from its public record (crypto.md §6).

A dealing that fails V6.2.1–V6.2.5, or a dealer against whom a complaint is
upheld, is disqualified: it is left out of Q (crypto.md §6.4.3), which is
not a failure of the record.  V5 fails when the published Q, joint key or
verification keys differ from those recomputed (V6.5.3), or when a ceremony
entry cannot be decoded.
"""

from __future__ import annotations

from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Dealing,
    Response,
    Reveal,
    check_dealing,
    verify_result,
)
from tandau.crypto.errors import TandauError

from .report import Report
from .state import Replay

__all__ = ["check_key"]


def _responses_name_trustees(n: int, responses: list[Response], report: Report) -> None:
    """crypto.md §6.3: a response speaks of dealers and recipients 1 … n only."""
    for r in responses:
        named = [r.recipient, *r.accepted, *(c.dealer for c in r.complaints)]
        outside = [i for i in named if i > n]
        if outside:
            report.fail("V5", f"trustee {r.recipient}'s response names {outside[0]}, not a trustee")


def check_key(rp: Replay, report: Report) -> None:
    """Every dealing's proofs, then Q, the joint key and every Y_j recomputed."""
    m = rp.manifest
    if m is None or rp.key_event is None:
        report.fail("V5", "no manifest or key event")
        return
    try:
        params = CeremonyParameters(rp.fingerprint, len(m["trustees"]), m["threshold"])
        dealings = [Dealing.from_dict(d) for d in rp.dealings.values()]
        for d in dealings:
            try:
                check_dealing(params, d)
                report.note("V5")
            except TandauError:
                pass  # disqualified: finalize leaves it out of Q (crypto.md R6.4.2)
        responses = [Response.from_dict(r) for r in rp.responses.values()]
        _responses_name_trustees(params.trustees, responses, report)
        reveals = [Reveal.from_dict(v["reveal"]) for v in rp.reveals]
        verify_result(params, dealings, responses, reveals, CeremonyResult.from_dict(rp.key_event))
    except TandauError as exc:
        report.fail("V5", f"{exc.code}: {exc}")
    except Exception as exc:  # §R8.1: named, never a crash
        report.fail("V5", f"malformed ceremony record: {type(exc).__name__}: {exc}")
