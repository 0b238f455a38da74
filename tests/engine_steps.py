"""The command line in tests (:func:`run_cli`), and the engine's steps of a community
question as the trustees and the commission run them for any election: the key
ceremony, then the tally's decryption by two of three trustees (``guides/cli.md`` §2, §6)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from tandau.cli.main import app

Run = Callable[..., Any]
_runner = CliRunner()


def run_cli(*args: object, stdin: Any = None, code: int = 0) -> Result:
    """``tandau <args>`` with ``stdin`` as JSON; the exit status must be ``code``."""
    result = _runner.invoke(
        app, [str(a) for a in args], input=None if stdin is None else json.dumps(stdin)
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, (args, result.stdout, result.stderr)
    return result


def key_ceremony(run: Run, db: str, key: Path, election: str, tmp_path: Path) -> Path:
    """Three trustees set up, deal, respond and finalise; the key is published."""
    public = tmp_path / "public"
    run(
        "admin",
        "ceremony-params",
        "--db",
        db,
        "--election",
        election,
        "--out",
        public / "params.json",
    )
    for step, name in (("setup", "setup"), ("deal", "dealing"), ("receive", "response")):
        for j in (1, 2, 3):
            own = tmp_path / f"t{j}"
            run("trustee", step, "--index", j, "--dir", own, public)
            shutil.copy(own / f"{name}-{j}.json", public)
    for j in (1, 2, 3):
        run("trustee", "finalize", "--index", j, "--dir", tmp_path / f"t{j}", public)
    run("admin", "ceremony-publish", "--db", db, "--key", key, "--election", election, public)
    return public


def tally_and_decrypt(run: Run, db: str, key: Path, election: str, tmp_path: Path) -> None:
    """The closed election's tally, decrypted by trustees 1 and 3 (threshold 2)."""
    admin = ["--db", db, "--key", key, "--election", election]
    tally = tmp_path / "public" / "tally.json"
    run("admin", "tally", *admin, "--out", tally)
    shares = []
    for j in (1, 3):
        own = tmp_path / f"t{j}"
        run("trustee", "decrypt", "--index", j, "--dir", own, "--tally", tally)
        shares.append(own / f"decryption-{j}.json")
    run("admin", "decrypt", *admin, *shares)
