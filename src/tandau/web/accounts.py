"""Commission accounts: roles, argon2id passwords, and a TOTP second factor for everyone.

An account belongs to one commission and has one role: ``chair``, ``secretary``,
``member``, ``registrar`` or ``trustee``.  Observers and the public need no
account.  Signing in takes the password (argon2id, RFC 9106 parameters) *and* a
current TOTP code (RFC 6238, 30 s, 6 digits); a code is accepted once (its time
step is remembered), so a code seen over a shoulder cannot be replayed.

The TOTP secret must be readable by the server to check codes, so it is sealed
(XSalsa20-Poly1305) under a key derived from the server's TOTP key
(``TANDAU_TOTP_KEY`` or the generated ``<data dir>/totp-key``): a copy of the
database alone does not give the second factor.  Changing that key therefore
invalidates every enrolment.

``create_account`` is the one way to make an account — the chair's page, the
demo and the tests call it — and returns the enrolment (secret and
``otpauth://`` URI) to show once.
"""

from __future__ import annotations

import base64
import hashlib
import re
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from nacl.exceptions import CryptoError as NaclCryptoError
from nacl.secret import SecretBox
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from tandau.admin.errors import AlreadyExists
from tandau.board import Clock
from tandau.crypto.rng import Rng
from tandau.i18n import N_
from tandau.schema import admin_commissions
from tandau.settings import ConfigurationError, Settings
from tandau.storage.database import write_transaction
from tandau.storage.web_tables import web_accounts

from .errors import BadRequest, NotAuthenticated
from .passwords import MAX_PASSWORD, WeakPassword, check_password

__all__ = [
    "COMMISSION_ROLES",
    "WEB_LOCK_KEY",
    "Account",
    "Accounts",
    "Enrollment",
    "Role",
    "SignInFailed",
    "WeakPassword",
    "create_account",
    "password_hasher",
]

#: The PostgreSQL advisory lock of the console's writer.
WEB_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"tandau/v1/web/writer").digest()[:8], "big", signed=True
)

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
TOTP_INTERVAL = 30
ISSUER = "Tandau"


