"""The libsodium binding: ristretto255 and SHA-512 through pysodium's handle.

pysodium loads the system libsodium (Debian ``libsodium23``) with ctypes; we
call its ristretto255 functions on that handle directly, skipping pysodium's
per-call version check (ADR 0001).  Everything here takes and returns
canonical 32-byte encodings; callers above build typed values from them.
This module is the only one that touches the C library.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pysodium

from .errors import NonCanonicalPoint

__all__ = [
    "IDENTITY",
    "add",
    "base_mul",
    "from_hash",
    "is_valid_point",
    "mul",
    "sub",
]

_lib: Any = pysodium.sodium
if _lib.sodium_init() < 0:  # pragma: no cover - libsodium refuses only on a broken host
    raise RuntimeError("libsodium failed to initialise")

_mul = _lib.crypto_scalarmult_ristretto255
_base = _lib.crypto_scalarmult_ristretto255_base
_add = _lib.crypto_core_ristretto255_add
_sub = _lib.crypto_core_ristretto255_sub
_valid = _lib.crypto_core_ristretto255_is_valid_point
_from_hash = _lib.crypto_core_ristretto255_from_hash
_B32 = ctypes.c_char * 32

IDENTITY = bytes(32)


def _well_formed(p: bytes) -> bool:
    # 32 bytes, bit 255 clear.  libsodium 1.0.18 (Debian libsodium23) ignores
    # bit 255 when it decodes, so without this check P and P + 2^255 would both
    # be accepted; RFC 9496 §4.3.1 refuses the latter (s >= p).  The length
    # check also keeps libsodium from reading past a short buffer.
    return len(p) == 32 and p[31] < 0x80


def is_valid_point(p: bytes) -> bool:
    """True when ``p`` is a canonical ristretto255 encoding (identity included)."""
    return _well_formed(p) and _valid(p) == 1


def base_mul(n: int) -> bytes:
    """n·G for a scalar 0 <= n < ℓ."""
    if n == 0:
        return IDENTITY
    out = _B32()
    _base(out, n.to_bytes(32, "little"))
    return out.raw


def mul(n: int, p: bytes) -> bytes:
    """n·P; raises NonCanonicalPoint when P is not a canonical encoding."""
    if not _well_formed(p):
        raise NonCanonicalPoint("not a canonical ristretto255 point")
    out = _B32()
    if _mul(out, n.to_bytes(32, "little"), p) != 0:
        # libsodium refuses an invalid P and an identity result; ℓ is prime,
        # so for a valid P the result is the identity (n ≡ 0 or P = identity).
        if _valid(p) == 1:
            return IDENTITY
        raise NonCanonicalPoint("not a canonical ristretto255 point")
    return out.raw


def add(p: bytes, q: bytes) -> bytes:
    """P + Q; raises NonCanonicalPoint when P or Q is not a canonical encoding."""
    out = _B32()
    if not (_well_formed(p) and _well_formed(q)) or _add(out, p, q) != 0:
        raise NonCanonicalPoint("not a canonical ristretto255 point")
    return out.raw


def sub(p: bytes, q: bytes) -> bytes:
    """P − Q; raises NonCanonicalPoint when P or Q is not a canonical encoding."""
    out = _B32()
    if not (_well_formed(p) and _well_formed(q)) or _sub(out, p, q) != 0:
        raise NonCanonicalPoint("not a canonical ristretto255 point")
    return out.raw


def from_hash(h: bytes) -> bytes:
    """RFC 9496 element derivation from 64 uniform bytes."""
    if len(h) != 64:
        raise ValueError("from_hash needs 64 bytes")
    out = _B32()
    _from_hash(out, h)
    return out.raw


# Fused helpers for the verifier's hot path.  Their point inputs must already
# be canonical (validated Points or libsodium outputs): libsodium then returns
# -1 only for an identity result, whose encoding (zeros) it has already
# written, so the return codes carry no information and are not read.  The
# results are ctypes buffers, usable as inputs and hashable as bytes-like.


def scratch() -> Any:
    """A fresh 32-byte buffer for the fused helpers' outputs and temporaries."""
    return _B32()


def fixed_commitment(s: bytes, c: bytes, p: Any, out: Any, t1: Any, t2: Any) -> Any:
    """out := s·G − c·P for 32-byte little-endian scalars s and c; t1, t2 are scratch."""
    _base(t1, s)
    _mul(t2, c, p)
    _sub(out, t1, t2)
    return out


def var_commitment(s: bytes, k: bytes, c: bytes, p: Any, out: Any, t1: Any, t2: Any) -> Any:
    """out := s·K − c·P for 32-byte little-endian scalars s and c; t1, t2 are scratch."""
    _mul(t1, s, k)
    _mul(t2, c, p)
    _sub(out, t1, t2)
    return out


def sub_unchecked(p: Any, q: Any) -> Any:
    """P − Q for canonical inputs, as a buffer."""
    out = _B32()
    _sub(out, p, q)
    return out


def add_unchecked(p: Any, q: Any) -> Any:
    """P + Q for canonical inputs, as a buffer."""
    out = _B32()
    _add(out, p, q)
    return out
