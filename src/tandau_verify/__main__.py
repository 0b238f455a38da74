"""`tandau-verify RECORD [--jobs N]`: re-check an election record (record spec §R8, §R10)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if not args.record.is_file():
        print(f"tandau-verify: no such record: {args.record}", file=sys.stderr)
        return 2
    return verify_record(args.record, args.jobs, sys.stdout).exit_status


if __name__ == "__main__":
    sys.exit(main())
