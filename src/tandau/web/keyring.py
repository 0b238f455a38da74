"""The commission's board-signing keys, one Ed25519 seed file per election.

The server signs tree heads with the commission's key, so the key lives with the
server: ``<data_dir>/keys/<election>.ed25519`` holds the hex seed, readable by
the owner only.  A lost key file means new heads cannot be signed; the board and
the heads already signed stay verifiable.
"""

from __future__ import annotations

import os
from pathlib import Path

from tandau.board.entry import check_election_id
from tandau.crypto.rng import Rng
from tandau.crypto.signatures import HeadSigningKey

__all__ = ["KeyRing"]


class KeyRing:
    def __init__(self, directory: Path) -> None:
        self._dir = directory

    def _path(self, election: str) -> Path:
        return self._dir / f"{check_election_id(election)}.ed25519"

    def has(self, election: str) -> bool:
        return self._path(election).exists()

    def create(self, election: str, rng: Rng) -> HeadSigningKey:
        """Make and store a new key; refuses to overwrite an existing one."""
        key = HeadSigningKey.generate(rng)
        self.store(election, key)
        return key

    def store(self, election: str, key: HeadSigningKey) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        path = self._path(election)
        # O_EXCL: a second key for the same election would fork its heads.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key.seed.hex())

    def load(self, election: str) -> HeadSigningKey | None:
        path = self._path(election)
        if not path.exists():
            return None
        return HeadSigningKey.from_seed(bytes.fromhex(path.read_text().strip()))
