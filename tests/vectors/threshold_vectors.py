"""Vector documents for the proofs of knowledge, the ceremony, decryption and signatures.

Spec §4 (``schnorr.json``, ``chaum-pedersen.json``), §6 (``ceremony.json``),
§7 (``decryption.json``) and §8 (``signature.json``).  Imported by
``generate_vectors.py``, which owns the paths and writes the files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from vector_common import (
    CEREMONY,
    IDENTITY_CODE,
    INVALID_SHARE,
    POINT,
    PROOF,
    SCALAR,
    SIGNATURE,
    VALID,
    bump,
    document,
    high_bit,
    rng,
    unreduced,
)

from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Complaint,
    DealerSecret,
    Dealing,
    TrusteeSetup,
    TrusteeShare,
    deal,
    dealing_context,
    finalize,
    receive,
    reveal_share,
    setup,
    trustee_share,
)
from tandau.crypto.chaum_pedersen import prove_equality
from tandau.crypto.decryption import tally_share
from tandau.crypto.elgamal import encrypt, sum_ciphertexts
from tandau.crypto.group import (
    GENERATOR,
    IDENTITY,
    Point,
    Scalar,
    hash_to_point,
    random_scalar,
)
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.schnorr import prove_knowledge
from tandau.crypto.sealed import seal
from tandau.crypto.signatures import HeadSigningKey, sign

__all__ = ["THRESHOLD_GENERATORS"]

FINGERPRINT = hashlib.sha256(b"tandau vectors ceremony").digest()


def _copy(obj: Any) -> Any:
    return json.loads(json.dumps(obj))


def _negatives(
    cases: list[dict[str, Any]], base: dict[str, Any], pair: str, hidden: tuple[str, ...]
) -> Callable[..., None]:
    """``negative(name, expected, **changes)``: append ``base`` changed, without the
    prover's ``hidden`` values; a change to ``c`` or ``s`` goes into its ``pair``."""

    def negative(name: str, expected: str, **changes: Any) -> None:
        case = _copy(base)
        for k in hidden:
            case.pop(k)
        for key, value in changes.items():
            if key in ("c", "s"):
                case[pair][key] = value
            else:
                case[key] = value
        case.update(name=name, expected=expected)
        cases.append(case)

    return negative


# --- §4.1 Schnorr ---


def schnorr_doc() -> dict[str, Any]:
    cases: list[dict[str, Any]] = []
    valid: list[dict[str, Any]] = []
    for name, ctx in [
        ("short context", b"tandau vectors"),
        ("dealing-style context", hash_bytes("ceremony/dealing", FINGERPRINT, bytes(8))),
    ]:
        g = rng("schnorr", name)
        x = random_scalar(g)
        X = Point.base_mul(x)
        proof = prove_knowledge(x, X, ctx, g)
        t = Point.base_mul(proof.response) - proof.challenge * X
        case = {
            "name": name,
            "secret": x.hex(),
            "public": X.hex(),
            "context": ctx.hex(),
            "proof": proof.to_dict(),
            "commitment": t.hex(),
            "expected": VALID,
        }
        valid.append(case)
        cases.append(case)
    base = valid[0]
    other = Point.base_mul(random_scalar(rng("schnorr", "other key"))).hex()

    negative = _negatives(cases, base, "proof", ("secret", "commitment"))

    c, s = base["proof"]["c"], base["proof"]["s"]
    negative("challenge + 1", PROOF, c=bump(c))
    negative("response + 1", PROOF, s=bump(s))
    negative("challenge and response swapped", PROOF, c=s, s=c)
    negative("other context", PROOF, context=b"tandau vectors!".hex())
    negative("other key", PROOF, public=other)
    negative("challenge + ℓ (not reduced)", SCALAR, c=unreduced(c))
    negative("statement is the identity", IDENTITY_CODE, public="00" * 32)
    negative("statement with bit 255 set", POINT, public=high_bit(base["public"]))
    return document(
        'Schnorr proofs of knowledge of log_G X: c = Hs("proof/schnorr"; X, T, ctx), '
        "s = w + c·x; each valid case gives the recomputed commitment T = s·G − c·X "
        "(and the secret, as test data).",
        "§4.1",
        cases,
    )


# --- §4.2 Chaum–Pedersen ---


