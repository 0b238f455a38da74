"""``tandau analysis`` commands beyond the scenarios: dataset, simulate, diff-rulesets, bench."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
TINY = ("--elections", "300", "--sample", "20", "--rounds", "1")


def _tandau(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tandau.cli.main", "analysis", *args],
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_dataset_exports_csv_parquet_and_json(tmp_path: Path) -> None:
    csv = _tandau("dataset")
    assert csv.returncode == 0
    table = pd.read_csv(io.BytesIO(csv.stdout))
    assert "alm-talgar-town-2024" in set(table["election_id"])
    out = tmp_path / "results.parquet"
    assert _tandau("dataset", "--format", "parquet", "--out", str(out)).returncode == 0
    assert len(pd.read_parquet(out)) == len(table)
    metrics = json.loads(_tandau("dataset", "--format", "json", "--table", "metrics").stdout)
    assert {"turnout", "enp", "uncontested"} <= set(metrics[0])


def test_dataset_refuses_a_bad_file_naming_row_and_column(tmp_path: Path) -> None:
    header = (ROOT / "src/tandau/analysis/data/akim-results.csv").read_text().splitlines()[0]
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "\nx-1,2021,R,D,U,village,rural,10,20,,,,,,,,,,,https://a.kz,C,\n")
    done = _tandau("dataset", "--source", str(bad))
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert error["problems"][0]["row"] == 2 and error["problems"][0]["column"] == "ballots_cast"
    assert _tandau("dataset", "--format", "xlsx").returncode == 2


def test_simulate_prints_a_reproducible_table() -> None:
    args = ("simulate", "--model", "urn", "--elections", "200", "--seed", "4")
    first, second = _tandau(*args), _tandau(*args)
    assert first.returncode == 0 and first.stdout == second.stdout
    rows = json.loads(first.stdout)["rows"]
    assert {(r["rule_a"], r["rule_b"]) for r in rows} >= {("plurality", "irv")}
    assert _tandau("simulate", "--model", "nope").returncode == 2


def test_diff_rulesets_and_its_errors() -> None:
    done = _tandau("diff-rulesets", "kz-rural-akim-2021", "kz-rural-akim-2023")
    assert done.returncode == 0
    assert json.loads(done.stdout)["changes"]
    assert _tandau("diff-rulesets", "kz-rural-akim-2021").returncode == 2


def test_winner_without_a_rule_is_a_localised_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tandau.cli.main", "analysis", "winner"],
        input=b'{"ballots": [{"ranking": ["a"], "count": 1}]}',
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]["message"]) == {"kk", "ru", "en"}


def test_simulate_bench_runs_and_prints_its_figures() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "simulate.py"), *TINY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    figures = dict(re.findall(r"^([a-z_]+)=([0-9.]+)$", run.stdout, re.MULTILINE))
    assert float(figures["simulate_elections_per_s"]) > 0
    assert float(figures["speedup_vs_per_ballot"]) > 1


def test_dataset_joins_our_own_elections(tmp_path: Path) -> None:
    own = tmp_path / "own.json"
    outcome = {"voters_on_list": 90, "ballots_cast": 60, "invalid": 1, "against_all": 4}
    election = {"election_id": "tandau-pilot", "region": "Akmola", "unit": "Pilot"}
    election |= {"unit_type": "village", "level": "rural"}
    election["outcome"] = outcome | {"votes": {"a": 40, "b": 15}}
    own.write_text(json.dumps({"elections": [election]}))
    done = _tandau("dataset", "--join", str(own), "--format", "json")
    assert done.returncode == 0, done.stdout
    rows = {r["election_id"]: r for r in json.loads(done.stdout)}
    assert rows["tandau-pilot"]["winner_votes"] == 40
    assert rows["tandau-pilot"]["source_url"] == "tandau:record/tandau-pilot"
