"""A live test server and the schemathesis command line, for the API's fuzz tests (ADR 0014).

``serving(app)`` runs the app on uvicorn in a thread on a free 127.0.0.1 port and
stops it afterwards; ``schemathesis(base, workdir, …)`` runs ``st run`` against
its ``/api/openapi.json`` with every check on, in the coverage, fuzzing and
stateful phases, a bounded number of examples and a printed seed
(``TANDAU_FUZZ_SEED=<seed>`` reproduces a run, ``TANDAU_FUZZ_EXAMPLES`` sets the
examples per operation).  It returns the run's figures and fails on any failure.
"""

from __future__ import annotations

import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

ST = Path(sys.executable).with_name("st")
SEED = int(os.environ.get("TANDAU_FUZZ_SEED") or random.randrange(2**31))
EXAMPLES = int(os.environ.get("TANDAU_FUZZ_EXAMPLES") or 5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app's base URL while it runs on uvicorn (stopped on exit)."""
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="off", ws="none", log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass(frozen=True)
class Figures:
    """What a run reports: operations tested, cases generated and passed, and its summary."""

    operations: int
    cases: int
    passed: int
    summary: str


def _figure(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"no {pattern!r} in the summary:\n{text}"
    return int(found.group(1))


def schemathesis(
    base: str,
    workdir: Path,
    *args: str,
    config: Path | None = None,
    env: dict[str, str] | None = None,
) -> Figures:
    """``st run`` against ``base``; zero failures and zero server errors, or the test fails."""
    command = [
        str(ST),
        *(["--config-file", str(config)] if config else []),
        "run",
        f"{base}/api/openapi.json",
        "--seed",
        str(SEED),
        "--max-examples",
        str(EXAMPLES),
        "--workers",
        "1",
        "--phases",
        "coverage,fuzzing,stateful",
        "--checks",
        "all",
        "--request-timeout",
        "30",
        *args,
    ]
    print(f"schemathesis seed {SEED}: {' '.join(command)}")
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=workdir,  # schemathesis keeps a cache in the working directory
        check=False,
    )
    summary = done.stdout.split("SUMMARY")[-1]
    assert done.returncode == 0, f"TANDAU_FUZZ_SEED={SEED} reproduces\n{done.stdout[-6000:]}"
    assert not re.search(r"\b\d+ (failures?|errors?)\b", summary), summary
    figures = Figures(
        operations=_figure(r"Tested: (\d+)", summary),
        cases=_figure(r"(\d+) generated", summary),
        passed=_figure(r"(\d+) passed", summary),
        summary=summary,
    )
    print(f"schemathesis seed {SEED}: {figures.operations} operations, {figures.cases} cases")
    print(summary)  # the warnings say which operations met only 401/403, 404 or 429
    assert figures.passed == figures.cases, summary
    return figures
