"""`tandau demo`: a complete simulated election on a fresh SQLite file (issue 3 §6).

Trustees 3-of-5 run the dealer-free ceremony (one of them is then absent at
decryption), voters cast encrypted ballots with some re-votes and some
audited (spoiled) ballots, one voter's e-ballot is cancelled by a paper vote,
the trustees decrypt the tally, the ruleset decides the outcome, the record
is written to DIR/record and the standalone verifier checks it.

The election is driven in process by ``tandau.admin.simulation`` (the same
driver as the web demo, the benchmarks and the test worlds); the manifest and
the results are the commission's own (``tandau.cli.steps``, ``tandau.cli.results``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.rng import DeterministicRng, Rng, SystemRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.i18n import CLI
from tandau.law import load_ruleset
from tandau.protocol import events as ev
from tandau.protocol.ballot import audit_ballot
from tandau.protocol.credentials import new_code
from tandau.protocol.manifest import Manifest
from tandau.storage import SqlBoardStore, upgrade
from tandau_verify.report import Report

from .auditor import default_jobs, run_verifier
from .errors import guarded
from .output import emit, say
from .progress import progress
from .record import export_record
from .results import compute_results, outcome_line
from .steps import ElectionSpec, build_manifest

__all__ = ["demo", "run_demo"]

TRUSTEES = 5
THRESHOLD = 3
ABSENT = 3  # the trustee who does not come to decrypt


def _names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _spec(candidates: int) -> ElectionSpec:
    return ElectionSpec(
        election_id="demo-akim-2026",
        unit_code="000000000",
        unit_name=_names("Демо округ", "Демо округ", "Demo okrug"),
        ruleset="kz-rural-akim-2023",
        polling_day="2026-09-17",
        candidates=tuple(
            (
                _names(f"Кандидат {i}", f"Кандидат {i}", f"Candidate {i}"),
                None if i % 2 else "Demo party",
            )
            for i in range(1, candidates + 1)
        ),
        trustees=tuple(driver.trustee_name(i) for i in range(1, TRUSTEES + 1)),
        threshold=THRESHOLD,
        title=_names(
            "Ауыл округі әкімінің сайлауы (демо)",
            "Выборы акима сельского округа (демо)",
            "Election of the rural okrug akim (demo)",
        ),
    )


def run_demo(
    voters: int,
    candidates: int,
    out: Path,
    seed: str | None = None,
    *,
    verify: bool = True,
    jobs: int = 1,
) -> dict[str, Any]:
    """Run the whole election; return the results, the outcome and the verifier's checks."""
    return _run(voters, candidates, out, seed, verify, jobs)[0]


def _run(
    voters: int, candidates: int, out: Path, seed: str | None, verify: bool, jobs: int
) -> tuple[dict[str, Any], Manifest, Report | None]:
    rng: Rng = DeterministicRng(seed.encode()) if seed else SystemRng()
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.sqlite3"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    upgrade(url)
    head_key = HeadSigningKey.generate(rng)
    manifest = build_manifest(_spec(candidates), head_key.verify_key.hex())
    fp = manifest.fingerprint
    k = len(manifest.options)
    record = out / "record"
    with SqlBoardStore.from_url(url) as store:
        board = Board(store, manifest.election_id, key=head_key)
        svc = ElectionService(board)
        # Key ceremony: each step is what `tandau trustee` runs on an offline laptop.
        trustees = driver.key_ceremony(fp, TRUSTEES, THRESHOLD, rng)
        # Credentials: the registrar keeps the codes; the board gets the public list.
        creds = driver.credentials(manifest, [new_code(rng) for _ in range(voters)])
        driver.set_up(svc, manifest, trustees, creds)
        key = trustees.joint_key
        pick = DeterministicRng(b"demo-choices" + (seed or "").encode())
        audited = revoted = 0
        with progress(CLI.progress_casting, voters) as advance:
            for n, cred in enumerate(creds):
                choice = int.from_bytes(pick(2), "big") % k
                if n % 50 == 7:  # a voter audits first: the device's ballot is opened, spoiled
                    audit_ballot(key, *driver.vote(manifest, key, cred, choice, rng))
                    audited += 1
                driver.cast(svc, manifest, key, cred, choice, rng)
                if n % 40 == 3:  # a re-vote: only the last ballot of a credential counts
                    driver.cast(svc, manifest, key, cred, (choice + 1) % k, rng)
                    revoted += 1
                advance(1)
        svc.cancel(creds[0].public.hex(), "P-1")  # voter 0 then voted on paper
        svc.close()
        paper = {o.id: int(i == 0) for i, o in enumerate(manifest.options)}
        svc.post(
            ev.PAPER_PROTOCOL,
            {
                "precinct": "P-1",
                "voters_on_list": 1,
                "ballots_issued": 1,
                "ballots_cast": 1,
                "invalid": 0,
                "votes": paper,
                "annulled": False,
                "corrects": None,
            },
        )
        tally = driver.post_tally(svc)
        present = [j for j in range(1, TRUSTEES + 1) if j != ABSENT]  # any 3 of the other 4
        driver.post_shares(svc, trustees, present, tally.ciphertexts, rng)
        results = compute_results(svc.sync(), load_ruleset(manifest.ruleset))
        svc.post(ev.RESULTS, results)
        board.head()
        with progress(CLI.progress_export, board.size()) as advance:
            export_record(board, manifest, record, advance)
    summary: dict[str, Any] = {
        "results": results,
        "outcome": results["outcome"],
        "record": str(record),
        "database": str(db),
        "ballots_audited": audited,
        "revotes": revoted,
    }
    report = run_verifier(record, jobs) if verify else None
    if report is not None:
        summary["verification"] = _verification(report)
    return summary, manifest, report


def _verification(report: Report) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "checks": [
            {"id": c.id, "title": c.title, "passed": c.passed, "count": c.count, "detail": c.detail}
            for c in report.checks.values()
        ],
    }


@guarded
def demo(
    voters: Annotated[int, typer.Option("--voters", min=1, max=1_000_000)] = 200,
    candidates: Annotated[
        int, typer.Option("--candidates", min=2, max=64, help="At least two.")
    ] = 3,
    out: Annotated[Path, typer.Option("--out")] = Path("out/demo"),
    seed: Annotated[str | None, typer.Option("--seed", help="deterministic, tests only")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", min=1, max=64, help="Verifier processes.")
    ] = None,
) -> None:
    """Run a complete simulated verifiable election, write its record and verify it.

    The verifier's numbered checks and the outcome go to standard error; the
    summary (results, outcome, checks) is JSON on standard output.
    """
    summary, manifest, report = _run(voters, candidates, out, seed, True, jobs or default_jobs())
    assert report is not None
    report.print(sys.stderr)
    message, params = outcome_line(summary["results"], manifest)
    say(message, **params)
    emit(summary)
    if not report.ok:
        raise typer.Exit(1)
