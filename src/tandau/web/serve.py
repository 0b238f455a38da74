"""`tandau serve`: the web service on uvicorn; `--demo` seeds a ready election first.

Registered on the command line by :mod:`tandau.entry`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated

import typer

from tandau.settings import Settings

__all__ = ["serve"]


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help="SQLAlchemy URL; default TANDAU_DATABASE_URL."),
    ] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Start with a fresh demo election.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64)] = 1,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
) -> None:
    """Serve the voting booth, commission console and public board."""
    import uvicorn  # the web stack loads only for this command

    overrides: dict[str, object] = {"host": host, "port": port}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    settings = Settings.from_env(**overrides)
    if demo:
        settings = _prepare_demo(settings, database_url is None)
    # Workers build their app from the environment: hand the settings on through it.
    os.environ["TANDAU_DATABASE_URL"] = settings.database_url
    os.environ["TANDAU_DATA_DIR"] = str(settings.data_dir)
    os.environ["TANDAU_HOST"] = settings.host
    os.environ["TANDAU_PORT"] = str(settings.port)
    uvicorn.run(
        "tandau.web.asgi:make_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="info",
        access_log=False,  # paths are public, but keep the logs free of voters' traffic
    )


def _prepare_demo(settings: Settings, own_database: bool) -> Settings:
    from tandau.crypto.rng import SystemRng
    from tandau.storage import SqlBoardStore, upgrade
    from tandau.web.demo import seed_demo
    from tandau.web.keyring import KeyRing

    data_dir = settings.data_dir / "demo-server"
    if data_dir.exists():
        shutil.rmtree(data_dir)  # a fresh demo every time: nothing of an earlier run leaks in
    data_dir.mkdir(parents=True)
    url = f"sqlite:///{data_dir / 'demo.sqlite3'}" if own_database else settings.database_url
    settings = Settings.from_env(
        database_url=url, data_dir=data_dir, host=settings.host, port=settings.port
    )
    upgrade(url)
    with SqlBoardStore.from_url(url) as store:
        demo = seed_demo(store, KeyRing(data_dir / "keys"), data_dir, SystemRng())
    base = f"http://{settings.host}:{settings.port}"
    typer.echo("")
    typer.echo("Tandau demo (remote-voting pilot) is ready.")
    typer.echo(f"  Vote:     {base}/e/{demo.election}/vote   (?lang=kk | ru | en)")
    typer.echo(f"  Results:  {base}/e/{demo.election}/results")
    typer.echo(f"  Board:    {base}/e/{demo.election}/board")
    typer.echo("  Credential codes, one per voter (also in " + str(demo.credentials_file) + "):")
    for code in demo.codes[:5]:
        typer.echo(f"    {code}")
    typer.echo(f"    … {len(demo.codes) - 5} more in the file")
    typer.echo("  Type a code on the voting page, pick a candidate, then audit or cast.")
    typer.echo("")
    return settings
