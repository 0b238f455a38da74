"""``tandau community create|set-commission|resident|elect|replace|convene|attend|vote|…``.

The akim's office's steps on the community's records, one service call each
(:class:`tandau.community.service.CommunityService`): the input as JSON on
standard input (or options), the record as JSON on standard output.  Exit 2 with
``{"error": {"code", "field", "message"}}`` for invalid input, exit 1 with
``{"error": {"code", "message"}}`` for a step the records refuse; nothing is
stored in either case.  ``--db`` (or ``TANDAU_DATABASE_URL``) names the database,
migrated to the latest schema on first use.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tandau.cli.community import community_app
from tandau.cli.database import database_url
from tandau.cli.errors import fail
from tandau.cli.json_commands import emit_json, required, stdin_bytes
from tandau.cli.options import DbOption
from tandau.community.errors import CommunityRefused
from tandau.community.minutes import SignedMinutes, minutes_csv
from tandau.community.minutes_pdf import minutes_pdf
from tandau.community.records import as_dict
from tandau.community.rowstore import RowStore
from tandau.community.service import CommunityService
from tandau.crypto.errors import TandauError
from tandau.law import InvalidInput, InvalidValue, MissingField, parse_date, parse_input
from tandau.schema import SqlCommunityStore
from tandau.storage import make_engine, upgrade

__all__ = [
    "SESSION_KEY",
    "CommunityOption",
    "DayOption",
    "add_lookup",
    "add_service_steps",
    "community_app",
    "run_engine_step",
    "run_step",
    "stdin_step",
]

M = TypeVar("M", bound=BaseModel)
V = TypeVar("V")

CommunityOption = Annotated[str | None, typer.Option("--community", help="Community ID.")]
#: The ``--session`` option of a lookup (:func:`add_lookup`).
SESSION_KEY = ("session", "Session ID.")
DayOption = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD.")]


@contextmanager
def _engine(db: str | None) -> Iterator[Engine]:
    engine = make_engine(database_url(db))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


def run_engine_step(db: str | None, step: Callable[[Engine], object]) -> None:
    """Run one step on the database; print its JSON, or the error and exit 1 or 2."""
    try:
        with _engine(db) as engine:
            payload = step(engine)
    except InvalidInput as exc:
        emit_json({"error": exc.to_dict()})
        raise typer.Exit(2) from exc
    except CommunityRefused as exc:
        emit_json({"error": exc.to_dict()})
        raise typer.Exit(1) from exc
    except (TandauError, SQLAlchemyError, OSError, ValueError) as exc:  # one localised line
        raise fail(exc) from exc
    emit_json(payload)


def run_step(db: str | None, step: Callable[[RowStore], object]) -> None:
    """Run one step on the community's store (:func:`run_engine_step`)."""
    run_engine_step(db, lambda engine: step(SqlCommunityStore(engine)))


def add_lookup(
    name: str, summary: str, key: tuple[str, str], read: Callable[[RowStore, str, str], object]
) -> None:
    """The command ``name``: ``read(store, community, key)``, both given as options.

    ``key`` is the key option's ``(name, help)``.
    """
    option, option_help = key

    def command(
        community: CommunityOption = None, value: str | None = None, db: DbOption = None
    ) -> None:
        run_step(
            db, lambda store: read(store, required("community", community), required(option, value))
        )

    # Each command names its key option: its annotation is made here, as an object.
    command.__annotations__["value"] = Annotated[
        str | None, typer.Option(f"--{option}", help=option_help)
    ]
    community_app.command(name, help=summary)(command)


def stdin_step(model: type[M], call: Callable[[RowStore, M], Any]) -> Callable[[str | None], None]:
    """A command that reads ``model`` as JSON on stdin and runs ``call`` with it."""

    def command(db: DbOption = None) -> None:
        run_step(db, lambda store: _out(call(store, parse_input(model, stdin_bytes()))))

    return command


