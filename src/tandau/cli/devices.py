"""``tandau admin device``: the kiosk devices of a polling-station election (ADR 0009).

::

    tandau admin device enrol --election E --label "P-101 booth 1" --precinct P-101
                                                     # code shown once
    tandau admin device list --election E
    tandau admin device revoke --election E --device 3
    tandau admin device trail --election E

The same service as the console's devices page; the enrolment code is printed
once and only its hash is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from tandau.admin.devices import ENROL_TTL, DeviceService
from tandau.admin.rowstore import RowRepository
from tandau.board.clock import SystemClock
from tandau.crypto.rng import SystemRng
from tandau.i18n import N_
from tandau.schema import admin_row_store
from tandau.storage.booth_store import SqlBoothStore

from .database import open_store, resolve_election
from .errors import guarded
from .options import DbOption, ElectionOption, role_app
from .output import emit, say

__all__ = ["device_app"]

device_app = role_app(
    "device", "Kiosk devices of a polling-station election: enrol, list, revoke, trail."
)

DEVICE_CODE = N_(
    "Device {device} ({label}) is registered. On the kiosk, open {url} and type the "
    "enrolment code {code}. The code works once, within {hours} hours, and is not shown again."
)
DEVICE_REVOKED = N_("Device {device} ({label}) is revoked: it can no longer cast ballots.")

ActorOption = Annotated[
    str, typer.Option("--actor", help="Who does this, for the device trail.", min=1)
]


@contextmanager
def _service(db: str | None, election: str | None) -> Iterator[tuple[DeviceService, str]]:
    with open_store(db) as store:
        found = resolve_election(store, election)
        yield DeviceService(SqlBoothStore(store.engine), SystemClock(), SystemRng()), found


def _precincts(db: str | None, election: str) -> tuple[str, ...]:
    """The precincts of the election's district in the administration; none if it keeps none."""
    with (
        open_store(db) as store,
        RowRepository(admin_row_store(store.engine)).transaction() as tx,
    ):
        district = tx.get_district(election)
    return () if district is None else tuple(district.precincts)


@device_app.command("enrol")
@guarded
def enrol(
    label: Annotated[str, typer.Option("--label", help="The device's name: station and booth.")],
    precinct: Annotated[
        str | None,
        typer.Option(
            "--precinct",
            help="The polling station it stands at; required when the district has several.",
        ),
    ] = None,
    actor: ActorOption = "cli",
    base_url: Annotated[
        str, typer.Option("--base-url", help="The server's address, for the enrolment link.")
    ] = "http://127.0.0.1:8000",
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Register a kiosk device and print its one-time enrolment code (shown only now)."""
    with _service(db, election) as (service, found):
        device, code = service.register(
            election=found,
            label=label,
            actor=actor,
            precinct=precinct,
            precincts=_precincts(db, found),
        )
    url = f"{base_url.rstrip('/')}/e/{found}/kiosk/enrol"
    hours = int(ENROL_TTL.total_seconds() // 3600)
    say(DEVICE_CODE, device=device.id, label=device.label, url=url, code=code, hours=hours)
    emit({**device.to_dict(), "enrolment_code": code, "enrol_url": url, "expires_in_hours": hours})


@device_app.command("list")
@guarded
def list_devices(db: DbOption = None, election: ElectionOption = None) -> None:
    """The election's devices and their status (pending, active, revoked)."""
    with _service(db, election) as (service, found):
        emit([d.to_dict() for d in service.devices(found)])


@device_app.command("revoke")
@guarded
def revoke(
    device: Annotated[int, typer.Option("--device", help="The device's number.")],
    actor: ActorOption = "cli",
    db: DbOption = None,
    election: ElectionOption = None,
) -> None:
    """Revoke a device: its next ballot is refused."""
    with _service(db, election) as (service, found):
        done = service.revoke(election=found, device=device, actor=actor)
    say(DEVICE_REVOKED, device=done.id, label=done.label)
    emit(done.to_dict())


@device_app.command("trail")
@guarded
def trail(db: DbOption = None, election: ElectionOption = None) -> None:
    """Who registered, enrolled and revoked which device, when."""
    with _service(db, election) as (service, found):
        emit([t.to_dict() for t in service.trail(found)])
