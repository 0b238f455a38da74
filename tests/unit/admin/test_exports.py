"""The public API of ``tandau.admin`` is what ``__all__`` lists (pinned here)."""

from __future__ import annotations

from public_api import check_all_resolves_sorted, check_exported

import tandau.admin


def test_all_names_resolve_and_are_sorted() -> None:
    check_all_resolves_sorted(tandau.admin, key=lambda n: (not n.isupper(), n))


def test_the_services_are_exported() -> None:
    check_exported(
        tandau.admin,
        {
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
        },
    )


def test_admin_does_not_import_storage() -> None:
    """The layers: ``tandau.admin`` reaches storage only through the entry points."""
    import ast
    from pathlib import Path

    root = Path(tandau.admin.__file__).parent
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("tandau.storage"), path.name
