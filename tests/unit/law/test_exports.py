"""The public API of ``tandau.law`` is what ``__all__`` lists, and nothing else is needed."""

from __future__ import annotations

from public_api import check_all_resolves_sorted, check_exported

import tandau.law


def test_all_names_resolve_and_are_sorted() -> None:
    check_all_resolves_sorted(tandau.law)


def test_key_entry_points_are_exported() -> None:
    check_exported(
        tandau.law,
        {
            "load_ruleset",
            "election_calendar",
            "signatures_required",
            "check_candidate",
            "check_voter",
            "decide_outcome",
            "InvalidInput",
        },
    )


def test_law_imports_only_what_it_may() -> None:
    """``tandau.law`` imports the standard library, pydantic, the root error and i18n only."""
    import ast
    import sys
    from pathlib import Path

    allowed_tandau = {"tandau.crypto.errors", "tandau.i18n"}
    package = Path(tandau.law.__file__).parent
    offenders: list[str] = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                ok = top in sys.stdlib_module_names or top == "pydantic" or name in allowed_tandau
                if not ok:
                    offenders.append(f"{path.name}: {name}")
    assert not offenders, offenders
