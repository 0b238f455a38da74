"""One object for a commission's whole administration: every service over the same seams.

::

    admin = Administration(repository, clock, board)
    admin.units.import_csv(DEMO_UNITS_CSV)
    admin.lifecycle.call(election="…", ruleset="kz-rural-akim-2023", …)

The entry points build it: ``RowRepository(tandau.schema.admin_row_store(engine))`` (or an
in-memory repository in tests), a clock, and the ``tandau.board.Board`` of the
commission's administrative record as the event sink.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandau.board import Clock

from .commissions import CommissionService
from .decisions import DecisionService
from .districts import DistrictService
from .lifecycle import LifecycleService
from .nominations import NominationService
from .protocols import ProtocolService
from .repositories import AdminRepository, EventSink
from .service import Seams
from .units import UnitService
from .voters import VoterListService

__all__ = ["Administration"]


@dataclass(frozen=True, slots=True, init=False)
class Administration:
    """Every administration service, sharing one repository, clock and event sink."""

    units: UnitService
    districts: DistrictService
    commissions: CommissionService
    lifecycle: LifecycleService
    nominations: NominationService
    voters: VoterListService
    protocols: ProtocolService
    decisions: DecisionService

    def __init__(
        self,
        repository: AdminRepository,
        clock: Clock,
        sink: EventSink,
        acting: str | None = None,
    ) -> None:
        """``acting``: the commission on whose behalf every write is made; it may act only
        inside its own territory (``tandau.admin.territory``)."""
        seams: Seams = (repository, clock, sink, acting)
        object.__setattr__(self, "units", UnitService(seams))
        object.__setattr__(self, "districts", DistrictService(seams))
        object.__setattr__(self, "commissions", CommissionService(seams))
        object.__setattr__(self, "lifecycle", LifecycleService(seams))
        object.__setattr__(self, "nominations", NominationService(seams))
        object.__setattr__(self, "voters", VoterListService(seams))
        object.__setattr__(self, "protocols", ProtocolService(seams))
        object.__setattr__(self, "decisions", DecisionService(seams))

    def publish_pending(self) -> int:
        """Publish events committed earlier whose publication failed (see ``Service``)."""
        return self.units.publish_pending()
