"""Numbered checks and the verifier's report (record spec §R8, §R10).

Each check passes or fails with a reason; the report prints one line per
check and a verdict: VERIFIED (exit 0), REFUSED (exit 1) or PARTIAL (exit 3,
a record that checks out but does not reach the results).  Failures are
collected, never swallowed: a failed check still prints and still counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

__all__ = ["EXIT_PARTIAL", "EXIT_REFUSED", "EXIT_VERIFIED", "TITLES", "Check", "Report"]

#: Exit statuses of ``tandau-verify`` (record spec §R10); 2 is a usage error.
EXIT_VERIFIED = 0
EXIT_REFUSED = 1
EXIT_PARTIAL = 3


@dataclass
class Check:
    id: str
    title: str
    passed: bool = True
    detail: str = ""
    count: int = 0


TITLES = {
    "V1": "header and manifest fingerprint",
    "V2": "hash chain of entries",
    "V3": "Merkle roots of signed heads",
    "V4": "head signatures by the commission key",
    "V5": "key ceremony proofs and joint key",
    "V6": "public credential list",
    "V7": "ballots: eligibility, timing, signatures, proofs",
    "V8": "paper-vote cancellations",
    "V9": "encrypted tally is the sum of counted ballots",
    "V10": "decryption shares and totals",
    "V11": "results recomputed field by field, and the outcome",
    "V12": "envelope and manifest: versions, fields, times",
    "V13": "completeness: heads name the election, nothing withheld",
    "V14": "paper protocol invariants P1-P8",
}


@dataclass
class Report:
    checks: dict[str, Check] = field(
        default_factory=lambda: {k: Check(k, t) for k, t in TITLES.items()}
    )
    #: The record ends with closing, tally and results under its last signed head (§R10).
    final: bool = True
    #: The number of entries read and checked.
    entries: int = 0

    def fail(self, check: str, reason: str) -> None:
        c = self.checks[check]
        if c.passed:  # keep the first reason: later ones usually follow from it
            c.detail = reason
        c.passed = False

    def note(self, check: str, count: int = 1) -> None:
        self.checks[check].count += count

    @property
    def ok(self) -> bool:
        """No check failed (the record may still be PARTIAL: see ``verdict``)."""
        return all(c.passed for c in self.checks.values())

    @property
    def exit_status(self) -> int:
        if not self.ok:
            return EXIT_REFUSED
        return EXIT_VERIFIED if self.final else EXIT_PARTIAL

    @property
    def verdict(self) -> str:
        if not self.ok:
            return f"REFUSED (NOT VERIFIED): {len(self.failed())} check(s) failed"
        if not self.final:
            return f"PARTIAL (verified up to entry {self.entries}; no tally)"
        return "VERIFIED"

    def failed(self) -> list[Check]:
        return [c for c in self.checks.values() if not c.passed]

    def print(self, out: IO[str]) -> None:
        for c in self.checks.values():
            mark = "ok  " if c.passed else "FAIL"
            extra = f" ({c.count})" if c.count else ""
            line = f"{mark} {c.id:<4} {c.title}{extra}"
            if not c.passed:
                line += f": {c.detail}"
            print(line, file=out)
        print(self.verdict, file=out)
