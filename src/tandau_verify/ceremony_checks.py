"""V5: the key ceremony recomputed from its public record (crypto.md §6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from .verify import Replay

__all__ = ["check_key"]


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
            check_dealing(params, d)
            report.note("V5")
        responses = [Response.from_dict(r) for r in rp.responses.values()]
        reveals = [Reveal.from_dict(v["reveal"]) for v in rp.reveals]
        verify_result(params, dealings, responses, reveals, CeremonyResult.from_dict(rp.key_event))
    except TandauError as exc:
        report.fail("V5", f"{exc.code}: {exc}")