def chaum_pedersen_doc() -> dict[str, Any]:
    cases: list[dict[str, Any]] = []
    ctx = b"tandau vectors chaum-pedersen"
    statements = [
        ("G1 = G (decryption-share form)", GENERATOR, hash_to_point("test/vector-base", b"2")),
        (
            "general bases",
            hash_to_point("test/vector-base", b"1"),
            hash_to_point("test/vector-base", b"2"),
        ),
        ("G2 = identity (empty tally)", GENERATOR, IDENTITY),
    ]
    for name, g1, g2 in statements:
        g = rng("chaum-pedersen", name)
        x = random_scalar(g)
        a, b = x * g1, x * g2
        proof = prove_equality(x, g1, g2, a, b, ctx, g)
        c, s = proof.challenge, proof.response
        cases.append(
            {
                "name": name,
                "secret": x.hex(),
                "g1": g1.hex(),
                "g2": g2.hex(),
                "a": a.hex(),
                "b": b.hex(),
                "context": ctx.hex(),
                "proof": proof.to_dict(),
                "commitments": [(s * g1 - c * a).hex(), (s * g2 - c * b).hex()],
                "expected": VALID,
            }
        )
    base = cases[0]
    other = hash_to_point("test/vector-base", b"other").hex()

    negative = _negatives(cases, base, "proof", ("secret", "commitments"))

    for field in ("g1", "g2", "a", "b"):
        negative(f"{field} replaced", PROOF, **{field: other})
    negative("other context", PROOF, context=b"tandau vectors chaum-pedersen!".hex())
    negative("challenge + 1", PROOF, c=bump(base["proof"]["c"]))
    negative("response + 1", PROOF, s=bump(base["proof"]["s"]))
    negative("response + ℓ (not reduced)", SCALAR, s=unreduced(base["proof"]["s"]))
    negative("G1 is the identity", IDENTITY_CODE, g1="00" * 32)
    negative("B with bit 255 set", POINT, b=high_bit(base["b"]))
    return document(
        "Chaum–Pedersen proofs that log_G1 A = log_G2 B: "
        'c = Hs("proof/chaum-pedersen"; G1, G2, A, B, a, b, ctx), s = w + c·x; each valid '
        "case gives the recomputed commitments a = s·G1 − c·A, b = s·G2 − c·B.",
        "§4.2",
        cases,
    )


# --- §8 signatures ---

