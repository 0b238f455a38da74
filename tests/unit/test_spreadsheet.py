"""Every CSV Tandau writes is neutralised against formula injection (OWASP)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from tandau.admin.demo_data import demo_voters_csv
from tandau.analysis.dataset import export
from tandau.cli.voter_list import ListedVoter, sheet_bytes
from tandau.community.minutes import SignedMinutes, minutes_csv
from tandau.protocol.credentials import derive
from tandau.spreadsheet import csv_text, safe_cell
from tandau.web.results_view import OptionResult, Results

HOSTILE = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=x", "\r=x"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_cell_that_could_start_a_formula_is_prefixed_with_a_quote(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell
    (row,) = list(csv.reader(io.StringIO(csv_text(["h"], [[cell]]), newline="")))[1:]
    assert row == ["'" + cell]


def test_ordinary_cells_and_numbers_stay_as_they_are() -> None:
    assert safe_cell("Әлиев Серік") == "Әлиев Серік"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(7) == 7 and safe_cell(None) == ""
    assert csv_text(["n", "v"], [["x", 3], ["a\nb", 1]]) == 'n,v\r\nx,3\r\n"a\nb",1\r\n'


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))[1:]


def test_the_results_csv_is_neutralised() -> None:
    name = {"kk": '=HYPERLINK("http://x")', "ru": "@evil", "en": "-1"}
    option = OptionResult("c-x", "candidate", name, "+party", 1, 2, 3, 100.0)
    results = Results("e", (option,), 1, 2, 1, {}, (), (), ())
    for lang in ("kk", "ru", "en"):
        (row,) = _rows(results.csv_text(lang))
        assert row[2] == "'" + name[lang] and row[3] == "'+party" and row[4:] == ["1", "2", "3"]


def test_the_registrars_credential_sheet_is_neutralised() -> None:
    voter = ListedVoter("900101300001", "=cmd()", "-P1")
    cred = derive(b"\x01" * 32, "QMYET-CJUHT-ZDATM-U92HQ-A")
    (row,) = _rows(sheet_bytes([voter], ["ABCDE"], [cred]).decode())
    assert row[:3] == ["900101300001", "'=cmd()", "'-P1"]


def test_the_demo_voter_list_goes_through_the_same_helper() -> None:
    rows = _rows(demo_voters_csv("=P", "@U", 2, 1))
    assert rows and all(r[5] == "'=P" and r[4] == "'@U" for r in rows)


def test_the_minutes_csv_is_neutralised() -> None:
    """The agenda and the proposal are typed in the office's console; both were written
    to the minutes' CSV as they were."""
    vote = {"item": 1, "agenda": "=HYPERLINK(\"http://x\")", "proposal": "@SUM(A1)", "for": 4,
            "against": 2, "abstained": 1, "adopted": True, "status": None}  # fmt: skip
    document = {"session": "m1", "day": "2026-03-01", "votes": [vote]}
    m = SignedMinutes("akdala", "m1.1", "m1", document, "ab" * 32, (), date(2026, 3, 2))
    (row,) = _rows(minutes_csv(m))
    assert row[5:10] == ['\'=HYPERLINK("http://x")', "'@SUM(A1)", "4", "2", "1"]


def test_the_analysis_export_is_neutralised() -> None:
    """A researcher's own table, exported again as CSV, opens as text."""
    table = pd.DataFrame({"unit": ["=cmd()", "Aksu", None], "votes": [-3, 1, 2]})
    rows = _rows(export(table, "csv").decode())
    assert rows == [["'=cmd()", "-3"], ["Aksu", "1"], ["", "2"]]
