"""``tandau community report-…``: the akim's report, residents' questions and answers on a
database; a refusal exits 1, an invalid input exits 2, and neither stores anything."""

from __future__ import annotations

from pathlib import Path

from community_world import community_cli


def test_report_question_answer_and_refusals(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    created = {"id": "akdala", "name": names, "population": 900, "settlements": ["Akdala"]}
    assert community_cli(db, ["create"], created)[0] == 0
    resident = {"community": "akdala", "id": "r1", "name": "R1", "settlement": "Akdala"}
    assert community_cli(db, ["resident"], {**resident, "since": "2020-01-01"})[0] == 0
    report = {
        "community": "akdala",
        "id": "2025",
        "title": "Report for 2025",
        "text": "What was done.",
        "figures": [{"label": "Streets lit", "value": 14}],
        "presented_on": "2026-02-10",
    }
    code, out = community_cli(db, ["report-publish"], report)
    assert code == 0 and out["figures"] == [{"label": "Streets lit", "value": 14, "unit": None}]
    question = {"community": "akdala", "report": "2025", "resident": "r1", "text": "Roads?"}
    code, out = community_cli(db, ["report-question"], {**question, "on": "2026-02-11"})
    assert code == 0 and out["number"] == 1
    before = community_cli(db, ["report", "--community", "akdala", "--id", "2025"])[1]
    code, _ = community_cli(
        db, ["report-question"], {**question, "resident": "x", "on": "2026-02-11"}
    )
    assert code == 1
    code, _ = community_cli(db, ["report-question"], {**question, "on": "11.02.2026"})
    assert code == 2
    assert community_cli(db, ["report", "--community", "akdala", "--id", "2025"])[1] == before
    reply = {"community": "akdala", "report": "2025", "question": 1, "text": "In May."}
    code, out = community_cli(db, ["report-answer"], {**reply, "on": "2026-02-12"})
    assert code == 0 and out["answer"] == {"text": "In May.", "on": "2026-02-12"}
    assert community_cli(db, ["report-answer"], {**reply, "on": "2026-02-13"})[0] == 1
    shown = community_cli(db, ["report", "--community", "akdala", "--id", "2025"])[1]
    assert shown["questions"][0]["resident"] == "r1"
