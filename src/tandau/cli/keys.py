"""The commission's head-signing key file (crypto spec §8.2).

The key is an Ed25519 seed in a secret file
``{"format": "tandau-commission-key/v1", "seed": hex, "verify_key": hex}``;
its verify key goes into the manifest, and every command that appends to the
board needs the file to sign the new tree heads.
"""

from __future__ import annotations

from pathlib import Path

from tandau.crypto.group import strict_hex
from tandau.crypto.rng import Rng
from tandau.crypto.signatures import HeadSigningKey
from tandau.i18n import CLI
from tandau.protocol.manifest import Manifest

from .errors import BAD_INPUT, CliError
from .files import decode, read_document, write_document

__all__ = ["KIND", "check_commission_key", "load_key", "new_key_file"]

KIND = "commission-key"


def new_key_file(path: Path, rng: Rng) -> HeadSigningKey:
    key = HeadSigningKey.generate(rng)
    body = {"seed": key.seed.hex(), "verify_key": key.verify_key.hex()}
    write_document(path, KIND, body, secret=True)
    return key


def load_key(path: Path) -> HeadSigningKey:
    doc = read_document(path, KIND)

    def parse() -> HeadSigningKey:
        seed = strict_hex(doc["seed"], 32)
        if seed is None:
            raise ValueError("the seed is 64 lower-case hex digits")
        key = HeadSigningKey.from_seed(seed)
        if key.verify_key.hex() != doc["verify_key"]:
            raise ValueError("the verify key does not belong to the seed")
        return key

    return decode(path, KIND, parse)


def check_commission_key(key: HeadSigningKey, manifest: Manifest) -> None:
    """Heads signed with another key would fail every verifier: refuse it up front."""
    if key.verify_key.hex() != manifest.commission_key:
        raise CliError(CLI.key_not_elections, exit_code=BAD_INPUT)
