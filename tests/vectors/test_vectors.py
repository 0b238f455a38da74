"""Run every file in ``vectors/`` against the code (style rule 7).

Each file is JSON with ``provenance``, ``description`` and ``cases``; each
case has ``expected``: ``"valid"`` or the ``code`` of the named error the
code must raise (e.g. ``crypto.proof.invalid``).  A file without a handler
here fails, so a new vector file cannot be silently ignored.  Where cheap,
a handler also recomputes the case by a second route (``hashlib`` and the
generic group operations instead of the fused verifier), as a second
implementation would.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tandau.crypto import sodium
from tandau.crypto.canonical import dumps
from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Complaint,
    DealerSecret,
    Dealing,
    Response,
    Reveal,
    TrusteeSetup,
    TrusteeShare,
    check_dealing,
    receive,
    resolve_complaint,
    trustee_share,
    verify_result,
)
from tandau.crypto.chaum_pedersen import ChaumPedersenProof, verify_equality
from tandau.crypto.decryption import TallyShare, combine, decrypt_totals, verify_tally_share
from tandau.crypto.disjunctive import RangeProof, verify_range
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import (
    Ciphertext,
    PublicKey,
    decrypt,
    encrypt,
    rerandomize,
    sum_ciphertexts,
)
from tandau.crypto.errors import TandauError
from tandau.crypto.group import (
    GENERATOR,
    IDENTITY,
    ChallengeResponse,
    L,
    Point,
    Scalar,
    hash_to_point,
    hash_to_scalar,
)
from tandau.crypto.hashing import hash_bytes, int_part, str_part
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.schnorr import SchnorrProof, verify_knowledge
from tandau.crypto.sealed import TrusteeBoxKey
from tandau.crypto.selection import (
    EncryptedSelection,
    Opening,
    SelectionRule,
    verify_selection,
)
from tandau.crypto.sharing import commit, lagrange_at_zero
from tandau.crypto.signatures import (
    HeadSigningKey,
    HeadVerifyKey,
    Signature,
    verify_head_signature,
    verify_signature,
)
from tandau.protocol.ballot import Ballot, audit_ballot, create_ballot, tracking_code, verify_ballot
from tandau.protocol.credentials import derive, normalize_code
from tandau.protocol.manifest import Manifest

VECTORS = Path(__file__).resolve().parents[2] / "vectors"
MAX_BYTES = 200 * 1024
VALID = "valid"

Case = dict[str, Any]
Doc = dict[str, Any]
Handler = Callable[[Doc, Case], None]


def _hash(purpose: str, *parts: bytes) -> bytes:
    """§2.1 written out again, independently of tandau.crypto.hashing."""
    h = hashlib.sha512()
    for item in (b"tandau/v1/" + purpose.encode("ascii"), *parts):
        h.update(len(item).to_bytes(4, "big") + item)
    return h.digest()


# --- ristretto255-rfc9496.json ---


def rfc9496(doc: Doc, case: Case) -> None:
    kind = case["kind"]
    if kind == "multiple":
        p = Point.from_hex(case["encoding"])
        assert Point.base_mul(Scalar(case["n"])) == p
        acc = IDENTITY
        for _ in range(case["n"]):
            acc = acc + GENERATOR
        assert acc == p
    elif kind == "decode":
        try:
            Point.from_hex(case["encoding"])
        finally:
            assert not sodium.is_valid_point(bytes.fromhex(case["encoding"]))
    elif kind == "from_uniform_bytes":
        data = bytes.fromhex(case["input"])
        if "label" in case:
            assert hashlib.sha512(case["label"].encode()).digest() == data
        assert sodium.from_hash(data).hex() == case["output"]
        Point.from_hex(case["output"])
    else:
        pytest.fail(f"unknown kind {kind!r}")


# --- hash-to-scalar.json ---


def hash_to_scalar_vectors(doc: Doc, case: Case) -> None:
    kind = case["kind"]
    if kind == "hash":
        purpose, parts = case["purpose"], [bytes.fromhex(p) for p in case["parts"]]
        preimage = b"".join(
            len(p).to_bytes(4, "big") + p for p in [f"tandau/v1/{purpose}".encode(), *parts]
        )
        assert preimage.hex() == case["preimage"]
        digest = hashlib.sha512(preimage).digest()
        assert digest.hex() == case["digest"]
        assert hash_bytes(purpose, *parts) == digest
        assert (int.from_bytes(digest, "little") % L).to_bytes(32, "little").hex() == case["scalar"]
        assert hash_to_scalar(purpose, *parts).hex() == case["scalar"]
        assert hash_to_point(purpose, *parts).hex() == case["point"]
    elif kind == "int":
        assert int_part(case["value"]).hex() == case["encoded"]
        assert case["value"].to_bytes(8, "big").hex() == case["encoded"]
    elif kind == "str":
        assert str_part(case["value"]).hex() == case["encoded"]
    else:
        pytest.fail(f"unknown kind {kind!r}")


# --- encodings.json ---


def encodings(doc: Doc, case: Case) -> None:
    kind, text = case["kind"], case["hex"]
    if kind == "point":
        assert Point.from_hex(text).hex() == text
    elif kind == "public_key":
        assert PublicKey.from_hex(text).to_hex() == text
    elif kind == "scalar":
        assert Scalar.from_hex(text).hex() == text
    else:
        pytest.fail(f"unknown kind {kind!r}")


# --- elgamal.json ---


def elgamal(doc: Doc, case: Case) -> None:
    secret = Scalar.from_hex(doc["key"]["secret"])
    key = PublicKey.from_hex(doc["key"]["public"])
    assert Point.base_mul(secret) == key.point
    kind = case["kind"]
    if kind == "encrypt":
        r, m = Scalar.from_hex(case["r"]), case["m"]
        ct = Ciphertext.from_dict(case["ciphertext"])
        assert encrypt(key, m, r) == ct
        assert ct.alpha == Point.base_mul(r)
        assert ct.beta == r * key.point + Point.base_mul(Scalar(m))
        result = ct
    elif kind == "sum":
        cts = [Ciphertext.from_dict(c) for c in case["ciphertexts"]]
        result = Ciphertext.from_dict(case["sum"])
        assert sum_ciphertexts(cts) == result
    elif kind == "rerandomize":
        ct = Ciphertext.from_dict(case["ciphertext"])
        result = Ciphertext.from_dict(case["result"])
        assert rerandomize(key, ct, Scalar.from_hex(case["r"])) == result
    elif kind == "decrypt":
        result = Ciphertext.from_dict(case["ciphertext"])
    else:
        pytest.fail(f"unknown kind {kind!r}")
    m = decrypt(secret, result, case["bound"])
    if "m" in case:
        assert m == case["m"]


# --- range-proof.json ---


def _check_commitments(key: PublicKey, ct: Ciphertext, proof: RangeProof, case: Case) -> None:
    """V5.1.4–V5.1.5 by the generic group operations and the independent hash."""
    lo, hi, context = case["lo"], case["hi"], bytes.fromhex(case["context"])
    parts = [context, key.point.data, ct.alpha.data, ct.beta.data]
    parts += [lo.to_bytes(8, "big"), hi.to_bytes(8, "big")]
    for j, (c, s) in enumerate(zip(proof.challenges, proof.responses, strict=True)):
        a = Point.base_mul(s) - c * ct.alpha
        b = s * key.point - c * (ct.beta - Point.base_mul(Scalar(lo + j)))
        assert [a.hex(), b.hex()] == case["commitments"][j]
        parts += [a.data, b.data]
    total = int.from_bytes(_hash("proof/range", *parts), "little") % L
    assert total.to_bytes(32, "little").hex() == case["challenge"]
    assert sum(c.value for c in proof.challenges) % L == total


def range_proof(doc: Doc, case: Case) -> None:
    key = PublicKey.from_hex(case.get("key", doc["key"]))
    ct = Ciphertext.from_dict(case["ciphertext"])
    proof = RangeProof.from_dict(case["proof"])
    if "commitments" in case:  # every valid case carries them
        assert encrypt(key, case["m"], Scalar.from_hex(case["r"])) == ct
        _check_commitments(key, ct, proof, case)
    verify_range(key, ct, proof, case["lo"], case["hi"], bytes.fromhex(case["context"]))


# --- selection.json ---


def selection(doc: Doc, case: Case) -> None:
    key = PublicKey.from_hex(doc["key"])
    rule = SelectionRule(**case["rule"])
    context = bytes.fromhex(case["context"])
    credential = Point.from_hex(case["credential"])
    # Record spec §R4.2: the context binds the election, the key and the voter.
    fingerprint = bytes.fromhex(doc["fingerprint"])
    assert _hash("ballot/context", fingerprint, key.point.data, credential.data) == context
    sel = EncryptedSelection.from_dict(case["selection"])
    if "opening" in case:
        opening = Opening.from_dict(case["opening"])
        rule.check_plaintext(list(opening.choices))
        again = tuple(
            encrypt(key, m, r) for m, r in zip(opening.choices, opening.nonces, strict=True)
        )
        assert again == sel.ciphertexts
    verify_selection(key, rule, sel, context)


# --- schnorr.json, chaum-pedersen.json (§4) ---


def _schnorr_by_hand(
    case: Case, purpose: str, public: Point, pair: ChallengeResponse, message: bytes
) -> None:
    """The case's secret and commitment, when given, checked by the generic route."""
    if "secret" in case:
        assert Point.base_mul(Scalar.from_hex(case["secret"])) == public
    if "commitment" in case:
        t = Point.base_mul(pair.response) - pair.challenge * public
        assert t.hex() == case["commitment"]
        digest = _hash(purpose, public.data, t.data, message)
        assert int.from_bytes(digest, "little") % L == pair.challenge.value


