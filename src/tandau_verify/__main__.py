"""`tandau-verify RECORD [--jobs N]`: re-check an election record; exit 1 on any failure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .verify import verify_record

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="tandau-verify", description=__doc__)
    ap.add_argument("record", type=Path, help="the exported election record")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for ballot proofs")
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if not args.record.is_file():
        print(f"tandau-verify: no such record: {args.record}", file=sys.stderr)
        return 2
    report = verify_record(args.record, args.jobs, sys.stdout)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
