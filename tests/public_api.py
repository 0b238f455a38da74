"""A package's public API is what its ``__all__`` lists (HTTPX's habit: pinned by a test)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any


def check_all_resolves_sorted(package: ModuleType, key: Callable[[str], Any] | None = None) -> None:
    """Every name in ``package.__all__`` resolves, and the list is sorted by ``key``."""
    names = package.__all__
    assert names == sorted(names, key=key)
    for name in names:
        assert getattr(package, name) is not None, name


def check_exported(package: ModuleType, required: set[str]) -> None:
    """``package.__all__`` lists every name in ``required``."""
    assert required <= set(package.__all__)