def schnorr(doc: Doc, case: Case) -> None:
    x_point = Point.from_hex(case["public"])
    proof = SchnorrProof.from_dict(case["proof"])
    context = bytes.fromhex(case["context"])
    _schnorr_by_hand(case, "proof/schnorr", x_point, proof, context)  # V4.1.3–V4.1.4
    verify_knowledge(x_point, proof, context)


def chaum_pedersen(doc: Doc, case: Case) -> None:
    g1, g2, a, b = (Point.from_hex(case[k]) for k in ("g1", "g2", "a", "b"))
    proof = ChaumPedersenProof.from_dict(case["proof"])
    context = bytes.fromhex(case["context"])
    if "secret" in case:
        x = Scalar.from_hex(case["secret"])
        assert x * g1 == a and x * g2 == b
    if "commitments" in case:  # V4.2.3–V4.2.4 by the generic route
        c, s = proof.challenge, proof.response
        ca, cb = s * g1 - c * a, s * g2 - c * b
        assert [ca.hex(), cb.hex()] == case["commitments"]
        parts = [g1.data, g2.data, a.data, b.data, ca.data, cb.data, context]
        assert int.from_bytes(_hash("proof/chaum-pedersen", *parts), "little") % L == c.value
    verify_equality(g1, g2, a, b, proof, context)


