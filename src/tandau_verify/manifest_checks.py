"""V1 and V12 for the manifest: every field of record spec §R2, nothing else."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tandau.crypto.canonical import dumps
from tandau.crypto.hashing import hash_bytes

from .report import Report
from .state import Malformed, Replay, exact_keys, hex_bytes, integer, text

__all__ = ["MODES", "check_manifest"]

MODES = ("polling-station", "remote-pilot", "community")
KINDS = ("candidate", "against_all", "answer")
LANGS = {"kk", "ru", "en"}
KEYS = {
    "version", "election_id", "title", "unit", "office", "ruleset", "polling_day",
    "mode", "options", "rule", "trustees", "threshold", "commission_key",
}  # fmt: skip
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _names(value: Any, where: str) -> None:
    d = exact_keys(value, where, LANGS)
    for lang in sorted(LANGS):
        text(d[lang], f"{where}.{lang}")


def _fields(m: dict[str, Any]) -> None:
    """§R2.1 field by field; raises Malformed naming the first bad field."""
    exact_keys(m, "manifest", KEYS)
    if m["version"] != "tandau/v1":
        raise Malformed("manifest.version", f"unknown version {str(m['version'])[:40]!r}")
    text(m["election_id"], "manifest.election_id", 128)
    _names(m["title"], "manifest.title")
    unit = exact_keys(m["unit"], "manifest.unit", {"code", "name"})
    text(unit["code"], "manifest.unit.code", 32)
    _names(unit["name"], "manifest.unit.name")
    text(m["office"], "manifest.office", 64)
    text(m["ruleset"], "manifest.ruleset", 64)
    day = text(m["polling_day"], "manifest.polling_day", 10)
    try:
        if not _DAY.fullmatch(day):
            raise ValueError(day)
        date.fromisoformat(day)
    except ValueError as exc:
        raise Malformed("manifest.polling_day", "must be a date YYYY-MM-DD") from exc
    if m["mode"] not in MODES:
        raise Malformed("manifest.mode", f"M1: unknown mode {str(m['mode'])[:40]!r}")
    options = m["options"]
    if not isinstance(options, list) or not 1 <= len(options) <= 256:
        raise Malformed("manifest.options", "M2: a list of 1 to 256 options")
    ids = []
    for i, o in enumerate(options):
        where = f"manifest.options[{i}]"
        exact_keys(o, where, {"id", "kind", "name", "party"})
        ids.append(text(o["id"], f"{where}.id", 64))
        if o["kind"] not in KINDS:
            raise Malformed(f"{where}.kind", f"unknown option kind {str(o['kind'])[:40]!r}")
        _names(o["name"], f"{where}.name")
        if o["party"] is not None:
            text(o["party"], f"{where}.party")
    if len(set(ids)) != len(ids):
        raise Malformed("manifest.options", "M2: option ids must be unique")
    rule = exact_keys(m["rule"], "manifest.rule", {"per_option", "min_sum", "max_sum"})
    per = integer(rule["per_option"], "manifest.rule.per_option", 1, 63)
    lo = integer(rule["min_sum"], "manifest.rule.min_sum", 0, 1 << 16)
    hi = integer(rule["max_sum"], "manifest.rule.max_sum", 0, 1 << 16)
    if lo > hi or hi > per * len(ids) or hi - lo + 1 > 64:  # crypto.md §5.2
        raise Malformed(
            "manifest.rule", "min_sum ≤ max_sum ≤ K·per_option and max_sum − min_sum + 1 ≤ 64"
        )
    trustees = m["trustees"]
    if not isinstance(trustees, list) or not 1 <= len(trustees) <= 255:
        raise Malformed("manifest.trustees", "a list of 1 to 255 trustees")
    for i, t in enumerate(trustees):
        exact_keys(t, f"manifest.trustees[{i}]", {"index", "name"})
        if integer(t["index"], f"manifest.trustees[{i}].index") != i + 1:
            raise Malformed("manifest.trustees", "M3: trustees are numbered 1..n in order")
        text(t["name"], f"manifest.trustees[{i}].name")
    integer(m["threshold"], "manifest.threshold", 1, len(trustees))
    hex_bytes(m["commission_key"], "manifest.commission_key", 32)


def check_manifest(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    """Entry 0, once; every field valid (V12); the fingerprint (V1, §R2.3)."""
    if seq != 0 or rp.manifest is not None:
        report.fail("V1", f"entry {seq}: the manifest must be entry 0, once")
        return
    exact_keys(p, "payload", {"manifest"})
    m = p["manifest"]
    try:
        _fields(m)
    except Malformed as exc:
        report.fail("V12", f"entry {seq} (election.manifest): {exc}")
        return
    if m["election_id"] != rp.election:
        report.fail("V1", "the manifest's election_id is not the record's election")
    rp.manifest = m
    rp.fingerprint = hash_bytes("manifest", dumps(m))[:32]
    report.note("V1")
