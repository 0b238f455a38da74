"""The demo's clock: real time plus an offset the chair may move forward.

The election calendar is enforced against the clock (nomination closes, polling
day…), so a demo commission could not walk an election through its stages in
one sitting.  In demo mode only (``Settings.demo``; production refuses it) the
server's clock runs ahead by an offset kept in a file, so that every worker
process reads the same time.  The clock only ever moves forward.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["OffsetClock"]


@dataclass(frozen=True)
class OffsetClock:
    path: Path

    def _offset(self) -> timedelta:
        try:
            return timedelta(seconds=float(self.path.read_text().strip() or 0))
        except (FileNotFoundError, ValueError):
            return timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset()

    def advance_to(self, moment: datetime) -> datetime:
        """Move the clock to ``moment`` (aware); refuses to move it back."""
        real = datetime.now(UTC)
        if moment <= real + self._offset():
            raise ValueError("the demo clock only moves forward")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(str((moment - real).total_seconds()))
        os.replace(tmp, self.path)  # readers see the old or the new offset, never half
        return self.now()
