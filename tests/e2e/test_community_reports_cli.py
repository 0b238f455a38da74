"""``tandau community report-…``: the akim's report, residents' questions and answers on a
database; a refusal exits 1, an invalid input exits 2, and neither stores anything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tandau.cli.main import app

runner = CliRunner()


def _step(db: str, args: list[str], stdin: Any = None) -> tuple[int, Any]:
    done = runner.invoke(
        app,
        ["community", *args, "--db", db],
        input=None if stdin is None else json.dumps(stdin),
    )
    out = done.stdout.strip()
    return done.exit_code, json.loads(out) if out.startswith(("{", "[")) else out


def test_report_question_answer_and_refusals(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    created = {"id": "akdala", "name": names, "population": 900, "settlements": ["Akdala"]}
    assert _step(db, ["create"], created)[0] == 0
    resident = {"community": "akdala", "id": "r1", "name": "R1", "settlement": "Akdala"}
    assert _step(db, ["resident"], {**resident, "since": "2020-01-01"})[0] == 0
    report = {
        "community": "akdala",
        "id": "2025",
        "title": "Report for 2025",
        "text": "What was done.",
        "figures": [{"label": "Streets lit", "value": 14}],
        "presented_on": "2026-02-10",
    }
    code, out = _step(db, ["report-publish"], report)
    assert code == 0 and out["figures"] == [{"label": "Streets lit", "value": 14, "unit": None}]
    question = {"community": "akdala", "report": "2025", "resident": "r1", "text": "Roads?"}
    code, out = _step(db, ["report-question"], {**question, "on": "2026-02-11"})
    assert code == 0 and out["number"] == 1
    before = _step(db, ["report", "--community", "akdala", "--id", "2025"])[1]
    code, _ = _step(db, ["report-question"], {**question, "resident": "x", "on": "2026-02-11"})
    assert code == 1
    code, _ = _step(db, ["report-question"], {**question, "on": "11.02.2026"})
    assert code == 2
    assert _step(db, ["report", "--community", "akdala", "--id", "2025"])[1] == before
    reply = {"community": "akdala", "report": "2025", "question": 1, "text": "In May."}
    code, out = _step(db, ["report-answer"], {**reply, "on": "2026-02-12"})
    assert code == 0 and out["answer"] == {"text": "In May.", "on": "2026-02-12"}
    assert _step(db, ["report-answer"], {**reply, "on": "2026-02-13"})[0] == 1
    shown = _step(db, ["report", "--community", "akdala", "--id", "2025"])[1]
    assert shown["questions"][0]["resident"] == "r1"
