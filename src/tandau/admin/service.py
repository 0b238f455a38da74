"""What every administration service shares: one transaction per call, then publish.

A service receives an :class:`~tandau.admin.repositories.AdminRepository`, a clock
(``now() -> datetime``, timezone-aware; ``tandau.board.Clock``) and an
:class:`~tandau.admin.repositories.EventSink`.  Each public method:

1. validates its input (``tandau.law.inputs`` models: strict types, ``YYYY-MM-DD``
   dates, non-negative counts) — :class:`~tandau.law.InvalidInput` otherwise;
2. opens one transaction, checks the records and the law — :class:`Refused`,
   :class:`NotFound`… otherwise — and writes records and board events together;
3. after the commit, publishes the pending events to the board.

So a refused or invalid call stores nothing, and every state change the public
should see reaches the board as an ``admin.*`` event (see ``EVENT_TYPES``).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, StringConstraints

from tandau.board import Clock
from tandau.law import InvalidInput, InvalidValue, Ruleset, UnknownRuleset, builtin_ids
from tandau.law import load_ruleset as _load_ruleset
from tandau.law.inputs import parse_input

from .errors import AdminInvalidInput, NotFound, Refused, admin_violation
from .messages import STAGE_LABELS
from .records import Election, ElectoralDistrict, Stage, Unit, UnitLevel
from .repositories import AdminRepository, AdminTx, EventSink
from .territory import guard

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "EVENT_TYPES",
    "Ident",
    "LongText",
    "Seams",
    "Service",
    "Text",
    "check_iin",
    "jsonable",
    "load_ruleset",
    "moment",
    "parse",
    "prefixed",
    "record_from",
]

#: A short text: surrounding spaces dropped, never empty.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
#: A reason or a statement of a decision.
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
#: An identifier chosen by the commission (``c-aliyev``, ``P-101``).
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound="DataclassInstance")

#: Every board event type the administration publishes.
EVENT_TYPES: tuple[str, ...] = (
    "admin.units.imported",
    "admin.precinct.created",
    "admin.commission.created",
    "admin.commission.member",
    "admin.accreditation.granted",
    "admin.election.called",
    "admin.district.formed",
    "admin.election.stage",
    "admin.nomination.extended",
    "admin.candidate.nominated",
    "admin.signatures.checked",
    "admin.candidate.registered",
    "admin.candidate.refused",
    "admin.candidate.withdrawn",
    "admin.voters.imported",
    "admin.voters.corrected",
    "admin.protocol.entered",
    "admin.protocol.annulled",
    "admin.results.set",
    "admin.decision.recorded",
    "admin.winner.registered",
)

#: One publisher at a time per process (the board itself serialises across processes).
_PUBLISH_LOCK = threading.Lock()


def jsonable(value: Any) -> Any:
    """``value`` with what canonical JSON lacks (dates, decimals, enums) written as strings."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return value


def moment(value: datetime) -> str:
    """A local deadline as messages show it: ``2027-08-24 18:00``."""
    return value.strftime("%Y-%m-%d %H:%M")


def parse(model: type[M], fields: Mapping[str, Any]) -> M:
    """Validate keyword arguments as ``model`` (the law's input rules and error shapes).

    Dates may be given as ``date`` objects or ``YYYY-MM-DD`` strings; a blank text
    field is :class:`AdminInvalidInput` ``blank``.
    """
    data = {k: v for k, v in fields.items() if v is not None}
    text = json.dumps(jsonable(data), ensure_ascii=False)
    try:
        return parse_input(model, text)
    except InvalidValue as exc:
        value = data.get(exc.field)
        if isinstance(value, str) and not value.strip():
            raise AdminInvalidInput(exc.field, "blank") from exc
        raise


def record_from(record: type[R], data: BaseModel, **fixed: Any) -> R:
    """A ``record`` keeping every fact of the validated input it names, as given;
    ``fixed`` sets the rest (the owner, the time) and what the service normalises."""
    names = {f.name for f in fields(record)} - fixed.keys()
    return record(**data.model_dump(include=names), **fixed)


