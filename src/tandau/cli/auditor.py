"""``tandau auditor``: export a record, verify it, and compare two snapshots of a board.

``verify`` runs the standalone verifier (``tandau_verify``, the same checks as
``tandau-verify``) and prints its numbered checks on standard output;
``compare`` proves with an RFC 9162 consistency proof that a later snapshot
only appended to an earlier one, and names the problem when it did not.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from tandau.i18n import CLI
from tandau_verify.report import Report
from tandau_verify.verify import verify_record

from .compare import compare_snapshots
from .errors import BAD_INPUT, CliError, guarded
from .options import DbOption, ElectionOption, RecordOutOption, role_app
from .output import emit, say
from .progress import progress
from .record import export_to_file
from .record_file import Snapshot

__all__ = ["auditor_app", "run_verifier"]

auditor_app = role_app(
    "auditor", "An observer or auditor: export the record, verify it, compare board snapshots."
)


@auditor_app.command("export")
@guarded
def export(
    out: RecordOutOption,
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Write the election record (the same as ``tandau record export``)."""
    emit(export_to_file(db, election, out))


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def run_verifier(record: Path, jobs: int) -> Report:
    """The standalone verifier on ``record``, with a bar while it works."""
    if not record.is_file():
        raise CliError(CLI.file_missing, exit_code=BAD_INPUT, path=record)
    with progress(CLI.progress_verify, None):
        return verify_record(record, jobs)


@auditor_app.command("verify")
@guarded
def verify(
    record: Annotated[Path, typer.Argument(help="The exported election record.")],
    jobs: Annotated[
        int | None, typer.Option("--jobs", min=1, max=64, help="Worker processes.")
    ] = None,
) -> None:
    """Re-check the record; print the numbered checks; exit 1 on a failure, 3 if partial."""
    report = run_verifier(record, jobs or default_jobs())
    report.print(sys.stdout)
    if not report.ok:
        raise CliError(CLI.not_verified, count=len(report.failed()))
    if not report.final:  # record spec §R10: the same status as tandau-verify
        raise CliError(CLI.partial, exit_code=report.exit_status, entries=report.entries)


@auditor_app.command("compare")
@guarded
def compare(
    old: Annotated[Path, typer.Argument(help="The earlier snapshot (an exported record).")],
    new: Annotated[Path, typer.Argument(help="The later snapshot of the same board.")],
) -> None:
    """Prove NEW only appended to OLD (RFC 9162 consistency proof); exit 1 if not."""
    with progress(CLI.progress_snapshots, 2) as advance:
        before = Snapshot.load(old)
        advance(1)
        after = Snapshot.load(new)
        advance(1)
    result = compare_snapshots(before, after)
    say(CLI.compare_ok, old_size=result.old_size, new_size=result.new_size)
    emit(result.to_dict())