RFC8032 = [
    (
        "RFC 8032 §7.1 TEST 1",
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "RFC 8032 §7.1 TEST 2",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "RFC 8032 §7.1 TEST 3",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
]

# ℓ of Ed25519 (the same prime as ristretto255's), for a non-canonical S.
_ED_L = 2**252 + 27742317777372353535851937790883648493


def signature_doc() -> dict[str, Any]:
    cases: list[dict[str, Any]] = []
    ballot: list[dict[str, Any]] = []
    for name, message in [
        ("ballot: short message", b"tandau vectors ballot"),
        ("ballot: 64-byte digest", hash_bytes("ballot/signed", FINGERPRINT, b"selection")),
    ]:
        g = rng("signature", name)
        x = random_scalar(g)
        sig = sign(x, message, g)
        p = Point.base_mul(x)
        r = Point.base_mul(sig.response) - sig.challenge * p
        case = {
            "name": name,
            "kind": "ballot",
            "secret": x.hex(),
            "public": p.hex(),
            "message": message.hex(),
            "signature": sig.to_dict(),
            "commitment": r.hex(),
            "expected": VALID,
        }
        ballot.append(case)
        cases.append(case)
    base = ballot[0]

    negative = _negatives(cases, base, "signature", ("secret", "commitment"))

    c, s = base["signature"]["c"], base["signature"]["s"]
    negative("ballot: other message", SIGNATURE, message=b"tandau vectors ballot!".hex())
    negative("ballot: other key", SIGNATURE, public=ballot[1]["public"])
    negative("ballot: challenge + 1", SIGNATURE, c=bump(c))
    negative("ballot: response + 1", SIGNATURE, s=bump(s))
    negative("ballot: identity key", SIGNATURE, public="00" * 32)
    negative("ballot: challenge + ℓ (not reduced)", SCALAR, c=unreduced(c))
    negative("ballot: key with bit 255 set", POINT, public=high_bit(base["public"]))

    for name, seed, public, message, signature in RFC8032:
        cases.append(
            {
                "name": name,
                "kind": "head",
                "seed": seed,
                "verify_key": public,
                "message": message,
                "signature": signature,
                "expected": VALID,
            }
        )
    key = HeadSigningKey.from_seed(rng("signature", "head key")(32))
    head = b'{"size":3,"root":"00"}'
    sig_hex = key.sign(head).hex()
    own = {
        "name": "head: Tandau key",
        "kind": "head",
        "seed": key.seed.hex(),
        "verify_key": key.verify_key.hex(),
        "message": head.hex(),
        "signature": sig_hex,
        "expected": VALID,
    }
    cases.append(own)

    def head_negative(name: str, **changes: Any) -> None:
        case = _copy(own)
        case.pop("seed")
        case.update(name=name, expected=SIGNATURE, **changes)
        cases.append(case)

    raw = bytes.fromhex(sig_hex)
    s_plus_l = (int.from_bytes(raw[32:], "little") + _ED_L).to_bytes(32, "little")
    head_negative("head: other message", message=(head + b" ").hex())
    head_negative("head: S + ℓ (non-canonical S)", signature=(raw[:32] + s_plus_l).hex())
    head_negative("head: R flipped", signature=(bytes([raw[0] ^ 1]) + raw[1:]).hex())
    head_negative("head: small-order key (Ed25519 identity)", verify_key="01" + "00" * 31)
    head_negative("head: 63-byte signature", signature=sig_hex[:126])
    head_negative("head: other key", verify_key=RFC8032[0][2])
    return document(
        "Signatures.  Ballot signatures (§8.1): Schnorr over ristretto255, "
        'c = Hs("signature/ballot"; P, R, m), s = w + c·x, with the recomputed R = s·G − c·P '
        "(and the secret, as test data).  Board-head signatures (§8.2): Ed25519; the cases "
        "named 'RFC 8032 §7.1 TEST n' are transcribed from RFC 8032, the rest are ours.",
        "§8",
        cases,
    )


# --- §6 ceremony ---


def _ceremony(seed_case: str, rogue: bool = False) -> dict[str, Any]:
    g = rng("ceremony", seed_case)
    params = CeremonyParameters(FINGERPRINT, 5, 3)
    pairs = [setup(j, f"Trustee {j}", g) for j in params.indices]
    setups = [s for s, _ in pairs]
    box_keys = [k for _, k in pairs]
    dealt = [deal(params, setups, i, g) for i in params.indices]
    dealings = [d for d, _ in dealt]
    secrets = [s for _, s in dealt]
    rogue_y = None
    if rogue:
        # Dealer 5 waits for the others and publishes C_{5,0} = y·G − Σ_{i<5} C_{i,0},
        # so that the joint key would be y·G.  It knows y but not log C_{5,0}: its best
        # proof is one of knowledge of y, under the context of its rogue commitments.
        rogue_y = random_scalar(g)
        c0 = Point.base_mul(rogue_y)
        for d in dealings[:4]:
            c0 = c0 - d.commitments[0]
        commitments = (c0, *dealings[4].commitments[1:])
        ctx = dealing_context(FINGERPRINT, 5, commitments)
        proof = prove_knowledge(rogue_y, Point.base_mul(rogue_y), ctx, g)
        dealings[4] = Dealing(5, commitments, proof, dealings[4].boxes)
        secrets = secrets[:4]  # nobody knows a polynomial behind the rogue commitments
    received = [receive(params, j, box_keys[j - 1], setups, dealings) for j in params.indices]
    responses = [r for r, _ in received]
    result = finalize(params, dealings, responses)
    shares = [trustee_share(params, result, dealings, rs) for _, rs in received]
    out: dict[str, Any] = {
        "params": params.to_dict(),
        "setups": [s.to_dict() for s in setups],
        "box_keys": [k.to_dict() for k in box_keys],
        "dealings": [d.to_dict() for d in dealings],
        "dealer_secrets": [s.to_dict() for s in secrets],
        "responses": [r.to_dict() for r in responses],
        "reveals": [],
        "result": result.to_dict(),
        "trustee_shares": [s.to_dict() for s in shares],
    }
    if rogue_y is not None:
        out["rogue_joint_key"] = Point.base_mul(rogue_y).hex()
    return out


def ceremony_doc() -> dict[str, Any]:
    honest = _ceremony("honest")
    cases: list[dict[str, Any]] = [
        {"name": "honest 3-of-5 ceremony", "kind": "transcript", **honest, "expected": VALID}
    ]
    rogue = _ceremony("rogue", rogue=True)
    cases.append(
        {
            "name": "rogue dealer 5 is not qualified",
            "kind": "transcript",
            **rogue,
            "expected": VALID,
        }
    )
    params = honest["params"]

    def dealing_case(name: str, dealing: dict[str, Any], expected: str) -> None:
        cases.append(
            {
                "name": name,
                "kind": "dealing",
                "params": params,
                "dealing": dealing,
                "expected": expected,
            }
        )

    d5 = honest["dealings"][4]
    identity_key = _copy(d5)
    identity_key["commitments"][0] = "00" * 32
    dealing_case("rogue key: C_{5,0} = identity", identity_key, IDENTITY_CODE)
    dealing_case("rogue key: C_{5,0} = y·G − Σ others, proof of y", rogue["dealings"][4], PROOF)
    replayed = _copy(d5)
    replayed["proof"] = honest["dealings"][1]["proof"]
    dealing_case("dealer 2's proof replayed on dealer 5's dealing", replayed, PROOF)
    renumbered = _copy(honest["dealings"][1])
    renumbered["dealer"] = 4
    dealing_case("dealer 2's dealing claimed by dealer 4", renumbered, PROOF)
    short = _copy(d5)
    short["commitments"] = short["commitments"][:2]
    dealing_case("two commitments for t = 3", short, CEREMONY)
    few = _copy(d5)
    few["shares"] = few["shares"][:4]
    dealing_case("four sealed shares for n = 5", few, CEREMONY)
    high = _copy(d5)
    high["commitments"][1] = high_bit(high["commitments"][1])
    dealing_case("commitment with bit 255 set", high, POINT)
    unred = _copy(d5)
    unred["proof"]["s"] = unreduced(unred["proof"]["s"])
    dealing_case("proof response + ℓ (not reduced)", unred, SCALAR)

    # A complaint: dealer 4 seals a wrong share to trustee 2.
    p = CeremonyParameters.from_dict(params)
    setups = [TrusteeSetup.from_dict(s) for s in honest["setups"]]
    dealing4 = Dealing.from_dict(honest["dealings"][3])
    bad_box = seal(setups[1].box_key, Scalar(12345).to_bytes(), rng("ceremony", "bad box"))
    boxes = list(dealing4.boxes)
    boxes[1] = bad_box
    cheating = Dealing(4, dealing4.commitments, dealing4.proof, tuple(boxes))
    complaint = Complaint(4, 2, "invalid_share")
    reveal = reveal_share(p, DealerSecret.from_dict(honest["dealer_secrets"][3]), complaint)
    wrong = {**reveal.to_dict(), "share": Scalar(12345).hex()}
    for name, reveals, upheld, reason in [
        (
            "complaint, correct share revealed: dismissed",
            [reveal.to_dict()],
            False,
            "revealed_share_valid",
        ),
        ("complaint, nothing revealed: upheld", [], True, "not_revealed"),
        ("complaint, wrong share revealed: upheld", [wrong], True, "revealed_share_invalid"),
    ]:
        cases.append(
            {
                "name": name,
                "kind": "complaint",
                "params": params,
                "dealing": cheating.to_dict(),
                "box_key": honest["box_keys"][1],
                "setups": honest["setups"],
                "complaint": {"dealer": 4, "recipient": 2, "reason": "invalid_share"},
                "reveals": reveals,
                "upheld": upheld,
                "reason": reason,
                "expected": VALID,
            }
        )

    def result_case(name: str, result: dict[str, Any]) -> None:
        cases.append(
            {
                "name": name,
                "kind": "result",
                "params": params,
                "dealings": honest["dealings"],
                "responses": honest["responses"],
                "reveals": [],
                "result": result,
                "expected": CEREMONY,
            }
        )

    wrong_key = _copy(honest["result"])
    wrong_key["joint_key"] = rogue["rogue_joint_key"]
    result_case("published joint key is not Σ C_{i,0}", wrong_key)
    wrong_q = _copy(honest["result"])
    wrong_q["qualified"] = [1, 2, 3, 4]
    result_case("published qualified set omits dealer 5", wrong_q)
    wrong_y = _copy(honest["result"])
    wrong_y["verification_keys"]["3"] = wrong_y["verification_keys"]["4"]
    result_case("published Y_3 is Y_4", wrong_y)
    return document(
        "Threshold key ceremony, 3 of 5 (Pedersen DKG with Feldman VSS): full transcripts "
        "(parameters, setups, dealings with sealed shares, responses, result, and the secret "
        "box-key seeds, dealer polynomials and key shares as test data); a transcript where "
        "dealer 5 publishes a rogue key C_{5,0} = y·G − Σ others and is not qualified; "
        "dealings refused by the public checks (identity key, rogue key, replayed proof, wrong "
        "shape, non-canonical encodings); complaint resolutions; and published results that "
        "do not match the transcript.",
        "§6",
        cases,
        fingerprint=FINGERPRINT.hex(),
    )


# --- §7 decryption ---


def decryption_doc() -> dict[str, Any]:
    ceremony = _ceremony("honest")
    result = CeremonyResult.from_dict(ceremony["result"])
    keys = [TrusteeShare.from_dict(s) for s in ceremony["trustee_shares"]]
    g = rng("decryption", "ballots")
    ballots = [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1], [1, 0, 0]]
    cts_by_ballot = [[encrypt(result.joint_key, m, random_scalar(g)) for m in b] for b in ballots]
    tally = [sum_ciphertexts([b[k] for b in cts_by_ballot]) for k in range(3)]
    totals = [sum(b[k] for b in ballots) for k in range(3)]
    ctx = FINGERPRINT
    present = [1, 2, 4, 5]  # trustee 3 is absent
    shares = {
        j: tally_share(keys[j - 1], tally, ctx, rng("decryption", f"trustee {j}")) for j in present
    }
    share_dicts = {j: shares[j].to_dict() for j in present}
    common = {
        "tally": [ct.to_dict() for ct in tally],
        "context": ctx.hex(),
    }
    cases: list[dict[str, Any]] = [
        {
            "name": "trustees 1, 2, 4, 5 (3 absent): combine with 1, 2, 4",
            "kind": "combine",
            "shares": [share_dicts[j] for j in present],
            "used": [1, 2, 4],
            "skipped": [],
            "bound": 5,
            "totals": totals,
            "expected": VALID,
        }
    ]
    bad1 = _copy(share_dicts[1])
    bad1["factors"][0] = share_dicts[2]["factors"][0]
    cases.append(
        {
            "name": "trustee 1's first factor is wrong: skipped, combine with 2, 4, 5",
            "kind": "combine",
            "shares": [bad1, share_dicts[2], share_dicts[4], share_dicts[5]],
            "used": [2, 4, 5],
            "skipped": [1],
            "bound": 5,
            "totals": totals,
            "expected": VALID,
        }
    )
    cases.append(
        {
            "name": "only two valid trustees: refused",
            "kind": "combine",
            "shares": [bad1, share_dicts[2], share_dicts[4]],
            "bound": 5,
            "expected": CEREMONY,
        }
    )
    cases.append(
        {
            "name": "a total above the bound: refused",
            "kind": "combine",
            "shares": [share_dicts[j] for j in present],
            "used": [1, 2, 4],
            "skipped": [],
            "bound": 2,
            "expected": "crypto.decryption",
        }
    )
    for j in present:
        cases.append(
            {
                "name": f"trustee {j}'s share",
                "kind": "share",
                "share": share_dicts[j],
                "expected": VALID,
            }
        )

    def share_negative(name: str, share: dict[str, Any], expected: str = INVALID_SHARE) -> None:
        cases.append({"name": name, "kind": "share", "share": share, "expected": expected})

    s = _copy(share_dicts[2])
    s["proofs"][1]["c"] = bump(s["proofs"][1]["c"])
    share_negative("proof challenge + 1", s)
    s = _copy(share_dicts[2])
    s["factors"][1] = (Point.from_hex(s["factors"][1]) + GENERATOR).hex()
    share_negative("factor + G (proof unchanged)", s)
    s = _copy(share_dicts[2])
    s["factors"][0], s["factors"][1] = s["factors"][1], s["factors"][0]
    s["proofs"][0], s["proofs"][1] = s["proofs"][1], s["proofs"][0]
    share_negative("shares of positions 0 and 1 swapped", s)
    s = _copy(share_dicts[2])
    s["trustee"] = 4
    share_negative("trustee 2's share claimed by trustee 4", s)
    s = _copy(share_dicts[2])
    s["factors"], s["proofs"] = s["factors"][:2], s["proofs"][:2]
    share_negative("covers two of three ciphertexts", s)
    s = _copy(share_dicts[2])
    s["proofs"][0]["s"] = unreduced(s["proofs"][0]["s"])
    share_negative("proof response + ℓ (not reduced)", s, SCALAR)
    s = _copy(share_dicts[2])
    s["factors"][2] = high_bit(s["factors"][2])
    share_negative("factor with bit 255 set", s, POINT)
    return document(
        "Decryption shares and their combination: a tally of three options over five ballots "
        "under the joint key of ceremony.json's honest transcript; tally shares "
        'D = x_j·α_k with Chaum–Pedersen proofs under H("decryption/share"; ctx, j, k) from '
        "trustees 1, 2, 4, 5; combinations by Lagrange interpolation with the smallest t valid "
        "indices, skipping invalid shares; and refused shares.",
        "§7",
        cases,
        **common,
        threshold=ceremony["params"]["threshold"],
        joint_key=ceremony["result"]["joint_key"],
        verification_keys=ceremony["result"]["verification_keys"],
        trustee_shares=ceremony["trustee_shares"],
    )


