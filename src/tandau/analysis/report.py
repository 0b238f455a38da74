"""The report for legislators: one section per question, each with a chart, a table,
the method and the sources (brief (e)); rendered as self-contained HTML and as PDF.

:func:`build_sections` computes everything from the shipped data (pure: data in,
sections out); :func:`render_html` and :func:`render_pdf` only lay them out; the
web pages under ``/analysis`` render the same sections.  Simulations are seeded,
so the same data give the same report.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tandau.i18n import Message

from .charts import BarChart
from .dataset import load_aggregates, load_results
from .electorates import fitted
from .report_text import REPORT_TEXT
from .rules import RULES
from .ruleset_diff import ruleset_changes
from .scorecard import STATUSES, load_charter, load_foreign_models, status_counts
from .simulation import approval_from_rankings
from .tables import Share, metrics_table, share_with_interval
from .whatif import (
    against_all_repeat,
    majority_requirement,
    self_success_ratio,
    signature_threshold_model,
    turnout_threshold,
)

__all__ = ["SECTION_KEYS", "Progress", "Section", "Table", "Words", "build_sections"]

#: The twelve questions, in the order of the brief (e).
SECTION_KEYS = tuple(f"q{i}" for i in range(1, 13))
#: Ruleset pairs the law section compares.
DIFFS = (
    ("kz-rural-akim-2021", "kz-rural-akim-2023"),
    ("kz-rural-akim-2023", "kz-district-akim-2023"),
)
#: Talgar town, 15 Dec 2024, candidates' votes as printed (results row alm-talgar-town-2024).
TALGAR = (9071, 1875, 1140)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    chart: BarChart
    table: Table
    method: str
    sources: list[str]
    n: int


Progress = Callable[[str], None]


class Words:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: object) -> str:
        return REPORT_TEXT[key].render(self.lang, params)

    def msg(self, message: Message) -> str:
        return message.render(self.lang)


def _num(value: object) -> float | None:
    """A float, or ``None`` for a missing value (None, NA, NaN)."""
    if value is None or value is pd.NA:
        return None
    number = float(str(value))
    return None if np.isnan(number) else number


def _pct(value: object) -> str:
    number = _num(value)
    return "—" if number is None else f"{number * 100:.1f}%"


def _ci(low: object, high: object) -> str:
    a, b = _num(low), _num(high)
    return "—" if a is None or b is None else f"{a * 100:.1f}–{b * 100:.1f}%"


def _urls(frame: pd.DataFrame) -> list[str]:
    return sorted({str(u) for u in frame["source_url"].dropna()})


@functools.cache
def _fitted_disagreement() -> dict[str, Share]:
    batch = fitted(np.random.default_rng(2026), 2000, 301, TALGAR)
    plural = RULES["plurality"](batch)[0]
    out = {}
    for name in ("runoff", "irv", "borda", "condorcet", "approval"):
        winners = RULES[name](approval_from_rankings(batch) if name == "approval" else batch)[0]
        out[name] = share_with_interval(pd.Series(winners != plural))
    return out


def build_sections(lang: str, progress: Progress | None = None) -> list[Section]:
    """The report's sections in ``lang`` (kk, ru or en)."""
    w = Words(lang)
    step = progress or (lambda _key: None)
    results, aggregates = load_results(), load_aggregates()
    metrics = metrics_table(results)
    sections: list[Section] = []

    def add(key: str, chart: BarChart, table: Table, sources: list[str], n: int) -> None:
        sections.append(Section(key, w(key), chart, table, w("m" + key[1:]), sources, n))
        step(key)

    # 1. Competitiveness.
    k = metrics["candidates"].dropna().astype(int)
    bins = [int((k == 1).sum()), int((k == 2).sum()), int((k == 3).sum()), int((k >= 4).sum())]
    labels = [w("k_label", k=1), w("k_label", k=2), w("k_label", k=3), w("k4_label")]
    unc = share_with_interval(metrics["uncontested"])
    table = Table(
        [w("col_label"), w("col_value"), w("col_n"), w("col_interval")],
        [
            [w("uncontested"), _pct(unc.share), str(unc.n), _ci(unc.low, unc.high)],
            [w("mean_k"), f"{k.mean():.2f}", str(len(k)), "—"],
            [
                w("mean_enp"),
                f"{metrics['enp'].dropna().mean():.2f}",
                str(int(metrics["enp"].notna().sum())),
                "—",
            ],
        ],
    )
    add(
        "q1",
        BarChart(w("q1"), labels, bins),
        table,
        _urls(results[results["candidates"].notna()]),
        len(k),
    )

    # 2. Turnout.
    known = metrics.dropna(subset=["turnout"]).sort_values("turnout")
    regional = aggregates[aggregates["aggregate_id"].str.startswith("turnout-2021")]
    labels = [*known["election_id"], *("2021: " + regional["scope"])]
    values = [*known["turnout"].astype(float), *regional["turnout_reported"].astype(float)]
    rows = [[str(e), _pct(t)] for e, t in zip(labels, values, strict=True)]
    add(
        "q2",
        BarChart(w("q2"), labels, values, percent=True),
        Table([w("col_election"), w("col_value")], rows),
        _urls(results[results["election_id"].isin(known["election_id"])]) + _urls(regional),
        len(known),
    )

    # 3. Who wins.
    national = aggregates.set_index("aggregate_id").loc["kz-2021-07-25"]
    self_cand = int(str(national["self_nominated"])) / int(str(national["candidates"]))
    sw = share_with_interval(metrics["self_winner"])
    ratio, ratio_rows = self_success_ratio(aggregates)
    ratio_from = aggregates[aggregates["aggregate_id"].isin(ratio_rows)]
    add(
        "q3",
        BarChart(
            w("q3"),
            [w("self_candidates"), w("self_winners")],
            [self_cand, float(sw.share or 0)],
            low=[None, sw.low],
            high=[None, sw.high],
            percent=True,
        ),
        Table(
            [w("col_label"), w("col_value"), w("col_n"), w("col_interval")],
            [
                [w("self_candidates"), _pct(self_cand), str(national["candidates"]), "—"],
                [w("self_winners"), _pct(sw.share), str(sw.n), _ci(sw.low, sw.high)],
                [
                    w("success_ratio"),
                    "—" if ratio is None else f"{ratio:.2f}",
                    ", ".join(ratio_rows),
                    "—",
                ],
            ],
        ),
        [
            str(national["source_url"]),
            *_urls(ratio_from),
            *_urls(results[results["winner_nominated_by"].notna()]),
        ],
        int(sw.n),
    )

    # 4. Women.
    cand = aggregates.dropna(subset=["women_candidates", "candidates"])
    won = aggregates.dropna(subset=["women_winners", "elections"])
    ww = share_with_interval(metrics["woman_winner"])
    labels, values = [], []
    lows: list[float | None] = []
    highs: list[float | None] = []
    for _, r in cand.iterrows():
        labels.append(w("women_candidates", scope=r["scope"]))
        values.append(int(r["women_candidates"]) / int(r["candidates"]))
        lows.append(None)
        highs.append(None)
    for _, r in won.iterrows():
        labels.append(w("women_winners", scope=r["scope"]))
        values.append(int(r["women_winners"]) / int(r["elections"]))
        lows.append(None)
        highs.append(None)
    labels.append(w("women_winners_dataset"))
    values.append(float(ww.share or 0))
    lows.append(ww.low)
    highs.append(ww.high)
    rows = [[lab, _pct(v)] for lab, v in zip(labels, values, strict=True)]
    add(
        "q4",
        BarChart(w("q4"), labels, values, lows, highs, percent=True),
        Table([w("col_label"), w("col_value")], rows),
        _urls(cand) + _urls(won),
        int(ww.n),
    )

    # 5. Against all.
    aa = metrics.dropna(subset=["against_all_share_cast"])
    repeat = against_all_repeat(results)
    rows = [
        [str(r["case"]), str(r["count"]), str(r["n"]), _ci(r["low"], r["high"])]
        for _, r in repeat.iterrows()
    ]
    rows[0][0], rows[1][0] = w("aa_winner"), w("aa_runner")
    add(
        "q5",
        BarChart(
            w("q5"),
            list(aa["election_id"]),
            list(aa["against_all_share_cast"].astype(float)),
            percent=True,
        ),
        Table([w("col_label"), w("col_value"), w("col_n"), w("col_interval")], rows),
        _urls(results[results["against_all"].notna()]),
        len(aa),
    )

    # 6. Runoff and majority.
    sims = _fitted_disagreement()
    maj = majority_requirement(results).iloc[0]
    labels = [w("differs", rule=name) for name in sims]
    values = [float(s.share or 0) for s in sims.values()]
    rows = [
        [lab, _pct(s.share), str(s.n), _ci(s.low, s.high)]
        for lab, s in zip(labels, sims.values(), strict=True)
    ]
    rows.append([w("no_majority"), str(maj["count"]), str(maj["n"]), _ci(maj["low"], maj["high"])])
    add(
        "q6",
        BarChart(
            w("q6"),
            labels,
            values,
            [x.low for x in sims.values()],
            [x.high for x in sims.values()],
            percent=True,
        ),
        Table([w("col_label"), w("col_value"), w("col_n"), w("col_interval")], rows),
        _urls(results[results["election_id"] == "alm-talgar-town-2024"]),
        int(str(maj["n"])),
    )

    # 7. Turnout threshold.
    void = turnout_threshold(metrics)
    labels = [w("void_at", tau=round(float(t) * 100)) for t in void["case"]]
    add(
        "q7",
        BarChart(
            w("q7"),
            labels,
            list(void["share"].astype(float)),
            [_num(x) for x in void["low"]],
            [_num(x) for x in void["high"]],
            percent=True,
        ),
        Table(
            [w("col_label"), w("col_value"), w("col_n"), w("col_interval")],
            [
                [lab, str(r["count"]), str(r["n"]), _ci(r["low"], r["high"])]
                for lab, (_, r) in zip(labels, void.iterrows(), strict=True)
            ],
        ),
        _urls(results[results["election_id"].isin(known["election_id"])]),
        int(void["n"].iloc[0]),
    )

    # 8. Signature threshold (a model).
    model = signature_threshold_model()
    labels = [w("signatures_at", share=float(s) * 100) for s in model["signature_share"]]
    add(
        "q8",
        BarChart(w("q8"), labels, list(model["mean_candidates"].astype(float))),
        Table(
            [w("col_label"), w("col_value"), w("uncontested"), w("col_interval")],
            [
                [
                    lab,
                    f"{r['mean_candidates']:.2f}",
                    _pct(r["uncontested_share"]),
                    _ci(r["low"], r["high"]),
                ]
                for lab, (_, r) in zip(labels, model.iterrows(), strict=True)
            ],
        ),
        [str(national["source_url"])],
        int(str(national["elections"])),
    )

    # 9. The law.
    diffs = [ruleset_changes(a, b) for a, b in DIFFS]
    labels = [w("changes_between", a=a, b=b) for a, b in DIFFS]
    rows = []
    for (a, b), d in zip(DIFFS, diffs, strict=True):
        for c in d:
            rows.append(
                [
                    f"{a} → {b}: {c['rule']}",
                    str(c["article"]),
                    _value(c["before"]),
                    _value(c["after"]),
                ]
            )
    add(
        "q9",
        BarChart(w("q9"), labels, [float(len(d)) for d in diffs]),
        Table([w("col_rule"), w("col_article"), w("col_before"), w("col_after")], rows),
        ["src/tandau/law/rulesets/" + r + ".json" for r in sorted({x for p in DIFFS for x in p})],
        len(rows),
    )

    # 10. Charter.
    charter = load_charter()
    counts = status_counts(charter)
    status = {s: w("status_" + s) for s in STATUSES}
    add(
        "q10",
        BarChart(w("q10"), [status[s] for s in STATUSES], [float(counts[s]) for s in STATUSES]),
        Table(
            [
                w("col_article"),
                w("col_requires"),
                w("col_now"),
                w("col_status"),
                w("col_gap"),
                w("col_source"),
            ],
            [
                [
                    r["article"],
                    r["requires"],
                    r["kazakhstan"],
                    status[r["status"]],
                    r["gap"]
                    if r["status"] != "unknown" or not r["claimed_status"]
                    else f"{r['gap']} ({r['claimed_status']}, {r['confidence']})",
                    r["source"] or "—",
                ]
                for _, r in charter.iterrows()
            ],
        ),
        ["https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=122"],
        len(charter),
    )

    # 11. Foreign models.
    foreign = load_foreign_models()
    direct = foreign["head_chosen"].str.contains("voters, directly")
    add(
        "q11",
        BarChart(
            w("q11"), [w("direct"), w("indirect")], [float(direct.sum()), float((~direct).sum())]
        ),
        Table(
            [
                w("col_country"),
                w("col_tier"),
                w("col_head"),
                w("col_electoral"),
                w("col_term"),
                w("col_source"),
                w("col_gap"),
            ],
            [
                [
                    r[c] or "—"
                    for c in (
                        "country",
                        "lowest_tier",
                        "head_chosen",
                        "electoral_rule",
                        "term",
                        "source",
                        "unconfirmed",
                    )
                ]
                for _, r in foreign.iterrows()
            ],
        ),
        sorted(foreign["source"]),
        len(foreign),
    )

    # 12. Gaps.
    figures = [
        "voters_on_list",
        "ballots_cast",
        "winner_votes",
        "runner_up_votes",
        "against_all",
        "invalid",
        "winner_gender",
        "date",
    ]
    counts_printed = [int(results[f].notna().sum()) for f in figures]
    add(
        "q12",
        BarChart(
            w("q12"), [w("printed", figure=f) for f in figures], [float(c) for c in counts_printed]
        ),
        Table(
            [w("col_label"), w("col_value")],
            [[f, f"{c} / {len(results)}"] for f, c in zip(figures, counts_printed, strict=True)],
        ),
        ["akim-results.md"],
        len(results),
    )
    return sections


def _value(leaf: object) -> str:
    if not isinstance(leaf, dict):
        return "—"
    return str(leaf.get("value"))
