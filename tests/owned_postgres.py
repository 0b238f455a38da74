"""A throwaway PostgreSQL cluster that a test or a benchmark owns, so it may restart it.

The machine's PostgreSQL server (127.0.0.1:5432) is shared and must never be
restarted.  ``OwnedPostgres`` runs ``initdb`` in a fresh temporary directory
and starts a server of its own on a free loopback port (its unix socket in
that directory), with ``fsync`` and ``synchronous_commit`` on: what it proves
about durability must hold for a production server.  ``restart()`` stops it
with ``pg_ctl -m immediate`` — no checkpoint, no clean shutdown: crash
recovery from the WAL at the next start — and starts it again.

It is always removed: by ``close()`` (a ``with`` block), by ``atexit``, and,
if the owning process dies without either (SIGKILL), by a watchdog process
that stops the server and deletes the directory once its owner is gone.

Used by ``tests/e2e/test_postgres_restart.py`` and ``bench/election_day.py``
(which puts ``tests/`` on its path for this one module; ADR 0019).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["OwnedPostgres", "postgres_bin"]

#: Seconds ``pg_ctl`` may take to start or stop the server.
PG_CTL_TIMEOUT = 120
#: The settings that make the cluster a durable, loopback-only, small server.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "on",
    "synchronous_commit": "on",
    "full_page_writes": "on",
    "max_connections": "100",
    "shared_buffers": "64MB",
    "log_min_messages": "warning",
}
WATCHDOG = """
while kill -0 "$1" 2>/dev/null; do sleep 1; done
$2 -D "$3" -m immediate -w stop >/dev/null 2>&1
rm -rf "$4"
"""


def postgres_bin() -> Path:
    """The directory of ``initdb`` and ``pg_ctl``: ``$TANDAU_PG_BIN``, else Debian's newest."""
    configured = os.environ.get("TANDAU_PG_BIN")
    if configured:
        return Path(configured)
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if not found:
        raise RuntimeError("no PostgreSQL binaries: install postgresql or set TANDAU_PG_BIN")
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnedPostgres:
    """A PostgreSQL cluster in a temporary directory, started on a free loopback port."""

    def __init__(self) -> None:
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="tandau-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.restarts = 0
        # initdb refuses to run as root: the server's files then belong to "postgres".
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._watchdog: subprocess.Popen[bytes] | None = None
        atexit.register(self.close)
        try:
            if self._as:
                shutil.chown(self.root, "postgres", "postgres")
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--no-locale", "--no-sync")  # fmt: skip
            self._watch()
            self._configure_and_start()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> OwnedPostgres:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def admin_dsn(self) -> str:
        """A psycopg connection string to the ``postgres`` database, as superuser."""
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL of ``database`` on this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def restart(self) -> float:
        """Stop with ``-m immediate`` (a crash: WAL recovery follows), start again; seconds down."""
        t0 = time.monotonic()
        self._pg_ctl("-m", "immediate", "stop")
        self._pg_ctl("start")
        self.restarts += 1
        return time.monotonic() - t0

    def close(self) -> None:
        """Stop the server (if running) and delete its directory; safe to call twice."""
        atexit.unregister(self.close)
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                self._pg_ctl("-m", "immediate", "stop")
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None
        shutil.rmtree(self.root, ignore_errors=True)

    def _configure_and_start(self) -> None:
        # A port found free may be taken before the server binds it: try a few.
        for attempt in range(5):
            self.port = _free_port()
            settings = {
                **SETTINGS,
                "port": str(self.port),
                "unix_socket_directories": f"'{self.root}'",
            }
            conf = "".join(f"{k} = {v}\n" for k, v in settings.items())
            # Rewriting initdb's file keeps its owner (the server's user).
            (self.data / "postgresql.auto.conf").write_text(
                "# Written by tests/owned_postgres.py\n" + conf, encoding="utf-8"
            )
            try:
                self._pg_ctl("start")
                return
            except subprocess.CalledProcessError:
                if attempt == 4:
                    raise
                time.sleep(0.5)

    def _pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                  "-t", str(PG_CTL_TIMEOUT), *args)  # fmt: skip

    def _run(self, tool: str, *args: str) -> None:
        run = subprocess.run(
            [*self._as, str(self.bin / tool), *args],
            capture_output=True,
            text=True,
            timeout=PG_CTL_TIMEOUT + 30,
            check=False,
        )
        if run.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise subprocess.CalledProcessError(
                run.returncode, run.args, run.stdout, run.stderr + tail
            )

    def _watch(self) -> None:
        """A process that removes the cluster if this one dies without closing it."""
        self._watchdog = subprocess.Popen(
            ["sh", "-c", WATCHDOG, "watchdog", str(os.getpid()),
             " ".join([*self._as, str(self.bin / "pg_ctl")]), str(self.data), str(self.root)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
