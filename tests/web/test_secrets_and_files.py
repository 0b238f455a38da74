"""No fixed secret anywhere; every TANDAU_* variable documented; private file modes (issue 10)."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from console_world import World, make_world
from itsdangerous import TimestampSigner
from sqlalchemy import text
from typer.testing import CliRunner

from tandau.entry import app as cli
from tandau.settings import VARIABLES, ConfigurationError, Settings, variables_markdown
from tandau.storage import make_engine
from tandau.web.context import WebContext

ROOT = Path(__file__).resolve().parents[2]
#: The key every installation shared before issue 10 (it is in the git history).
OLD_FIXED_KEY = "development-only-secret-do-not-use"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _settings(data_dir: Path, **kw: object) -> Settings:
    url = f"sqlite:///{data_dir / 'db.sqlite3'}"
    return Settings.from_env({}, database_url=url, data_dir=data_dir, environment="test", **kw)


def test_a_fresh_installation_makes_its_own_secrets_and_keeps_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert Settings().secret_key == "" and Settings().totp_key == ""  # no built-in default
    first = WebContext.build(_settings(tmp_path / "a"))
    first.close()
    assert "generated a new random secret-key" in caplog.text
    assert "generated a new random totp-key" in caplog.text
    again = WebContext.build(_settings(tmp_path / "a"))  # the server started a second time
    again.close()
    other = WebContext.build(_settings(tmp_path / "b"))  # another installation
    other.close()
    assert again.settings.secret_key == first.settings.secret_key
    assert again.settings.totp_key == first.settings.totp_key
    assert other.settings.secret_key != first.settings.secret_key
    assert first.settings.secret_key != first.settings.totp_key
    assert len(first.settings.secret_key) >= 32 and OLD_FIXED_KEY not in first.settings.secret_key
    for name in ("secret-key", "totp-key"):
        assert _mode(tmp_path / "a" / name) == 0o600
    assert _mode(tmp_path / "a") == 0o700


def test_a_configured_secret_is_used_and_nothing_is_generated(tmp_path: Path) -> None:
    s = _settings(tmp_path, secret_key="k" * 40, totp_key="t" * 40).with_secrets()
    assert (s.secret_key, s.totp_key) == ("k" * 40, "t" * 40)
    assert not (tmp_path / "secret-key").exists()
    with pytest.raises(ConfigurationError, match="32"):
        _settings(tmp_path, secret_key="short")


def test_an_emptied_secret_file_is_refused_not_used(tmp_path: Path) -> None:
    tmp_path.joinpath("secret-key").write_text("\n")
    with pytest.raises(ConfigurationError, match="no usable secret"):
        _settings(tmp_path).with_secrets()


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path)


def test_a_cookie_signed_with_the_old_fixed_key_is_refused(world: World) -> None:
    with world.ctx.engine.connect() as conn:
        chair = conn.execute(
            text("SELECT id, session_version FROM web_accounts WHERE username = 'chair'")
        ).one()
    session = {"account": chair.id, "sv": chair.session_version, "csrf": "t"}
    payload = base64.b64encode(json.dumps(session).encode())
    for key, admitted in ((OLD_FIXED_KEY, False), (world.settings.secret_key, True)):
        client = world.client()
        client.cookies.set("tandau_session", TimestampSigner(key).sign(payload).decode())
        account = client.get("/api/commission/session").json()["account"]
        assert (account is not None) is admitted, key


def _serve(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TANDAU_")}
    return subprocess.run(
        [sys.executable, "-m", "tandau.entry", "serve", "--data-dir", str(tmp_path), "--port", "1"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "TANDAU_SECRET_KEY"),
        ({"TANDAU_SECRET_KEY": "s" * 40}, "TANDAU_TOTP_KEY"),
        ({"TANDAU_SECRET_KEY": "s" * 40, "TANDAU_TOTP_KEY": "t" * 40}, "TANDAU_DATABASE_URL"),
    ],
)
def test_production_without_secrets_refuses_to_start(
    tmp_path: Path, env: dict[str, str], missing: str
) -> None:
    done = _serve({"TANDAU_ENV": "production", **env}, tmp_path)
    assert done.returncode != 0
    assert f"production needs {missing}" in done.stderr
    assert not (tmp_path / "secret-key").exists() and not (tmp_path / "totp-key").exists()


def test_every_variable_the_settings_read_is_in_the_table_the_doc_and_the_help() -> None:
    read = set(re.findall(r'"(TANDAU_[A-Z_]+)"', (ROOT / "src/tandau/settings.py").read_text()))
    names = {v.name for v in VARIABLES}
    assert read == names, read ^ names
    others = {
        p.relative_to(ROOT)
        for p in (ROOT / "src").rglob("*.py")
        if re.search(r"environ(\.get)?\(?\[?\"TANDAU_", p.read_text())
        and p.name not in ("settings.py", "serve.py")
    }
    assert not others, f"TANDAU_* read outside Settings: {others}"
    doc = (ROOT / "docs/guides/deploy.md").read_text()
    assert variables_markdown() in doc  # generated: `python -m tandau.settings`
    shown = CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"}).output
    for name in names:
        assert name in doc and name in shown, name


def test_sqlite_files_and_their_wal_and_shm_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual umask: the modes must not depend on it
    try:
        db = tmp_path / "new" / "deeper" / "board.sqlite3"
        engine = make_engine(f"sqlite:///{db}")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
            sides = [Path(f"{db}-wal"), Path(f"{db}-shm")]
            assert all(p.exists() for p in sides)
            modes = {p.name: _mode(p) for p in [db, *sides]}
        engine.dispose()
    finally:
        os.umask(old)
    assert set(modes.values()) == {0o600}, modes
    assert _mode(tmp_path / "new") == 0o700 and _mode(tmp_path / "new" / "deeper") == 0o700


def test_head_signing_keys_and_their_folder_are_private(tmp_path: Path) -> None:
    from tandau.crypto.rng import DeterministicRng
    from tandau.storage.keyring import KeyRing

    old = os.umask(0o022)
    try:
        KeyRing(tmp_path / "keys").create("e-1", DeterministicRng(b"k"))
    finally:
        os.umask(old)
    assert _mode(tmp_path / "keys") == 0o700
    assert _mode(tmp_path / "keys" / "e-1.ed25519") == 0o600


def test_the_demo_writes_its_secret_files_private(tmp_path: Path) -> None:
    from tandau.web.demo import seed_demo

    old = os.umask(0o022)
    try:
        ctx = WebContext.build(_settings(tmp_path / "data"))
        try:
            demo = seed_demo(ctx.store, ctx.keys, ctx.settings.data_dir, ctx.rng)
        finally:
            ctx.close()
    finally:
        os.umask(old)
    assert _mode(demo.credentials_file) == 0o600
    assert _mode(demo.credentials_file.parent) == 0o700
    shares = sorted(demo.trustee_dir.glob("*.json"))
    assert shares and {_mode(p) for p in shares} == {0o600}
