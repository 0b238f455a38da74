"""Administrative-territorial units: a KATO-style code tree, imported from CSV.

Codes have 9 digits, ``AABBCCDDD``: ``AA`` the region, ``BB`` the district, ``CC``
the rural okrug, ``DDD`` the settlement.  A unit's code keeps its parent's digits
and sets its own level's digits (not all zero); the digits below its level are
zero.  A settlement belongs to a rural okrug, or directly to a district (``CC`` =
``00``, e.g. a village with its own akim)::

    990000000  region
    991000000  district
    991011000  rural okrug
    991011001  settlement (village)

The CSV header is ``code,level,parent,name_kk,name_ru,name_en``; ``parent`` is empty
for a region; parents come before their children or are already stored.  An import
is all or nothing: a bad row names its line and column (``csv[4].parent``) and
nothing is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated

from pydantic import StringConstraints

from tandau.law import InconsistentInput, InvalidInput
from tandau.law.inputs import InputModel

from .csv_rows import read_csv_rows
from .errors import AdminInvalidInput, NotFound
from .records import LocalName, Unit, UnitLevel
from .repositories import AdminTx
from .service import Service, emit, parse, prefixed
from .territory import subtree_codes

__all__ = [
    "CSV_COLUMNS",
    "UnitRow",
    "UnitService",
    "check_unit_code",
    "is_within",
    "subtree_codes",
]

CSV_COLUMNS = ("code", "level", "parent", "name_kk", "name_ru", "name_en")

#: How many leading digits each level sets.
_DIGITS: Mapping[UnitLevel, int] = {
    UnitLevel.REGION: 2,
    UnitLevel.DISTRICT: 4,
    UnitLevel.RURAL_OKRUG: 6,
    UnitLevel.SETTLEMENT: 9,
}

#: The levels a unit's parent may have.
_PARENTS: Mapping[UnitLevel, tuple[UnitLevel, ...]] = {
    UnitLevel.REGION: (),
    UnitLevel.DISTRICT: (UnitLevel.REGION,),
    UnitLevel.RURAL_OKRUG: (UnitLevel.DISTRICT,),
    UnitLevel.SETTLEMENT: (UnitLevel.RURAL_OKRUG, UnitLevel.DISTRICT),
}


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class UnitRow(InputModel):
    code: str
    level: UnitLevel
    parent: str | None = None
    name_kk: Name
    name_ru: Name
    name_en: Name


def check_unit_code(field: str, code: str, level: UnitLevel) -> None:
    """A 9-digit code whose own level's digits are set and whose lower digits are zero."""
    n = _DIGITS[level]
    start = {2: 0, 4: 2, 6: 4, 9: 6}[n]
    if (
        len(code) != 9
        or not code.isascii()
        or not code.isdigit()
        or set(code[n:]) - {"0"}
        or set(code[start:n]) == {"0"}
    ):
        raise AdminInvalidInput(field, "kato")


def _check_parent(where: str, row: UnitRow, parent: Unit | None) -> None:
    allowed = _PARENTS[row.level]
    if not allowed:
        if row.parent is not None:
            raise AdminInvalidInput(f"{where}.parent", "unit_level")
        return
    if row.parent is None:
        raise AdminInvalidInput(f"{where}.parent", "unknown_unit")
    if parent is None:
        raise AdminInvalidInput(f"{where}.parent", "unknown_unit")
    if parent.level not in allowed:
        raise AdminInvalidInput(f"{where}.parent", "unit_level")
    keep = _DIGITS[parent.level]
    if row.code[:keep] != parent.code[:keep] or set(row.code[keep : _DIGITS[row.level]]) == {"0"}:
        raise AdminInvalidInput(f"{where}.code", "kato")
    under_district = row.level is UnitLevel.SETTLEMENT and parent.level is UnitLevel.DISTRICT
    if under_district and row.code[4:6] != "00":
        raise AdminInvalidInput(f"{where}.code", "kato")


def is_within(tx: AdminTx, code: str, ancestor: str) -> bool:
    """Whether unit ``code`` is ``ancestor`` or lies below it in the tree."""
    seen = 0
    current: str | None = code
    while current is not None and seen < 8:
        if current == ancestor:
            return True
        unit = tx.get_unit(current)
        current = None if unit is None else unit.parent
        seen += 1
    return False


class UnitService(Service):
    """Import and read the tree of administrative units."""

    def import_csv(self, text: str) -> tuple[Unit, ...]:
        """Import units from CSV (see the module docstring); all or nothing."""
        rows = read_csv_rows(text, CSV_COLUMNS)

        def work(tx: AdminTx, now: datetime) -> tuple[Unit, ...]:
            added: dict[str, Unit] = {}
            for line, raw in rows:
                where = f"csv[{line}]"
                values = {k: (v or None) for k, v in raw.items()}
                row = _parse_row(where, values)
                check_unit_code(f"{where}.code", row.code, row.level)
                if row.code in added or tx.get_unit(row.code) is not None:
                    raise InconsistentInput(f"{where}.code", "duplicate")
                parent = None
                if row.parent is not None:
                    parent = added.get(row.parent) or tx.get_unit(row.parent)
                _check_parent(where, row, parent)
                unit = Unit(
                    row.code,
                    row.level,
                    row.parent,
                    LocalName(row.name_kk, row.name_ru, row.name_en),
                )
                tx.add_unit(unit)
                added[unit.code] = unit
            emit(
                tx,
                "admin.units.imported",
                {"count": len(added), "units": [u.to_dict() for u in added.values()]},
            )
            return tuple(added.values())

        return self._run(work)

    def get(self, code: str) -> Unit:
        found = self._read(lambda tx: tx.get_unit(code))
        if found is None:
            raise NotFound("unit", code)
        return found

    def children(self, code: str) -> tuple[Unit, ...]:
        return self._read(lambda tx: tuple(u for u in tx.units() if u.parent == code))

    def all(self) -> tuple[Unit, ...]:
        return self._read(lambda tx: tuple(tx.units()))


def _parse_row(where: str, values: Mapping[str, str | None]) -> UnitRow:
    try:
        return parse(UnitRow, values)
    except InvalidInput as exc:
        raise prefixed(exc, where) from None
