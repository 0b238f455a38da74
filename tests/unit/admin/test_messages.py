"""Admin messages are translated; every rule has a test citing its article."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from catalogue_checks import translations

from tandau.admin.errors import Refused, admin_violation, calendar_violation
from tandau.admin.messages import ADMIN_RULES, CALENDAR_MESSAGES, all_messages
from tandau.i18n import SUPPORTED_LOCALES
from tandau.law import builtin_ids, load_ruleset

HERE = Path(__file__).parent
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _docstrings() -> list[str]:
    out: list[str] = []
    for path in sorted(HERE.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = ast.get_docstring(node)
                if doc:
                    out.append(" ".join(doc.split()))
    return out


def test_every_admin_rule_has_a_test_citing_its_article() -> None:
    docs = _docstrings()
    missing = [
        f"{rule} ({r.article})"
        for rule, r in ADMIN_RULES.items()
        if not any(f"`{rule}` ({r.article})" in d for d in docs)
    ]
    assert not missing, "admin rules without a test citing their article:\n" + "\n".join(missing)


@pytest.mark.parametrize("ruleset_id", builtin_ids())
def test_every_calendar_rule_the_admin_enforces_has_a_test(ruleset_id: str) -> None:
    """The deadlines cite the ruleset's parameter; the tests cite the rural 2023 articles,
    and every shipped ruleset holds the same parameter."""
    docs = _docstrings()
    rules = load_ruleset("kz-rural-akim-2023").rules()
    for rule in CALENDAR_MESSAGES:
        assert rule in load_ruleset(ruleset_id).rules()
        assert any(f"`{rule}` ({rules[rule].article})" in d for d in docs), rule


def test_rule_ids_are_stable_dotted_names() -> None:
    for rule in ADMIN_RULES:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", rule), rule
        assert ADMIN_RULES[rule].confidence in {"C", "S", "U"}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_admin_msgid_is_translated(locale: str) -> None:
    for message, text in translations(locale, all_messages()):
        if locale != "en":
            assert CYRILLIC.search(text), (locale, message.msgid)


def test_a_refusal_speaks_three_languages() -> None:
    """`decisions.quorum` (CLE Ch. 10-2): a refusal names its rule and article in kk, ru, en."""
    err = Refused([admin_violation("decisions.quorum", present=2, members=5)])
    assert err.code == "admin.refused"
    assert err.localized["ru"] == (
        "Комиссия принимает решения при участии более половины своих членов: участвовали 2 из 5."
    )
    assert err.to_dict()["violations"] == [
        {
            "rule": "decisions.quorum",
            "article": "CLE Ch. 10-2",
            "confidence": "U",
            "message": err.localized,
            "details": {},
        }
    ]
    deadline = calendar_violation(
        load_ruleset("kz-rural-akim-2021"), "calendar.nomination_closes", closes="2021-07-09 18:00"
    )
    assert deadline.confidence == "C"
    assert "2021-07-09 18:00" in deadline.message["kk"]
    with pytest.raises(ValueError):
        Refused([])


def test_the_commission_guide_names_real_rules_and_all_admin_rules() -> None:
    """The guide is held to the code: every backquoted rule ID exists, every admin rule is in it."""
    guide = (HERE.parents[2] / "docs" / "guides" / "commission-admin.md").read_text("utf-8")
    named = set(re.findall(r"`([a-z_]+\.[a-z_]+)(?:\.[a-z_*]+)?`", guide))
    known = set(ADMIN_RULES) | set(load_ruleset("kz-rural-akim-2023").rules())
    groups = {rule.split(".")[0] for rule in known}
    assert {n for n in named if n.split(".")[0] in groups} <= known
    assert set(ADMIN_RULES) <= named, set(ADMIN_RULES) - named
