"""Run a command and measure its wall time and peak memory, its worker processes included.

Two memory figures: ``max_rss`` is what ``wait4`` reports, the peak resident set
of the largest single process of the tree; ``peak_pss`` is the peak, over
samples every ``interval`` seconds, of the proportional set size summed over
the whole process tree (pages shared by forked workers counted once).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ChildRun", "run_measured"]

MB = 1024 * 1024


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    wall: float
    max_rss: int  # bytes
    peak_pss: int  # bytes
    output: str


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            found.extend(int(c) for c in text.split())
    except OSError:
        pass  # the process ended between two reads
    return found


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_measured(argv: list[str], interval: float = 0.1) -> ChildRun:
    """Run ``argv`` to the end; its output (stdout and stderr) is returned, not shown."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(interval):
                peak = max(peak, sum(_pss(p) for p in _tree(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            done.set()
            sampler.join()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
    return ChildRun(proc.returncode, wall, usage.ru_maxrss * 1024, peak, text)
