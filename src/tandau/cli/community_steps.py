"""``tandau community create|resident|elect|replace|convene|attend|vote|respond|close|…``.

The akim's office's steps on the community's records, one service call each
(:class:`tandau.community.service.CommunityService`): the input as JSON on
standard input (or options), the record as JSON on standard output.  Exit 2 with
``{"error": {"code", "field", "message"}}`` for invalid input, exit 1 with
``{"error": {"code", "message"}}`` for a step the records refuse; nothing is
stored in either case.  ``--db`` (or ``TANDAU_DATABASE_URL``) names the database,
migrated to the latest schema on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
from tandau.cli.law import _emit, _stdin
from tandau.cli.options import DbOption
from tandau.community.errors import CommunityRefused
from tandau.community.minutes import SignedMinutes, minutes_csv
from tandau.community.minutes_pdf import minutes_pdf
from tandau.community.records import as_dict
from tandau.community.rowstore import RowStore
from tandau.community.service import (
    AttendIn,
    CommunityIn,
    CommunityService,
    ConveneIn,
    ElectIn,
    ReplaceIn,
    ResidentIn,
    ResponseIn,
    SecretResultIn,
    SignIn,
    VoteIn,
)
from tandau.crypto.errors import TandauError
from tandau.law import InvalidInput, InvalidValue, MissingField, parse_date, parse_input
from tandau.schema import SqlCommunityStore
from tandau.storage import make_engine, upgrade

__all__ = ["community_app", "run_engine_step", "run_step", "stdin_step"]

M = TypeVar("M", bound=BaseModel)

CommunityOption = Annotated[str | None, typer.Option("--community", help="Community ID.")]
SessionOption = Annotated[str | None, typer.Option("--session", help="Session ID.")]


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
        _emit({"error": exc.to_dict()})
        raise typer.Exit(2) from exc
    except CommunityRefused as exc:
        _emit({"error": exc.to_dict()})
        raise typer.Exit(1) from exc
    except (TandauError, SQLAlchemyError, OSError, ValueError) as exc:  # one localised line
        raise fail(exc) from exc
    _emit(payload)


def run_step(db: str | None, step: Callable[[RowStore], object]) -> None:
    """Run one step on the community's store (:func:`run_engine_step`)."""
    run_engine_step(db, lambda engine: step(SqlCommunityStore(engine)))


def stdin_step(model: type[M], call: Callable[[RowStore, M], Any]) -> Callable[[str | None], None]:
    """A command that reads ``model`` as JSON on stdin and runs ``call`` with it."""

    def command(db: DbOption = None) -> None:
        run_step(db, lambda store: _out(call(store, parse_input(model, _stdin()))))

    return command


def _out(value: Any) -> Any:
    if isinstance(value, SignedMinutes):
        return value.to_dict()
    if isinstance(value, list):
        return [_out(v) for v in value]
    if isinstance(value, dict):
        return value
    return as_dict(value)


def _on(method: Callable[[CommunityService, Any], Any]) -> Callable[[RowStore, Any], Any]:
    return lambda store, data: method(CommunityService(store), data)


S = CommunityService
_STEPS: dict[str, tuple[type[BaseModel], Callable[[RowStore, Any], Any], str]] = {
    "create": (CommunityIn, _on(S.create_community), "Register a community."),
    "resident": (ResidentIn, _on(S.add_resident), "Add a resident to the register."),
    "elect": (ElectIn, _on(S.elect_members), "Record members a gathering delegated."),
    "replace": (ReplaceIn, _on(S.replace_member), "Replace a meeting member."),
    "convene": (ConveneIn, _on(S.convene), "Convene a gathering or meeting."),
    "attend": (AttendIn, _on(S.attend), "Register those present; opens the session."),
    "vote": (VoteIn, _on(S.vote), "Record an open vote by name on an agenda item."),
    "secret-result": (
        SecretResultIn,
        _on(S.record_secret_result),
        "Record a secret vote's verified counts.",
    ),
    "respond": (ResponseIn, _on(S.respond), "Record the akim's answer to a decision."),
    "sign-minutes": (SignIn, _on(S.sign_minutes), "Sign a closed session's minutes."),
}

for _name, (_model, _call, _help) in _STEPS.items():
    community_app.command(_name, help=f"{_help} (JSON on stdin)")(stdin_step(_model, _call))


def _required(name: str, value: str | None) -> str:
    if value is None:
        raise MissingField(name)
    return value


@community_app.command("close")
def close_cmd(
    community: CommunityOption = None, session: SessionOption = None, db: DbOption = None
) -> None:
    """Close a session: no more votes."""
    run_step(
        db,
        lambda store: as_dict(
            CommunityService(store).close(
                _required("community", community), _required("session", session)
            )
        ),
    )


@community_app.command("register")
def register_cmd(
    community: CommunityOption = None,
    body: Annotated[str | None, typer.Option("--body", help="gathering or meeting.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD.")] = None,
    db: DbOption = None,
) -> None:
    """Who may vote in a body on a date."""

    def step(store: RowStore) -> object:
        svc = CommunityService(store)
        day = parse_date("date", date)
        kind = _required("body", body)
        if kind not in ("gathering", "meeting"):
            raise InvalidValue("body")
        return {"register": svc.register(_required("community", community), kind, day)}

    run_step(db, step)


@community_app.command("show")
def show_cmd(community: CommunityOption = None, db: DbOption = None) -> None:
    """Everything public about a community: members, sessions, votes, answers."""
    run_step(db, lambda store: CommunityService(store).snapshot(_required("community", community)))


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
        m = svc.minutes(_required("community", community), _required("id", id))
        if format == "json":
            return m.to_dict()
        if format == "csv":
            return {"csv": minutes_csv(m), "sha256": m.sha256}
        assert out is not None
        out.write_bytes(minutes_pdf(m, lang))
        return {"pdf": str(out), "sha256": m.sha256, "lang": lang}

    run_step(db, step)
