"""An insider's edits to a genuine record, re-chained and re-signed, fail a named check (§R8).

Each mutation is a class of defect from issue #10; the record it produces has
a valid hash chain, valid Merkle roots and heads signed by the commission key,
so only the verifier's semantic checks can refuse it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from record_insider import Record, genuine

from tandau_verify.__main__ import main as verify_main
from tandau_verify.report import Report
from tandau_verify.verify import verify_record


def _open() -> Record:
    path, key = genuine()
    return Record.open(path, key)


def _set(r: Record, etype: str, edit: Callable[[dict[str, Any]], None], nth: int = 0) -> None:
    i = r.of_type(etype)[nth]
    payload = copy.deepcopy(r.entries[i]["payload"])
    edit(payload)
    r.entries[i] = {**r.entries[i], "payload": payload}


def _protocol(**changes: Any) -> Callable[[Record], None]:
    return lambda r: _set(r, "paper.protocol", lambda p: p.update(changes))


def _votes(**changes: Any) -> Callable[[Record], None]:
    return lambda r: _set(r, "paper.protocol", lambda p: p["votes"].update(changes))


def _results(edit: Callable[[dict[str, Any]], None]) -> Callable[[Record], None]:
    return lambda r: _set(r, "results", edit)


def _second_protocol(corrects: bool) -> Callable[[Record], None]:
    def mutate(r: Record) -> None:
        i = r.of_type("paper.protocol")[0]
        again = dict(r.entries[i]["payload"])
        again["corrects"] = i if corrects else None
        r.insert(i + 1, "paper.protocol", again)

    return mutate


def _duplicate(etype: str, edit: Callable[[dict[str, Any]], None] | None = None) -> Any:
    def mutate(r: Record) -> None:
        i = r.of_type(etype)[0]
        again = copy.deepcopy(r.entries[i]["payload"])
        if edit is not None:
            edit(again)
        r.insert(i + 1, etype, again)

    return mutate


def _cancel_elsewhere(r: Record) -> None:
    _set(r, "ballot.cancelled", lambda p: p.update(precinct="P-9"))


def _cancel_twice_at_p1(r: Record) -> None:
    """A second voter's e-vote cancelled at P-1, which issued one paper ballot."""
    creds = r.payload("credentials.list")["credentials"]
    first = r.payload("ballot.cancelled")["credential"]
    other = next(c for c in creds if c != first)
    i = r.of_type("ballot.cancelled")[0]
    r.insert(
        i + 1, "ballot.cancelled", {"credential": other, "precinct": "P-1", "reason": "paper_vote"}
    )


def _flip_share_factor(p: dict[str, Any]) -> None:
    p["share"]["factors"][0] = p["share"]["factors"][1]


def _envelope(**changes: Any) -> Callable[[Record], None]:
    def mutate(r: Record) -> None:
        i = r.of_type("voting.opened")[0]
        r.entries[i] = {**r.entries[i], **changes}

    return mutate


def _manifest(**changes: Any) -> Callable[[Record], None]:
    return lambda r: _set(r, "election.manifest", lambda p: p["manifest"].update(changes))


def _time_backwards(r: Record) -> None:
    i = r.of_type("voting.closed")[0]
    r.entries[i] = {**r.entries[i], "time": "2000-01-01T00:00:00.000000Z"}


