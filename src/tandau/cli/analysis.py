"""``tandau analysis …``: metrics, voting rules, the dataset (researcher, legislator).

The same interface as ``tandau law``: JSON in on standard input, JSON out on
standard output; exit 0 with an answer, exit 2 with
``{"error": {"code", "field", "message": {kk, ru, en}}}`` for invalid input —
including a wrong command line.

- ``metrics`` — one election's figures on stdin → turnout, shares, margin, ENP …
- ``winner --rule plurality|runoff|irv|borda|condorcet|approval`` — ballots on stdin
- ``dataset [--format csv|parquet|json] [--out PATH]`` — the shipped results table
- ``simulate`` — Monte Carlo of the rules on synthetic electorates
- ``diff-rulesets A B`` — what changed between two dated rulesets, article by article
- ``report --out DIR [--lang kk|ru|en]`` — the report for legislators (HTML and PDF)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tandau.analysis import AnalysisInputError, metrics_of, winner_of
from tandau.law import InvalidValue

from .json_commands import answer, decide, json_app, required, stdin_bytes

__all__ = ["analysis_app"]

analysis_app = json_app(
    "analysis", "Election metrics, voting rules compared, the results dataset and simulations."
)


@analysis_app.command("metrics")
def metrics() -> None:
    """Metrics of one election (its figures as JSON on stdin)."""
    decide(lambda: metrics_of(stdin_bytes()))


@analysis_app.command("winner")
def winner(
    rule: Annotated[
        str | None,
        typer.Option("--rule", help="plurality, runoff, irv, borda, condorcet or approval."),
    ] = None,
) -> None:
    """The winner of a profile of ballots (as JSON on stdin) under a voting rule."""

    decide(lambda: winner_of(stdin_bytes(), required("rule", rule)))


@analysis_app.command("dataset")
def dataset(
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or json.")] = "csv",
    table: Annotated[
        str, typer.Option("--table", help="results, aggregates or metrics (per election).")
    ] = "results",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of stdout.")
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option("--source", help="A results CSV to load instead of the shipped one."),
    ] = None,
    join: Annotated[
        Path | None,
        typer.Option("--join", help="Our own elections' outcomes (JSON) to append."),
    ] = None,
) -> None:
    """The real results of akim elections (shipped open data), validated, in a format."""
    import pandas as pd

    from tandau.analysis.dataset import FORMATS, export, load_aggregates, load_results
    from tandau.analysis.own_results import join_results, parse_own_elections
    from tandau.analysis.tables import metrics_table

    def produce() -> bytes:
        if fmt not in FORMATS:
            raise AnalysisInputError(
                "format", "unknown_format", format=fmt, formats=", ".join(FORMATS)
            )

        def results() -> pd.DataFrame:
            table = load_results(source)
            if join is None:
                return table
            return join_results(parse_own_elections(join.read_bytes()), table)

        loaders: dict[str, Callable[[], pd.DataFrame]] = {
            "results": results,
            "aggregates": lambda: load_aggregates(source),
            "metrics": lambda: metrics_table(results()),
        }
        if table not in loaders:
            raise InvalidValue("table")
        return export(loaders[table](), fmt)

    data = answer(produce)
    if out is None:
        typer.get_binary_stream("stdout").write(data)
    else:
        out.write_bytes(data)


@analysis_app.command("diff-rulesets")
def diff_rulesets_cmd(
    a: Annotated[str | None, typer.Argument(help="The earlier ruleset (ID or file).")] = None,
    b: Annotated[str | None, typer.Argument(help="The later ruleset (ID or file).")] = None,
) -> None:
    """What changed between two dated rulesets of the election law, article by article."""
    from tandau.analysis.ruleset_diff import diff_rulesets

    decide(lambda: diff_rulesets(required("a", a), required("b", b)))


@analysis_app.command("simulate")
def simulate_cmd(
    model: Annotated[str, typer.Option("--model", help="ic, urn, spatial1d or spatial2d.")] = "ic",
    elections: Annotated[int, typer.Option("--elections", min=1)] = 10_000,
    voters: Annotated[int, typer.Option("--voters", min=1)] = 101,
    candidates: Annotated[int, typer.Option("--candidates", min=2, max=8)] = 4,
    seed: Annotated[int, typer.Option("--seed")] = 2026,
) -> None:
    """How often the voting rules disagree on synthetic electorates (seeded, with 95 % CIs)."""
    from tandau.analysis.electorates import MODELS
    from tandau.analysis.simulation import disagreement, simulate

    def produce() -> object:
        if model not in MODELS:
            raise InvalidValue("model")
        sim = simulate(model, elections=elections, voters=voters, candidates=candidates, seed=seed)
        return {
            "model": model,
            "elections": elections,
            "voters": voters,
            "candidates": candidates,
            "seed": seed,
            "rows": disagreement(sim).to_dict(orient="records"),
        }

    decide(produce)


@analysis_app.command("report")
def report_cmd(
    out: Annotated[Path | None, typer.Option("--out", help="Directory for the report.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="kk, ru or en.")] = "en",
) -> None:
    """The report for legislators: self-contained HTML and PDF, one section per question."""
    from rich.progress import Progress

    from tandau.analysis.render import write_report
    from tandau.analysis.report import SECTION_KEYS
    from tandau.i18n import SUPPORTED_LOCALES

    def produce() -> object:
        folder = required("out", out)
        if lang not in SUPPORTED_LOCALES:
            raise InvalidValue("lang")
        with Progress(transient=True, console=_progress_console()) as bar:
            task = bar.add_task("report", total=len(SECTION_KEYS) + 1)
            html, pdf = write_report(folder, lang, lambda _key: bar.advance(task))
            bar.advance(task)
        return {"html": str(html), "pdf": str(pdf), "sections": len(SECTION_KEYS)}

    decide(produce)


def _progress_console() -> Console:
    """The progress bar goes to stderr: stdout stays the JSON answer."""
    return Console(stderr=True)
