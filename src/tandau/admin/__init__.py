"""The administration of akim elections: what a territorial commission does.

Owns: units (a KATO-style tree), precincts and electoral districts,
commissions and their members, observers and proxies, the election's lifecycle
as a state machine checked against the ruleset's calendar, nominations and
signature sheets, registration or refusal, withdrawal, voter lists with an
audit trail, paper precinct protocols with annulment, and commission decisions
where the ruleset requires one (one service module each, joined by
:class:`Administration`); the records, each declaring its own table and row
mapping (:mod:`.records`, :mod:`.schema`, :mod:`.rowstore`); the e-voting
election service (:mod:`.election`) and the in-process election driver
(:mod:`.driver`, ADR 0012).

May import: ``tandau.law``, ``tandau.board``, ``tandau.protocol``,
``tandau.crypto``, ``tandau.i18n`` — never ``tandau.storage`` (a sibling),
``tandau.web`` or ``tandau.cli``.

Every service call is one transaction over an :class:`AdminRepository` and
publishes its ``admin.*`` events to the board.  Refusals name their rule and
article in kk, ru and en.  Entry points: ``Administration(repository, clock,
board)``, ``ElectionService(board)``, ``driver``.  See
``docs/guides/commission-admin.md`` and ``docs/adr/0004-admin-state-machine.md``.
"""

from __future__ import annotations

from .administration import Administration
from .commissions import CommissionService
from .decisions import DecisionService
from .demo_data import DEMO_UNITS_CSV
from .districts import DistrictService
from .errors import AdminError, AdminInvalidInput, AlreadyExists, NotFound, Refused
from .lifecycle import NEXT_STAGE, TRANSITIONS, LifecycleService, check_transition
from .messages import ADMIN_RULES
from .nominations import NominationService
from .protocols import ProtocolService
from .records import (
    Accreditation,
    Candidate,
    CandidateStatus,
    Commission,
    CommissionKind,
    Decision,
    Election,
    ElectoralDistrict,
    LocalName,
    Member,
    Precinct,
    PrecinctProtocol,
    Role,
    SignatureSheet,
    Stage,
    Unit,
    UnitLevel,
    Voter,
    VoterCorrection,
)
from .repositories import (
    AdminRepository,
    AdminTx,
    EventSink,
    MemoryAdminRepository,
    MemoryEventSink,
)
from .rowstore import MemoryRowStore, RowRepository, RowStore, RowTx
from .service import EVENT_TYPES
from .units import UnitService
from .voters import VoterImport, VoterListService

__all__ = [
    "ADMIN_RULES",
    "DEMO_UNITS_CSV",
    "EVENT_TYPES",
    "NEXT_STAGE",
    "TRANSITIONS",
    "Accreditation",
    "AdminError",
    "AdminInvalidInput",
    "AdminRepository",
    "AdminTx",
    "Administration",
    "AlreadyExists",
    "Candidate",
    "CandidateStatus",
    "Commission",
    "CommissionKind",
    "CommissionService",
    "Decision",
    "DecisionService",
    "DistrictService",
    "Election",
    "ElectoralDistrict",
    "EventSink",
    "LifecycleService",
    "LocalName",
    "Member",
    "MemoryAdminRepository",
    "MemoryEventSink",
    "MemoryRowStore",
    "NominationService",
    "NotFound",
    "Precinct",
    "PrecinctProtocol",
    "ProtocolService",
    "Refused",
    "Role",
    "RowRepository",
    "RowStore",
    "RowTx",
    "SignatureSheet",
    "Stage",
    "Unit",
    "UnitLevel",
    "UnitService",
    "Voter",
    "VoterCorrection",
    "VoterImport",
    "VoterListService",
    "check_transition",
]
