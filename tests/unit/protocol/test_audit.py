"""Benaloh audit (spec V5.2.7): the opening re-encrypts to the ballot and obeys the rule."""

from __future__ import annotations

import dataclasses

import pytest
from election_builders import make_credentials, make_key, make_manifest, one_hot

from tandau.crypto.elgamal import encrypt
from tandau.crypto.group import Scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import Opening
from tandau.protocol.ballot import audit_ballot, create_ballot
from tandau.protocol.errors import AuditError

MANIFEST = make_manifest(3)
KEY = make_key()
CRED = make_credentials(MANIFEST, 1)[0]
K = len(MANIFEST.options)


def test_an_honest_opening_returns_the_choice() -> None:
    rng = DeterministicRng(b"audit")
    ballot, opening = create_ballot(
        MANIFEST.fingerprint, KEY.public, MANIFEST.rule, one_hot(K, 2), CRED, rng
    )
    assert audit_ballot(KEY.public, ballot, opening, MANIFEST.rule) == tuple(one_hot(K, 2))


def test_an_opening_that_shows_another_choice_fails() -> None:
    rng = DeterministicRng(b"audit-lie")
    ballot, opening = create_ballot(
        MANIFEST.fingerprint, KEY.public, MANIFEST.rule, one_hot(K, 0), CRED, rng
    )
    lie = Opening(tuple(one_hot(K, 1)), opening.nonces)
    with pytest.raises(AuditError):
        audit_ballot(KEY.public, ballot, lie, MANIFEST.rule)


def test_choices_that_break_the_rule_fail_even_when_they_re_encrypt() -> None:
    # A device that encrypted "no option at all" and reveals it faithfully still
    # fails the audit: the rule asks for exactly one mark.
    rng = DeterministicRng(b"audit-rule")
    ballot, _ = create_ballot(
        MANIFEST.fingerprint, KEY.public, MANIFEST.rule, one_hot(K, 0), CRED, rng
    )
    nonces = tuple(Scalar(7 + i) for i in range(K))
    zeros = tuple(0 for _ in range(K))
    forged = dataclasses.replace(
        ballot,
        selection=dataclasses.replace(
            ballot.selection,
            ciphertexts=tuple(encrypt(KEY.public, 0, r) for r in nonces),
        ),
    )
    opening = Opening(zeros, nonces)
    assert audit_ballot(KEY.public, forged, opening) == zeros  # re-encryption alone passes
    with pytest.raises(AuditError, match="selection rule"):
        audit_ballot(KEY.public, forged, opening, MANIFEST.rule)
