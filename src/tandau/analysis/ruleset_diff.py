"""What changed between two dated rulesets of the election law, article by article.

Rulesets are the law layer's data (``tandau/law/rulesets/*.json``): every
parameter is a leaf ``{"value", "article", "source", "confidence", …}``.  The
diff walks both trees and lists each parameter whose value, article or
confidence differs, or that one ruleset has and the other lacks, grouped by
article — the legislator's "what changed in the law" table.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tandau.law import raw_ruleset

__all__ = ["diff_rulesets", "parameters", "ruleset_changes"]


def parameters(tree: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``(rule id, leaf)`` of a ruleset's parameter tree (``calendar.term`` …)."""
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and "value" in value and "article" in value:
            yield path, value
        elif isinstance(value, dict):
            yield from parameters(value, path)


def _summary(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: data.get(key)
        for key in ("id", "version", "revised", "effective_from", "effective_until", "office")
    }


def ruleset_changes(a: str, b: str) -> list[dict[str, Any]]:
    """Just the changes of :func:`diff_rulesets`."""
    changes: list[dict[str, Any]] = diff_rulesets(a, b)["changes"]
    return changes


def diff_rulesets(a: str, b: str) -> dict[str, Any]:
    """The changes from ruleset ``a`` to ruleset ``b`` (IDs or paths), by article.

    Each change: ``rule``, ``change`` (``changed`` / ``added`` / ``removed``), the
    article, value, confidence and source before and after.
    """
    old, new = raw_ruleset(a), raw_ruleset(b)
    before = dict(parameters(old["parameters"]))
    after = dict(parameters(new["parameters"]))
    changes: list[dict[str, object]] = []
    for rule in sorted(before.keys() | after.keys()):
        x, y = before.get(rule), after.get(rule)
        if x is not None and y is not None:
            fields = ("value", "article", "confidence")
            if all(x.get(f) == y.get(f) for f in fields):
                continue
            kind = "changed"
        else:
            kind = "added" if x is None else "removed"
        changes.append(
            {
                "rule": rule,
                "change": kind,
                "article": (y or x or {}).get("article"),
                "before": None if x is None else _leaf(x),
                "after": None if y is None else _leaf(y),
            }
        )
    by_article: dict[str, list[str]] = {}
    for change in changes:
        by_article.setdefault(str(change["article"]), []).append(str(change["rule"]))
    return {
        "from": _summary(old),
        "to": _summary(new),
        "unchanged": len(before.keys() & after.keys())
        - sum(c["change"] == "changed" for c in changes),
        "changes": changes,
        "by_article": dict(sorted(by_article.items())),
    }


def _leaf(leaf: Mapping[str, Any]) -> dict[str, object]:
    return {k: leaf.get(k) for k in ("value", "article", "confidence", "source")}
