"""The public API of ``tandau.admin`` is what ``__all__`` lists (pinned here)."""

from __future__ import annotations

import tandau.admin


def test_all_names_resolve_and_are_sorted() -> None:
    names = tandau.admin.__all__
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    for name in names:
        assert getattr(tandau.admin, name) is not None


def test_the_services_are_exported() -> None:
    assert {
        "Administration",
        "UnitService",
        "DistrictService",
        "CommissionService",
        "LifecycleService",
        "NominationService",
        "VoterListService",
        "ProtocolService",
        "DecisionService",
        "AdminRepository",
        "RowRepository",
        "EventSink",
        "Refused",
    } <= set(tandau.admin.__all__)


def test_admin_does_not_import_storage() -> None:
    """The layers: ``tandau.admin`` reaches storage only through the entry points."""
    import ast
    from pathlib import Path

    root = Path(tandau.admin.__file__).parent
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("tandau.storage"), path.name
