"""Strict readers for wire dictionaries: exact key sets and typed fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import InvalidObject

__all__ = ["expect_keys", "get_dict", "get_int", "get_list", "get_str"]


def expect_keys(d: Any, what: str, required: set[str], optional: set[str] | None = None) -> None:
    if not isinstance(d, Mapping):
        raise InvalidObject(f"{what} must be an object", field=what)
    keys = set(d)
    missing = required - keys
    extra = keys - required - (optional or set())
    if missing:
        raise InvalidObject(f"{what} lacks {sorted(missing)}", field=sorted(missing)[0])
    if extra:
        raise InvalidObject(f"{what} has unknown {sorted(extra)}", field=sorted(extra)[0])


def get_str(d: Mapping[str, Any], key: str, max_len: int = 256) -> str:
    v = d[key]
    if not isinstance(v, str) or not v or len(v) > max_len:
        raise InvalidObject(f"{key} must be a non-empty string", field=key)
    return v


def get_int(d: Mapping[str, Any], key: str, lo: int = 0, hi: int = 2**53) -> int:
    v = d[key]
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise InvalidObject(f"{key} must be an integer in [{lo}, {hi}]", field=key)
    return v


def get_list(d: Mapping[str, Any], key: str, max_len: int = 10_000) -> list[Any]:
    v = d[key]
    if not isinstance(v, list) or len(v) > max_len:
        raise InvalidObject(f"{key} must be a list", field=key)
    return v


def get_dict(d: Mapping[str, Any], key: str) -> dict[str, Any]:
    v = d[key]
    if not isinstance(v, dict):
        raise InvalidObject(f"{key} must be an object", field=key)
    return v
