"""The shipped dataset loads typed and valid; a bad row is reported, never dropped."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from tandau.analysis import AnalysisInputError, DatasetInvalid
from tandau.analysis.dataset import export, load_aggregates, load_results
from tandau.analysis.tables import aggregate, metrics_table

SHARED = Path(__file__).parents[3].parent / "shared" / "data"


def test_the_shipped_results_load_typed() -> None:
    t = load_results()
    assert len(t) >= 66 and t["election_id"].is_unique
    assert str(t["voters_on_list"].dtype) == "Int64"
    assert str(t["turnout_reported"].dtype) == "Float64"
    talgar = t.set_index("election_id").loc["alm-talgar-town-2024"]
    assert (talgar["voters_on_list"], talgar["ballots_cast"], talgar["winner_votes"]) == (
        42774,
        12875,
        9071,
    )
    assert pd.isna(talgar["invalid"])  # not printed by the source: NA, never 0


def test_a_full_okrug_protocol_is_kept_as_printed() -> None:
    """Bokeikhan okrug (azh.kz): list, ballots, three candidates and against all as printed."""
    row = load_results().set_index("election_id").loc["atr-kurmangazy-bokeikhan"]
    printed = ("voters_on_list", "ballots_cast", "winner_votes", "runner_up_votes", "third_votes")
    assert tuple(row[c] for c in printed) == (1106, 645, 391, 130, 102)
    assert row["against_all"] == 15
    assert pd.isna(row["invalid"]) and pd.isna(row["date"])  # neither printed (no year)


def test_rows_added_in_1_3_keep_only_what_their_pages_print() -> None:
    """Altai's winner votes without a base, Zhelezin's list and candidates, and a
    winner-only row (the CEC's pilot results name the winner, print no count)."""
    rows = load_results().set_index("election_id")
    altai = rows.loc["eko-altai-district-2023"]
    assert altai["winner_votes"] == 28232
    assert pd.isna(altai["voters_on_list"]) and pd.isna(altai["ballots_cast"])  # base not stated
    zhelezin = rows.loc["pvl-zhelezin-district"]
    assert (zhelezin["voters_on_list"], zhelezin["candidates"]) == (10443, 4)
    counts = ["voters_on_list", "ballots_cast", "candidates", "winner_votes", "against_all"]
    kobda = rows.loc["akt-kobda-district"]
    assert kobda[counts].isna().all() and kobda["winner_gender"] == "m"
    assert "no count printed" in kobda["note"]


def test_every_row_names_its_source() -> None:
    t = load_results()
    assert t["source_url"].str.startswith("http").all()
    assert load_aggregates()["source_url"].str.startswith("http").all()


def test_the_shipped_copy_is_the_shared_data() -> None:
    shipped = load_results()
    shared = load_results(SHARED / "akim-results.csv")
    assert set(shared["election_id"]) <= set(shipped["election_id"])


def _bad(tmp_path: Path, row: str) -> Path:
    header = (SHARED / "akim-results.csv").read_text(encoding="utf-8").splitlines()[0]
    good = "x-ok,2021-07-25,R,D,U,village,rural,100,50,0.5,2,30,20,,,,,self,m,https://a.kz,C,"
    path = tmp_path / "results.csv"
    path.write_text(f"{header}\n{good}\n{row}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        (
            "x-b,2021,R,D,U,village,rural,10,20,,2,,,,,,,,,https://a.kz,C,",
            "ballots_cast",
            "more ballots",
        ),
        (
            "x-b,2021,R,D,U,village,rural,10,5,,2,1,3,,,,,,,https://a.kz,C,",
            "runner_up_votes",
            "descending",
        ),
        (
            "x-b,2021,R,D,U,village,rural,10,5,,2,4,3,,,,,,,https://a.kz,C,",
            "ballots_cast",
            "add up",
        ),
        (
            "x-b,2021,R,D,U,village,rural,ten,,,,,,,,,,,,https://a.kz,C,",
            "voters_on_list",
            "whole number",
        ),
        ("x-b,2021,R,D,U,hamlet,rural,,,,,,,,,,,,,https://a.kz,C,", "unit_type", "not allowed"),
        ("x-b,21.07.2021,R,D,U,village,rural,,,,,,,,,,,,,https://a.kz,C,", "date", "date"),
        ("x-ok,2021,R,D,U,village,rural,,,,,,,,,,,,,https://a.kz,C,", "election_id", "identifier"),
        ("x-b,2021,R,D,U,village,rural,,,,,,,,,,,,,,C,", "source_url", "required"),
        (
            "x-b,2021,R,D,U,village,rural,100,50,0.6,,,,,,,,,,https://a.kz,C,",
            "turnout_reported",
            "turnout",
        ),
        (
            "x-b,2021,R,D,U,village,rural,,,1.5,,,,,,,,,,https://a.kz,C,",
            "turnout_reported",
            "share",
        ),
    ],
)
def test_a_bad_row_is_reported_by_row_and_column(
    tmp_path: Path, row: str, column: str, problem: str
) -> None:
    with pytest.raises(DatasetInvalid) as err:
        load_results(_bad(tmp_path, row))
    problems = err.value.to_dict()["problems"]
    assert isinstance(problems, list)
    assert {"row": 3, "column": column} == {k: problems[0][k] for k in ("row", "column")}
    assert problem in problems[0]["problem"]["en"]
    assert set(problems[0]["problem"]) == {"kk", "ru", "en"}


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    row = "X B,2021,R,D,U,hamlet,rural,10,20,,2,,,,,,,,,ftp://a,Q,"
    with pytest.raises(DatasetInvalid) as err:
        load_results(_bad(tmp_path, row))
    columns = {c for _, c, _ in err.value.problems}
    assert {"election_id", "unit_type", "source_url", "confidence"} <= columns


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_round_trips(fmt: str) -> None:
    t = load_results()
    data = export(t, fmt)
    if fmt == "csv":
        back = pd.read_csv(io.BytesIO(data))
    elif fmt == "parquet":
        back = pd.read_parquet(io.BytesIO(data))
        assert str(back["voters_on_list"].dtype) == "Int64"
    else:
        back = pd.DataFrame(json.loads(data))
    assert list(back["election_id"]) == list(t["election_id"])
    assert int(back["winner_votes"].sum()) == int(t["winner_votes"].sum())


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(AnalysisInputError):
        export(load_results(), "xls")


def test_metrics_table_uses_printed_figures_only() -> None:
    m = metrics_table(load_results()).set_index("election_id")
    assert m.loc["alm-talgar-town-2024", "winner_share_cast"] == pytest.approx(9071 / 12875)
    assert pd.isna(m.loc["alm-talgar-town-2024", "winner_share_valid"])  # invalid not printed
    assert m.loc["sko-esil-2023", "enp"] == pytest.approx(1.373229, abs=1e-6)
    assert pd.isna(m.loc["zko-karatobe-2023", "enp"])  # third candidate's votes not printed


def test_aggregates_print_n_and_intervals() -> None:
    agg = aggregate(metrics_table(load_results()), "level").set_index("level")
    assert agg.loc["district", "elections"] + agg.loc["rural", "elections"] == len(load_results())
    for level in ("district", "rural"):
        row = agg.loc[level]
        assert row["uncontested_low"] <= row["uncontested_share"] <= row["uncontested_high"]
        assert row["candidates_n"] > 0
