"""Decryption shares and threshold combination (spec §7)."""

import dataclasses
import json

import pytest

from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    TrusteeShare,
    deal,
    finalize,
    receive,
    setup,
    trustee_share,
)
from tandau.crypto.chaum_pedersen import verify_equality
from tandau.crypto.decryption import (
    Combination,
    DecryptionShare,
    TallyShare,
    combine,
    decrypt_totals,
    decryption_share,
    share_context,
    tally_share,
    verify_decryption_share,
    verify_tally_share,
)
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import ZERO, Ciphertext, PublicKey, encrypt, sum_ciphertexts
from tandau.crypto.errors import (
    CeremonyError,
    DecryptionError,
    EncodingError,
    InvalidShare,
    NonCanonicalPoint,
)
from tandau.crypto.group import GENERATOR, Point, random_scalar
from tandau.crypto.rng import DeterministicRng

FP = b"\x42" * 32
TABLE = DlogTable.for_bound(100)


def ceremony(n: int = 5, t: int = 3) -> tuple[CeremonyResult, list[TrusteeShare]]:
    rng = DeterministicRng(b"decryption")
    params = CeremonyParameters(FP, n, t)
    pairs = [setup(j, f"T{j}", rng) for j in params.indices]
    setups = [s for s, _ in pairs]
    dealings = [deal(params, setups, i, rng)[0] for i in params.indices]
    got = [receive(params, j, pairs[j - 1][1], setups, dealings) for j in params.indices]
    result = finalize(params, dealings, [r for r, _ in got])
    return result, [trustee_share(params, result, dealings, s) for _, s in got]


RESULT, SHARES = ceremony()
VKS = RESULT.verification_key_map()


def tally(key: PublicKey, votes: list[list[int]], seed: bytes = b"votes") -> list[Ciphertext]:
    rng = DeterministicRng(seed)
    options = len(votes[0])
    return [
        sum_ciphertexts([encrypt(key, v[k], random_scalar(rng)) for v in votes])
        for k in range(options)
    ]


VOTES = [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]]
CTS = tally(RESULT.joint_key, VOTES)
TOTALS = (3, 2, 1)


def shares_of(trustees: list[int], seed: bytes = b"shares") -> list[TallyShare]:
    rng = DeterministicRng(seed)
    return [tally_share(SHARES[j - 1], CTS, FP, rng) for j in trustees]


def test_share_is_x_alpha_with_a_proof() -> None:
    key = SHARES[1]
    share = decryption_share(key, CTS[0], FP, DeterministicRng(b"r"), position=0)
    assert share.trustee == 2
    assert share.factor == key.secret * CTS[0].alpha
    verify_decryption_share(share, CTS[0], VKS[2], FP, 0)
    # The proof is a Chaum–Pedersen proof under the documented context.
    verify_equality(GENERATOR, CTS[0].alpha, VKS[2], share.factor, share.proof,
                    share_context(FP, 2, 0))  # fmt: skip


def test_share_is_bound_to_trustee_position_and_election() -> None:
    share = decryption_share(SHARES[1], CTS[0], FP, DeterministicRng(b"r"), position=0)
    with pytest.raises(InvalidShare, match="trustee 2"):
        verify_decryption_share(share, CTS[0], VKS[2], FP, 1)
    with pytest.raises(InvalidShare):
        verify_decryption_share(share, CTS[0], VKS[2], b"\x00" * 32, 0)
    with pytest.raises(InvalidShare):
        verify_decryption_share(share, CTS[0], VKS[3], FP, 0)
    with pytest.raises(InvalidShare):
        verify_decryption_share(share, CTS[1], VKS[2], FP, 0)


@pytest.mark.parametrize("trustees", [[1, 2, 3], [3, 4, 5], [1, 3, 5], [2, 4, 5], [1, 2, 3, 4, 5]])
def test_any_t_trustees_recover_the_totals(trustees: list[int]) -> None:
    combo = combine(CTS, shares_of(trustees), VKS, 3, FP)
    assert combo.used == tuple(trustees[:3]) and combo.skipped == ()
    assert decrypt_totals(CTS, combo, TABLE) == TOTALS


def test_fewer_than_t_trustees_refused() -> None:
    with pytest.raises(CeremonyError, match="fewer than t = 3") as info:
        combine(CTS, shares_of([1, 5]), VKS, 3, FP)
    assert info.value.details["valid"] == [1, 5]