#: name -> (mutation, the check that must fail, a word of its reason)
MUTATIONS: dict[str, tuple[Callable[[Record], None], str, str]] = {
    # 1. paper protocols (§R5.1)
    "negative count": (_protocol(invalid=-1), "V14", "invalid"),
    "negative vote": (_votes(c1=-1), "V14", "votes.c1"),
    "unknown option key": (_votes(c9=0), "V14", "P2"),
    "missing option key": (
        lambda r: _set(r, "paper.protocol", lambda p: p["votes"].pop("c2")),
        "V14",
        "P2",
    ),
    "votes + invalid != cast": (
        _protocol(ballots_cast=2, ballots_issued=2, voters_on_list=2),
        "V14",
        "P3",
    ),
    "cast > issued": (_protocol(ballots_issued=0), "V14", "P4"),
    "issued > voters on list": (_protocol(voters_on_list=0), "V14", "P5"),
    "same precinct counted twice": (_second_protocol(corrects=False), "V14", "P6"),
    "correction of another entry": (
        lambda r: (
            _second_protocol(True)(r),
            _set(r, "paper.protocol", lambda p: p.update(corrects=3), nth=1),
        ),
        "V14",
        "P6",
    ),
    "boolean where a count is expected": (_protocol(ballots_cast=True), "V14", "ballots_cast"),
    "unknown protocol field": (_protocol(note="x"), "V14", "payload.note"),
    # 2. results (§R7.1)
    "results: counted": (_results(lambda p: p.update(counted=p["counted"] + 1)), "V11", "counted"),
    "results: e_votes": (_results(lambda p: p["options"][0].update(e_votes=9)), "V11", "e_votes"),
    "results: paper_votes and total": (
        _results(
            lambda p: p["options"][1].update(paper_votes=5, total=p["options"][1]["total"] + 5)
        ),
        "V11",
        "paper_votes",
    ),
    "results: against all": (
        _results(lambda p: p["options"][-1].update(e_votes=0, total=0)),
        "V11",
        "options[2]",
    ),
    "results: paper_ballots": (_results(lambda p: p.update(paper_ballots=0)), "V11", "paper"),
    "results: extra key": (_results(lambda p: p.update(turnout=1)), "V11", "turnout"),
    "results: missing key": (_results(lambda p: p.pop("paper_ballots")), "V11", "paper_ballots"),
    "results: winner": (_results(lambda p: p["outcome"].update(winner="c9")), "V11", "c9"),
    "results: outcome votes": (
        _results(lambda p: p["outcome"]["votes"].update(c1=99)),
        "V11",
        "votes",
    ),
    # 4. tally
    "results: trustees_used": (
        _results(lambda p: p.update(trustees_used=[1, 2, 3])),
        "V11",
        "trustees_used",
    ),
    "results: skipped_trustees": (
        _results(lambda p: p.update(skipped_trustees=[])),
        "V11",
        "skipped_trustees",
    ),
    "duplicated share": (_duplicate("tally.share"), "V10", "second"),
    "conflicting share": (
        _duplicate("tally.share", lambda p: _flip_share_factor(p)),
        "V10",
        "second",
    ),
    "share names another trustee": (
        lambda r: _set(r, "tally.share", lambda p: p["share"].update(trustee=5)),
        "V10",
        "another trustee",
    ),
    # 5. cancellations (§R5.2)
    "a voter cancelled twice": (_duplicate("ballot.cancelled"), "V8", "second"),
    "cancellation at a precinct without protocol": (_cancel_elsewhere, "V8", "P7"),
    "more cancellations than paper ballots": (_cancel_twice_at_p1, "V14", "P7"),
    "cancellation reason": (
        lambda r: _set(r, "ballot.cancelled", lambda p: p.update(reason="x")),
        "V8",
        "reason",
    ),
    # 6. envelope and manifest
    "envelope version": (_envelope(v=2), "V12", "version"),
    "unknown envelope field": (_envelope(extra=1), "V12", "extra"),
    "time not UTC": (_envelope(time="2026-12-04T05:00:00+05:00"), "V12", "time"),
    "time goes backwards": (_time_backwards, "V12", "backwards"),
    "manifest version": (_manifest(version="tandau/v2"), "V12", "version"),
    "manifest mode": (_manifest(mode="internet"), "V12", "mode"),
    "manifest unknown field": (_manifest(notes="x"), "V12", "manifest.notes"),
    "manifest rule: max_sum above K·per_option": (
        _manifest(rule={"per_option": 1, "min_sum": 1, "max_sum": 9}),
        "V12",
        "manifest.rule",
    ),
    "manifest rule: more than 64 sums": (
        _manifest(rule={"per_option": 63, "min_sum": 0, "max_sum": 64}),
        "V12",
        "manifest.rule",
    ),
    # 7. malformed values
    "huge number": (_protocol(invalid=2**60), "V2", "canonical"),
    "bad hex credential": (
        lambda r: _set(r, "ballot.cancelled", lambda p: p.update(credential="zz" * 32)),
        "V8",
        "credential",
    ),
    "non-canonical point": (
        lambda r: _set(r, "ballot.cancelled", lambda p: p.update(credential="ff" * 32)),
        "V8",
        "non_canonical",
    ),
    "deep nesting": (_results(lambda p: p.update(options=_deep(80))), "V2", "canonical"),
    "wrong JSON type": (
        lambda r: _set(r, "tally.encrypted", lambda p: p.update(tally=[1])),
        "V9",
        "tally",
    ),
}


