"""Run a command and measure its wall time and peak memory, its worker processes included.

CPU time (user + system, from ``wait4``) shows how many cores a run actually
got: on a shared machine a parallel run can be starved.  Two memory figures:
``max_rss`` is what ``wait4`` reports, the peak resident set of the largest
single process of the tree; ``peak_pss`` is the peak, over samples every
``interval`` seconds, of the proportional set size summed over the whole
process tree (pages shared by forked workers counted once).
"""

from __future__ import annotations

import os
import subprocess
import sys
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
    cpu: float  # user + system seconds, its reaped workers included
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


#: Runs argv[2:], then writes its child's wait4 figures to the file argv[1].  The
#: command is started from this small process, not from the benchmark: Linux
#: carries a process's peak RSS across exec, so a child forked from a big
#: benchmark process would report the benchmark's size as its own.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, ru = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{ru.ru_maxrss} {ru.ru_utime + ru.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(argv: list[str], interval: float = 0.1) -> ChildRun:
    """Run ``argv`` to the end; its output (stdout and stderr) is returned, not shown."""
    with tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "rusage"
        output = Path(tmp) / "output"
        with output.open("wb") as out:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(figures), *argv],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            peak = 0
            done = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not done.wait(interval):
                    command = _tree(proc.pid)[1:]  # without the launcher
                    peak = max(peak, sum(_pss(p) for p in command))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            try:
                code = proc.wait()
            except BaseException:
                proc.kill()
                proc.wait()
                raise
            finally:
                done.set()
                sampler.join()
            wall = time.perf_counter() - t0
        text = output.read_text(errors="replace")
        maxrss, cpu = figures.read_text().split()
    return ChildRun(code, wall, float(cpu), int(maxrss) * 1024, peak, text)
