"""Credential codes and keys (record spec §R3)."""

import pytest
from election_builders import make_manifest

from tandau.crypto.group import Point
from tandau.crypto.rng import DeterministicRng
from tandau.protocol.credentials import ALPHABET, derive, new_code, normalize_code
from tandau.protocol.errors import InvalidObject


def test_code_shape_and_check_symbol() -> None:
    code = new_code(DeterministicRng(b"c"))
    groups = code.split("-")
    assert [len(g) for g in groups] == [5, 5, 5, 5, 1]
    assert all(ch in ALPHABET for ch in code.replace("-", ""))
    assert normalize_code(code.lower().replace("-", " ")) == code.replace("-", "")


def test_codes_differ() -> None:
    rng = DeterministicRng(b"many")
    codes = {new_code(rng) for _ in range(500)}
    assert len(codes) == 500


def test_typo_is_caught_by_check_symbol() -> None:
    code = new_code(DeterministicRng(b"t")).replace("-", "")
    wrong = ALPHABET[(ALPHABET.index(code[3]) + 1) % 32]
    typo = code[:3] + wrong + code[4:]
    with pytest.raises(InvalidObject, match="typo"):
        normalize_code(typo)


@pytest.mark.parametrize("bad", ["", "ABC", "0" * 21, "I" * 21])
def test_malformed_codes_refused(bad: str) -> None:
    with pytest.raises(InvalidObject):
        normalize_code(bad)


def test_derivation_is_per_election() -> None:
    code = new_code(DeterministicRng(b"x"))
    a = derive(make_manifest().fingerprint, code)
    b = derive(make_manifest(election_id="other").fingerprint, code)
    assert a.public != b.public
    assert Point.base_mul(a.secret) == a.public
    assert derive(make_manifest().fingerprint, code.lower()) == a