def _deep(n: int) -> Any:
    value: Any = 0
    for _ in range(n):
        value = [value]
    return value


def _failed(report: Report) -> dict[str, str]:
    return {c.id: c.detail for c in report.failed()}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_an_insiders_edit_fails_a_named_check(name: str, tmp_path: Path) -> None:
    mutate, check, word = MUTATIONS[name]
    r = _open()
    mutate(r)
    report = verify_record(r.write(tmp_path / "record"))
    failed = _failed(report)
    assert check in failed, (name, failed)
    assert word in failed[check], (name, failed[check])
    assert report.verdict.startswith("REFUSED") and report.exit_status == 1


def test_the_rebuilt_genuine_record_verifies(tmp_path: Path) -> None:
    """The insider's tool changes nothing by itself: mutations alone explain the failures."""
    report = verify_record(_open().write(tmp_path / "record"))
    assert report.verdict == "VERIFIED", _failed(report)


def test_a_signed_correction_replaces_the_earlier_protocol(tmp_path: Path) -> None:
    r = _open()
    _second_protocol(corrects=True)(r)
    report = verify_record(r.write(tmp_path / "record"))
    assert report.verdict == "VERIFIED", _failed(report)
    assert report.checks["V14"].count == 2


# -- 3. completeness -----------------------------------------------------------------


def test_a_head_covering_withheld_entries_fails(tmp_path: Path) -> None:
    r = _open()
    n = len(r.entries)
    report = verify_record(r.write(tmp_path / "record", keep_entries=n - 2))
    assert "withheld" in _failed(report)["V13"]


def test_a_head_of_another_election_fails(tmp_path: Path) -> None:
    r = _open()
    r.head_overrides = {"election": "another-election"}
    report = verify_record(r.write(tmp_path / "record"))
    assert "another election" in _failed(report)["V13"]


def test_a_record_cut_at_an_earlier_head_is_partial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = _open()
    cut = r.of_type("voting.closed")[0] + 1
    r.entries = r.entries[:cut]
    path = r.write(tmp_path / "record", head_sizes=[cut // 2, cut])
    report = verify_record(path)
    assert report.ok and not report.final, _failed(report)
    assert report.verdict == f"PARTIAL (verified up to entry {cut}; no tally)"
    assert verify_main([str(path)]) == 3
    assert "PARTIAL" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("edit", "check"),
    [
        (lambda b: b.replace(b'{"head":', b'{ "head":'), "V3"),  # not canonical
        (lambda b: b + b" ", "V3"),
    ],
)
def test_head_lines_are_canonical_byte_for_byte(
    tmp_path: Path, edit: Callable[[bytes], bytes], check: str
) -> None:
    path = _open().write(tmp_path / "record")
    lines = path.read_bytes().split(b"\n")
    lines[1] = edit(lines[1])
    path.write_bytes(b"\n".join(lines))
    assert check in _failed(verify_record(path))


def test_blank_lines_and_a_missing_final_newline_fail(tmp_path: Path) -> None:
    path = _open().write(tmp_path / "record")
    data = path.read_bytes()
    heads = 1
    lines = data.split(b"\n")
    blank = tmp_path / "blank"
    blank.write_bytes(b"\n".join([*lines[: 1 + heads], b"", *lines[1 + heads :]]))
    assert "V2" in _failed(verify_record(blank))
    unterminated = tmp_path / "unterminated"
    unterminated.write_bytes(data[:-1])
    assert "newline" in _failed(verify_record(unterminated))["V1"]


def test_help_lists_the_numbered_checks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        verify_main(["--help"])
    out = capsys.readouterr().out
    assert all(f"V{i} " in out for i in range(1, 15)) and "3 PARTIAL" in out
