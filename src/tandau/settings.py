"""The one typed settings object, built at an entry point from the environment.

Every environment variable Tandau reads is read here, nowhere else, and is
listed in ``VARIABLES``: ``tandau serve --help`` and ``docs/guides/deploy.md``
are both generated from that table, so they cannot drift.  There is no built-in
secret: without ``TANDAU_SECRET_KEY`` / ``TANDAU_TOTP_KEY`` a development or test
server makes random ones in its data directory (:mod:`tandau.private_files`);
production refuses to start without them (ADR 0008).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tandau.crypto.errors import TandauError

__all__ = [
    "MIN_SECRET",
    "VARIABLES",
    "ConfigurationError",
    "Network",
    "Settings",
    "Variable",
    "variables_markdown",
    "variables_text",
]

#: The shortest secret accepted from the environment (characters).
MIN_SECRET = 32

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigurationError(TandauError, title="The server is misconfigured."):
    code = "config.invalid"
    operator_text = "The configuration is not valid: {detail}"


@dataclass(frozen=True, slots=True)
class Variable:
    """One environment variable: its settings field, default as shown, and meaning."""

    name: str
    field: str
    default: str
    help: str


VARIABLES: tuple[Variable, ...] = (
    Variable("TANDAU_ENV", "environment", "development", "development, test or production."),
    Variable(
        "TANDAU_DATABASE_URL",
        "database_url",
        "sqlite:///tandau.sqlite3",
        "SQLAlchemy URL (sqlite:///path or postgresql://...); required in production.",
    ),
    Variable("TANDAU_HOST", "host", "127.0.0.1", "Address to listen on."),
    Variable("TANDAU_PORT", "port", "8000", "Port to listen on (1..65535)."),
    Variable(
        "TANDAU_SECRET_KEY",
        "secret_key",
        "generated: <data dir>/secret-key",
        "Signs session cookies; 32+ characters; required in production.",
    ),
    Variable(
        "TANDAU_TOTP_KEY",
        "totp_key",
        "generated: <data dir>/totp-key",
        "Seals the accounts' TOTP secrets; 32+ characters; required in production.",
    ),
    Variable(
        "TANDAU_DATA_DIR",
        "data_dir",
        ".tandau",
        "Head-signing keys, generated secrets, demo files (created 0700).",
    ),
    Variable(
        "TANDAU_TRUSTED_PROXIES",
        "trusted_proxies",
        "(none)",
        "Comma-separated CIDRs whose X-Forwarded-For/-Proto, Forwarded and X-Real-IP "
        "headers are believed.",
    ),
    Variable(
        "TANDAU_MAX_BODY_BYTES",
        "max_body_bytes",
        "8388608",
        "Largest request body, on every route (413 beyond).",
    ),
    Variable(
        "TANDAU_MAX_JSON_DEPTH",
        "max_json_depth",
        "32",
        "Deepest JSON nesting accepted in a request body (400 beyond).",
    ),
    Variable(
        "TANDAU_RATE_LIMITS",
        "rate_limits",
        "on",
        "on or off; off only for a loopback benchmark, never in production.",
    ),
    Variable(
        "TANDAU_REDIS_URL",
        "redis_url",
        "(none)",
        "redis://host:port/db holding the rate limits and sign-in back-off every worker "
        "shares; without it they live in PostgreSQL, or in process memory on SQLite.",
    ),
    Variable("TANDAU_DEMO", "demo", "off", "on or off: the demo server (movable clock)."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    environment: str = "development"
    database_url: str = "sqlite:///tandau.sqlite3"
    host: str = "127.0.0.1"
    port: int = 8000
    #: Empty until configured or resolved from the data directory (``with_secrets``).
    secret_key: str = ""
    totp_key: str = ""
    data_dir: Path = Path(".tandau")
    trusted_proxies: tuple[Network, ...] = ()
    max_body_bytes: int = 8 * 1024 * 1024
    max_json_depth: int = 32
    #: Rate limits on sign-in, casting and audits; only a benchmark on loopback turns them off.
    rate_limits: bool = True
    #: Where the workers share rate limits and back-off (ADR 0018); empty: the database.
    redis_url: str = ""
    #: The demo server: its clock may be moved forward by the chair (web.demo_clock).
    demo: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        e = os.environ if env is None else env
        d = cls()
        values: dict[str, object] = {
            "environment": e.get("TANDAU_ENV", d.environment),
            "database_url": e.get("TANDAU_DATABASE_URL", d.database_url),
            "host": e.get("TANDAU_HOST", d.host),
            "port": _port(e.get("TANDAU_PORT", str(d.port))),
            "secret_key": e.get("TANDAU_SECRET_KEY", ""),
            "totp_key": e.get("TANDAU_TOTP_KEY", ""),
            "data_dir": Path(e.get("TANDAU_DATA_DIR", str(d.data_dir))),
            "trusted_proxies": _networks(e.get("TANDAU_TRUSTED_PROXIES", "")),
            "max_body_bytes": _positive(
                e.get("TANDAU_MAX_BODY_BYTES", str(d.max_body_bytes)), "TANDAU_MAX_BODY_BYTES"
            ),
            "max_json_depth": _positive(
                e.get("TANDAU_MAX_JSON_DEPTH", str(d.max_json_depth)), "TANDAU_MAX_JSON_DEPTH"
            ),
            "rate_limits": _switch(e.get("TANDAU_RATE_LIMITS", "on"), "TANDAU_RATE_LIMITS"),
            "redis_url": _redis_url(e.get("TANDAU_REDIS_URL", "")),
            "demo": _switch(e.get("TANDAU_DEMO", "off"), "TANDAU_DEMO"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if isinstance(values["trusted_proxies"], str):
            values["trusted_proxies"] = _networks(values["trusted_proxies"])
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check(database_url_given="TANDAU_DATABASE_URL" in e or "database_url" in overrides)
        return settings

    def check(self, *, database_url_given: bool = True) -> None:
        if self.environment not in ("development", "test", "production"):
            raise ConfigurationError("TANDAU_ENV must be development, test or production")
        for name, value in (
            ("TANDAU_SECRET_KEY", self.secret_key),
            ("TANDAU_TOTP_KEY", self.totp_key),
        ):
            if value and len(value) < MIN_SECRET:
                raise ConfigurationError(f"{name} needs {MIN_SECRET}+ characters")
        if self.environment == "production":
            if not self.rate_limits:
                raise ConfigurationError("production keeps its rate limits on")
            if self.demo:
                raise ConfigurationError("production is never a demo")
            if not self.secret_key:
                raise ConfigurationError(
                    f"production needs TANDAU_SECRET_KEY ({MIN_SECRET}+ random characters)"
                )
            if not self.totp_key:
                raise ConfigurationError(
                    f"production needs TANDAU_TOTP_KEY ({MIN_SECRET}+ random characters)"
                )
            if not database_url_given:
                raise ConfigurationError("production needs TANDAU_DATABASE_URL")

    def with_secrets(self) -> Settings:
        """These settings with both secrets set: configured ones, else the data directory's."""
        if self.secret_key and self.totp_key:
            return self
        from tandau.private_files import installation_secret

        return replace(
            self,
            secret_key=self.secret_key or installation_secret(self.data_dir, "secret-key"),
            totp_key=self.totp_key or installation_secret(self.data_dir, "totp-key"),
        )