def prefixed(exc: InvalidInput, prefix: str) -> InvalidInput:
    """The same error naming its field inside ``prefix`` (``csv[4]`` + ``code``)."""
    field = f"{prefix}.{exc.field}" if exc.field != "stdin" else prefix
    exc.field = field
    exc.params = {**exc.params, "field": field}
    exc.message = exc.msg.render("en", exc.params)
    exc.args = (exc.message,)
    return exc


_IIN = re.compile(r"^\d{12}$")


def check_iin(field: str, iin: str) -> str:
    """An individual identification number: 12 digits with a valid check digit."""
    if not _IIN.match(iin):
        raise AdminInvalidInput(field, "iin")
    digits = [int(c) for c in iin]
    check = sum(d * w for d, w in zip(digits[:11], range(1, 12), strict=True)) % 11
    if check == 10:
        weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
        check = sum(d * w for d, w in zip(digits[:11], weights, strict=True)) % 11
        if check == 10:
            raise AdminInvalidInput(field, "iin")
    if check != digits[11]:
        raise AdminInvalidInput(field, "iin")
    return iin


def load_ruleset(ruleset: str, field: str = "ruleset") -> Ruleset:
    """A ruleset shipped with Tandau (never a file path from the input)."""
    if ruleset not in builtin_ids():
        raise UnknownRuleset(ruleset, field)
    return _load_ruleset(ruleset)


#: What the services of one ``Administration`` share: the repository, the clock, the
#: event sink and the commission on whose behalf they act (``tandau.admin.territory``).
Seams = tuple[AdminRepository, Clock, EventSink, str | None]


class Service:
    """Base of the administration services (see the module docstring)."""

    def __init__(self, seams: Seams) -> None:
        self._repo, self._clock, self._sink, self._acting = seams

    def _now(self) -> datetime:
        now = self._clock.now()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("the clock must give timezone-aware times")
        return now

    def _run(self, work: Callable[[AdminTx, datetime], T]) -> T:
        """Run ``work`` in one transaction, then publish the events it recorded."""
        now = self._now()
        checked = guard(work, self._acting)
        with self._repo.transaction() as tx:
            result: T = checked(tx, now)
        self.publish_pending()
        return result

    def _read(self, work: Callable[[AdminTx], T]) -> T:
        with self._repo.transaction() as tx:
            return work(tx)

    def publish_pending(self) -> int:
        """Append every committed, unpublished event to the board; how many were published."""
        count = 0
        with _PUBLISH_LOCK:
            for event in self._repo.pending_events():
                self._sink.append(event.type, event.payload)
                self._repo.mark_published(event.id)
                count += 1
        return count


# -- helpers the services share --------------------------------------------------------


def emit(tx: AdminTx, type_: str, payload: Mapping[str, Any]) -> None:
    """Record a board event in the transaction's outbox."""
    if type_ not in EVENT_TYPES:
        raise ValueError(f"unknown admin event type {type_!r}")
    tx.add_event(type_, jsonable(payload))


def get_election(tx: AdminTx, election: str) -> Election:
    found = tx.get_election(election)
    if found is None:
        raise NotFound("election", election)
    return found


def get_district(tx: AdminTx, election: str) -> ElectoralDistrict:
    found = tx.get_district(election)
    if found is None:
        raise NotFound("district", election)
    return found


def get_unit(tx: AdminTx, code: str | None, *levels: UnitLevel) -> Unit:
    """The unit ``code`` names (else ``unknown_unit``), at one of ``levels`` if given
    (else ``unit_level``); the field at fault is ``unit``."""
    place = None if code is None else tx.get_unit(code)
    if place is None:
        raise AdminInvalidInput("unit", "unknown_unit")
    if levels and place.level not in levels:
        raise AdminInvalidInput("unit", "unit_level")
    return place


def require_stage(election: Election, *stages: Stage) -> None:
    """Refuse (``lifecycle.order``) unless the election is at one of ``stages``."""
    if election.stage not in stages:
        raise Refused(
            [
                admin_violation(
                    "lifecycle.order",
                    stage=STAGE_LABELS[election.stage.value],
                    needed=STAGE_LABELS[stages[0].value],
                    details={
                        "stage": election.stage.value,
                        "allowed": [s.value for s in stages],
                    },
                )
            ]
        )


def invalid(field: str, reason: str, **params: object) -> InvalidInput:
    return AdminInvalidInput(field, reason, **params)