def test_invalid_share_is_named_and_skipped() -> None:
    good = shares_of([1, 2, 3, 4])
    bad = good[1]
    wrong = DecryptionShare(2, bad.shares[0].factor + GENERATOR, bad.shares[0].proof)
    good[1] = TallyShare(2, (wrong, *bad.shares[1:]))
    combo = combine(CTS, good, VKS, 3, FP)
    assert combo.skipped_trustees == (2,)
    assert "trustee 2" in combo.skipped[0][1] and "ciphertext 0" in combo.skipped[0][1]
    assert combo.used == (1, 3, 4)
    assert decrypt_totals(CTS, combo, TABLE) == TOTALS


def test_unknown_duplicate_and_short_shares_are_skipped() -> None:
    shares = shares_of([1, 2, 3])
    short = TallyShare(4, shares_of([4])[0].shares[:2])
    stranger = dataclasses.replace(shares[0], trustee=9, shares=tuple(
        dataclasses.replace(s, trustee=9) for s in shares[0].shares))  # fmt: skip
    combo = combine(CTS, [*shares, shares[0], short, stranger], VKS, 3, FP)
    reasons = dict(combo.skipped)
    assert set(reasons) == {1, 4, 9}
    assert "second share" in reasons[1]
    assert "covers 2 ciphertexts" in reasons[4]
    assert "no verification key" in reasons[9]
    assert decrypt_totals(CTS, combo, TABLE) == TOTALS


def test_verify_tally_share() -> None:
    (share,) = shares_of([2])
    verify_tally_share(share, CTS, VKS[2], FP)
    with pytest.raises(InvalidShare):
        verify_tally_share(share, CTS[::-1], VKS[2], FP)


def test_empty_tally_decrypts_to_zero() -> None:
    cts = [ZERO, ZERO]
    rng = DeterministicRng(b"z")
    shares = [tally_share(SHARES[j - 1], cts, FP, rng) for j in (1, 2, 3)]
    combo = combine(cts, shares, VKS, 3, FP)
    assert decrypt_totals(cts, combo, TABLE) == (0, 0)


def test_total_above_bound_is_refused() -> None:
    combo = combine(CTS, shares_of([1, 2, 3]), VKS, 3, FP)
    with pytest.raises(DecryptionError):
        decrypt_totals(CTS, combo, DlogTable.for_bound(2))
    with pytest.raises(CeremonyError):
        decrypt_totals(CTS[:2], combo, TABLE)


def test_combine_refuses_bad_arguments() -> None:
    with pytest.raises(CeremonyError):
        combine(CTS, shares_of([1, 2, 3]), VKS, 0, FP)
    with pytest.raises(CeremonyError):
        combine([], [], VKS, 1, FP)


def test_wire_forms() -> None:
    (share,) = shares_of([3])
    d = json.loads(json.dumps(share.to_dict()))
    assert set(d) == {"trustee", "factors", "proofs"} and len(d["factors"]) == 3
    assert TallyShare.from_dict(d) == share
    single = share.shares[0]
    assert DecryptionShare.from_dict(json.loads(json.dumps(single.to_dict()))) == single
    bad = dict(d, factors=["ff" * 32, *d["factors"][1:]])
    with pytest.raises(NonCanonicalPoint):
        TallyShare.from_dict(bad)
    with pytest.raises(EncodingError):
        TallyShare.from_dict(dict(d, proofs=d["proofs"][:2]))
    with pytest.raises(EncodingError):
        TallyShare.from_dict(dict(d, trustee=0))
    with pytest.raises(EncodingError):
        DecryptionShare.from_dict({"trustee": 1, "factor": single.factor.hex()})


def test_tally_share_holds_one_trustee() -> None:
    a, b = shares_of([1, 2])
    with pytest.raises(EncodingError):
        TallyShare(1, (a.shares[0], b.shares[1]))
    with pytest.raises(EncodingError):
        TallyShare(1, ())


def test_combination_is_a_value() -> None:
    combo = combine(CTS, shares_of([1, 2, 3]), VKS, 3, FP)
    assert isinstance(combo, Combination)
    assert combo == combine(CTS, shares_of([1, 2, 3], seed=b"again"), VKS, 3, FP)
    assert isinstance(combo.factors[0], Point)
