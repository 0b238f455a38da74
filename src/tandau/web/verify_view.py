"""The "how to verify" page's worked example: ``tandau-verify`` on a finished election.

On the demo server the page walks a visitor through the finished election's
record: the exact commands, and the verifier's real output on that record (run
once in process and kept while the board does not grow).  A production server
never runs the verifier on a page view; its page shows the commands only.
"""

from __future__ import annotations

import io
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tandau.board.record import record_lines
from tandau_verify.verify import verify_record

from .views import ElectionIndex, ElectionViews

__all__ = ["Walkthrough", "walkthrough"]

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Walkthrough:
    election: str
    title: dict[str, str]
    record_path: str
    file_name: str
    output: str | None  # the verifier's report, on the demo server only
    verified: bool | None


def _finished(views: ElectionViews) -> ElectionIndex | None:
    return next((i for i in views.all() if i.stage == "published"), None)


def _run_verifier(views: ElectionViews, index: ElectionIndex) -> tuple[str, bool]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record.jsonl"
        with path.open("wb") as f:
            for line in record_lines(views.board(index.election), index.require_manifest()):
                f.write(line)
        out = io.StringIO()
        report = verify_record(path, 1, out)
    return out.getvalue(), report.ok


def walkthrough(state: Any, views: ElectionViews, demo: bool) -> Walkthrough | None:
    """The finished election to verify, with the verifier's output when ``demo``."""
    index = _finished(views)
    if index is None:
        return None
    output: str | None = None
    verified: bool | None = None
    if demo:
        key = (index.election, index.size)
        with _LOCK:
            cache: dict[tuple[str, int], tuple[str, bool]] = getattr(state, "verify_runs", {})
            state.verify_runs = cache
            if key not in cache:
                cache[key] = _run_verifier(views, index)
            output, verified = cache[key]
    return Walkthrough(
        election=index.election,
        title=dict(index.require_manifest().title),
        record_path=f"/e/{index.election}/record",
        file_name=f"{index.election}.record.jsonl",
        output=output,
        verified=verified,
    )