def _out(value: Any) -> Any:
    if isinstance(value, SignedMinutes):
        return value.to_dict()
    if isinstance(value, list):
        return [_out(v) for v in value]
    if isinstance(value, dict):
        return value
    return as_dict(value)


def add_service_steps(
    service: Callable[[RowStore], V], steps: Mapping[str, tuple[Callable[[V, Any], Any], str]]
) -> None:
    """One command per service method, its input read from stdin as the method declares it."""
    for name, (method, summary) in steps.items():
        model = typing.get_type_hints(method)["data"]

        def call(store: RowStore, data: Any, method: Callable[[V, Any], Any] = method) -> Any:
            return method(service(store), data)

        community_app.command(name, help=f"{summary} (JSON on stdin)")(stdin_step(model, call))


S = CommunityService
add_service_steps(
    S,
    {
        "create": (S.create_community, "Register a community."),
        "set-commission": (
            S.set_commission,
            "Name the akim's office's commission that runs the community; replacing one "
            "needs `replaces`.",
        ),
        "resident": (S.add_resident, "Add a resident to the register."),
        "elect": (S.elect_members, "Record members a gathering delegated."),
        "replace": (S.replace_member, "Replace a meeting member."),
        "convene": (S.convene, "Convene a gathering or meeting."),
        "attend": (S.attend, "Register those present; opens the session."),
        "vote": (S.vote, "Record an open vote by name on an agenda item."),
        "secret-result": (S.record_secret_result, "Record a secret vote's verified counts."),
        "respond": (S.respond, "Record the akim's answer to a decision."),
        "sign-minutes": (S.sign_minutes, "Sign a closed session's minutes."),
    },
)


add_lookup(
    "close",
    "Close a session: no more votes.",
    SESSION_KEY,
    lambda store, c, s: as_dict(CommunityService(store).close(c, s)),
)


@community_app.command("register")
def register_cmd(
    community: CommunityOption = None,
    body: Annotated[str | None, typer.Option("--body", help="gathering or meeting.")] = None,
    date: DayOption = None,
    db: DbOption = None,
) -> None:
    """Who may vote in a body on a date."""

    def step(store: RowStore) -> object:
        svc = CommunityService(store)
        day = parse_date("date", date)
        kind = required("body", body)
        if kind not in ("gathering", "meeting"):
            raise InvalidValue("body")
        return {"register": svc.register(required("community", community), kind, day)}

    run_step(db, step)


@community_app.command("show")
def show_cmd(community: CommunityOption = None, db: DbOption = None) -> None:
    """Everything public about a community: members, sessions, votes, answers."""
    run_step(db, lambda store: CommunityService(store).snapshot(required("community", community)))


@community_app.command("minutes")
def minutes_cmd(
    community: CommunityOption = None,
    id: Annotated[str | None, typer.Option("--id", help="Minutes ID, e.g. m1.1.")] = None,
    format: Annotated[str, typer.Option("--format", help="json, csv or pdf.")] = "json",
    lang: Annotated[str, typer.Option("--language", help="PDF language: kk or ru.")] = "kk",
    out: Annotated[Path | None, typer.Option("--out", help="Write the PDF here.")] = None,
    db: DbOption = None,
) -> None:
    """Signed minutes as JSON, CSV (open data) or a PDF in Kazakh or Russian."""

    def step(store: RowStore) -> object:
        svc = CommunityService(store)
        if format not in ("json", "csv", "pdf"):
            raise InvalidValue("format")
        if format == "pdf" and lang not in ("kk", "ru", "en"):
            raise InvalidValue("language")
        if format == "pdf" and out is None:
            raise MissingField("out")
        m = svc.minutes(required("community", community), required("id", id))
        if format == "json":
            return m.to_dict()
        if format == "csv":
            return {"csv": minutes_csv(m), "sha256": m.sha256}
        assert out is not None
        out.write_bytes(minutes_pdf(m, lang))
        return {"pdf": str(out), "sha256": m.sha256, "lang": lang}

    run_step(db, step)
