"""`tandau serve`: the web service on uvicorn; `--demo` seeds a ready election first.

Registered on the command line by :mod:`tandau.entry`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated

import typer

from tandau.private_files import private_dir
from tandau.settings import ConfigurationError, Settings

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
    try:
        settings = Settings.from_env(None, **overrides)
        if demo:
            settings = _prepare_demo(settings, database_url is None)
        private_dir(settings.data_dir)
        # Made here, once, before the workers start and read the same files.
        settings.with_secrets()
        _check_shared_state(settings, workers)
    except ConfigurationError as exc:
        typer.echo(f"tandau serve: {exc}", err=True)
        raise typer.Exit(2) from exc
    # Workers build their app from the environment: hand the settings on through it.
    os.environ["TANDAU_DATABASE_URL"] = settings.database_url
    os.environ["TANDAU_DATA_DIR"] = str(settings.data_dir)
    os.environ["TANDAU_HOST"] = settings.host
    os.environ["TANDAU_PORT"] = str(settings.port)
    os.environ["TANDAU_DEMO"] = "on" if settings.demo else "off"
    uvicorn.run(
        "tandau.web.asgi:make_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="info",
        # Forwarded headers are believed only from TANDAU_TRUSTED_PROXIES, by our own
        # middleware (web.proxies); uvicorn's default would trust 127.0.0.1.
        proxy_headers=False,
        server_header=False,
        access_log=False,  # paths are public, but keep the logs free of voters' traffic
    )


def _check_shared_state(settings: Settings, workers: int) -> None:
    """Workers must share their rate limits and back-off (ADR 0018): say where, or refuse."""
    if settings.redis_url:
        from tandau.web.redis_state import check_reachable

        check_reachable(settings.redis_url)
    elif workers > 1 and settings.database_url.startswith("sqlite"):
        message = (
            "on SQLite every worker keeps its own rate limits and sign-in back-off; "
            "use PostgreSQL or set TANDAU_REDIS_URL to share them"
        )
        if settings.environment == "production":
            raise ConfigurationError(message)
        typer.echo(f"tandau serve: warning: {message}", err=True)


def _prepare_demo(settings: Settings, own_database: bool) -> Settings:
    from tandau.storage import SqlBoardStore
    from tandau.web.community_demo import DEMO_COMMUNITY_POLL, seed_community
    from tandau.web.context import WebContext
    from tandau.web.demo import seed_commission, seed_demo
    from tandau.web.demo_finished import seed_finished

    data_dir = settings.data_dir / "demo-server"
    if data_dir.exists():
        shutil.rmtree(data_dir)  # a fresh demo every time: nothing of an earlier run leaks in
    private_dir(data_dir)
    url = f"sqlite:///{data_dir / 'demo.sqlite3'}" if own_database else settings.database_url
    settings = Settings.from_env(
        database_url=url, data_dir=data_dir, host=settings.host, port=settings.port, demo=True
    )
    ctx = WebContext.build(settings)
    try:
        with SqlBoardStore.from_url(url) as store:
            demo = seed_demo(store, ctx.keys, data_dir, ctx.rng)
            finished = seed_finished(store, ctx.keys, ctx.rng)
        chair = seed_commission(ctx)
        community = seed_community(ctx)
    finally:
        ctx.close()
    base = f"http://{settings.host}:{settings.port}"
    say = typer.echo
    say("")
    say("Tandau demo (remote-voting pilot) is ready.")
    say(f"  Vote:     {base}/e/{demo.election}/vote   (?lang=kk | ru | en)")
    say(f"  Results:  {base}/e/{demo.election}/results")
    say(f"  Board:    {base}/e/{demo.election}/board")
    say(f"  Credential codes, one per voter (also in {demo.credentials_file}):")
    for code in demo.codes[:5]:
        say(f"    {code}")
    say(f"    … {len(demo.codes) - 5} more in the file")
    say("  Type a code on the voting page, pick a candidate, then audit or cast.")
    say("")
    say("Finished election next door: voting closed, tallied, results published.")
    say(f"  Results:  {base}/e/{finished.election}/results")
    say(f"  Record:   {base}/e/{finished.election}/record")
    say(f"  Verify:   {base}/verify   (tandau-verify on the record says VERIFIED)")
    say("")
    say(f"  Commission console: {base}/commission/login")
    say(f"    user {chair.username}, password {chair.password}")
    say(f"    TOTP secret {chair.totp_secret} (add it to an authenticator app, or print a code:")
    say(
        f"    .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('{chair.totp_secret}').now())\")"
    )
    say("    The demo clock on the console's first page moves the election calendar forward.")
    say("")
    say(f"  Local community: {base}/c/{community}   (minutes, decisions, an upcoming gathering)")
    say(f"    Its secret vote's record: {base}/e/{DEMO_COMMUNITY_POLL}/results")
    say(f"    Its akim's office's console: {base}/commission/c/{community}   (the chair above)")
    say("")
    return settings
