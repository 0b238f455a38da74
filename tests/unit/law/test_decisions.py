"""Violations and reasons cite the ruleset parameter behind them."""

from __future__ import annotations

from tandau.law import Eligibility, Ruleset
from tandau.law.decisions import cite


def test_cite_takes_article_and_confidence_from_the_ruleset(rural2023: Ruleset) -> None:
    v = cite(rural2023, "candidate.bars.imprisoned")
    param = rural2023.parameters.candidate.bars
    assert (v.article, v.confidence) == (param.article, param.confidence)
    assert v.to_dict()["rule"] == "candidate.bars.imprisoned"
    assert set(v.to_dict()) == {"rule", "article", "confidence", "message", "details"}


def test_eligible_exactly_when_nothing_refuses(rural2023: Ruleset) -> None:
    assert Eligibility(()).eligible
    refused = Eligibility((cite(rural2023, "voter.citizen"),))
    assert not refused.eligible
    assert refused.to_dict()["violations"][0]["rule"] == "voter.citizen"