# --- signature.json (§8) ---


def signature(doc: Doc, case: Case) -> None:
    message = bytes.fromhex(case["message"])
    if case["kind"] == "ballot":
        public = Point.from_hex(case["public"])
        sig = Signature.from_dict(case["signature"])
        _schnorr_by_hand(case, "signature/ballot", public, sig, message)  # V8.1.3–V8.1.4
        verify_signature(public, message, sig)
    elif case["kind"] == "head":
        key = HeadVerifyKey.from_hex(case["verify_key"])
        if "seed" in case:  # Ed25519 is deterministic: the signature is reproducible
            signer = HeadSigningKey.from_seed(bytes.fromhex(case["seed"]))
            assert signer.verify_key == key
            assert signer.sign(message).hex() == case["signature"]
        verify_head_signature(key, message, case["signature"])
    else:
        pytest.fail(f"unknown kind {case['kind']!r}")


# --- ceremony.json (§6) ---


def _lagrange_check(shares: list[TrusteeShare], joint: PublicKey, t: int) -> None:
    """Any t key shares interpolate to the joint key: Σ λ_j·x_j·G = K."""
    for subset in itertools.combinations(shares, t):
        lambdas = lagrange_at_zero([s.index for s in subset])
        acc = IDENTITY
        for share in subset:
            acc = acc + (lambdas[share.index] * share.secret) * GENERATOR
        assert acc == joint.point


