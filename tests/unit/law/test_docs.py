"""The researcher guide and the ADR are held to the shipped rulesets."""

from __future__ import annotations

import json
from pathlib import Path

from tandau.law import builtin_ids, load_ruleset, raw_ruleset

DOCS = Path(__file__).parents[3] / "docs"
GUIDE = DOCS / "guides" / "researcher-rulesets.md"
ADR = DOCS / "adr" / "0003-rulesets-as-data.md"


def _rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `") and line.count("|") == 7:
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_guide_lists_every_parameter_with_values_article_and_confidence() -> None:
    rows = _rows()
    ids = ["kz-rural-akim-2021", "kz-rural-akim-2023", "kz-district-akim-2023"]
    assert sorted(ids) == list(builtin_ids())
    rulesets = [load_ruleset(i) for i in ids]
    raws = [raw_ruleset(i) for i in ids]
    assert set(rows) == set(rulesets[0].rules())
    for path, cells in rows.items():
        group, name = path.split(".")
        values = [
            f"`{json.dumps(r['parameters'][group][name]['value'], ensure_ascii=False)}`"
            for r in raws
        ]
        shown = [values[0] if c == "same" else c for c in cells[:3]]
        assert shown == values, path
        params = [r.rules()[path] for r in rulesets]
        assert cells[3] == params[0].article, path
        confidences = [p.confidence for p in params]
        expected = confidences[0] if len(set(confidences)) == 1 else " / ".join(confidences)
        assert cells[4] == expected, path


def test_adr_records_the_three_decisions() -> None:
    text = ADR.read_text(encoding="utf-8")
    assert "E − (N + 1)" in text and "18:00" in text
    assert "commission_decision_required" in text
    assert "schema" in text
