"""Run a command and measure its wall time and peak memory, its worker processes included;
and the CPU time process trees use while a benchmark drives them (``CpuMeter``).

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ChildRun", "CpuMeter", "run_measured"]

MB = 1024 * 1024
TICK = os.sysconf("SC_CLK_TCK")


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


def _cpu(pid: int) -> float | None:
    """User + system seconds of ``pid`` so far (None once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / TICK


class CpuMeter:
    """CPU seconds the process trees under ``roots()`` use from now until ``stop()``.

    Sampled every ``interval`` seconds: a process keeps the last figure seen, so
    one killed between two samples loses at most an interval's work; one born
    meanwhile counts from zero.  ``roots`` is asked at every sample, because a
    supervisor may be replaced (a restarted database server).  CPU time, unlike
    wall time, is not inflated by other sessions sharing the cores.
    """

    def __init__(self, roots: Callable[[], list[int]], interval: float = 0.5) -> None:
        self._roots = roots
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._started = False
        self._sample()
        self._started = True
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        self._sample()
        return sum(last - self._first.get(pid, 0.0) for pid, last in self._last.items())

    def _run(self, interval: float) -> None:
        while not self._done.wait(interval):
            self._sample()

    def _sample(self) -> None:
        for root in self._roots():
            for pid in _tree(root):
                used = _cpu(pid)
                if used is None:
                    continue
                if not self._started:
                    self._first[pid] = used
                self._last[pid] = used