def ceremony(doc: Doc, case: Case) -> None:
    params = CeremonyParameters.from_dict(case["params"])
    kind = case["kind"]
    if kind == "transcript":
        setups = [TrusteeSetup.from_dict(s) for s in case["setups"]]
        box_keys = [TrusteeBoxKey.from_dict(k) for k in case["box_keys"]]
        assert [k.public for k in box_keys] == [s.box_key for s in setups]
        dealings = [Dealing.from_dict(d) for d in case["dealings"]]
        for secret in (DealerSecret.from_dict(d) for d in case["dealer_secrets"]):
            assert commit(secret.coefficients) == dealings[secret.dealer - 1].commitments
        responses = [Response.from_dict(r) for r in case["responses"]]
        reveals = [Reveal.from_dict(r) for r in case["reveals"]]
        result = CeremonyResult.from_dict(case["result"])
        verify_result(params, dealings, responses, reveals, result)
        shares = []
        for j in params.indices:
            response, received = receive(params, j, box_keys[j - 1], setups, dealings)
            assert response == responses[j - 1], f"trustee {j}'s response differs"
            share = trustee_share(params, result, dealings, received, reveals)
            assert share.to_dict() == case["trustee_shares"][j - 1]
            shares.append(share)
        _lagrange_check(shares, result.joint_key, params.threshold)
        if "rogue_joint_key" in case:
            assert result.joint_key.to_hex() != case["rogue_joint_key"]
    elif kind == "dealing":
        check_dealing(params, Dealing.from_dict(case["dealing"]))
    elif kind == "complaint":
        dealing = Dealing.from_dict(case["dealing"])
        setups = [TrusteeSetup.from_dict(s) for s in case["setups"]]
        c = case["complaint"]
        complaint = Complaint(c["dealer"], c["recipient"], c["reason"])
        box_key = TrusteeBoxKey.from_dict(case["box_key"])
        response, _ = receive(params, complaint.recipient, box_key, setups, [dealing])
        assert response.complaints == (complaint,)
        reveals = [Reveal.from_dict(r) for r in case["reveals"]]
        outcome = resolve_complaint(params, dealing, complaint, reveals)
        assert (outcome.upheld, outcome.reason) == (case["upheld"], case["reason"])
    elif kind == "result":
        verify_result(
            params,
            [Dealing.from_dict(d) for d in case["dealings"]],
            [Response.from_dict(r) for r in case["responses"]],
            [Reveal.from_dict(r) for r in case["reveals"]],
            CeremonyResult.from_dict(case["result"]),
        )
    else:
        pytest.fail(f"unknown kind {kind!r}")


# --- decryption.json (§7) ---


def decryption(doc: Doc, case: Case) -> None:
    cts = [Ciphertext.from_dict(c) for c in doc["tally"]]
    context = bytes.fromhex(doc["context"])
    keys = {int(j): Point.from_hex(y) for j, y in doc["verification_keys"].items()}
    for s in doc["trustee_shares"]:
        share = TrusteeShare.from_dict(s)
        assert Point.base_mul(share.secret) == keys[share.index]
    if case["kind"] == "share":
        tally = TallyShare.from_dict(case["share"])
        verify_tally_share(tally, cts, keys[tally.trustee], context)
        return
    assert case["kind"] == "combine", case["kind"]
    shares = [TallyShare.from_dict(s) for s in case["shares"]]
    combination = combine(cts, shares, keys, doc["threshold"], context)
    assert list(combination.used) == case["used"]
    assert list(combination.skipped_trustees) == case["skipped"]
    # §7.3 by the generic route: F_k = Σ λ_j·D_{j,k} over the trustees used.
    by_trustee = {s.trustee: s for s in shares if s.trustee in combination.used}
    lambdas = lagrange_at_zero(combination.used)
    for k, factor in enumerate(combination.factors):
        acc = IDENTITY
        for j in combination.used:
            acc = acc + lambdas[j] * by_trustee[j].shares[k].factor
        assert acc == factor
    totals = decrypt_totals(cts, combination, DlogTable.for_bound(case["bound"]))
    assert list(totals) == case["totals"]


# --- credentials.json (record §R3) ---


def credentials(doc: Doc, case: Case) -> None:
    if case["kind"] == "normalize":
        assert normalize_code(case["text"]) == case["code"]
    elif case["kind"] == "derive":
        fingerprint = bytes.fromhex(case["fingerprint"])
        cred = derive(fingerprint, case["text"])
        assert (cred.secret.hex(), cred.public.hex()) == (case["secret"], case["public"])
        code = normalize_code(case["text"]).encode()
        digest = _hash("credential/secret", fingerprint, code)
        assert (int.from_bytes(digest, "little") % L).to_bytes(32, "little").hex() == case["secret"]
    else:
        pytest.fail(f"unknown kind {case['kind']!r}")


# --- ballot.json (record §R4) ---


