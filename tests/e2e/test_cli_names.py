"""``tandau admin create`` checks candidate, party and trustee names as nomination does:
control and text-direction characters and over-long names are refused, nothing created."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tandau.cli.main import app as cli
from tandau.storage import SqlBoardStore


@pytest.mark.parametrize(
    ("flag", "value", "rule"),
    [
        ("--candidate", "Aigul \u202eSerikova", "names.characters"),
        ("--candidate", "Aigul Serikova|Amanat\u2067", "names.characters"),
        ("--candidate", "Ә" * 257, "names.length"),
        ("--trustee", "Trustee\u200f One", "names.characters"),
    ],
)
def test_create_refuses_a_bad_name(tmp_path: Path, flag: str, value: str, rule: str) -> None:
    runner = CliRunner()
    key = tmp_path / "commission.key"
    assert runner.invoke(cli, ["admin", "keygen", "--out", str(key)]).exit_code == 0
    db = f"sqlite:///{tmp_path / 'e.sqlite3'}"
    good = {"--candidate": "Bolat Nurlanov", "--trustee": "Trustee Two"}
    args = ["admin", "create", "--db", db, "--key", str(key), "--election", "e1",
            "--unit-code", "611633100", "--unit-name", "Akzhar", "--ruleset",
            "kz-rural-akim-2023", "--polling-day", "2026-09-17", "--threshold", "1",
            "--candidate", good["--candidate"], "--trustee", good["--trustee"],
            flag, value]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    assert rule in result.output
    if (tmp_path / "e.sqlite3").exists():
        with SqlBoardStore.from_url(db) as store:
            assert store.size("e1") == 0