def decryption_empty_doc() -> dict[str, Any]:
    """An empty tally (no ballot counted): every α and β, and every factor, is the identity.

    libsodium refuses an identity product (crypto.md §1.1 note); a second
    implementation that takes the refusal for an error fails here, and on a
    genuine record whose tally counts no ballot.
    """
    ceremony = _ceremony("honest")
    result = CeremonyResult.from_dict(ceremony["result"])
    keys = [TrusteeShare.from_dict(s) for s in ceremony["trustee_shares"]]
    tally = [sum_ciphertexts([]) for _ in range(3)]
    ctx = FINGERPRINT
    present = [1, 2, 3]
    shares = {
        j: tally_share(keys[j - 1], tally, ctx, rng("decryption-empty", f"trustee {j}")).to_dict()
        for j in present
    }
    cases: list[dict[str, Any]] = [
        {
            "name": "no ballot counted: combine with 1, 2, 3, totals 0",
            "kind": "combine",
            "shares": [shares[j] for j in present],
            "used": present,
            "skipped": [],
            "bound": 1,
            "totals": [0, 0, 0],
            "expected": VALID,
        },
        *(
            {"name": f"trustee {j}'s share", "kind": "share", "share": shares[j], "expected": VALID}
            for j in present
        ),
    ]
    bad = _copy(shares[1])
    bad["factors"][0] = GENERATOR.hex()
    cases.append(
        {"name": "a factor that is not the identity", "kind": "share", "share": bad,
         "expected": INVALID_SHARE}
    )  # fmt: skip
    del result
    return document(
        "Decryption of an empty tally (crypto.md §1.4, §7): the tally of zero ballots is "
        "(identity, identity) per option, each factor D = x_j·identity is the identity and its "
        "Chaum–Pedersen proof has G2 = B = identity; the totals are 0.",
        "§1.4, §7",
        cases,
        tally=[ct.to_dict() for ct in tally],
        context=ctx.hex(),
        threshold=ceremony["params"]["threshold"],
        joint_key=ceremony["result"]["joint_key"],
        verification_keys=ceremony["result"]["verification_keys"],
        trustee_shares=ceremony["trustee_shares"],
    )


THRESHOLD_GENERATORS: dict[str, Callable[[], dict[str, Any]]] = {
    "schnorr.json": schnorr_doc,
    "chaum-pedersen.json": chaum_pedersen_doc,
    "signature.json": signature_doc,
    "ceremony.json": ceremony_doc,
    "decryption.json": decryption_doc,
    "decryption-empty.json": decryption_empty_doc,
}