def ballot(doc: Doc, case: Case) -> None:
    key = PublicKey.from_hex(doc["key"])
    assert Point.base_mul(Scalar.from_hex(doc["key_secret"])) == key.point
    manifest = Manifest.from_dict(case.get("manifest", doc["manifest"]))
    fingerprint = bytes.fromhex(case.get("fingerprint", doc["fingerprint"]))
    assert manifest.to_dict() == case.get("manifest", doc["manifest"])
    assert _hash("manifest", dumps(manifest.to_dict()))[:32] == fingerprint == manifest.fingerprint
    kind = case["kind"]
    if kind == "create":
        cred = derive(fingerprint, case["code"])
        assert cred.secret.hex() == case["credential_secret"]
        rng = DeterministicRng(case["seed"].encode())
        made, opening = create_ballot(fingerprint, key, manifest.rule, case["choices"], cred, rng)
        assert made.to_dict() == case["ballot"], "the ballot is not rebuilt byte for byte"
        assert opening.to_dict() == case["opening"]
        canonical = dumps(case["ballot"])
        assert hashlib.sha256(canonical).hexdigest() == case["canonical_sha256"]
        assert tracking_code(canonical) == case["tracking_code"]
        context = _hash("ballot/context", fingerprint, key.point.data, cred.public.data)
        assert context.hex() == case["context"]
        signed = _hash(
            "ballot/signed", fingerprint, cred.public.data, dumps(case["ballot"]["selection"])
        )
        assert signed.hex() == case["signed_message"]
        b = Ballot.from_dict(case["ballot"])
        verify_ballot(fingerprint, key, manifest.rule, b)
        assert list(audit_ballot(key, b, opening)) == case["choices"]
    elif kind == "verify":
        verify_ballot(fingerprint, key, manifest.rule, Ballot.from_dict(case["ballot"]))
    elif kind == "audit":
        b = Ballot.from_dict(case["ballot"])
        verify_ballot(fingerprint, key, manifest.rule, b)
        choices = audit_ballot(key, b, Opening.from_dict(case["opening"]))
        assert list(choices) == case["choices"]
    else:
        pytest.fail(f"unknown kind {kind!r}")


HANDLERS: dict[str, Handler] = {
    "ristretto255-rfc9496.json": rfc9496,
    "hash-to-scalar.json": hash_to_scalar_vectors,
    "encodings.json": encodings,
    "elgamal.json": elgamal,
    "range-proof.json": range_proof,
    "selection.json": selection,
    "schnorr.json": schnorr,
    "chaum-pedersen.json": chaum_pedersen,
    "signature.json": signature,
    "ceremony.json": ceremony,
    "decryption.json": decryption,
    "decryption-empty.json": decryption,
    "credentials.json": credentials,
    "ballot.json": ballot,
}

#: Files with a runner of their own in tests/vectors/ (a different layout, checked there).
DELEGATED: dict[str, str] = {
    "merkle-rfc9162.json": "test_merkle_rfc9162.py",
}

FILES = sorted(p for p in VECTORS.iterdir() if p.is_file())


def run(handler: Handler, doc: Doc, case: Case) -> str | None:
    """None when the case behaves as expected, else what went wrong."""
    expected = case["expected"]
    try:
        handler(doc, case)
    except TandauError as exc:
        if exc.code != expected:
            return f"raised {exc.code} ({exc}), expected {expected}"
        return None
    except AssertionError as exc:
        return f"recomputation differs: {exc}"
    if expected != VALID:
        return f"accepted, expected {expected}"
    return None


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_vector_file(path: Path) -> None:
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is over 200 KB"
    doc = json.loads(path.read_text(encoding="utf-8"))
    if path.name in DELEGATED:
        runner = Path(__file__).with_name(DELEGATED[path.name])
        assert runner.is_file(), f"{path.name}: its runner {runner.name} is missing"
        assert path.name in runner.read_text(encoding="utf-8"), (
            f"{runner.name} must read {path.name}"
        )
        assert doc.get("provenance"), f"{path.name} has no provenance"
        return
    handler = HANDLERS.get(path.name)
    if handler is None:
        pytest.fail(f"vectors/{path.name} has no handler in tests/vectors/test_vectors.py")
    assert isinstance(doc.get("provenance"), str) and doc["provenance"]
    assert isinstance(doc.get("description"), str) and doc["description"]
    cases = doc["cases"]
    assert cases, "a vector file has at least one case"
    assert any(c["expected"] == VALID for c in cases), "at least one positive case"
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names), "case names are unique"
    failures = [f"{c['name']}: {msg}" for c in cases if (msg := run(handler, doc, c)) is not None]
    assert not failures, "\n".join(failures)


def test_every_handler_has_its_file() -> None:
    assert set(HANDLERS) | set(DELEGATED) <= {p.name for p in FILES}
    assert not set(HANDLERS) & set(DELEGATED)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_vectors", Path(__file__).with_name("generate_vectors.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_files_are_what_the_generator_writes() -> None:
    """The files are reproducible from their seeds; a difference is a protocol change."""
    gen = _generator()
    assert set(gen.GENERATORS) == set(HANDLERS)
    for name in gen.GENERATORS:
        assert (VECTORS / name).read_text(encoding="utf-8") == gen.render(name), f"{name} is stale"
