"""Precincts and electoral districts.

Precincts are standing: each lies in a settlement or a rural okrug and keeps its
number between elections.  After calling an election the territorial commission
forms its electoral district — one per unit (``lifecycle.one_district``, CLE Art.
113-1) — from precincts that lie inside the election's unit.  Voter lists,
protocols and the result are kept per precinct of the district.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from tandau.law import InconsistentInput
from tandau.law.inputs import InputModel

from .commissions import NewCommission, add_commission
from .errors import AdminInvalidInput, AlreadyExists
from .records import ElectoralDistrict, Precinct, Stage, UnitLevel
from .repositories import AdminTx
from .service import (
    Ident,
    Service,
    Text,
    emit,
    get_district,
    get_election,
    get_unit,
    parse,
    require_stage,
)
from .units import is_within

__all__ = ["DistrictService", "FormDistrict", "NewPrecinct", "form"]


class NewPrecinct(InputModel):
    code: Ident
    number: Annotated[int, Field(gt=0)]
    unit: str
    address: Text


class FormDistrict(InputModel):
    election: str
    number: Annotated[int, Field(gt=0)]
    precincts: Annotated[list[str], Field(min_length=1)]


def form(tx: AdminTx, now: datetime, data: FormDistrict) -> ElectoralDistrict:
    """Form ``data``'s district inside ``tx``: the step of :meth:`DistrictService.form_district`,
    and of :meth:`LifecycleService.call` when the election is called with its precincts."""
    found = get_election(tx, data.election)
    require_stage(found, Stage.CALLED, Stage.NOMINATION)
    if tx.get_district(found.id) is not None:
        raise AlreadyExists("district", found.id)
    seen: set[str] = set()
    for i, code in enumerate(data.precincts):
        field = f"precincts[{i}]"
        if code in seen:
            raise InconsistentInput(field, "duplicate")
        seen.add(code)
        precinct = tx.get_precinct(code)
        if precinct is None:
            raise AdminInvalidInput(field, "unknown_precinct")
        if not is_within(tx, precinct.unit, found.unit):
            raise AdminInvalidInput(field, "outside_unit")
    district = ElectoralDistrict(found.id, data.number, found.unit, tuple(data.precincts), now)
    tx.add_district(district)
    emit(
        tx,
        "admin.district.formed",
        {
            "election": found.id,
            "number": district.number,
            "unit": district.unit,
            "precincts": list(district.precincts),
        },
    )
    return district


class DistrictService(Service):
    """Create precincts; form an election's electoral district."""

    def create_precinct(
        self, *, code: str, number: int, unit: str, address: str, commission: str | None = None
    ) -> Precinct:
        """A standing precinct in a settlement or a rural okrug; with ``commission``, its
        precinct commission of that ID too, in the same transaction (both or neither)."""
        data = parse(
            NewPrecinct, {"code": code, "number": number, "unit": unit, "address": address}
        )
        own = None
        if commission is not None:
            fields = {"id": commission, "kind": "precinct", "precinct": code, "name": code}
            own = parse(NewCommission, fields)

        def work(tx: AdminTx, now: datetime) -> Precinct:
            if tx.get_precinct(data.code) is not None:
                raise AlreadyExists("precinct", data.code)
            get_unit(tx, data.unit, UnitLevel.SETTLEMENT, UnitLevel.RURAL_OKRUG)
            precinct = Precinct(data.code, data.number, data.unit, data.address)
            tx.add_precinct(precinct)
            emit(tx, "admin.precinct.created", precinct.to_dict())
            if own is not None:
                add_commission(tx, own)
            return precinct

        return self._run(work)

    def form_district(
        self, *, election: str, number: int, precincts: list[str]
    ) -> ElectoralDistrict:
        """Form the election's electoral district from precincts inside its unit."""
        data = parse(FormDistrict, {"election": election, "number": number, "precincts": precincts})

        return self._run(lambda tx, now: form(tx, now, data))

    def district(self, election: str) -> ElectoralDistrict:
        return self._read(lambda tx: get_district(tx, election))

    def precinct(self, code: str) -> Precinct | None:
        return self._read(lambda tx: tx.get_precinct(code))
