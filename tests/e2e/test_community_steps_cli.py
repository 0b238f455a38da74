"""``tandau community`` steps on a database: each prints its record; a refusal exits 1 and
an invalid input exits 2, and neither stores anything."""

from __future__ import annotations

from pathlib import Path

from community_world import community_cli


def test_a_meeting_from_convening_to_the_akims_answer(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    code, out = community_cli(
        db,
        ["create"],
        {"id": "akdala", "name": names, "population": 900, "settlements": ["Akdala"]},
    )
    assert code == 0 and out["id"] == "akdala"
    for i in range(1, 7):
        resident = {"community": "akdala", "id": f"r{i}", "name": f"R{i}"}
        code, _ = community_cli(
            db, ["resident"], {**resident, "settlement": "Akdala", "since": "2020-01-01"}
        )
        assert code == 0
    elect = {
        "community": "akdala",
        "gathering": "Akdala",
        "persons": ["r1", "r2", "r3", "r4", "r5"],
    }
    code, out = community_cli(db, ["elect"], {**elect, "term_start": "2025-01-01"})
    assert code == 0 and [m["term_end"] for m in out] == ["2029-01-01"] * 5
    code, out = community_cli(
        db, ["register", "--community", "akdala", "--body", "meeting", "--date", "2026-01-01"]
    )
    assert out == {"register": ["r1", "r2", "r3", "r4", "r5"]}
    session = {"community": "akdala", "id": "m1", "body": "meeting", "day": "2026-03-01"}
    session |= {"place": "Hall", "agenda": ["Budget", "Lights"], "convened_on": "2026-02-01"}
    assert community_cli(db, ["convene"], session)[0] == 0
    assert (
        community_cli(
            db, ["attend"], {"community": "akdala", "session": "m1", "present": ["r1", "r2", "r3"]}
        )[0]
        == 0
    )
    vote = {"community": "akdala", "session": "m1", "item": 1, "proposal": "Approve"}
    code, out = community_cli(
        db, ["vote"], {**vote, "ballots": {"r1": "for", "r2": "for", "r3": "against"}}
    )
    assert code == 0 and out["result"]["status"] == "maslikhat_decision_required"

    code, out = community_cli(db, ["issue-codes", "--community", "akdala", "--session", "m1"])
    assert code == 0 and sorted(out["codes"]) == ["r1", "r2", "r3"]
    ballot = {"community": "akdala", "session": "m1", "item": 2, "proposal": "Lights"}
    code, out = community_cli(db, ["count-ballots"], ballot)
    assert code == 0 and out["ballots"] == {}

    before = community_cli(db, ["show", "--community", "akdala"])[1]
    code, out = community_cli(db, ["vote"], {**vote, "ballots": {"r1": "for"}})
    assert code == 1 and out["error"]["code"] == "community.refused.already_voted"
    assert set(out["error"]["message"]) == {"kk", "ru", "en"}
    code, out = community_cli(db, ["vote"], {**vote, "item": "1", "ballots": {}})
    assert code == 2 and out["error"]["field"] == "item"
    code, out = community_cli(db, ["resident"], {"community": "akdala", "id": "x"})
    assert code == 2 and out["error"]["code"] == "law.invalid_input.missing"
    assert community_cli(db, ["show", "--community", "akdala"])[1] == before

    code, out = community_cli(db, ["close", "--community", "akdala", "--session", "m1"])
    assert code == 0 and out["status"] == "closed"
    signers = [{"role": "Chair", "name": "A. Kasymov"}]
    sign = {"community": "akdala", "session": "m1", "signers": signers, "on": "2026-03-02"}
    code, out = community_cli(db, ["sign-minutes"], sign)
    assert code == 0 and out["id"] == "m1.1" and len(out["sha256"]) == 64
    assert community_cli(db, ["sign-minutes"], sign)[0] == 1
    code, out = community_cli(
        db, ["minutes", "--community", "akdala", "--id", "m1.1", "--format", "csv"]
    )
    assert code == 0 and out["csv"].startswith("community,minutes,session")
    pdf = tmp_path / "m.pdf"
    code, out = community_cli(
        db,
        [
            "minutes",
            "--community",
            "akdala",
            "--id",
            "m1.1",
            "--format",
            "pdf",
            "--language",
            "ru",
            "--out",
            str(pdf),
        ],
    )
    assert code == 0, out
    assert pdf.read_bytes().startswith(b"%PDF-")
    code, out = community_cli(
        db, ["minutes", "--community", "akdala", "--id", "m1.1", "--format", "doc"]
    )
    assert code == 2 and out["error"]["field"] == "format"
    code, out = community_cli(
        db, ["register", "--community", "akdala", "--body", "council", "--date", "2026-01-01"]
    )
    assert code == 2 and out["error"]["field"] == "body"


def test_petitions_and_budget_from_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    community = {"id": "akdala", "name": names, "population": 900, "settlements": ["Akdala"]}
    assert community_cli(db, ["create"], community)[0] == 0
    for i in (1, 2):
        r = {"community": "akdala", "id": f"r{i}", "name": f"R{i}", "settlement": "Akdala"}
        assert community_cli(db, ["resident"], {**r, "since": "2020-01-01"})[0] == 0
    petition = {"community": "akdala", "id": "p1", "title": "Bus stop", "text": "Build one."}
    code, out = community_cli(
        db, ["petition-open"], {**petition, "author": "r1", "opened_on": "2026-03-01"}
    )
    assert code == 0 and out["signatures"] == {"r1": "2026-03-01"}
    sig = {"community": "akdala", "petition": "p1", "resident": "r2", "on": "2026-03-02"}
    assert community_cli(db, ["petition-sign"], sig)[0] == 0
    code, out = community_cli(db, ["petition-sign"], sig)
    assert code == 1 and out["error"]["code"] == "community.refused.already_signed_petition"
    assert community_cli(db, ["petition-withdraw"], sig)[0] == 0
    code, out = community_cli(
        db, ["petition-status", "--community", "akdala", "--id", "p1", "--date", "2026-03-03"]
    )
    assert out == {**out, "signatures": 1, "status": "maslikhat_decision_required"}
    line = {"community": "akdala", "year": 2026, "line": "roads", "title": "Roads", "draft": 500}
    assert community_cli(db, ["budget-line"], line)[0] == 0
    code, out = community_cli(db, ["budget-line"], {**line, "draft": True})
    assert code == 2 and out["error"]["field"] == "draft"
    run = {"community": "akdala", "year": 2026, "line": "roads", "executed": 480}
    assert community_cli(db, ["budget-execution"], run)[0] == 0
    code, out = community_cli(db, ["budget-history", "--community", "akdala", "--line", "roads"])
    assert code == 0 and out["history"][0]["executed"] == 480


def test_set_commission_gives_an_office_then_replaces_it_only_by_name(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    community = {"id": "akdala", "name": names, "population": 900, "settlements": ["Akdala"]}
    assert community_cli(db, ["create"], community)[0] == 0
    code, out = community_cli(
        db, ["set-commission"], {"community": "akdala", "commission": "tec-a"}
    )
    assert code == 0 and out["commission"] == "tec-a"
    code, out = community_cli(
        db, ["set-commission"], {"community": "akdala", "commission": "tec-b"}
    )
    assert code == 1 and out["error"]["code"] == "community.refused.commission_set"
    assert "tec-a" in out["error"]["message"]["ru"] and "tec-a" in out["error"]["message"]["kk"]
    code, out = community_cli(db, ["set-commission"], {"community": "akdala", "commission": "b c"})
    assert code == 2 and out["error"]["field"] == "commission"
    swap = {"community": "akdala", "commission": "tec-b", "replaces": "tec-a"}
    code, out = community_cli(db, ["set-commission"], swap)
    assert code == 0 and out["commission"] == "tec-b"
