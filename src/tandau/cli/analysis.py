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
"""

from __future__ import annotations

from typing import Annotated

import typer

from tandau.analysis import metrics_of, winner_of
from tandau.cli.law import _decide, _JsonUsageErrors, _stdin
from tandau.law import MissingField

__all__ = ["analysis_app"]

analysis_app = typer.Typer(
    name="analysis",
    help="Election metrics, voting rules compared, the results dataset and simulations.",
    no_args_is_help=True,
    cls=_JsonUsageErrors,
)


@analysis_app.command("metrics")
def metrics() -> None:
    """Metrics of one election (its figures as JSON on stdin)."""
    _decide(lambda: metrics_of(_stdin()))


@analysis_app.command("winner")
def winner(
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule", help="plurality, runoff, irv, borda, condorcet or approval."
        ),
    ] = None,
) -> None:
    """The winner of a profile of ballots (as JSON on stdin) under a voting rule."""

    def produce() -> object:
        if rule is None:
            raise MissingField("rule")
        return winner_of(_stdin(), rule)

    _decide(produce)
