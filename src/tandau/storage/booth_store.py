"""``SqlBoothStore``: kiosk devices and audited ballots on SQLite and PostgreSQL.

It implements ``tandau.admin.devices.DeviceStore`` and, bound to one election,
``AuditLedger`` structurally (storage does not import the admin layer).  Each
change is one transaction together with its line in the device trail.  Nothing is
updated in place: a device's status is derived from its enrolment and revocation
rows, and enrolment is a compare-and-set by the enrolment row's primary key, so a
code enrols at most one browser even when two race.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, Select, insert, select
from sqlalchemy.exc import IntegrityError

from .booth_tables import (
    booth_audited,
    booth_credential_precincts,
    booth_device_trail,
    booth_devices,
    booth_enrolments,
    booth_revocations,
)

__all__ = ["SqlAuditLedger", "SqlBoothStore", "record_credential_precincts"]

_d, _e, _r = booth_devices.c, booth_enrolments.c, booth_revocations.c


def _devices() -> Select[Any]:
    """Each device with its derived status: pending, active or revoked."""
    return select(
        _d.id,
        _d.election,
        _d.label,
        _d.precinct,
        _d.created_by,
        _d.created_at,
        _e.enrolled_at,
        _r.revoked_at,
    ).select_from(
        booth_devices.outerjoin(booth_enrolments, _e.device == _d.id).outerjoin(
            booth_revocations, _r.device == _d.id
        )
    )


def _row(row: Any) -> dict[str, Any]:
    found = dict(row._mapping)
    if found["revoked_at"] is not None:
        found["status"] = "revoked"
    elif found["enrolled_at"] is not None:
        found["status"] = "active"
    else:
        found["status"] = "pending"
    return found


def _trail(conn: Connection, election: str, device: int, action: str, actor: str, at: str) -> None:
    conn.execute(
        insert(booth_device_trail).values(
            election=election, device=device, action=action, actor=actor, at=at
        )
    )


def _get(conn: Connection, election: str, device: int) -> dict[str, Any] | None:
    found = conn.execute(_devices().where(_d.election == election, _d.id == device)).first()
    return None if found is None else _row(found)


class SqlBoothStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_device(self, row: Mapping[str, Any]) -> dict[str, Any]:
        election = str(row["election"])
        with self._engine.begin() as conn:
            result = conn.execute(insert(booth_devices).values(**row))
            device = int(result.inserted_primary_key[0])  # type: ignore[index]
            _trail(conn, election, device, "registered", row["created_by"], row["created_at"])
            stored = _get(conn, election, device)
        assert stored is not None
        return stored

    def enrol_device(
        self, election: str, code_hash: str, token_hash: str, now: str
    ) -> dict[str, Any] | None:
        try:
            with self._engine.begin() as conn:
                found = conn.execute(
                    _devices().where(_d.election == election, _d.code_hash == code_hash)
                ).first()
                if found is None or _row(found)["status"] != "pending":
                    return None
                expires = conn.execute(
                    select(_d.code_expires).where(_d.id == found.id)
                ).scalar_one()
                if str(expires) < now:
                    return None
                # A second enrolment of the same device fails on the primary key.
                conn.execute(
                    insert(booth_enrolments).values(
                        device=found.id, token_hash=token_hash, enrolled_at=now
                    )
                )
                _trail(conn, election, int(found.id), "enrolled", "device", now)
                return _get(conn, election, int(found.id))
        except IntegrityError:
            return None

    def device_by_token(self, election: str, token_hash: str) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            found = conn.execute(
                _devices().where(_d.election == election, _e.token_hash == token_hash)
            ).first()
        return None if found is None else _row(found)

    def credential_precinct(self, election: str, credential: str) -> str | None:
        p = booth_credential_precincts.c
        with self._engine.connect() as conn:
            found = conn.execute(
                select(p.precinct).where(p.election == election, p.credential == credential)
            ).scalar()
        return None if found is None else str(found)

    def revoke_device(
        self, election: str, device: int, actor: str, at: str
    ) -> dict[str, Any] | None:
        try:
            with self._engine.begin() as conn:
                row = _get(conn, election, device)
                if row is None:
                    return None
                if row["status"] != "revoked":
                    conn.execute(
                        insert(booth_revocations).values(
                            device=device, revoked_by=actor, revoked_at=at
                        )
                    )
                    _trail(conn, election, device, "revoked", actor, at)
        except IntegrityError:
            pass  # revoked meanwhile by another request: the first revocation stands
        with self._engine.connect() as conn:
            return _get(conn, election, device)

    def devices(self, election: str) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(_devices().where(_d.election == election).order_by(_d.id))
            return [_row(r) for r in rows]

    def trail(self, election: str) -> list[dict[str, Any]]:
        t = booth_device_trail.c
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(t.election, t.device, t.action, t.actor, t.at)
                .where(t.election == election)
                .order_by(t.id)
            )
            return [dict(r._mapping) for r in rows]


def record_credential_precincts(
    conn: Connection, election: str, precinct: str, credentials: list[str]
) -> None:
    """Within the caller's transaction: ``credentials`` (hex) were issued for ``precinct``."""
    if credentials:
        conn.execute(
            insert(booth_credential_precincts),
            [{"election": election, "credential": c, "precinct": precinct} for c in credentials],
        )


class SqlAuditLedger:
    """The audited ballots of one election."""

    def __init__(self, engine: Engine, election: str) -> None:
        self._engine = engine
        self._election = election

    def record_audit(self, ciphertexts: str, tracking_code: str, at: str) -> None:
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    insert(booth_audited).values(
                        election=self._election,
                        ciphertexts=ciphertexts,
                        tracking_code=tracking_code,
                        audited_at=at,
                    )
                )
        except IntegrityError:
            pass  # audited before: the first record stands

    def was_audited(self, ciphertexts: str) -> bool:
        a = booth_audited.c
        with self._engine.connect() as conn:
            found = conn.execute(
                select(a.ciphertexts).where(
                    a.election == self._election, a.ciphertexts == ciphertexts
                )
            ).first()
        return found is not None

    def audited(self) -> list[dict[str, Any]]:
        a = booth_audited.c
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(a.tracking_code, a.ciphertexts, a.audited_at)
                .where(a.election == self._election)
                .order_by(a.audited_at)
            )
            return [dict(r._mapping) for r in rows]
