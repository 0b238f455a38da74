"""Fixtures for the law tests: the shipped rulesets and researcher variants of them.

A *variant* is what a researcher makes: the stored JSON of a shipped ruleset with some
parameter values changed, validated by the same schema.  Tests use variants to show
that behaviour follows the data, not the code.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from tandau.law import Ruleset, load_ruleset, parse_ruleset, raw_ruleset

Variant = Callable[..., Ruleset]


@pytest.fixture
def rural2021() -> Ruleset:
    return load_ruleset("kz-rural-akim-2021")


@pytest.fixture
def rural2023() -> Ruleset:
    return load_ruleset("kz-rural-akim-2023")


@pytest.fixture
def district2023() -> Ruleset:
    return load_ruleset("kz-district-akim-2023")


def make_variant(base: str = "kz-rural-akim-2023", **values: Any) -> Ruleset:
    """``base`` with ``group__name=value`` parameter values replaced (``calendar__term={...}``)."""
    data = copy.deepcopy(raw_ruleset(base))
    data["id"] = "research-variant"
    for key, value in values.items():
        group, name = key.split("__")
        data["parameters"][group][name]["value"] = value
        if value is None:
            data["parameters"][group][name]["confidence"] = "U"
    return parse_ruleset(json.dumps(data), "research-variant")


@pytest.fixture
def variant() -> Variant:
    return make_variant
