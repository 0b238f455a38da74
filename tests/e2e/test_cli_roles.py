"""A whole verifiable election driven only through the ``tandau`` command line (issue 3 §6).

The steps are the ones of ``docs/guides/cli.md``, in its numbering, run on
SQLite and on PostgreSQL: the commission creates the election, three trustees
run the key ceremony on files, voters encrypt, audit, cast and check
receipts, a paper vote cancels one voter's e-ballot, two of the three
trustees decrypt, the ruleset decides, and ``tandau-verify`` passes on the
exported record.  Then: an auditor's snapshot comparison (a real extension,
a truncation, a fork), the Benaloh audit with a wrong opening, and bad input
that must leave the database and the files as they were.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tandau.cli.main import app
from tandau.storage import SqlBoardStore
from tandau_verify.__main__ import main as tandau_verify

ELECTION = "akzhar-2026"
#: Valid IINs (12 digits, check digit per the IIN rule).
IINS = [
    "291417776310",
    "706690743916",
    "500080636080",
    "377835337400",
    "681241586836",
]
runner = CliRunner()


class Cli:
    """Runs ``tandau`` commands in a working directory against one database."""

    def __init__(self, root: Path, db: str) -> None:
        self.root = root
        self.db = db
        self.key = root / "commission.key"

    def run(self, *args: object, code: int = 0) -> Result:
        result = runner.invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result

    def json(self, *args: object) -> Any:
        return json.loads(self.run(*args).stdout)

    def admin(self, command: str, *args: object, code: int = 0, key: bool = True) -> Result:
        extra: list[object] = ["--key", self.key] if key else []
        return self.run("admin", command, "--db", self.db, *extra, *args, code=code)

    def voter(self, command: str, *args: object, code: int = 0) -> Result:
        extra: list[object] = ["--key", self.key] if command == "cast" else []
        return self.run("voter", command, "--db", self.db, *extra, *args, code=code)

    def entries(self) -> int:
        with SqlBoardStore.from_url(self.db) as store:
            return store.size(ELECTION)

    def path(self, name: str) -> Path:
        return self.root / name


def _create(cli: Cli) -> None:
    # 1. The commission's key and the election.
    cli.run("admin", "keygen", "--out", cli.key)
    election = ["--election", ELECTION, "--unit-code", "611633100", "--unit-name", "Akzhar"]
    law = ["--ruleset", "kz-rural-akim-2023", "--polling-day", "2026-09-17"]
    candidates = ["Aigul Serikova|Amanat", "Bolat Nurlanov", "Dana Omarova"]
    trustees = ["Trustee One", "Trustee Two", "Trustee Three"]
    options = [*election, *law, "--threshold", 2]
    options += [x for c in candidates for x in ("--candidate", c)]
    options += [x for t in trustees for x in ("--trustee", t)]
    cli.admin("create", *options)


def _ceremony(cli: Cli) -> None:
    # 2. The key ceremony: every trustee step on files; public files shared in public/.
    public = cli.path("public")
    cli.admin("ceremony-params", "--out", public / "params.json", key=False)
    for step, name in (("setup", "setup"), ("deal", "dealing"), ("receive", "response")):
        for j in (1, 2, 3):
            own = cli.path(f"t{j}")
            cli.run("trustee", step, "--index", j, "--dir", own, public)
            shutil.copy(own / f"{name}-{j}.json", public)
    for j in (1, 2, 3):
        out = cli.json("trustee", "finalize", "--index", j, "--dir", cli.path(f"t{j}"), public)
        assert out["qualified"] == [1, 2, 3]
    published = json.loads(cli.admin("ceremony-publish", public).stdout)
    assert published["qualified"] == [1, 2, 3] and published["rejected_dealings"] == []
    checked = cli.json("trustee", "check", "--db", cli.db, "--index", 1, "--dir", cli.path("t1"))
    assert checked["joint_key"] == published["joint_key"] and checked["key_share_matches"]


def _voters(cli: Cli) -> list[dict[str, str]]:
    # 3. The voter list and the credentials; the sheet maps voters to codes.
    rows = ["iin,name,precinct,birth_date"] + [
        f"{iin},Voter {n},P-{1 + n % 2},1990-01-0{n + 1}" for n, iin in enumerate(IINS)
    ]
    cli.path("voters.csv").write_text("\n".join(rows) + "\n")
    voter_list = cli.path("registrar/voters.json")
    listed = json.loads(
        cli.admin("import-voters", cli.path("voters.csv"), "--list", voter_list, key=False).stdout
    )
    assert listed["voters"] == len(IINS)
    sheet = cli.path("registrar/credentials.secret.csv")
    issued = cli.admin("issue-credentials", "--list", voter_list, "--sheet", sheet).stdout
    assert json.loads(issued)["credentials"] == len(IINS)
    assert sheet.stat().st_mode & 0o077 == 0  # the sheet is secret
    return list(csv.DictReader(io.StringIO(sheet.read_text())))


def _encrypt(cli: Cli, code: str, choice: str, out: str, *extra: object) -> dict[str, Any]:
    args = ("--code", code, "--choice", choice, "--out", cli.path(out), *extra)
    result: dict[str, Any] = json.loads(cli.voter("encrypt", *args).stdout)
    return result


def _encrypt_fails(cli: Cli, code: str, choice: str, status: int) -> str:
    args = ("--code", code, "--choice", choice, "--out", cli.path("t.json"))
    return cli.voter("encrypt", *args, code=status).stderr


def _cast(cli: Cli, ballot: str, receipt: str | None = None) -> dict[str, Any]:
    extra: list[object] = ["--receipt", cli.path(receipt)] if receipt else []
    result: dict[str, Any] = json.loads(cli.voter("cast", cli.path(ballot), *extra).stdout)
    return result


@pytest.fixture
def cli(tmp_path: Path, db_url: str) -> Cli:
    return Cli(tmp_path, db_url)


def _open_election(cli: Cli) -> list[dict[str, str]]:
    _create(cli)
    _ceremony(cli)
    sheet = _voters(cli)
    cli.admin("open")
    return sheet


def test_whole_election_through_the_cli(cli: Cli) -> None:
    sheet = _open_election(cli)
    codes = [row["code"] for row in sheet]
    # 4. Voting.  Voter 0 audits a ballot first (Benaloh), then votes c1.
    _encrypt(cli, codes[0], "c1", "audited.json", "--opening", cli.path("audited.opening.json"))
    opening = cli.path("audited.opening.json")
    audit = json.loads(cli.voter("audit", cli.path("audited.json"), "--opening", opening).stdout)
    assert audit["choices"] == {"c1": 1} and audit["spoiled"]
    spoiled = cli.voter("cast", cli.path("audited.json"), code=1)
    assert "spoiled" in spoiled.stderr
    # Without the mark file, the database refuses it: the audit was recorded (ADR 0009).
    cli.path("audited.json.spoiled").unlink()
    refused = cli.voter("cast", cli.path("audited.json"), code=1)
    assert "opened for an audit" in refused.stderr
    choices = ["c1", "c2", "c2", "against", "c3"]
    receipts = []
    for n, (code, choice) in enumerate(zip(codes, choices, strict=True)):
        _encrypt(cli, code, choice, f"ballot-{n}.json")
        receipts.append(_cast(cli, f"ballot-{n}.json", f"receipt-{n}.json"))
    # Voter 2 changes their mind: only the last ballot of a credential counts.
    _encrypt(cli, codes[2], "c1", "ballot-2b.json")
    _cast(cli, "ballot-2b.json")
    # Casting the same ballot twice is idempotent.
    assert _cast(cli, "ballot-0.json")["seq"] == receipts[0]["seq"]
    checked = json.loads(cli.voter("check-receipt", cli.path("receipt-0.json")).stdout)
    assert checked["included"] and checked["tracking_code"] == receipts[0]["tracking_code"]
    snapshot = cli.path("snapshot-during-voting")
    cli.run("auditor", "export", "--db", cli.db, "--out", snapshot)
    # 5. Voter 4 votes on paper at P-1: their e-ballot no longer counts.
    voter_4 = ["--iin", sheet[4]["iin"], "--sheet", cli.path("registrar/credentials.secret.csv")]
    cli.admin("cancel", "--precinct", "P-1", *voter_4)
    cli.admin("close")
    late = cli.voter("cast", cli.path("ballot-2b.json"))
    assert json.loads(late.stdout)["seq"]  # a repeat of a stored ballot still gets its receipt
    _encrypt(cli, codes[1], "c3", "too-late.json")
    refused = cli.voter("cast", cli.path("too-late.json"), code=1)
    assert "Voting is not open" in refused.stderr
    votes = ["--vote", "c3=1", "--vote", "against=1"]
    figures = ["--ballots-issued", 3, "--voters-on-list", 5]
    cli.admin("paper", "--precinct", "P-1", "--ballots-cast", 3, "--invalid", 1, *votes, *figures)
    # 6. Tally; trustees 1 and 3 decrypt on their laptops, trustee 2 is absent.
    tally = cli.path("public/tally.json")
    cli.admin("tally", "--out", tally)
    shares = []
    for j in (1, 3):
        own = cli.path(f"t{j}")
        cli.run("trustee", "decrypt", "--index", j, "--dir", own, "--tally", tally)
        shares.append(own / f"decryption-{j}.json")
    posted = json.loads(cli.admin("decrypt", *shares).stdout)
    assert posted["posted"] == [1, 3] and posted["skipped"] == []
    # The paper precinct's voters are on its paper list, not among the credentials.
    assert "More ballots were cast" in cli.admin("publish", code=2).stderr
    results = json.loads(cli.admin("publish", "--voters-on-list", 40).stdout)
    totals = {r["id"]: (r["e_votes"], r["paper_votes"]) for r in results["options"]}
    # e-votes: c1 (voter 0), c2 (voter 1), c1 (voter 2's re-vote), against (voter 3).
    assert totals == {"c1": (2, 0), "c2": (1, 0), "c3": (0, 1), "against": (1, 1)}
    assert results["counted"] == 4 and results["skipped_trustees"] == [2]
    assert results["outcome"]["status"] == "elected" and results["outcome"]["winner"] == "c1"
    assert results["outcome"]["ruleset"] == "kz-rural-akim-2023"
    # 7. The record: tandau-verify passes; the snapshot taken during voting is a prefix.
    record = cli.path("record")
    cli.run("record", "export", "--db", cli.db, "--out", record)
    assert tandau_verify([str(record)]) == 0
    assert "VERIFIED" in cli.run("auditor", "verify", record).stdout
    compared = cli.json("auditor", "compare", snapshot, record)
    assert compared["consistent"] and compared["old"]["tree_size"] < compared["new"]["tree_size"]
    offline = cli.json("voter", "check-receipt", "--record", record, cli.path("receipt-1.json"))
    assert offline["board_tree_size"] == compared["new"]["tree_size"]
    status = cli.json("admin", "status", "--db", cli.db)
    assert status["stage"] == "published" and status["outcome"]["winner"] == "c1"


def _sqlite_copy(src: str, dst: Path) -> str:
    """A consistent copy of a SQLite database (WAL included), as a second server would hold."""
    with sqlite3.connect(src.removeprefix("sqlite:///")) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return f"sqlite:///{dst}"


@pytest.fixture
def voting(tmp_path: Path, sqlite_url: str) -> Iterator[tuple[Cli, list[str]]]:
    cli = Cli(tmp_path, sqlite_url)
    sheet = _open_election(cli)
    yield cli, [row["code"] for row in sheet]


def test_compare_accepts_an_extension_and_names_truncation_and_fork(
    voting: tuple[Cli, list[str]],
) -> None:
    cli, codes = voting
    old = cli.path("old")
    cli.run("auditor", "export", "--db", cli.db, "--out", old)
    # The commission equivocates: a copy of the board goes on with other ballots.
    fork = Cli(cli.root, _sqlite_copy(cli.db, cli.path("fork.sqlite3")))
    _encrypt(cli, codes[0], "c1", "a.json")
    _cast(cli, "a.json")
    _encrypt(fork, codes[1], "c2", "b.json")
    _cast(fork, "b.json")
    new, forked = cli.path("new"), cli.path("forked")
    cli.run("auditor", "export", "--db", cli.db, "--out", new)
    fork.run("auditor", "export", "--db", fork.db, "--out", forked)
    ok = cli.json("auditor", "compare", old, new)
    assert ok["appended"] == 1 and ok["consistency_proof"]
    assert cli.json("auditor", "compare", old, forked)["appended"] == 1
    truncated = cli.run("auditor", "compare", new, old, code=1)
    assert "truncated" in truncated.stderr
    size = ok["old"]["tree_size"]
    split = cli.run("auditor", "compare", new, forked, code=1)
    assert f"differ from position {size}" in split.stderr and "forked" in split.stderr
    # A snapshot altered after signing fails on its own signed heads.
    lines = new.read_bytes().splitlines()
    lines[-1] = lines[-1].replace(b'"c', b'"C', 1)
    tampered = cli.path("tampered")
    tampered.write_bytes(b"\n".join(lines) + b"\n")
    broken = cli.run("auditor", "compare", old, tampered, code=1).stderr
    assert f"the signed head at size {size + 1} does not match the entries" in broken
    failed = cli.run("auditor", "verify", tampered, "--jobs", 1, code=1)
    assert "NOT VERIFIED" in failed.stdout and "failed checks" in failed.stderr


def test_audit_confirms_the_choice_and_refuses_a_wrong_opening(
    voting: tuple[Cli, list[str]],
) -> None:
    cli, codes = voting
    for name, choice in (("one", "c2"), ("two", "c3")):
        _encrypt(cli, codes[0], choice, f"{name}.json", "--opening", cli.path(f"{name}.open"))
    good = cli.voter("audit", cli.path("one.json"), "--opening", cli.path("one.open"))
    assert json.loads(good.stdout)["choices"] == {"c2": 1}
    assert "Bolat Nurlanov" in good.stderr
    # Another ballot's opening: refused before any check.
    other = cli.voter("audit", cli.path("two.json"), "--opening", cli.path("one.open"), code=2)
    assert "another ballot" in other.stderr
    # An opening claiming another choice (a lying device): the re-encryption differs.
    doc = json.loads(cli.path("two.open").read_text())
    doc["opening"]["choices"] = [0, 1, 0, 0]
    cli.path("lie.open").write_text(json.dumps(doc))
    lie = cli.voter("audit", cli.path("two.json"), "--opening", cli.path("lie.open"), code=1)
    assert "audit failed" in lie.stderr
    assert not cli.path("two.json.spoiled").exists()


def test_bad_input_changes_nothing(voting: tuple[Cli, list[str]]) -> None:
    cli, codes = voting
    before = cli.entries()
    bad_csv = {
        "no-iin-column.csv": "name\nVoter\n",
        "bad-iin.csv": "iin,name\n123456789012,Voter\n",
        "duplicate.csv": f"iin,name\n{IINS[0]},A\n{IINS[0]},B\n",
        "ragged.csv": f"iin,name\n{IINS[0]},A,extra\n",
        "empty.csv": "iin,name\n",
    }
    for name, text in bad_csv.items():
        cli.path(name).write_text(text)
        out = cli.path(f"{name}.list")
        result = cli.admin("import-voters", cli.path(name), "--list", out, key=False, code=2)
        assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1
        assert not out.exists()
    line = cli.admin(
        "import-voters", cli.path("bad-iin.csv"), "--list", cli.path("x"), key=False, code=2
    ).stderr
    assert "line 2, column iin" in line
    # A mistyped code (check symbol) and a code of nobody on the list.
    typo = codes[0][:-1] + ("2" if codes[0][-1] != "2" else "3")
    assert "mistyped" in _encrypt_fails(cli, typo, "c1", 2)
    assert "does not belong" in _encrypt_fails(cli, "22222-22222-22222-22222-2", "c1", 1)
    assert "no option" in _encrypt_fails(cli, codes[0], "c9", 2)
    assert not cli.path("t.json").exists()
    # An unknown election and a missing database file.
    unknown = cli.run("admin", "status", "--db", cli.db, "--election", "nope", code=1)
    assert "no election nope" in unknown.stderr
    missing = cli.path("missing.sqlite3")
    cli.run("admin", "status", "--db", f"sqlite:///{missing}", code=1)
    assert not missing.exists()
    # A malformed ballot file, a ballot for another key, a wrong commission key.
    cli.path("junk.json").write_text('{"election": 1}')
    cli.voter("cast", cli.path("junk.json"), code=2)
    cli.run("admin", "keygen", "--out", cli.path("other.key"))
    _encrypt(cli, codes[0], "c1", "fine.json")
    cast = ("voter", "cast", "--db", cli.db, cli.path("fine.json"))
    wrong_key = cli.run(*cast, "--key", cli.path("other.key"), code=2)
    assert "not the commission key" in wrong_key.stderr
    # A second election whose office is not its ruleset's, or whose day it does not cover.
    new = ["--election", "other", "--unit-code", "1", "--unit-name", "U", "--threshold", 1]
    new += ["--candidate", "A", "--trustee", "T", "--ruleset", "kz-rural-akim-2023"]
    day = ["--polling-day", "2026-09-17"]
    office = cli.admin("create", *new, *day, "--office", "district_akim", code=2)
    assert "not the office" in office.stderr
    cli.admin("create", *new, "--polling-day", "2026-09-17x", code=2)
    early = cli.admin("create", *new, "--polling-day", "2022-11-04", code=2)
    assert "not in force on 2022-11-04" in early.stderr
    cli.run("admin", "status", "--db", cli.db, "--election", "other", code=1)
    # Steps out of order: tally before close, publish before tally, a second ceremony.
    assert "not closed" in cli.admin("tally", code=1).stderr
    assert "no tally" in cli.admin("publish", code=1).stderr
    assert "ceremony is over" in cli.admin("ceremony-publish", cli.path("public"), code=1).stderr
    assert cli.entries() == before


def test_paper_protocols_are_refused_at_entry_as_the_verifier_would(
    voting: tuple[Cli, list[str]],
) -> None:
    """Record spec §R5.1: the CLI refuses each broken invariant, named, and stores nothing."""
    cli, codes = voting
    cli.admin("cancel", "--precinct", "P-1", "--code", codes[0])
    cli.admin("close")

    def paper(cast: int, issued: int, voters: int, *extra: object, code: int = 0) -> str:
        figures = ["--ballots-cast", cast, "--ballots-issued", issued, "--voters-on-list", voters]
        votes = ["--vote", f"c1={min(cast, 2)}"] if cast else []
        args = ["--precinct", "P-1", *figures, *votes, *extra]
        return str(cli.admin("paper", *args, code=code).stderr)

    before = cli.entries()
    assert "more e-votes than paper ballots issued" in paper(0, 0, 0, code=2)  # P7
    assert "must add up" in paper(3, 3, 5, code=2)  # P3: 2 votes, 0 invalid, 3 cast
    assert "more ballots were cast than were issued" in paper(2, 1, 5, code=2)  # P4
    assert "more ballots were issued than there are voters" in paper(2, 2, 1, code=2)  # P5
    assert cli.entries() == before
    paper(2, 2, 5)
    assert "already" in paper(2, 2, 5, code=1)  # P6: counted twice
    assert "only a correction" in paper(2, 2, 5, "--corrects", before - 1, code=2)
    paper(1, 2, 5, "--corrects", before)  # an explicit correction of the protocol in force
    assert cli.json("admin", "status", "--db", cli.db)["paper_protocols"] == 2


def test_ceremony_with_too_few_dealings_posts_nothing(tmp_path: Path, db_url: str) -> None:
    cli = Cli(tmp_path, db_url)
    _create(cli)
    public = cli.path("public")
    cli.admin("ceremony-params", "--out", public / "params.json", key=False)
    for j in (1, 2, 3):
        cli.run("trustee", "setup", "--index", j, "--dir", cli.path(f"t{j}"), public)
        shutil.copy(cli.path(f"t{j}/setup-{j}.json"), public)
    cli.run("trustee", "deal", "--index", 1, "--dir", cli.path("t1"), public)
    shutil.copy(cli.path("t1/dealing-1.json"), public)
    before = cli.entries()
    failed = cli.admin("ceremony-publish", public, code=1)
    assert "fewer than t = 2" in failed.stderr
    assert cli.entries() == before
    # Receiving needs every dealing; a repeated step changes nothing.
    assert (
        "missing"
        in cli.run(
            "trustee", "receive", "--index", 1, "--dir", cli.path("t1"), public, code=1
        ).stderr
    )
    again = cli.run("trustee", "deal", "--index", 1, "--dir", cli.path("t1"), public)
    assert "exists already" in again.stderr


def test_messages_in_kazakh_and_russian_and_db_from_the_setting(
    voting: tuple[Cli, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli, _ = voting
    monkeypatch.setenv("TANDAU_DATABASE_URL", cli.db)
    status = cli.json("admin", "status")
    assert status["stage"] == "open" and status["credentials"] == len(IINS)
    kk = cli.run("--lang", "kk", "admin", "status", "--election", "nope", code=1).stderr
    ru = cli.run("--lang", "ru", "admin", "status", "--election", "nope", code=1).stderr
    assert kk.startswith("Қате:") and "сайлау" in kk
    assert ru.startswith("Ошибка:") and "выборов" in ru


def test_a_complaint_is_answered_by_a_reveal(tmp_path: Path, sqlite_url: str) -> None:
    cli = Cli(tmp_path, sqlite_url)
    _create(cli)
    public = cli.path("public")
    cli.admin("ceremony-params", "--out", public / "params.json", key=False)
    for step, name in (("setup", "setup"), ("deal", "dealing")):
        for j in (1, 2, 3):
            own = cli.path(f"t{j}")
            cli.run("trustee", step, "--index", j, "--dir", own, public)
            shutil.copy(own / f"{name}-{j}.json", public)
    # Dealer 1's laptop sealed trustee 3's share where trustee 2's should be.
    for path in (public / "dealing-1.json", cli.path("t1/dealing-1.json")):
        doc = json.loads(path.read_text())
        doc["dealing"]["shares"][1] = doc["dealing"]["shares"][2]
        path.write_text(json.dumps(doc))
    responses = {}
    for j in (1, 2, 3):
        own = cli.path(f"t{j}")
        responses[j] = cli.json("trustee", "receive", "--index", j, "--dir", own, public)
        shutil.copy(own / f"response-{j}.json", public)
    assert responses[2]["complaints"] == [{"dealer": 1, "reason": "unopenable_share"}]
    revealed = cli.json("trustee", "reveal", "--index", 1, "--dir", cli.path("t1"), public)
    assert [Path(p).name for p in revealed["reveals"]] == ["reveal-1-2.json"]
    shutil.copy(cli.path("t1/reveal-1-2.json"), public)
    for j in (1, 2, 3):
        # Trustee 2's key share takes dealer 1's share from the public reveal.
        out = cli.json("trustee", "finalize", "--index", j, "--dir", cli.path(f"t{j}"), public)
        assert out["qualified"] == [1, 2, 3]
    cli.admin("ceremony-publish", public)
    checked = cli.json("trustee", "check", "--db", cli.db, "--index", 2, "--dir", cli.path("t2"))
    assert checked["key_share_matches"]
    record = cli.path("record")
    cli.run("record", "export", "--db", cli.db, "--out", record)
    # Every check passes, but a record cut before the tally is PARTIAL (record.md §R10).
    assert tandau_verify([str(record)]) == 3
    partial = cli.run("auditor", "verify", record, "--jobs", 1, code=3)
    assert "PARTIAL (verified up to entry" in partial.stdout and "PARTIAL" in partial.stderr
