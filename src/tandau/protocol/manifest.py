"""The election manifest and its fingerprint (record spec §R2).

The manifest fixes what is being decided: the unit and office, the ruleset,
the options in ballot order (candidates, then "against all" where the ruleset
has it), the selection rule, the trustees and threshold, the voting mode and
the commission's Ed25519 key for signed board heads.  Its fingerprint — the
first 32 bytes of H("manifest", canonical bytes) — enters every proof and
signature of the election.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandau.crypto.canonical import dumps
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.selection import SelectionRule

from .errors import InvalidObject
from .fields import expect_keys, get_dict, get_int, get_list, get_str

__all__ = [
    "MAX_NAME",
    "MODES",
    "Manifest",
    "Option",
    "Trustee",
]

#: Voting modes: only polling-station e-voting has a legal basis today (CLE Ch. 9-1);
#: remote voting is a labelled pilot, and community questions may use it.
MODES = ("polling-station", "remote-pilot", "community")
OPTION_KINDS = ("candidate", "against_all", "answer")
LANGS = ("kk", "ru", "en")
#: The longest option name or party name a manifest holds (characters).
MAX_NAME = 256


def _names(d: Any, what: str) -> dict[str, str]:
    expect_keys(d, what, set(LANGS))
    return {lang: get_str(d, lang, MAX_NAME) for lang in LANGS}


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    kind: str
    name: dict[str, str]
    party: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": dict(self.name), "party": self.party}

    @classmethod
    def from_dict(cls, d: Any) -> Option:
        expect_keys(d, "option", {"id", "kind", "name", "party"})
        kind = get_str(d, "kind")
        if kind not in OPTION_KINDS:
            raise InvalidObject("unknown option kind", field="kind")
        party = d["party"]
        if party is not None and (not isinstance(party, str) or len(party) > MAX_NAME):
            raise InvalidObject("party must be a string or null", field="party")
        return cls(get_str(d, "id", 64), kind, _names(d["name"], "name"), party)


@dataclass(frozen=True, slots=True)
class Trustee:
    index: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name}

    @classmethod
    def from_dict(cls, d: Any) -> Trustee:
        expect_keys(d, "trustee", {"index", "name"})
        return cls(get_int(d, "index", 1, 255), get_str(d, "name"))


@dataclass(frozen=True, slots=True)
class Manifest:
    election_id: str
    title: dict[str, str]
    unit_code: str
    unit_name: dict[str, str]
    office: str
    ruleset: str
    polling_day: str
    mode: str
    options: tuple[Option, ...]
    rule: SelectionRule
    trustees: tuple[Trustee, ...]
    threshold: int
    commission_key: str

    def __post_init__(self) -> None:
        # Manifest rules M1–M5 (record spec §R2.2).
        if self.mode not in MODES:
            raise InvalidObject("M1: unknown voting mode", field="mode")
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids) or len(ids) != self.rule.options:
            raise InvalidObject(
                "M2: option ids must be unique, one per selection slot", field="options"
            )
        indices = sorted(t.index for t in self.trustees)
        if indices != list(range(1, len(indices) + 1)):
            raise InvalidObject("M3: trustees are numbered 1..n", field="trustees")
        if not 1 <= self.threshold <= len(self.trustees):
            raise InvalidObject("M4: threshold must be in [1, n]", field="threshold")
        if len(self.commission_key) != 64:
            raise InvalidObject("M5: the commission key is 32 bytes hex", field="commission_key")
        try:
            bytes.fromhex(self.commission_key)
        except ValueError as exc:
            raise InvalidObject("M5: the commission key is hex", field="commission_key") from exc

    def tally_bound(self, counted: int) -> int:
        """The largest total an option can have: max(counted, 1) · per_option (record spec §R7.2).

        The decryption searches each total in [0, bound]; a claimed count of
        ballots never sizes it beyond what the selection rule allows.
        """
        return max(counted, 1) * self.rule.per_option

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": "tandau/v1",
            "election_id": self.election_id,
            "title": dict(self.title),
            "unit": {"code": self.unit_code, "name": dict(self.unit_name)},
            "office": self.office,
            "ruleset": self.ruleset,
            "polling_day": self.polling_day,
            "mode": self.mode,
            "options": [o.to_dict() for o in self.options],
            "rule": {
                "per_option": self.rule.per_option,
                "min_sum": self.rule.min_sum,
                "max_sum": self.rule.max_sum,
            },
            "trustees": [t.to_dict() for t in self.trustees],
            "threshold": self.threshold,
            "commission_key": self.commission_key,
        }

    @classmethod
    def from_dict(cls, d: Any) -> Manifest:
        keys = {
            "version", "election_id", "title", "unit", "office", "ruleset", "polling_day",
            "mode", "options", "rule", "trustees", "threshold", "commission_key",
        }  # fmt: skip
        expect_keys(d, "manifest", keys)
        if d["version"] != "tandau/v1":
            raise InvalidObject("unsupported manifest version", field="version")
        unit = get_dict(d, "unit")
        expect_keys(unit, "unit", {"code", "name"})
        rule = get_dict(d, "rule")
        expect_keys(rule, "rule", {"per_option", "min_sum", "max_sum"})
        options = tuple(Option.from_dict(o) for o in get_list(d, "options", 256))
        try:
            sel_rule = SelectionRule(
                len(options),
                get_int(rule, "per_option", 1, 63),
                get_int(rule, "min_sum", 0, 1 << 16),
                get_int(rule, "max_sum", 0, 1 << 16),
            )
        except ValueError as exc:
            raise InvalidObject(f"rule: {exc}", field="rule") from exc
        return cls(
            election_id=get_str(d, "election_id", 128),
            title=_names(d["title"], "title"),
            unit_code=get_str(unit, "code", 32),
            unit_name=_names(unit["name"], "unit.name"),
            office=get_str(d, "office", 64),
            ruleset=get_str(d, "ruleset", 64),
            polling_day=get_str(d, "polling_day", 10),
            mode=get_str(d, "mode", 32),
            options=options,
            rule=sel_rule,
            trustees=tuple(Trustee.from_dict(t) for t in get_list(d, "trustees", 255)),
            threshold=get_int(d, "threshold", 1, 255),
            commission_key=get_str(d, "commission_key", 64),
        )

    def canonical(self) -> bytes:
        return dumps(self.to_dict())

    @property
    def fingerprint(self) -> bytes:
        """32 bytes binding every proof and signature to this election (§R2.3)."""
        return hash_bytes("manifest", self.canonical())[:32]
