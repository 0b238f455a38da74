"""`tandau-verify RECORD [--jobs N | --dask SCHEDULER]`: re-check an election record (§R8)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .executors import ClusterUnavailable
from .report import EXIT_PARTIAL, EXIT_REFUSED, EXIT_VERIFIED, TITLES
from .verify import verify_record

__all__ = ["main"]

EPILOG = (
    "checks (docs/spec/record.md §R8):\n"
    + "\n".join(f"  {k:<4} {t}" for k, t in TITLES.items())
    + f"\n\nexit status: {EXIT_VERIFIED} VERIFIED, {EXIT_REFUSED} REFUSED (a check failed),"
    f" 2 usage error or no such file, {EXIT_PARTIAL} PARTIAL (the record checks out"
    " but stops before the tally and results)"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="tandau-verify",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("record", type=Path, help="the exported election record")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for ballot proofs")
    ap.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="a Dask scheduler's address (tcp://host:8786): its workers check the ballots",
    )
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if args.dask is not None and args.jobs != 1:
        ap.error("--jobs and --dask exclude each other")
    if not args.record.is_file():
        print(f"tandau-verify: no such record: {args.record}", file=sys.stderr)
        return 2
    try:
        return verify_record(args.record, args.jobs, sys.stdout, dask=args.dask).exit_status
    except ClusterUnavailable as exc:
        print(f"tandau-verify: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
