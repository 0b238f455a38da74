"""Files only the server's own user may read: secrets, keys, SQLite databases.

Each is created with its final mode (0600, folders 0700) in the same system
call, so there is never a moment when another user could open it; SQLite gives
its ``-wal`` and ``-shm`` side files the mode of the database file.  A folder
that already exists keeps its mode: the operator chose it.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

__all__ = ["create_private_file", "installation_secret", "private_dir"]

log = logging.getLogger("tandau")


def private_dir(path: Path) -> None:
    """Make ``path`` and any missing parents, each new one 0700."""
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            continue
        os.chmod(d, 0o700)  # mkdir's mode is masked by the umask; this one is not


def create_private_file(path: Path, data: bytes = b"") -> bool:
    """Create ``path`` 0600 holding ``data``; False (untouched) if it already exists.

    Written aside and hard-linked into place, so a reader never sees it half-written.
    """
    private_dir(path.parent)
    if path.exists():
        return False
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def installation_secret(data_dir: Path, name: str) -> str:
    """This installation's secret ``name``, made at random (and logged) on first use.

    Several workers may start at once: the first creates the file, the others read it.
    """
    path = data_dir / name
    if create_private_file(path, secrets.token_urlsafe(48).encode() + b"\n"):
        log.warning("generated a new random %s in %s (mode 0600)", name, path)
    text = path.read_text().strip()
    if len(text) < 32:
        # A half-written or emptied file: refuse rather than sign with a guessable key.
        from tandau.settings import ConfigurationError

        raise ConfigurationError(f"{path} holds no usable secret; delete it to make a new one")
    return text
