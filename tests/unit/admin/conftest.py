"""Fixtures for the admin unit tests: both in-memory repositories, a demo district.

Every test runs twice: on ``MemoryAdminRepository`` (records in dictionaries) and on
``RowRepository(MemoryRowStore())`` (the row mapping the SQL store uses).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from admin_builders import (
    SettableClock,
    advance_to,
    call_demo_election,
    import_demo_voters,
    make_admin,
    setup_units_and_commissions,
    state_of,
)

from tandau.admin.administration import Administration
from tandau.admin.repositories import AdminRepository, MemoryAdminRepository, MemoryEventSink
from tandau.admin.rowstore import MemoryRowStore, RowRepository


@dataclass
class World:
    admin: Administration
    clock: SettableClock
    sink: MemoryEventSink
    repository: AdminRepository
    iins: list[str]

    def advance_to(self, stage: str) -> None:
        advance_to(self.admin, self.clock, stage)

    @contextmanager
    def unchanged(self) -> Iterator[None]:
        """Assert that the block stores nothing and publishes nothing."""
        before, events = state_of(self.repository), len(self.sink.events)
        yield
        assert state_of(self.repository) == before
        assert len(self.sink.events) == events


@pytest.fixture(params=["memory", "rows"])
def repository(request: pytest.FixtureRequest) -> AdminRepository:
    if request.param == "memory":
        return MemoryAdminRepository()
    return RowRepository(MemoryRowStore())


@pytest.fixture
def empty(repository: AdminRepository) -> World:
    sink = MemoryEventSink()
    admin, clock = make_admin(repository, sink)
    return World(admin, clock, sink, repository, [])


@pytest.fixture
def world(empty: World) -> World:
    """Demo units, the district's commission with five members, two precincts."""
    setup_units_and_commissions(empty.admin)
    return empty


@pytest.fixture
def called(world: World) -> World:
    """The Birlik okrug election called, its district formed, 150 voters per precinct."""
    call_demo_election(world.admin, world.clock)
    world.iins = import_demo_voters(world.admin, per_precinct=150)
    return world


@pytest.fixture
def nominating(called: World) -> World:
    called.advance_to("nomination")
    return called
