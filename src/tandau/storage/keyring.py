"""The commission's board-signing keys, one Ed25519 seed file per election.

The server signs tree heads with the commission's key, so the key lives with the
server: ``<data_dir>/keys/<election>.ed25519`` holds the hex seed, readable by
the owner only.  It lives in storage, below the web and the command line, so that
a command that creates an election the server takes ballots for (``tandau
community secret-create --server-data-dir``) writes the key where the server
reads it.  A lost key file means new heads cannot be signed; the board and
the heads already signed stay verifiable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tandau.board.errors import InvalidEntry
from tandau.crypto.rng import Rng
from tandau.crypto.signatures import HeadSigningKey
from tandau.private_files import private_dir

__all__ = ["KeyRing", "server_key_ring"]

# A key file is named after its election, so the id must be a plain file name:
# no separators, no "..", nothing a crafted URL could steer outside the folder.
_FILE_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*")


def server_key_ring(data_dir: Path) -> KeyRing:
    """The key ring of the server whose data directory is ``data_dir``."""
    return KeyRing(data_dir / "keys")


class KeyRing:
    def __init__(self, directory: Path) -> None:
        self._dir = directory

    def _path(self, election: str) -> Path | None:
        if len(election) > 128 or not _FILE_SAFE.fullmatch(election):
            return None
        return self._dir / f"{election}.ed25519"

    def has(self, election: str) -> bool:
        path = self._path(election)
        return path is not None and path.exists()

    def create(self, election: str, rng: Rng) -> HeadSigningKey:
        """Make and store a new key; refuses to overwrite an existing one."""
        key = HeadSigningKey.generate(rng)
        self.store(election, key)
        return key

    def store(self, election: str, key: HeadSigningKey) -> None:
        path = self._path(election)
        if path is None:
            raise InvalidEntry("an election that signs heads here needs a file-safe id")
        private_dir(self._dir)
        # O_EXCL: a second key for the same election would fork its heads.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key.seed.hex())

    def remove(self, election: str) -> None:
        """Forget a key stored by a step that then failed (nothing was signed with it)."""
        path = self._path(election)
        if path is not None:
            path.unlink(missing_ok=True)

    def load(self, election: str) -> HeadSigningKey | None:
        path = self._path(election)
        if path is None or not path.exists():
            return None
        return HeadSigningKey.from_seed(bytes.fromhex(path.read_text().strip()))
