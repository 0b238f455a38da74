"""Kiosk devices of polling-station elections, and the ballots opened for an audit (ADR 0009).

A polling-station election takes ballots only from the booths the commission
set up at its stations.  The commission **registers** a device for an election
and gets a one-time enrolment code (shown once, valid ``ENROL_TTL``); the
kiosk's browser **enrols** with it and receives a random device token, kept in
an HttpOnly cookie.  The server keeps only SHA-256 hashes of both: neither a
leaked table nor a log can cast.  Each cast into such an election must carry
the token of an active device of that election (:meth:`DeviceService.check`);
a **revoked** device is refused from its next request.  Registration, enrolment
and revocation are kept in an audit trail.

A device stands at one **polling station** (precinct), named when it is registered
(the only precinct of the district by default).  A credential issued for a
precinct (the console records which, ``record_credential_precincts``) is cast only
from a device of that precinct (:meth:`DeviceService.check_precinct`,
:class:`WrongPrecinct`, ADR 0026).

A ballot opened for a Benaloh audit is recorded (:class:`AuditLedger`) under the
hash of its ciphertexts (:func:`ciphertexts_hash`); the election service refuses
to cast it (``protocol.ballot_refused``, reason ``audited_ballot``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from tandau.board import Clock
from tandau.crypto.canonical import dumps
from tandau.crypto.errors import TandauError
from tandau.crypto.rng import Rng
from tandau.i18n import N_, Message
from tandau.law import InvalidInput
from tandau.protocol.ballot import Ballot

from .errors import AdminInvalidInput, NotFound
from .names import check_name
from .schema import Plain

__all__ = [
    "ENROL_TTL",
    "AuditLedger",
    "BadEnrolmentCode",
    "Device",
    "DeviceRefused",
    "DeviceService",
    "DeviceStore",
    "TrailEntry",
    "WrongPrecinct",
    "choose_precinct",
    "ciphertexts_hash",
    "secret_hash",
]

#: How long an enrolment code stays usable: set the kiosk up the same day.
ENROL_TTL = timedelta(hours=12)
#: Enrolment codes: 16 symbols of an alphabet without look-alikes (80 bits).
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_CODE_LEN = 16

_REFUSED: dict[str, Message] = {
    "no_device": N_(
        "This election takes ballots only from the voting booths at its polling "
        "stations. Please vote at your polling station."
    ),
    "unknown_device": N_(
        "This device is not enrolled as a voting booth of this election. Ask the "
        "commission to enrol it."
    ),
    "revoked_device": N_("This voting booth was withdrawn by the commission."),
}
_WRONG_PRECINCT: dict[str, Message] = {
    "other_precinct": N_(
        "This credential was issued for polling station {credential_precinct}, and this "
        "voting booth stands at polling station {device_precinct}. Vote at a booth of "
        "your own polling station."
    ),
    "unbound_device": N_(
        "This credential was issued for polling station {credential_precinct}, and this "
        "voting booth was registered without a polling station. Ask the commission to "
        "register the booth again for its polling station."
    ),
}
_BAD_CODE = N_("The enrolment code is not valid, was used already or has expired.")


class BadEnrolmentCode(InvalidInput, title=InvalidInput.title):
    """The enrolment code is malformed, unknown, used or expired (one answer for all four)."""

    code = "admin.invalid_input.enrolment_code"

    def __init__(self) -> None:
        super().__init__("code", message=_BAD_CODE)
        self.reason = "bad_code"


class DeviceRefused(TandauError, title="This device may not do this."):
    """A request needs an enrolled, active kiosk device of the election; ``reason`` says why."""

    code = "admin.device_refused"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.msg = _REFUSED[reason]
        super().__init__(self.msg.render("en", {}), reason=reason)

    @property
    def localized(self) -> dict[str, str]:
        return self.msg.localize()


class WrongPrecinct(TandauError, title="This voting booth may not cast this ballot."):
    """The ballot's credential was issued for another precinct than the device's (409)."""

    code = "admin.wrong_precinct"

    def __init__(self, reason: str, credential_precinct: str, device_precinct: str | None) -> None:
        self.reason = reason
        self.msg = _WRONG_PRECINCT[reason]
        self.params = {
            "credential_precinct": credential_precinct,
            "device_precinct": device_precinct or "",
        }
        super().__init__(self.msg.render("en", self.params), reason=reason)

    @property
    def localized(self) -> dict[str, str]:
        return self.msg.localize(**self.params)


@dataclass(frozen=True, slots=True)
class Device(Plain):
    """A kiosk of one election: ``pending`` until enrolled, then ``active`` or ``revoked``."""

    id: int
    election: str
    label: str
    status: str
    created_by: str
    created_at: str
    enrolled_at: str | None = None
    revoked_at: str | None = None
    #: The polling station it stands at; ``None`` for a device registered before
    #: devices were bound to one (migration ``0008_kiosk_precincts``).
    precinct: str | None = None


@dataclass(frozen=True, slots=True)
class TrailEntry(Plain):
    """One line of the device audit trail: who did what to which device, when."""

    election: str
    device: int
    action: str  # registered | enrolled | revoked
    actor: str
    at: str


class DeviceStore(Protocol):
    """Where devices live: rows as dictionaries with :class:`Device`'s fields, hashes only.

    Implemented by ``tandau.storage.booth_store.SqlBoothStore``; each method is one
    transaction that also writes the audit trail.
    """

    def add_device(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """Store a new device row (its table's columns) and its ``registered`` trail line."""
        ...

    def credential_precinct(self, election: str, credential: str) -> str | None: ...

    def enrol_device(
        self, election: str, code_hash: str, token_hash: str, now: str
    ) -> dict[str, Any] | None: ...

    def device_by_token(self, election: str, token_hash: str) -> dict[str, Any] | None: ...

    def revoke_device(
        self, election: str, device: int, actor: str, at: str
    ) -> dict[str, Any] | None: ...

    def devices(self, election: str) -> list[dict[str, Any]]: ...

    def trail(self, election: str) -> list[dict[str, Any]]: ...


class AuditLedger(Protocol):
    """The ballots of one election that were opened for an audit (by ciphertext hash)."""

    def record_audit(self, ciphertexts: str, tracking_code: str, at: str) -> None: ...

    def was_audited(self, ciphertexts: str) -> bool: ...


def secret_hash(secret: str) -> str:
    """What the server keeps of a code or token: its SHA-256, hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def ciphertexts_hash(ballot: Ballot) -> str:
    """The ballot's ciphertexts only: a re-signed copy of an audited ballot is the same ballot."""
    cts = ballot.to_dict()["selection"]["ciphertexts"]
    return hashlib.sha256(dumps(cts)).hexdigest()


def choose_precinct(precinct: str | None, precincts: Sequence[str]) -> str | None:
    """The precinct a device is registered for: ``precinct`` if the district has it,
    else the district's only precinct; naming none is refused when it has several.

    ``precincts`` empty: the administration keeps no district for the election (one
    run from files with ``tandau admin``); ``precinct`` is taken as given.
    """
    given = (precinct or "").strip() or None
    if not precincts:
        return given
    if given is None:
        if len(precincts) == 1:
            return precincts[0]
        raise AdminInvalidInput("precinct", "precinct_required")
    if given not in precincts:
        raise AdminInvalidInput("precinct", "unknown_precinct")
    return given


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class DeviceService:
    """Register, enrol, check and revoke the kiosk devices of polling-station elections."""

    def __init__(self, store: DeviceStore, clock: Clock, rng: Rng) -> None:
        self._store = store
        self._clock = clock
        self._rng = rng

    def _code(self) -> str:
        raw = self._rng(_CODE_LEN)
        return "".join(_ALPHABET[b % len(_ALPHABET)] for b in raw)  # 256 % 32 == 0: unbiased

    def register(
        self,
        *,
        election: str,
        label: str,
        actor: str,
        precinct: str | None = None,
        precincts: Sequence[str] = (),
    ) -> tuple[Device, str]:
        """A new pending device at ``precinct`` (see :func:`choose_precinct`; ``precincts``
        are the district's) and its one-time enrolment code (returned once, never stored)."""
        label = label.strip()
        if not label:
            raise AdminInvalidInput("label", "blank")
        check_name(label, "label")
        at = choose_precinct(precinct, precincts)
        code = self._code()
        now = self._clock.now()
        row = self._store.add_device(
            {
                "election": election,
                "label": label,
                "precinct": at,
                "code_hash": secret_hash(code),
                "code_expires": _stamp(now + ENROL_TTL),
                "created_by": actor,
                "created_at": _stamp(now),
            }
        )
        return Device(**row), format_code(code)

    def enrol(self, *, election: str, code: str) -> tuple[Device, str]:
        """Exchange a valid enrolment code for a device token (once)."""
        normalized = "".join(ch for ch in code.upper() if ch in _ALPHABET)
        if len(normalized) != _CODE_LEN:
            raise BadEnrolmentCode()
        token = self._rng(32).hex()
        row = self._store.enrol_device(
            election, secret_hash(normalized), secret_hash(token), _stamp(self._clock.now())
        )
        if row is None:
            raise BadEnrolmentCode()
        return Device(**row), token

    def check(self, *, election: str, token: str | None) -> Device:
        """The active device holding ``token``, or :class:`DeviceRefused`."""
        if not token:
            raise DeviceRefused("no_device")
        row = self._store.device_by_token(election, secret_hash(token))
        if row is None:
            raise DeviceRefused("unknown_device")
        if row["status"] != "active":
            raise DeviceRefused("revoked_device")
        return Device(**row)

    def check_precinct(self, *, device: Device, credential: str) -> None:
        """:class:`WrongPrecinct` unless ``credential`` (hex) may be cast from ``device``:
        a credential issued for a precinct is cast only at a device of that precinct."""
        issued_for = self._store.credential_precinct(device.election, credential)
        if issued_for is None or issued_for == device.precinct:
            return
        reason = "unbound_device" if device.precinct is None else "other_precinct"
        raise WrongPrecinct(reason, issued_for, device.precinct)

    def revoke(self, *, election: str, device: int, actor: str) -> Device:
        row = self._store.revoke_device(election, device, actor, _stamp(self._clock.now()))
        if row is None:
            raise NotFound("device", str(device))
        return Device(**row)

    def devices(self, election: str) -> list[Device]:
        return [Device(**row) for row in self._store.devices(election)]

    def trail(self, election: str) -> list[TrailEntry]:
        return [TrailEntry(**row) for row in self._store.trail(election)]


def format_code(code: str) -> str:
    """``ABCD-EFGH-JKLM-NPQR``: easier to read out and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
