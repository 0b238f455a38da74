"""Every rule has a test citing its article.

A rule is a parameter of a shipped ruleset (``group.name``).  This test reads the
docstrings of the law unit tests and requires, for each rule, one docstring that
names the rule in backquotes and cites the rule's article, e.g.
``"`candidate.min_age` (CLE Ch. 10-2): …"``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tandau.law import builtin_ids, load_ruleset

HERE = Path(__file__).parent


def _test_docstrings() -> list[str]:
    out: list[str] = []
    for path in sorted(HERE.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = ast.get_docstring(node)
                if doc:
                    out.append(doc)
    return out


def test_every_rule_has_a_test_citing_its_article() -> None:
    docs = _test_docstrings()
    missing: list[str] = []
    for ruleset_id in builtin_ids():
        for rule, param in load_ruleset(ruleset_id).rules().items():
            cited = any(f"`{rule}`" in d and f"({param.article})" in d for d in docs)
            if not cited:
                missing.append(f"{ruleset_id}: {rule} ({param.article})")
    assert not missing, "rules without a test citing their article:\n" + "\n".join(missing)


def test_the_coverage_check_reads_the_tests() -> None:
    """The check sees real docstrings (guards against a glob that finds nothing)."""
    docs = _test_docstrings()
    assert len(docs) > 40
    assert any("`candidate.min_age` (CLE Ch. 10-2)" in d for d in docs)