class Role(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    REGISTRAR = "registrar"
    TRUSTEE = "trustee"


COMMISSION_ROLES: tuple[Role, ...] = tuple(Role)


class SignInFailed(NotAuthenticated, title=NotAuthenticated.title):
    """Wrong user name, password or code; which one is never said."""

    code = "web.sign_in_failed"
    default = N_("The user name, password or one-time code is wrong.")


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    commission: str
    username: str
    name: str
    role: Role
    active: bool
    session_version: int


@dataclass(frozen=True, slots=True)
class Enrollment:
    """What the new member needs once: the TOTP secret and its ``otpauth://`` URI."""

    account: Account
    totp_secret: str
    provisioning_uri: str

    def __repr__(self) -> str:
        return f"Enrollment(account={self.account.username!r})"


def password_hasher(settings: Settings) -> PasswordHasher:
    """argon2id with RFC 9106's low-memory parameters; cheaper ones in the test environment."""
    if settings.environment == "test":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def _box(settings: Settings) -> SecretBox:
    if not settings.totp_key:
        raise ConfigurationError("no TOTP key: build the settings with_secrets()")
    key = hashlib.blake2b(
        settings.totp_key.encode(), digest_size=32, person=b"tandau-totp-key"
    ).digest()
    return SecretBox(key)


#: An account's fields and their types; each type reads its column's value.
_ACCOUNT_FIELDS = typing.get_type_hints(Account)


def _row_account(row: Any) -> Account:
    return Account(**{name: kind(getattr(row, name)) for name, kind in _ACCOUNT_FIELDS.items()})


class Accounts:
    """The accounts table, with the server's secret key and clock."""

    def __init__(self, engine: Engine, settings: Settings, clock: Clock) -> None:
        self._engine = engine
        self._settings = settings
        self._clock = clock
        self._hasher = password_hasher(settings)
        # Verified against when the user name is unknown, so timing does not tell.
        self._dummy = self._hasher.hash("tandau-no-such-account")

    # -- reading ------------------------------------------------------------------

    def get(self, account_id: int) -> Account | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(web_accounts).where(web_accounts.c.id == account_id)).first()
        return None if row is None else _row_account(row)

    def of_commission(self, commission: str) -> list[Account]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(web_accounts)
                .where(web_accounts.c.commission == commission)
                .order_by(web_accounts.c.id)
            ).all()
        return [_row_account(r) for r in rows]

    # -- creating -----------------------------------------------------------------

    def create(
        self,
        *,
        commission: str,
        username: str,
        name: str,
        role: str,
        password: str,
        rng: Rng,
    ) -> Enrollment:
        """A new active account; refused (nothing stored) on bad input or a taken name."""
        username = username.strip().lower()
        name = " ".join(name.split())
        if not _USERNAME.match(username):
            raise BadRequest(detail="username")
        if not 1 <= len(name) <= 200:
            raise BadRequest(detail="name")
        if role not in COMMISSION_ROLES:
            raise BadRequest(detail="role")
        check_password(password, username)
        secret = base64.b32encode(rng(20)).decode()
        sealed = _box(self._settings).encrypt(secret.encode(), rng(SecretBox.NONCE_SIZE)).hex()
        now = self._clock.now().isoformat()
        with write_transaction(self._engine, WEB_LOCK_KEY) as conn:
            exists = conn.execute(
                select(admin_commissions.c.id).where(admin_commissions.c.id == commission)
            ).first()
            if exists is None:
                raise BadRequest(detail="commission")
            taken = conn.execute(
                select(web_accounts.c.id).where(web_accounts.c.username == username)
            ).first()
            if taken is not None:
                raise AlreadyExists("member", username)
            try:
                result = conn.execute(
                    insert(web_accounts).values(
                        commission=commission,
                        username=username,
                        name=name,
                        role=role,
                        password_hash=self._hasher.hash(password),
                        totp_secret=sealed,
                        totp_last_step=None,
                        session_version=1,
                        active=True,
                        created_at=now,
                    )
                )
            except IntegrityError as exc:
                raise AlreadyExists("member", username) from exc
            key = result.inserted_primary_key
            assert key is not None
            new_id = int(key[0])
        account = Account(new_id, commission, username, name, Role(role), True, 1)
        uri = pyotp.TOTP(secret, interval=TOTP_INTERVAL).provisioning_uri(
            name=username, issuer_name=ISSUER
        )
        return Enrollment(account, secret, uri)

    # -- signing in ---------------------------------------------------------------

    def authenticate(self, username: str, password: str, code: str) -> Account:
        """The account, if the password and a fresh TOTP code are right; SignInFailed otherwise."""
        username = username.strip().lower()
        with self._engine.connect() as conn:
            row = conn.execute(
                select(web_accounts).where(web_accounts.c.username == username)
            ).first()
        if row is None or not row.active or len(password) > MAX_PASSWORD:
            self._verify(self._dummy, password[:MAX_PASSWORD])
            raise SignInFailed()
        if not self._verify(row.password_hash, password):
            raise SignInFailed()
        step = self._totp_step(row.totp_secret, code)
        if step is None or (row.totp_last_step is not None and step <= row.totp_last_step):
            raise SignInFailed()
        changes: dict[str, Any] = {"totp_last_step": step}
        if self._hasher.check_needs_rehash(row.password_hash):
            changes["password_hash"] = self._hasher.hash(password)
        with write_transaction(self._engine, WEB_LOCK_KEY) as conn:
            # Only if no other sign-in used this step or a later one meanwhile.
            done = conn.execute(
                update(web_accounts)
                .where(web_accounts.c.id == row.id)
                .where(
                    (web_accounts.c.totp_last_step.is_(None))
                    | (web_accounts.c.totp_last_step < step)
                )
                .values(**changes)
            )
            if done.rowcount != 1:
                raise SignInFailed()
        return _row_account(row)

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self._hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _totp_step(self, sealed: str, code: str) -> int | None:
        """The time step whose code ``code`` is (this one or its neighbours), if any."""
        code = "".join(code.split())
        if len(code) != 6 or not code.isascii() or not code.isdigit():
            return None
        try:
            secret = _box(self._settings).decrypt(bytes.fromhex(sealed)).decode()
        except (NaclCryptoError, ValueError):
            return None
        totp = pyotp.TOTP(secret, interval=TOTP_INTERVAL)
        step = int(self._clock.now().timestamp()) // TOTP_INTERVAL
        for candidate in (step, step - 1, step + 1):
            if pyotp.utils.strings_equal(totp.at(candidate * TOTP_INTERVAL), code):
                return candidate
        return None

    # -- changing -----------------------------------------------------------------

    def end_sessions(self, account_id: int) -> None:
        """Sign the account out everywhere: every session cookie issued so far is refused."""
        with write_transaction(self._engine, WEB_LOCK_KEY) as conn:
            conn.execute(
                update(web_accounts)
                .where(web_accounts.c.id == account_id)
                .values(session_version=web_accounts.c.session_version + 1)
            )

    def deactivate(self, account_id: int) -> None:
        """Disable the account and end its sessions (the session version moves on)."""
        with write_transaction(self._engine, WEB_LOCK_KEY) as conn:
            conn.execute(
                update(web_accounts)
                .where(web_accounts.c.id == account_id)
                .values(active=False, session_version=web_accounts.c.session_version + 1)
            )


def create_account(
    engine: Engine,
    settings: Settings,
    clock: Clock,
    rng: Rng,
    *,
    commission: str,
    username: str,
    name: str,
    role: str,
    password: str,
) -> Enrollment:
    """Create a commission account from code (the demo, tests, the first chair)."""
    return Accounts(engine, settings, clock).create(
        commission=commission,
        username=username,
        name=name,
        role=role,
        password=password,
        rng=rng,
    )
