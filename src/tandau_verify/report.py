"""Numbered checks and the verifier's report (record spec §R8).

Each check passes or fails with a reason; the report prints one line per
check and the process exits non-zero if any failed.  Failures are collected,
never swallowed: a failed check still prints and still counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

__all__ = ["Check", "Report", "VerificationFailed"]


class VerificationFailed(Exception):
    """Raised inside a check to fail it with a reason."""

    def __init__(self, check: str, reason: str) -> None:
        super().__init__(f"{check}: {reason}")
        self.check = check
        self.reason = reason


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
    "V11": "paper protocols, results and outcome",
}


@dataclass
class Report:
    checks: dict[str, Check] = field(
        default_factory=lambda: {k: Check(k, t) for k, t in TITLES.items()}
    )

    def fail(self, check: str, reason: str) -> None:
        c = self.checks[check]
        if c.passed:  # keep the first reason: later ones usually follow from it
            c.detail = reason
        c.passed = False

    def note(self, check: str, count: int = 1) -> None:
        self.checks[check].count += count

    @property
    def ok(self) -> bool:
        return all(c.passed for c in self.checks.values())

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
        verdict = "VERIFIED" if self.ok else f"NOT VERIFIED: {len(self.failed())} check(s) failed"
        print(verdict, file=out)
