"""The console's test world as a fixture (``console_world.make_world``).

A module names its world's options once: ``pytestmark = pytest.mark.world(campaign=(6, 4))``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from console_world import World, make_world


@pytest.fixture
def world(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[World]:
    """:func:`make_world` over ``db_url`` with the keyword arguments of the test's
    ``world`` mark (none: the defaults)."""
    mark = request.node.get_closest_marker("world")
    yield from make_world(db_url, tmp_path, **(mark.kwargs if mark else {}))
