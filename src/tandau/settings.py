"""The one typed settings object, built at an entry point from the environment.

Every environment variable Tandau reads is read here, nowhere else.  Insecure
defaults are allowed only in development: ``Settings.from_env`` refuses to
build production settings without a real secret and a database URL.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tandau.crypto.errors import TandauError

__all__ = ["ConfigurationError", "Settings"]

_DEV_SECRET = "development-only-secret-do-not-use"  # noqa: S105 - refused in production


class ConfigurationError(TandauError):
    code = "config.invalid"


@dataclass(frozen=True, slots=True)
class Settings:
    environment: str = "development"
    database_url: str = "sqlite:///tandau.sqlite3"
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = _DEV_SECRET
    data_dir: Path = Path(".tandau")
    #: Rate limits on sign-in, casting and audits; only a benchmark on loopback turns them off.
    rate_limits: bool = True
    #: The demo server: its clock may be moved forward by the chair (web.demo_clock).
    demo: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        e = os.environ if env is None else env
        d = cls()
        values: dict[str, object] = {
            "environment": e.get("TANDAU_ENV", "development"),
            "database_url": e.get("TANDAU_DATABASE_URL", d.database_url),
            "host": e.get("TANDAU_HOST", d.host),
            "port": _port(e.get("TANDAU_PORT", str(d.port))),
            "secret_key": e.get("TANDAU_SECRET_KEY", _DEV_SECRET),
            "data_dir": Path(e.get("TANDAU_DATA_DIR", str(d.data_dir))),
            "rate_limits": _switch(e.get("TANDAU_RATE_LIMITS", "on"), "TANDAU_RATE_LIMITS"),
            "demo": _switch(e.get("TANDAU_DEMO", "off"), "TANDAU_DEMO"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        if self.environment not in ("development", "test", "production"):
            raise ConfigurationError("TANDAU_ENV must be development, test or production")
        if self.environment == "production":
            if not self.rate_limits:
                raise ConfigurationError("production keeps its rate limits on")
            if self.demo:
                raise ConfigurationError("production is never a demo")
            if self.secret_key == _DEV_SECRET or len(self.secret_key) < 32:
                raise ConfigurationError("production needs TANDAU_SECRET_KEY of 32+ characters")
            if (
                "TANDAU_DATABASE_URL" not in os.environ
                and self.database_url == Settings().database_url
            ):
                raise ConfigurationError("production needs TANDAU_DATABASE_URL")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError as exc:
        raise ConfigurationError("TANDAU_PORT must be a number") from exc
    if not 0 < port < 65536:
        raise ConfigurationError("TANDAU_PORT must be 1..65535")
    return port


def _switch(text: str, name: str) -> bool:
    if text in ("on", "1", "true"):
        return True
    if text in ("off", "0", "false"):
        return False
    raise ConfigurationError(f"{name} must be on or off")