def variables_text() -> str:
    """The table for ``tandau serve --help``."""
    lines = ["Environment variables (the options above override them):", ""]
    for v in VARIABLES:
        lines.append(f"{v.name}  (default: {v.default})")
        lines.append(f"    {v.help}")
    return "\n".join(lines)


def variables_markdown() -> str:
    """The table for ``docs/guides/deploy.md`` (a test keeps the two equal)."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    rows += [f"| `{v.name}` | `{v.default}` | {v.help} |" for v in VARIABLES]
    return "\n".join(rows)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError as exc:
        raise ConfigurationError("TANDAU_PORT must be a number") from exc
    if not 0 < port < 65536:
        raise ConfigurationError("TANDAU_PORT must be 1..65535")
    return port


def _positive(text: str, name: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ConfigurationError(f"{name} must be a positive whole number")
    return int(text)


def _networks(text: str) -> tuple[Network, ...]:
    out: list[Network] = []
    for part in text.split(","):
        if part.strip():
            try:
                out.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError as exc:
                raise ConfigurationError(
                    f"TANDAU_TRUSTED_PROXIES: {part.strip()!r} is not an address or CIDR"
                ) from exc
    return tuple(out)


def _redis_url(text: str) -> str:
    url = text.strip()
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigurationError("TANDAU_REDIS_URL must be a redis://, rediss:// or unix:// URL")
    return url


def _switch(text: str, name: str) -> bool:
    if text in ("on", "1", "true"):
        return True
    if text in ("off", "0", "false"):
        return False
    raise ConfigurationError(f"{name} must be on or off")


if __name__ == "__main__":  # regenerate the table in docs/guides/deploy.md
    print(variables_markdown())
