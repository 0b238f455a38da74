"""Run the board's Alembic migrations without an ``alembic.ini`` (ADR 0002).

``upgrade(url)`` brings a database to the latest schema and is idempotent;
the migrations live in this package (``migrations/``), so nothing depends on
the working directory.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData
from sqlalchemy.engine import URL

from .database import make_engine

__all__ = [
    "MIGRATIONS",
    "alembic_config",
    "autogenerate",
    "current_revision",
    "head_revision",
    "upgrade",
]

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str | URL | None = None) -> Config:
    """An Alembic configuration built in code (script location inside the package)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        rendered = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
        cfg.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return cfg


def upgrade(url: str | URL | Engine, revision: str = "head") -> None:
    """Migrate the database at ``url`` (or behind ``engine``) up to ``revision``."""
    if isinstance(url, Engine):
        _upgrade_with(url, revision)
        return
    engine = make_engine(url)
    try:
        _upgrade_with(engine, revision)
    finally:
        engine.dispose()


def _upgrade_with(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def autogenerate(engine: Engine, message: str, target: MetaData) -> str | None:
    """Write the next revision that brings a head database to ``target``; None if none is needed.

    ``engine``'s database is upgraded to head first, then compared with
    ``target`` (Alembic's autogenerate).  The revision file lands in
    ``migrations/versions``, to be read, completed (triggers) and committed.
    """
    _upgrade_with(engine, "head")
    with engine.connect() as conn:
        if not compare_metadata(MigrationContext.configure(conn), target):
            return None
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        cfg.attributes["target_metadata"] = target
        number = len(list(ScriptDirectory.from_config(cfg).walk_revisions())) + 1
        rev_id = f"{number:04d}_{message.lower().replace(' ', '_')}"
        script = command.revision(cfg, message, autogenerate=True, rev_id=rev_id)
    assert script is not None and not isinstance(script, list)
    return str(script.path)


def head_revision() -> str:
    """The latest revision shipped with this version of Tandau."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision a database is at (None if never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
