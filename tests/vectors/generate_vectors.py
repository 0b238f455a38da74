"""Write the JSON test vectors in ``vectors/`` (spec tandau/v1), deterministically.

Run from the repository root::

    .venv/bin/python tests/vectors/generate_vectors.py

Every random value comes from ``DeterministicRng`` (spec §2.4) seeded with
``tandau/v1 vectors/<file>/<case>``, so a run rewrites identical files; a
diff after a run means the protocol changed and the spec's version and
changelog must say so.  ``ristretto255-rfc9496.json`` is not computed at
all: it is RFC 9496 Appendix A transcribed.  ``tests/vectors/test_vectors.py``
checks every file against the code; a second implementation should check
them against its own.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "vectors"
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from ballot_vectors import BALLOT_GENERATORS  # noqa: E402
from forgeries import encrypt_any, forge_range_proof  # noqa: E402
from threshold_vectors import THRESHOLD_GENERATORS  # noqa: E402
from vector_common import (  # noqa: E402
    DECRYPTION,
    IDENTITY_CODE,
    POINT,
    PROOF,
    SCALAR,
    SPEC,
    VALID,
    bump,
    document,
    high_bit,
    rng,
    unreduced,
)

from tandau.crypto import sodium  # noqa: E402
from tandau.crypto.disjunctive import RangeProof, prove_range  # noqa: E402
from tandau.crypto.elgamal import (  # noqa: E402
    Ciphertext,
    KeyPair,
    encrypt,
    keygen,
    rerandomize,
    sum_ciphertexts,
)
from tandau.crypto.group import GENERATOR, L, Point, Scalar, random_scalar  # noqa: E402
from tandau.crypto.hashing import hash_bytes, int_part, str_part  # noqa: E402
from tandau.crypto.selection import (  # noqa: E402
    EncryptedSelection,
    SelectionRule,
    encrypt_selection,
    option_context,
    sum_context,
)

# --- RFC 9496 Appendix A, transcribed (not computed) ---

RFC_MULTIPLES = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
]

RFC_BAD_ENCODINGS = [
    (
        "non-canonical field encoding",
        "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ),
    (
        "non-canonical field encoding",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
    (
        "non-canonical field encoding",
        "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
    (
        "non-canonical field encoding",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
    ("negative field element", "0100000000000000000000000000000000000000000000000000000000000000"),
    ("negative field element", "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    ("negative field element", "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20"),
    ("negative field element", "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562"),
    ("negative field element", "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78"),
    ("negative field element", "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24"),
    ("negative field element", "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72"),
    ("negative field element", "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309"),
    ("non-square x^2", "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371"),
    ("non-square x^2", "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f"),
    ("non-square x^2", "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b"),
    ("non-square x^2", "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042"),
    ("non-square x^2", "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08"),
    ("non-square x^2", "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22"),
    ("non-square x^2", "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731"),
    ("non-square x^2", "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b"),
    ("negative xy value", "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e"),
    ("negative xy value", "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220"),
    ("negative xy value", "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e"),
    ("negative xy value", "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32"),
    ("negative xy value", "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b"),
    ("negative xy value", "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165"),
    ("negative xy value", "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e"),
    ("negative xy value", "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b"),
    (
        "s = -1, which causes y = 0",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
]

RFC_LABELS = [
    "Ristretto is traditionally a short shot of espresso coffee",
    "made with the normal amount of ground coffee but extracted with",
    "about half the amount of water in the same amount of time",
    "by using a finer grind.",
    "This produces a concentrated shot of coffee per volume.",
    "Just pulling a normal shot short will produce a weaker shot",
    "and is not a Ristretto as some believe.",
]

RFC_HASH_TO_GROUP = [
    (
        "5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c1"
        "4d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6",
        "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46",
    ),
    (
        "f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b27"
        "0102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38",
        "f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b",
    ),
    (
        "8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c"
        "27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c",
        "006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826",
    ),
    (
        "ac22415129b61427bf464e17baee8db65940c233b98afce8d17c57beeb7876c2"
        "150d15af1cb1fb824bbd14955f2b57d08d388aab431a391cfc33d5bafb5dbbaf",
        "f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a",
    ),
    (
        "165d697a1ef3d5cf3c38565beefcf88c0f282b8e7dbd28544c483432f1cec767"
        "5debea8ebb4e5fe7d6f6e5db15f15587ac4d4d4a1de7191e0c1ca6664abcc413",
        "ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179",
    ),
    (
        "a836e6c9a9ca9f1e8d486273ad56a78c70cf18f0ce10abb1c7172ddd605d7fd2"
        "979854f47ae1ccf204a33102095b4200e5befc0465accc263175485f0e17ea5c",
        "e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628",
    ),
    (
        "2cdc11eaeb95daf01189417cdddbf95952993aa9cb9c640eb5058d09702c7462"
        "2c9965a697a3b345ec24ee56335b556e677b30e6f90ac77d781064f866a3c982",
        "80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065",
    ),
]

# Inputs with non-canonical halves that all map to one element (RFC 9496 A.3).
RFC_SAME_ELEMENT = "304282791023b73128d277bdcb5c7746ef2eac08dde9f2983379cb8e5ef0517f"
RFC_SAME_INPUTS = [
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "1200000000000000000000000000000000000000000000000000000000000000",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "0000000000000000000000000000000000000000000000000000000000000080"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000"
    "1200000000000000000000000000000000000000000000000000000000000080",
]


def rfc9496() -> dict[str, Any]:
    cases: list[dict[str, Any]] = [
        {"name": f"A.1 {n}·B", "kind": "multiple", "n": n, "encoding": enc, "expected": VALID}
        for n, enc in enumerate(RFC_MULTIPLES)
    ]
    cases += [
        {"name": f"A.2 {why} #{i}", "kind": "decode", "encoding": enc, "expected": POINT}
        for i, (why, enc) in enumerate(RFC_BAD_ENCODINGS)
    ]
    cases += [
        {
            "name": f"A.3 #{i}",
            "kind": "from_uniform_bytes",
            "label": label,
            "input": inp,
            "output": out,
            "expected": VALID,
        }
        for i, (label, (inp, out)) in enumerate(zip(RFC_LABELS, RFC_HASH_TO_GROUP, strict=True))
    ]
    cases += [
        {
            "name": f"A.3 same element #{i}",
            "kind": "from_uniform_bytes",
            "input": inp,
            "output": RFC_SAME_ELEMENT,
            "expected": VALID,
        }
        for i, inp in enumerate(RFC_SAME_INPUTS)
    ]
    return {
        "provenance": "RFC 9496 Appendix A",
        "description": (
            "ristretto255 test vectors of RFC 9496 (de Valence et al., December 2023), Appendix A: "
            "A.1 encodings of the multiples 0·B … 15·B of the generator; A.2 invalid encodings, "
            "every one of which a decoder must refuse; A.3 element derivation from 64 uniform "
            "bytes (the first seven inputs are SHA-512 of the UTF-8 labels given).  Transcribed, "
            "not computed; the transcription was cross-checked against the test suites of two "
            "independent implementations (gtank/ristretto255, paulmillr/noble-curves) and "
            "against libsodium."
        ),
        "spec": f"{SPEC} §1.2, §2.3",
        "cases": cases,
    }


# --- our own vectors ---


def hash_to_scalar_doc() -> dict[str, Any]:
    fingerprint = hashlib.sha256(b"tandau vectors election").digest()
    inputs: list[tuple[str, str, list[bytes]]] = [
        ("no parts", "test/vector", []),
        ("one empty part", "test/vector", [b""]),
        ("ascii", "test/vector", [b"abc"]),
        ("split differently", "test/vector", [b"ab", b"c"]),
        ("integer part", "test/vector", [int_part(1)]),
        ("string part (Kazakh)", "test/vector", [str_part("Таңдау — сайлау")]),
        ("fingerprint and index", "ceremony/dealing", [fingerprint, int_part(3)]),
        ("long part", "test/vector", [bytes(range(256)) + bytes(44)]),
        ("ballot context", "ballot/context", [fingerprint, GENERATOR.data, GENERATOR.data]),
    ]
    cases: list[dict[str, Any]] = []
    for name, purpose, parts in inputs:
        tag = f"tandau/v1/{purpose}".encode()
        preimage = b"".join(len(p).to_bytes(4, "big") + p for p in [tag, *parts])
        digest = hash_bytes(purpose, *parts)
        cases.append(
            {
                "name": name,
                "kind": "hash",
                "purpose": purpose,
                "parts": [p.hex() for p in parts],
                "preimage": preimage.hex(),
                "digest": digest.hex(),
                "scalar": Scalar.reduce(digest).hex(),
                "point": sodium.from_hash(digest).hex(),
                "expected": VALID,
            }
        )
    for value in (0, 1, 258, 2**64 - 1):
        cases.append(
            {
                "name": f"int {value}",
                "kind": "int",
                "value": value,
                "encoded": int_part(value).hex(),
                "expected": VALID,
            }
        )
    for text in ("", "tandau", "Таңдау"):
        cases.append(
            {
                "name": f"str {text!r}",
                "kind": "str",
                "value": text,
                "encoded": str_part(text).hex(),
                "expected": VALID,
            }
        )
    return document(
        "Domain-separated hashing: the length-prefixed preimage, its SHA-512 digest, the digest "
        "reduced mod ℓ (hash-to-scalar) and mapped to the group (hash-to-point); the 8-byte "
        "integer and UTF-8 string part encodings.",
        "§2.1–§2.3",
        cases,
    )


def encodings_doc() -> dict[str, Any]:
    g = GENERATOR.hex()
    ell = L.to_bytes(32, "little").hex()
    cases = [
        {"name": "G", "kind": "point", "hex": g, "expected": VALID},
        {"name": "identity", "kind": "point", "hex": "00" * 32, "expected": VALID},
        {"name": "G with bit 255 set", "kind": "point", "hex": high_bit(g), "expected": POINT},
        {
            "name": "identity with bit 255 set",
            "kind": "point",
            "hex": high_bit("00" * 32),
            "expected": POINT,
        },
        {
            "name": "Ed25519 base point (Edwards, not ristretto)",
            "kind": "point",
            "hex": "58" + "66" * 31,
            "expected": POINT,
        },
        {
            "name": "Ed25519 identity (Edwards, not ristretto)",
            "kind": "point",
            "hex": "01" + "00" * 31,
            "expected": POINT,
        },
        {"name": "G in upper-case hex", "kind": "point", "hex": g.upper(), "expected": POINT},
        {
            "name": "G with a space",
            "kind": "point",
            "hex": g[:2] + " " + g[2:-1],
            "expected": POINT,
        },
        {"name": "31 bytes", "kind": "point", "hex": g[:62], "expected": POINT},
        {"name": "33 bytes", "kind": "point", "hex": g + "00", "expected": POINT},
        {"name": "public key G", "kind": "public_key", "hex": g, "expected": VALID},
        {
            "name": "public key identity",
            "kind": "public_key",
            "hex": "00" * 32,
            "expected": IDENTITY_CODE,
        },
        {"name": "public key bit 255", "kind": "public_key", "hex": high_bit(g), "expected": POINT},
        {"name": "scalar 0", "kind": "scalar", "hex": "00" * 32, "expected": VALID},
        {
            "name": "scalar ℓ − 1",
            "kind": "scalar",
            "hex": (L - 1).to_bytes(32, "little").hex(),
            "expected": VALID,
        },
        {"name": "scalar ℓ", "kind": "scalar", "hex": ell, "expected": SCALAR},
        {
            "name": "scalar ℓ + 1",
            "kind": "scalar",
            "hex": (L + 1).to_bytes(32, "little").hex(),
            "expected": SCALAR,
        },
        {"name": "scalar 2^256 − 1", "kind": "scalar", "hex": "ff" * 32, "expected": SCALAR},
        {
            "name": "scalar 1 with bit 255 set",
            "kind": "scalar",
            "hex": "01" + "00" * 30 + "80",
            "expected": SCALAR,
        },
        {
            "name": "scalar 2^253 (bit 253 set)",
            "kind": "scalar",
            "hex": "00" * 31 + "20",
            "expected": SCALAR,
        },
        {
            "name": "scalar in upper-case hex",
            "kind": "scalar",
            "hex": "AB" + "00" * 31,
            "expected": SCALAR,
        },
        {"name": "scalar 31 bytes", "kind": "scalar", "hex": "01" * 31, "expected": SCALAR},
    ]
    return document(
        "Canonical wire encodings of points and scalars (64 lower-case hex digits of the 32 "
        "canonical bytes) and the identity rule for public keys; negative cases beyond RFC 9496 "
        "A.2, including bit 255 set, which libsodium 1.0.18 alone would accept.",
        "§1.1–§1.4",
        cases,
    )


def elgamal_doc() -> dict[str, Any]:
    kp = keygen(rng("elgamal", "key"))
    cases: list[dict[str, Any]] = []
    cts: list[tuple[int, Scalar, Ciphertext]] = []
    for m in (0, 1, 2, 7, 1000):
        r = random_scalar(rng("elgamal", f"encrypt {m}"))
        ct = encrypt(kp.public, m, r)
        cts.append((m, r, ct))
        cases.append(
            {
                "name": f"encrypt {m}",
                "kind": "encrypt",
                "m": m,
                "r": r.hex(),
                "ciphertext": ct.to_dict(),
                "bound": 1000,
                "expected": VALID,
            }
        )
    total = sum_ciphertexts([ct for _, _, ct in cts])
    cases.append(
        {
            "name": "homomorphic sum of the encryptions above",
            "kind": "sum",
            "ciphertexts": [ct.to_dict() for _, _, ct in cts],
            "sum": total.to_dict(),
            "m": sum(m for m, _, _ in cts),
            "bound": 2000,
            "expected": VALID,
        }
    )
    r2 = random_scalar(rng("elgamal", "rerandomize"))
    cases.append(
        {
            "name": "re-randomise encrypt 7",
            "kind": "rerandomize",
            "ciphertext": cts[3][2].to_dict(),
            "r": r2.hex(),
            "result": rerandomize(kp.public, cts[3][2], r2).to_dict(),
            "m": 7,
            "bound": 1000,
            "expected": VALID,
        }
    )
    cases.append(
        {
            "name": "decrypt 1000 with bound 999",
            "kind": "decrypt",
            "ciphertext": cts[4][2].to_dict(),
            "bound": 999,
            "expected": DECRYPTION,
        }
    )
    r3 = random_scalar(rng("elgamal", "minus one"))
    cases.append(
        {
            "name": "decrypt −1 (β = r·K − G)",
            "kind": "decrypt",
            "ciphertext": encrypt_any(kp.public, -1, r3).to_dict(),
            "bound": 1000,
            "expected": DECRYPTION,
        }
    )
    bad = cts[1][2].to_dict()
    bad["beta"] = high_bit(bad["beta"])
    cases.append(
        {
            "name": "β with bit 255 set",
            "kind": "decrypt",
            "ciphertext": bad,
            "bound": 1000,
            "expected": POINT,
        }
    )
    return document(
        "Exponential ElGamal under one key: Enc(m; r) = (r·G, r·K + m·G), homomorphic sums, "
        "re-randomisation, and decryption with a bounded discrete log (secret key included: "
        "test data only).",
        "§3.1–§3.4",
        cases,
        key={"secret": kp.secret.hex(), "public": kp.public.to_hex()},
    )


def _range_case(
    name: str, kp: KeyPair, m: int, lo: int, hi: int, context: bytes, file: str = "range-proof"
) -> tuple[dict[str, Any], Ciphertext, RangeProof]:
    g = rng(file, name)
    r = random_scalar(g)
    ct = encrypt(kp.public, m, r)
    proof = prove_range(kp.public, ct, m, r, lo, hi, context, g)
    k = kp.public.point
    commitments = []
    for j, (c, s) in enumerate(zip(proof.challenges, proof.responses, strict=True)):
        a = Point.base_mul(s) - c * ct.alpha
        b = s * k - c * (ct.beta - Point.base_mul(Scalar(lo + j)))
        commitments.append([a.hex(), b.hex()])
    case = {
        "name": name,
        "m": m,
        "r": r.hex(),
        "lo": lo,
        "hi": hi,
        "context": context.hex(),
        "ciphertext": ct.to_dict(),
        "proof": proof.to_dict(),
        "commitments": commitments,
        "challenge": Scalar(sum(c.value for c in proof.challenges) % L).hex(),
        "expected": VALID,
    }
    return case, ct, proof


def range_proof_doc() -> dict[str, Any]:
    kp = keygen(rng("range-proof", "key"))
    ctx = hash_bytes("test/vector-context", b"range-proof")
    cases: list[dict[str, Any]] = []
    base = None
    for name, m, lo, hi in [
        ("0 in [0,1]", 0, 0, 1),
        ("1 in [0,1]", 1, 0, 1),
        ("1 in [1,1] (exact sum)", 1, 1, 1),
        ("3 in [0,5]", 3, 0, 5),
        ("4 in [2,4]", 4, 2, 4),
    ]:
        case, _, _ = _range_case(name, kp, m, lo, hi, ctx)
        cases.append(case)
        if base is None:
            base = case
    assert base is not None

    def negative(name: str, expected: str, **changes: Any) -> None:
        case = json.loads(json.dumps(base))
        for key, value in changes.items():
            if key in ("c0", "c1", "s0", "s1"):
                case["proof"][key[0]][int(key[1])] = value
            elif key in ("alpha", "beta"):
                case["ciphertext"][key] = value
            else:
                case[key] = value
        case["name"] = name
        case["expected"] = expected
        for k in ("commitments", "challenge"):
            case.pop(k)
        cases.append(case)

    c, s = base["proof"]["c"], base["proof"]["s"]
    negative("challenge 0 + 1", PROOF, c0=bump(c[0]))
    negative("challenge 1 + 1", PROOF, c1=bump(c[1]))
    negative("response 0 + 1", PROOF, s0=bump(s[0]))
    negative("response 1 + 1", PROOF, s1=bump(s[1]))
    negative("challenges swapped", PROOF, c0=c[1], c1=c[0])
    negative("α replaced", PROOF, alpha=GENERATOR.hex())
    negative("β + G", PROOF, beta=(Point.from_hex(base["ciphertext"]["beta"]) + GENERATOR).hex())
    negative("wrong context", PROOF, context=hash_bytes("test/vector-context", b"other").hex())
    negative("other key", PROOF, key=keygen(rng("range-proof", "other key")).public.to_hex())
    negative("bounds [1,2] instead of [0,1]", PROOF, lo=1, hi=2)
    negative("bounds [0,2]: wrong branch count", PROOF, hi=2)
    negative("challenge 0 + ℓ (not reduced)", SCALAR, c0=unreduced(c[0]))
    negative("response 1 + ℓ (not reduced)", SCALAR, s1=unreduced(s[1]))
    negative("α with bit 255 set", POINT, alpha=high_bit(base["ciphertext"]["alpha"]))
    negative("β: s = −1 (RFC 9496 A.2)", POINT, beta="ec" + "ff" * 30 + "7f")

    # A forged proof that Enc(2) is in [0, 1].
    g = rng("range-proof", "forged 2")
    r = random_scalar(g)
    ct2 = encrypt(kp.public, 2, r)
    forged = forge_range_proof(kp.public, ct2, r, 1, 0, 1, ctx, g)
    cases.append(
        {
            "name": "forged: Enc(2) claimed in [0,1]",
            "m": 2,
            "r": r.hex(),
            "lo": 0,
            "hi": 1,
            "context": ctx.hex(),
            "ciphertext": ct2.to_dict(),
            "proof": forged.to_dict(),
            "expected": PROOF,
        }
    )
    return document(
        "Disjunctive Chaum–Pedersen range proofs: for each valid case the ciphertext, the proof "
        "(c_v, s_v for v = lo … hi), the recomputed commitments (a_v, b_v) and the total "
        'challenge Σ c_v = H("proof/range", …); negative cases mutate one field, reuse the '
        "proof for another statement, spell a scalar unreduced or a point non-canonically, or "
        "forge a proof for an encryption of 2.  A negative case's fields override the key "
        "(top-level 'key' unless the case has its own).",
        "§5.1",
        cases,
        key=kp.public.to_hex(),
    )


def _rule(rule: SelectionRule) -> dict[str, int]:
    return {
        "options": rule.options,
        "per_option": rule.per_option,
        "min_sum": rule.min_sum,
        "max_sum": rule.max_sum,
    }


def selection_doc() -> dict[str, Any]:
    kp = keygen(rng("selection", "key"))
    fingerprint = hashlib.sha256(b"tandau vectors election").digest()

    def voter(name: str) -> tuple[str, bytes]:
        x = random_scalar(rng("selection", f"credential {name}"))
        cred = Point.base_mul(x)
        return cred.hex(), hash_bytes(
            "ballot/context", fingerprint, kp.public.point.data, cred.data
        )

    cases: list[dict[str, Any]] = []
    honest: dict[str, dict[str, Any]] = {}
    for name, rule, choices, who in [
        ("akim K=3, option 2", SelectionRule(3), [0, 0, 1], "A"),
        ("akim K=6, option 1", SelectionRule(6), [0, 1, 0, 0, 0, 0], "B"),
        ("akim K=6, against all (option 5)", SelectionRule(6), [0, 0, 0, 0, 0, 1], "C"),
        ("community K=4, 0..2 each, sum in [1,3]", SelectionRule(4, 2, 1, 3), [2, 0, 1, 0], "D"),
    ]:
        cred, ctx = voter(who)
        sel, opening = encrypt_selection(kp.public, rule, choices, ctx, rng("selection", name))
        case = {
            "name": name,
            "rule": _rule(rule),
            "credential": cred,
            "context": ctx.hex(),
            "selection": sel.to_dict(),
            "opening": opening.to_dict(),
            "expected": VALID,
        }
        honest[name] = case
        cases.append(case)

    def negative(
        name: str, source: str, expected: str, mutate: Callable[[dict[str, Any]], None]
    ) -> None:
        case = json.loads(json.dumps(honest[source]))
        case.pop("opening")
        case["name"] = name
        case["expected"] = expected
        mutate(case)
        cases.append(case)

    k3 = "akim K=3, option 2"
    k6 = "akim K=6, option 1"
    other_cred, other_ctx = voter("E")

    def copy_to_other(case: dict[str, Any]) -> None:
        case["credential"], case["context"] = other_cred, other_ctx.hex()

    def swap_options(case: dict[str, Any]) -> None:
        sel = case["selection"]
        for key in ("ciphertexts", "option_proofs"):
            sel[key][0], sel[key][2] = sel[key][2], sel[key][0]

    def bump_sum(case: dict[str, Any]) -> None:
        case["selection"]["sum_proof"]["s"][0] = bump(case["selection"]["sum_proof"]["s"][0])

    def option_beta(case: dict[str, Any]) -> None:
        ct = case["selection"]["ciphertexts"][4]
        ct["beta"] = (Point.from_hex(ct["beta"]) + GENERATOR).hex()

    def unreduced_challenge(case: dict[str, Any]) -> None:
        proof = case["selection"]["option_proofs"][1]
        proof["c"][0] = unreduced(proof["c"][0])

    def high_bit_alpha(case: dict[str, Any]) -> None:
        ct = case["selection"]["ciphertexts"][0]
        ct["alpha"] = high_bit(ct["alpha"])

    def other_rule(case: dict[str, Any]) -> None:
        case["rule"] = _rule(SelectionRule(3, 1, 0, 1))

    negative("copied to another voter's context", k3, PROOF, copy_to_other)
    negative("options 0 and 2 swapped with their proofs", k3, PROOF, swap_options)
    negative("sum proof response + 1", k3, PROOF, bump_sum)
    negative("option 4 β + G", k6, PROOF, option_beta)
    negative("option 1 challenge + ℓ (not reduced)", k6, SCALAR, unreduced_challenge)
    negative("option 0 α with bit 255 set", k3, POINT, high_bit_alpha)
    negative("verified under the rule sum in [0,1]", k3, PROOF, other_rule)

    # Forged ballots, built as a malicious client would (tests/forgeries.py).
    cred, ctx = voter("M")
    for name, plain, claims in [
        ("forged: votes 2, −1, 0 (sum 1)", [2, -1, 0], [1, 0, 0]),
        ("forged: votes 1, 1, 0 (sum 2)", [1, 1, 0], None),
    ]:
        g = rng("selection", name)
        rs = [random_scalar(g) for _ in plain]
        cts = [encrypt_any(kp.public, m, r) for m, r in zip(plain, rs, strict=True)]
        if claims is None:  # honest option proofs, forged sum
            proofs = [
                prove_range(kp.public, ct, m, r, 0, 1, option_context(ctx, i), g)
                for i, (ct, m, r) in enumerate(zip(cts, plain, rs, strict=True))
            ]
        else:
            proofs = [
                forge_range_proof(kp.public, ct, r, claim, 0, 1, option_context(ctx, i), g)
                for i, (ct, r, claim) in enumerate(zip(cts, rs, claims, strict=True))
            ]
        total = sum_ciphertexts(cts)
        r_total = Scalar(sum(r.value for r in rs) % L)
        if claims is None:
            sum_proof = forge_range_proof(kp.public, total, r_total, 1, 1, 1, sum_context(ctx), g)
        else:  # the sum really is 1: an honest sum proof
            sum_proof = prove_range(kp.public, total, 1, r_total, 1, 1, sum_context(ctx), g)
        cases.append(
            {
                "name": name,
                "rule": _rule(SelectionRule(3)),
                "credential": cred,
                "context": ctx.hex(),
                "selection": EncryptedSelection(tuple(cts), tuple(proofs), sum_proof).to_dict(),
                "expected": PROOF,
            }
        )
    return document(
        "Encrypted selections: one ciphertext and 0..per_option range proof per option "
        "(context ‖ i as 8-byte big-endian) and a sum proof (context ‖ 'sum'); akim ballots "
        "K = 3 and K = 6 with the exact sum 1, and a community question.  The context is "
        'H("ballot/context", fingerprint, K, X) for the voter\'s public credential X '
        "(record spec §R4.2); each valid case carries its opening (choices and nonces) for the "
        "cast-or-audit check.  Negative cases: a ballot copied to another voter, reordered "
        "options, one mutated field, an unreduced challenge, a non-canonical point, the wrong "
        "rule, and forged ballots voting 2 and −1 or summing to 2.",
        "§5.2",
        cases,
        key=kp.public.to_hex(),
        fingerprint=fingerprint.hex(),
    )


GENERATORS: dict[str, Callable[[], dict[str, Any]]] = {
    "ristretto255-rfc9496.json": rfc9496,
    "hash-to-scalar.json": hash_to_scalar_doc,
    "encodings.json": encodings_doc,
    "elgamal.json": elgamal_doc,
    "range-proof.json": range_proof_doc,
    "selection.json": selection_doc,
    **THRESHOLD_GENERATORS,
    **BALLOT_GENERATORS,
}


def render(name: str) -> str:
    """The exact text of ``vectors/<name>``."""
    return json.dumps(GENERATORS[name](), indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    VECTORS.mkdir(exist_ok=True)
    for name in GENERATORS:
        text = render(name)
        (VECTORS / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
