"""Properties of the threshold ceremony and decryption (spec §4, §6, §7).

Any t of n trustees decrypt the same totals; fewer than t cannot; every
single-field change to a proof, its statement or its context is refused.
"""

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from tandau.crypto.chaum_pedersen import ChaumPedersenProof, prove_equality, verify_equality
from tandau.crypto.decryption import combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import encrypt, sum_ciphertexts
from tandau.crypto.errors import CeremonyError, IdentityPoint, ProofError, SignatureError
from tandau.crypto.group import GENERATOR, L, Point, Scalar, hash_to_point, random_scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.schnorr import SchnorrProof, prove_knowledge, verify_knowledge
from tandau.crypto.sharing import lagrange_at_zero
from tandau.crypto.signatures import Signature, sign, verify_signature

SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=60, deadline=None)

_CACHE: dict[tuple[int, int, bytes], tuple[CeremonyResult, list[TrusteeShare]]] = {}


def ceremony(n: int, t: int, seed: bytes) -> tuple[CeremonyResult, list[TrusteeShare]]:
    key = (n, t, seed)
    if key not in _CACHE:
        rng = DeterministicRng(seed)
        params = CeremonyParameters(b"\x01" * 32, n, t)
        pairs = [setup(j, f"T{j}", rng) for j in params.indices]
        setups = [s for s, _ in pairs]
        dealings = [deal(params, setups, i, rng)[0] for i in params.indices]
        got = [receive(params, j, pairs[j - 1][1], setups, dealings) for j in params.indices]
        result = finalize(params, dealings, [r for r, _ in got])
        _CACHE[key] = result, [trustee_share(params, result, dealings, s) for _, s in got]
    return _CACHE[key]


@st.composite
def elections(draw: Any) -> tuple[int, int, bytes, list[int]]:
    n = draw(st.integers(1, 5))
    t = draw(st.integers(1, n))
    seed = draw(st.sampled_from([b"a", b"b"]))
    totals = draw(st.lists(st.integers(0, 6), min_size=1, max_size=3))
    return n, t, seed, totals


#: The fingerprint the decryption shares are bound to.
FP = b"\x01" * 32


def encrypted_tally(
    election: Any,
) -> tuple[CeremonyResult, list[TrusteeShare], list[Any], DeterministicRng]:
    """The election's ceremony, its trustees' key shares, and its totals encrypted under the
    joint key, each as a sum of 0/1 ballots, as a tally is; the generator that goes on."""
    n, t, seed, totals = election
    result, keys = ceremony(n, t, seed)
    rng = DeterministicRng(bytes(totals) + seed)
    cts = [
        sum_ciphertexts([encrypt(result.joint_key, 1, random_scalar(rng)) for _ in range(m)])
        for m in totals
    ]
    return result, keys, cts, rng


@SLOW
@given(elections(), st.data())
def test_any_t_trustees_decrypt_the_same_totals(election: Any, data: Any) -> None:
    n, t, _, totals = election
    result, keys, cts, rng = encrypted_tally(election)
    vks = result.verification_key_map()
    table = DlogTable.for_bound(10)
    subsets = list(itertools.combinations(range(1, n + 1), t))
    for subset in data.draw(st.lists(st.sampled_from(subsets), min_size=1, max_size=3)):
        shares = [tally_share(keys[j - 1], cts, FP, rng) for j in subset]
        combo = combine(cts, shares, vks, t, FP)
        assert combo.used == subset
        assert decrypt_totals(cts, combo, table) == tuple(totals)


@SLOW
@given(elections(), st.data())
def test_fewer_than_t_trustees_cannot_decrypt(election: Any, data: Any) -> None:
    n, t, _, _ = election
    result, keys, cts, rng = encrypted_tally(election)
    few = data.draw(st.lists(st.integers(1, n), unique=True, max_size=t - 1))
    shares = [tally_share(keys[j - 1], cts, FP, rng) for j in few]
    with pytest.raises(CeremonyError, match="fewer than t"):
        combine(cts, shares, result.verification_key_map(), t, FP)
    if few:
        # Interpolating fewer than t key shares misses the joint secret.
        lam = lagrange_at_zero(few)
        guess = sum(lam[j].value * keys[j - 1].secret.value for j in few) % L
        assert Point.base_mul(Scalar(guess)) != result.joint_key.point


scalars = st.integers(1, L - 1).map(Scalar)
contexts = st.binary(min_size=0, max_size=40)


def _moved(kind: Any, proof: Any, field: str, delta: Scalar) -> Any:
    """The proof with its challenge (``c``) or its response (``s``) moved by ``delta``."""
    c, s = proof.challenge, proof.response
    return kind(c + delta, s) if field == "c" else kind(c, s + delta)


@FAST
@given(scalars, contexts, st.sampled_from(["c", "s", "X", "context"]), scalars)
def test_schnorr_single_field_mutations_fail(
    x: Scalar, ctx: bytes, field: str, delta: Scalar
) -> None:
    X = Point.base_mul(x)
    proof = prove_knowledge(x, X, ctx, DeterministicRng(x.to_bytes()))
    verify_knowledge(X, proof, ctx)
    if field in ("c", "s"):
        proof = _moved(SchnorrProof, proof, field, delta)
    elif field == "X":
        X = X + Point.base_mul(delta)
    else:
        ctx = ctx + delta.to_bytes()[:1]
    # A mutation onto the identity is refused before any hashing.
    with pytest.raises(IdentityPoint if X.is_identity() else ProofError):
        verify_knowledge(X, proof, ctx)


@FAST
@given(scalars, contexts, st.sampled_from(["c", "s", "g1", "g2", "a", "b", "context"]), scalars)
def test_chaum_pedersen_single_field_mutations_fail(
    x: Scalar, ctx: bytes, field: str, delta: Scalar
) -> None:
    g2 = hash_to_point("test/base", x.to_bytes())
    pts = {"g1": GENERATOR, "g2": g2, "a": Point.base_mul(x), "b": x * g2}

    def check(p: dict[str, Point], proof: ChaumPedersenProof, context: bytes) -> None:
        verify_equality(p["g1"], p["g2"], p["a"], p["b"], proof, context)

    proof = prove_equality(
        x, GENERATOR, g2, pts["a"], pts["b"], ctx, DeterministicRng(x.to_bytes())
    )
    check(pts, proof, ctx)
    if field in ("c", "s"):
        proof = _moved(ChaumPedersenProof, proof, field, delta)
    elif field == "context":
        ctx = b"\xff" + ctx
    else:
        pts[field] = pts[field] + Point.base_mul(delta)
    with pytest.raises(IdentityPoint if pts["g1"].is_identity() else ProofError):
        check(pts, proof, ctx)


@FAST
@given(scalars, st.binary(max_size=64), st.sampled_from(["c", "s", "key", "message"]), scalars)
def test_signature_single_field_mutations_fail(
    x: Scalar, msg: bytes, field: str, delta: Scalar
) -> None:
    public = Point.base_mul(x)
    sig = sign(x, msg, DeterministicRng(x.to_bytes()))
    verify_signature(public, msg, sig)
    if field == "c":
        sig = Signature(sig.challenge + delta, sig.response)
    elif field == "s":
        sig = Signature(sig.challenge, sig.response + delta)
    elif field == "key":
        public = public + Point.base_mul(delta)
    else:
        msg = msg + b"\x00"
    with pytest.raises(SignatureError):
        verify_signature(public, msg, sig)
