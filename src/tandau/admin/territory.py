"""A commission acts only inside its own territory (the units below its own unit).

A service made for an acting commission (``Administration(..., acting=ID)``, as the
console makes it for the signed-in account's commission) runs every write of its
transaction through :class:`TerritoryTx`.  The check is on the records written,
not on each service method, so that no step can forget it:

- an election is called by the acting commission, for a unit in its territory, and a
  step reaching for another commission's election is refused at once;
- a record of an election (district, candidate, signature sheet, voter, correction,
  protocol, decision, accreditation) belongs to an election the acting commission runs;
- a precinct, a commission and any record naming a precinct lie in its territory;
- a member is appointed to the acting commission or to a commission in its territory.

Anything else is refused with :class:`OutsideTerritory` (HTTP 403) and, since the
check runs inside the transaction, nothing is stored.  Administrative units are
the national classifier and stay shared.  A service without an acting commission
(the demo seed, tests, the first setup from code) is not restricted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tandau.i18n import N_

from .errors import AdminError, NotFound
from .records import Commission, Election, ElectoralDistrict, Member, Precinct
from .repositories import AdminTx

__all__ = ["OutsideTerritory", "TerritoryTx", "guard", "subtree_codes"]

_OUTSIDE = N_(
    "Commission {commission} acts only inside its own territory: this {what} is outside it."
)
_WHAT = {
    "election": N_("election"),
    "precinct": N_("precinct"),
    "commission": N_("commission"),
    "unit": N_("administrative unit"),
}

#: Writes that are not the commission's own acts: the shared classifier and the outbox.
_UNGUARDED = frozenset({"add_unit", "add_event"})


def subtree_codes(tx: AdminTx, code: str) -> set[str]:
    """``code`` and every unit below it."""
    children: dict[str, list[str]] = {}
    for unit in tx.units():
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.code)
    out, stack = set(), [code]
    while stack:
        current = stack.pop()
        out.add(current)
        stack.extend(children.get(current, ()))
    return out


class OutsideTerritory(AdminError, title="Your role does not allow this action."):
    """The acting commission tried to act on an election, precinct or unit not its own."""

    code = "admin.outside_territory"

    def __init__(self, commission: str, what: str) -> None:
        super().__init__(_OUTSIDE, commission=commission, what=_WHAT[what])
        self.commission = commission
        self.what = what


class TerritoryTx:
    """An :class:`AdminTx` whose writes are checked against the acting commission's territory."""

    def __init__(self, tx: AdminTx, acting: str) -> None:
        self._tx = tx
        self._acting = acting
        self._territory: set[str] | None = None

    def get_election(self, id: str) -> Election | None:
        """Another commission's election is refused as soon as a step reaches for it."""
        found = self._tx.get_election(id)
        if found is not None and found.commission != self._acting:
            raise self._refuse("election")
        return found

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._tx, name)
        if not name.startswith(("add_", "update_")) or name in _UNGUARDED:
            return attr

        def checked(record: Any, *args: Any, **kwargs: Any) -> Any:
            self.check(record)
            return attr(record, *args, **kwargs)

        return checked

    # -- the checks --------------------------------------------------------------

    def territory(self) -> set[str]:
        if self._territory is None:
            own = self._tx.get_commission(self._acting)
            if own is None:
                raise NotFound("commission", self._acting)
            self._territory = subtree_codes(self._tx, own.unit)
        return self._territory

    def _refuse(self, what: str) -> OutsideTerritory:
        return OutsideTerritory(self._acting, what)

    def _unit(self, code: str, what: str) -> None:
        if code not in self.territory():
            raise self._refuse(what)

    def _precinct(self, code: str) -> None:
        found = self._tx.get_precinct(code)
        if found is None or found.unit not in self.territory():
            raise self._refuse("precinct")

    def _election(self, election: str) -> None:
        found = self._tx.get_election(election)
        if found is None or found.commission != self._acting:
            raise self._refuse("election")

    def check(self, record: object) -> None:
        """Refuse ``record`` unless the acting commission may write it."""
        if isinstance(record, Election):
            if record.commission != self._acting:
                raise self._refuse("election")
            self._unit(record.unit, "unit")
            return
        if isinstance(record, Precinct):
            self._unit(record.unit, "precinct")
            return
        if isinstance(record, Commission):
            self._unit(record.unit, "commission")
            return
        if isinstance(record, Member):
            if record.commission != self._acting:
                target = self._tx.get_commission(record.commission)
                if target is None or target.unit not in self.territory():
                    raise self._refuse("commission")
            return
        election = getattr(record, "election", None)
        if isinstance(election, str):
            self._election(election)
        if isinstance(record, ElectoralDistrict):
            for code in record.precincts:
                self._precinct(code)
        precinct = getattr(record, "precinct", None)
        if isinstance(precinct, str):
            self._precinct(precinct)
        commission = getattr(record, "commission", None)
        if isinstance(commission, str) and commission != self._acting:
            raise self._refuse("commission")


def guard(work: Callable[[AdminTx, Any], Any], acting: str | None) -> Callable[[AdminTx, Any], Any]:
    """``work`` with its transaction checked for ``acting`` (unchanged without one)."""
    if acting is None:
        return work

    def run(tx: AdminTx, now: Any) -> Any:
        return work(TerritoryTx(tx, acting), now)

    return run
