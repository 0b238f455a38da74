"""Manifest rules M1–M5 and the fingerprint (record spec §R2)."""

import dataclasses

import pytest
from election_builders import make_manifest

from tandau.crypto.selection import SelectionRule
from tandau.protocol.errors import InvalidObject
from tandau.protocol.manifest import Manifest


def test_round_trip_keeps_fingerprint() -> None:
    m = make_manifest()
    again = Manifest.from_dict(m.to_dict())
    assert again == m
    assert again.fingerprint == m.fingerprint
    assert len(m.fingerprint) == 32


def test_fingerprint_changes_with_any_field() -> None:
    base = make_manifest()
    assert make_manifest(candidates=4).fingerprint != base.fingerprint
    assert make_manifest(election_id="other").fingerprint != base.fingerprint
    assert make_manifest(threshold=3).fingerprint != base.fingerprint


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("mode", "internet", "M1"),
        ("threshold", 0, "threshold"),
        ("threshold", 4, "M4"),
        ("commission_key", "zz" * 32, "M5"),
        ("commission_key", "11", "M5"),
    ],
)
def test_manifest_rules_refuse(field: str, value: object, rule: str) -> None:
    d = make_manifest().to_dict()
    d[field] = value
    with pytest.raises(InvalidObject, match=rule):
        Manifest.from_dict(d)


def test_duplicate_option_ids_refused() -> None:
    d = make_manifest().to_dict()
    d["options"][1]["id"] = d["options"][0]["id"]
    with pytest.raises(InvalidObject, match="M2"):
        Manifest.from_dict(d)


def test_trustees_must_be_numbered_from_one() -> None:
    d = make_manifest().to_dict()
    d["trustees"][0]["index"] = 7
    with pytest.raises(InvalidObject, match="M3"):
        Manifest.from_dict(d)


@pytest.mark.parametrize("key", ["version", "options", "rule", "unit"])
def test_missing_field_named(key: str) -> None:
    d = make_manifest().to_dict()
    del d[key]
    with pytest.raises(InvalidObject) as err:
        Manifest.from_dict(d)
    assert err.value.details["field"] == key


def test_unknown_field_refused() -> None:
    d = make_manifest().to_dict()
    d["extra"] = 1
    with pytest.raises(InvalidObject) as err:
        Manifest.from_dict(d)
    assert err.value.details["field"] == "extra"


@pytest.mark.parametrize(
    ("per_option", "counted", "bound"), [(1, 0, 1), (1, 7, 7), (3, 0, 3), (3, 5, 15)]
)
def test_tally_bound_is_counted_times_per_option(per_option: int, counted: int, bound: int) -> None:
    """Record spec §R7.2: totals are searched in [0, max(counted, 1) · per_option].

    An option of a rule allowing several marks can hold more than one vote per ballot.
    """
    m = make_manifest()
    rule = SelectionRule(m.rule.options, per_option, 1, per_option)
    assert dataclasses.replace(m, rule=rule).tally_bound(counted) == bound
