"""Vector documents for credentials and whole ballots (record spec §R3, §R4).

``credentials.json``: code normalisation (check symbol, separators, case) and
the credential key pair of a code.  ``ballot.json``: ballots as a voter's
device makes them, from a manifest, a joint key, a code, the choices and a
``DeterministicRng`` seed (spec §2.4), byte for byte — so a second
implementation (the browser booth) can rebuild them exactly — with their
tracking codes, openings for the Benaloh audit, and refused ballots and
openings.  Imported by ``generate_vectors.py``, which owns the paths.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import vector_common as vc
from forgeries import encrypt_any, forge_range_proof

from tandau.crypto.canonical import dumps
from tandau.crypto.disjunctive import prove_range
from tandau.crypto.elgamal import keygen, sum_ciphertexts
from tandau.crypto.group import L, Scalar, random_scalar
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.selection import (
    EncryptedSelection,
    SelectionRule,
    option_context,
    sum_context,
)
from tandau.crypto.signatures import sign
from tandau.protocol.ballot import ballot_context, create_ballot, tracking_code
from tandau.protocol.credentials import Credential, derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee

INVALID_OBJECT = "protocol.invalid_object"
BALLOT_REFUSED = "protocol.ballot_refused"
AUDIT_FAILED = "protocol.audit_failed"

FINGERPRINT = hashlib.sha256(b"tandau vectors election").digest()


def _names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _seed(file: str, case: str) -> str:
    """The DeterministicRng seed text of one case, as ``vector_common.rng`` builds it."""
    return f"tandau/v1 vectors/{file}/{case}"


# --- credentials.json ---


def credentials_doc() -> dict[str, Any]:
    g = vc.rng("credentials", "codes")
    codes = [new_code(g) for _ in range(3)]
    grouped = codes[0]
    flat = grouped.replace("-", "")
    cases: list[dict[str, Any]] = []

    def normalize(name: str, text: str, expected: str = vc.VALID) -> None:
        case: dict[str, Any] = {"name": name, "kind": "normalize", "text": text}
        if expected == vc.VALID:
            case["code"] = flat
        cases.append({**case, "expected": expected})

    normalize("grouped as printed", grouped)
    normalize("without separators", flat)
    normalize("lower case", grouped.lower())
    normalize("spaces and tabs", " " + flat[:7] + "\t" + flat[7:14] + "  " + flat[14:] + " ")
    normalize("mixed separators", "-".join(flat[i : i + 3] for i in range(0, 21, 3)))
    wrong = "2" if flat[-1] != "2" else "3"
    normalize("typo in the check symbol", flat[:-1] + wrong, INVALID_OBJECT)
    # Swapping two different neighbours changes the check sum by their difference.
    i = next(i for i in range(20) if flat[i] != flat[i + 1])
    swapped = flat[:i] + flat[i + 1] + flat[i] + flat[i + 2 :]
    normalize("two neighbouring symbols swapped", swapped, INVALID_OBJECT)
    normalize("one symbol missing", flat[1:], INVALID_OBJECT)
    normalize("one symbol more", flat + "2", INVALID_OBJECT)
    normalize("letter O (not in the alphabet)", "O" + flat[1:], INVALID_OBJECT)
    normalize("digit 1 (not in the alphabet)", "1" + flat[1:], INVALID_OBJECT)
    normalize("a newline is not a separator", flat[:10] + "\n" + flat[10:], INVALID_OBJECT)
    normalize("Cyrillic А in place of a symbol", "А" + flat[1:], INVALID_OBJECT)
    normalize("empty", "", INVALID_OBJECT)
    for i, code in enumerate(codes):
        cred = derive(FINGERPRINT, code)
        cases.append(
            {
                "name": f"derive #{i}",
                "kind": "derive",
                "fingerprint": FINGERPRINT.hex(),
                "text": code,
                "secret": cred.secret.hex(),
                "public": cred.public.hex(),
                "expected": vc.VALID,
            }
        )
    cases.append(
        {
            "name": "derive: the same code in another election",
            "kind": "derive",
            "fingerprint": hashlib.sha256(b"another election").digest().hex(),
            "text": codes[0].lower(),
            "secret": derive(hashlib.sha256(b"another election").digest(), codes[0]).secret.hex(),
            "public": derive(hashlib.sha256(b"another election").digest(), codes[0]).public.hex(),
            "expected": vc.VALID,
        }
    )
    return vc.document(
        "Voter credential codes: 20 symbols of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ and a check "
        "symbol Σ (i+1)·index(body_i) mod 32; normalisation upper-cases and drops '-', spaces "
        "and tabs, then checks the alphabet, the length and the check symbol ('code' is the "
        'result).  The credential secret is x = H("credential/secret"; fingerprint, code) '
        "reduced mod ℓ and the public credential x·G.",
        "record §R3",
        cases,
    )


# --- ballot.json ---


def _manifest(community: bool = False) -> Manifest:
    if community:
        options: list[Option] = [
            Option(f"a{i}", "answer", _names(f"Жауап {i}", f"Ответ {i}", f"Answer {i}"))
            for i in range(1, 5)
        ]
        rule = SelectionRule(4, 2, 1, 3)
    else:
        options = [
            Option(
                f"c{i}",
                "candidate",
                _names(f"Үміткер {i} «Таңдау»", f"Кандидат {i}", f"Candidate {i}"),
                None if i % 2 else '"Аманат" партиясы \\ 2026',
            )
            for i in range(1, 6)
        ]
        options.append(
            Option(
                "against", "against_all", _names("Барлығына қарсы", "Против всех", "Against all")
            )
        )
        rule = SelectionRule(len(options))
    return Manifest(
        election_id="vectors-community" if community else "vectors-akim",
        title=_names("Ауыл әкімі сайлауы", "Выборы акима села", "Election of the village akim"),
        unit_code="611633000",
        unit_name=_names("Ақсу ауылдық округі", "Аксуский сельский округ", "Aksu rural okrug"),
        office="question" if community else "akim",
        ruleset="kz-rural-akim-2023",
        polling_day="2026-09-17",
        mode="community" if community else "polling-station",
        options=tuple(options),
        rule=rule,
        trustees=(Trustee(1, "Әлия"), Trustee(2, "Олег"), Trustee(3, "Trustee 3")),
        threshold=2,
        commission_key="11" * 32,
    )


def _resign(ballot: dict[str, Any], cred: Credential, fingerprint: bytes, seed: str) -> None:
    """Sign a (changed) ballot again, as a cheating client holding ``cred`` would."""
    selection = EncryptedSelection.from_dict(ballot["selection"])
    message = hash_bytes("ballot/signed", fingerprint, cred.public.data, dumps(selection.to_dict()))
    ballot["credential"] = cred.public.hex()
    ballot["signature"] = sign(cred.secret, message, vc.rng("ballot", seed)).to_dict()


def ballot_doc() -> dict[str, Any]:
    akim = _manifest()
    community = _manifest(community=True)
    kp = keygen(vc.rng("ballot", "key"))
    codes = [new_code(vc.rng("ballot", f"code {i}")) for i in range(5)]
    cases: list[dict[str, Any]] = []
    made: dict[str, dict[str, Any]] = {}

    def create(name: str, manifest: Manifest, code: str, choices: list[int]) -> None:
        cred = derive(manifest.fingerprint, code)
        ballot, opening = create_ballot(
            manifest.fingerprint, kp.public, manifest.rule, choices, cred, vc.rng("ballot", name)
        )
        canonical = ballot.canonical()
        selection_bytes = dumps(ballot.selection.to_dict())
        case: dict[str, Any] = {"name": name, "kind": "create"}
        if manifest is not akim:
            case["manifest"] = manifest.to_dict()
            case["fingerprint"] = manifest.fingerprint.hex()
        case |= {
            "code": code,
            "choices": choices,
            "seed": _seed("ballot", name),
            "credential_secret": cred.secret.hex(),
            "context": ballot_context(manifest.fingerprint, kp.public, cred.public).hex(),
            "signed_message": hash_bytes(
                "ballot/signed", manifest.fingerprint, cred.public.data, selection_bytes
            ).hex(),
            "ballot": ballot.to_dict(),
            "canonical_sha256": hashlib.sha256(canonical).hexdigest(),
            "tracking_code": tracking_code(canonical),
            "opening": opening.to_dict(),
            "expected": vc.VALID,
        }
        made[name] = case
        cases.append(case)

    k6 = "akim K=6, candidate 2"
    create(k6, akim, codes[0], [0, 1, 0, 0, 0, 0])
    create("akim K=6, against all", akim, codes[1].lower(), [0, 0, 0, 0, 0, 1])
    create("akim K=6, candidate 1, code typed with spaces", akim,
           codes[2].replace("-", " "), [1, 0, 0, 0, 0, 0])  # fmt: skip
    create("community K=4, 0..2 each, sum in [1,3]", community, codes[3], [2, 0, 1, 0])

    base = made[k6]
    other = derive(akim.fingerprint, codes[4])

    def verify(name: str, expected: str, mutate: Callable[[dict[str, Any]], None]) -> None:
        ballot = json.loads(json.dumps(base["ballot"]))
        mutate(ballot)
        cases.append({"name": name, "kind": "verify", "ballot": ballot, "expected": expected})

    def set_field(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
        return lambda b: b.__setitem__(key, value)

    def sig(key: str, value: Callable[[str], str]) -> Callable[[dict[str, Any]], None]:
        return lambda b: b["signature"].__setitem__(key, value(b["signature"][key]))

    def resigned(
        change: Callable[[dict[str, Any]], None], name: str
    ) -> Callable[[dict[str, Any]], None]:
        def mutate(b: dict[str, Any]) -> None:
            change(b)
            _resign(b, other, akim.fingerprint, name)

        return mutate

    def drop_last(b: dict[str, Any]) -> None:
        for key in ("ciphertexts", "option_proofs"):
            b["selection"][key].pop()

    def swap_options(b: dict[str, Any]) -> None:
        sel = b["selection"]
        for key in ("ciphertexts", "option_proofs"):
            sel[key][0], sel[key][1] = sel[key][1], sel[key][0]

    verify("as made", vc.VALID, lambda b: None)
    verify("for another election", BALLOT_REFUSED,
           set_field("election", hashlib.sha256(b"another election").hexdigest()))  # fmt: skip
    verify("election in upper-case hex", BALLOT_REFUSED,
           set_field("election", base["ballot"]["election"].upper()))  # fmt: skip
    verify("election of 63 digits", INVALID_OBJECT,
           set_field("election", base["ballot"]["election"][:63]))  # fmt: skip
    verify("unknown field", INVALID_OBJECT, set_field("note", "x"))
    verify("no signature", INVALID_OBJECT, lambda b: b.pop("signature"))
    verify("signature response + 1", vc.SIGNATURE, sig("s", vc.bump))
    verify("signature challenge + 1", vc.SIGNATURE, sig("c", vc.bump))
    verify("signature response + ℓ (not reduced)", vc.SCALAR, sig("s", vc.unreduced))
    verify("another voter's credential, signature kept", vc.SIGNATURE,
           set_field("credential", other.public.hex()))  # fmt: skip
    verify("credential is the identity", vc.IDENTITY_CODE, set_field("credential", "00" * 32))
    verify("credential with bit 255 set", vc.POINT,
           set_field("credential", vc.high_bit(base["ballot"]["credential"])))  # fmt: skip
    name = "copied to another voter and signed by them"
    verify(name, vc.PROOF, resigned(lambda b: None, name))
    name = "options 0 and 1 swapped with their proofs, signed again"
    verify(name, vc.PROOF, resigned(swap_options, name))
    name = "last option dropped, signed again"
    verify(name, vc.PROOF, resigned(drop_last, name))

    # A cheating client voting for two candidates: honest option proofs, a forged sum proof.
    name = "forged: votes 1, 1, 0, 0, 0, 0 (sum 2), signed"
    g = vc.rng("ballot", name)
    context = ballot_context(akim.fingerprint, kp.public, other.public)
    plain = [1, 1, 0, 0, 0, 0]
    rs = [random_scalar(g) for _ in plain]
    cts = [encrypt_any(kp.public, m, r) for m, r in zip(plain, rs, strict=True)]
    proofs = [
        prove_range(kp.public, ct, m, r, 0, 1, option_context(context, i), g)
        for i, (ct, m, r) in enumerate(zip(cts, plain, rs, strict=True))
    ]
    r_total = Scalar(sum(r.value for r in rs) % L)
    sum_proof = forge_range_proof(
        kp.public, sum_ciphertexts(cts), r_total, 1, 1, 1, sum_context(context), g
    )
    forged = {
        "election": akim.fingerprint.hex(),
        "credential": other.public.hex(),
        "selection": EncryptedSelection(tuple(cts), tuple(proofs), sum_proof).to_dict(),
        "signature": {},
    }
    _resign(forged, other, akim.fingerprint, name)
    cases.append({"name": name, "kind": "verify", "ballot": forged, "expected": vc.PROOF})

    def audit(name: str, expected: str, mutate: Callable[[dict[str, Any]], None]) -> None:
        opening = json.loads(json.dumps(base["opening"]))
        mutate(opening)
        case = {"name": name, "kind": "audit", "ballot": base["ballot"], "opening": opening}
        if expected == vc.VALID:
            case["choices"] = opening["choices"]
        cases.append({**case, "expected": expected})

    def claim(opening: dict[str, Any]) -> None:
        opening["choices"] = [0, 0, 1, 0, 0, 0]

    def nonce(change: Callable[[str], str]) -> Callable[[dict[str, Any]], None]:
        return lambda o: o["nonces"].__setitem__(0, change(o["nonces"][0]))

    def fewer(opening: dict[str, Any]) -> None:
        opening["choices"].pop()
        opening["nonces"].pop()

    audit("audit: the opening as made", vc.VALID, lambda o: None)
    audit("audit: the device claims candidate 3", AUDIT_FAILED, claim)
    audit("audit: nonce 0 + 1", AUDIT_FAILED, nonce(vc.bump))
    audit("audit: one option fewer", AUDIT_FAILED, fewer)
    audit("audit: nonce 0 + ℓ (not reduced)", vc.SCALAR, nonce(vc.unreduced))
    audit("audit: a nonce missing", "crypto.encoding", lambda o: o["nonces"].pop())
    return vc.document(
        "Whole ballots as a voter's device makes them (create): the manifest (top level, or the "
        "case's own), its fingerprint, the joint key, the typed credential code, the choices "
        "and the seed of the DeterministicRng (spec §2.4) that drew every random value, in the "
        "order of §5.2.1 then the signature's nonce (§8.1.1).  A second implementation "
        "rebuilds 'ballot' byte for byte from them and checks the proofs' context, the signed "
        "message, the SHA-256 of the canonical bytes and the tracking code; 'opening' is what "
        "an audit reveals.  verify: refused ballots (another election, a bad signature, "
        "another voter's credential, copied or reordered proofs, a forged sum, non-canonical "
        "values).  audit: Benaloh checks of the first ballot's opening, honest and false.  "
        "The joint key's secret is included: test data only.",
        "record §R2.3, §R4; crypto §5.2, §8.1",
        cases,
        manifest=akim.to_dict(),
        fingerprint=akim.fingerprint.hex(),
        key=kp.public.to_hex(),
        key_secret=kp.secret.hex(),
    )


BALLOT_GENERATORS: dict[str, Callable[[], dict[str, Any]]] = {
    "credentials.json": credentials_doc,
    "ballot.json": ballot_doc,
}
