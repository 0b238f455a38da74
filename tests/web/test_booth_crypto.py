"""The browser booth's cryptography (web/booth) against the Python protocol.

Ballots the booth's JavaScript encrypts verify in Python and audit with
``audit_ballot``; ballots Python makes verify in the booth's verifier; both
sides write the same canonical JSON; the shared vectors pass in Node
(``node --test web/booth/test/``); and the bundle ``make booth`` builds
exposes the API the pages call.  Node runs as a subprocess, as the browser
would run the same code.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from election_builders import make_key, make_manifest, one_hot

from tandau.crypto.canonical import dumps, loads_canonical
from tandau.crypto.errors import ProofError, SignatureError
from tandau.crypto.group import L, Scalar
from tandau.crypto.rng import DeterministicRng, SystemRng
from tandau.crypto.selection import Opening
from tandau.protocol.ballot import Ballot, audit_ballot, create_ballot, verify_ballot
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.errors import AuditError

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "web" / "booth" / "test" / "cli.mjs"
BUNDLE = ROOT / "src" / "tandau" / "web" / "static" / "booth" / "booth.js"
NODE = shutil.which("node") or "/usr/bin/node"

MANIFEST = make_manifest(5)  # five candidates and "against all": K = 6
KEY = make_key()


def node(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """One request to the booth's CLI; its exit status and JSON answer."""
    out = subprocess.run(
        [NODE, str(CLI)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert out.stdout, f"no answer from the booth CLI: {out.stderr}"
    return out.returncode, json.loads(out.stdout)


def election() -> dict[str, Any]:
    return {
        "manifest": MANIFEST.to_dict(),
        "election_key": KEY.public.to_hex(),
        "fingerprint": MANIFEST.fingerprint.hex(),
    }


def test_node_runs_the_shared_vectors_and_the_api_tests() -> None:
    out = subprocess.run(
        [NODE, "--test", "web/booth/test/"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "# fail 0" in out.stdout
    # The vector files the booth must run are all there, and ran.
    for name in (
        "hash-to-scalar",
        "encodings",
        "range-proof",
        "selection",
        "ballot",
        "credentials",
    ):
        assert re.search(rf"^ok \d+ - {re.escape(name)}\.json$", out.stdout, re.M), name


@pytest.mark.parametrize("choice", [0, 3, 5])
def test_a_browser_ballot_verifies_and_audits_in_python(choice: int) -> None:
    code = new_code(SystemRng())
    status, answer = node({**election(), "code": code.lower(), "choice": choice})
    assert status == 0, answer
    ballot = Ballot.from_dict(answer["ballot"])
    # The exact bytes the booth would send are canonical and are the ballot's.
    assert loads_canonical(answer["ballot_json"].encode()) == answer["ballot"]
    assert ballot.canonical() == answer["ballot_json"].encode()
    assert ballot.credential == derive(MANIFEST.fingerprint, code).public
    verify_ballot(MANIFEST.fingerprint, KEY.public, MANIFEST.rule, ballot)
    assert ballot.tracking_code == answer["tracking_code"]
    opening = Opening.from_dict(answer["opening"])
    assert list(audit_ballot(KEY.public, ballot, opening)) == one_hot(6, choice)


def test_a_browser_ballot_that_lies_fails_the_python_audit() -> None:
    status, answer = node({**election(), "code": new_code(SystemRng()), "choice": 1})
    assert status == 0, answer
    ballot = Ballot.from_dict(answer["ballot"])
    lie = Opening.from_dict({**answer["opening"], "choices": one_hot(6, 2)})
    with pytest.raises(AuditError):
        audit_ballot(KEY.public, ballot, lie)
    tampered = json.loads(answer["ballot_json"])
    tampered["selection"]["sum_proof"]["s"][0] = Scalar(
        (Scalar.from_hex(tampered["selection"]["sum_proof"]["s"][0]).value + 1) % L
    ).hex()
    with pytest.raises(SignatureError):
        verify_ballot(MANIFEST.fingerprint, KEY.public, MANIFEST.rule, Ballot.from_dict(tampered))


def test_python_ballots_verify_and_audit_in_the_booth() -> None:
    rng = DeterministicRng(b"python ballots for the booth")
    for choice in (0, 5):
        credential = derive(MANIFEST.fingerprint, new_code(rng))
        ballot, opening = create_ballot(
            MANIFEST.fingerprint, KEY.public, MANIFEST.rule, one_hot(6, choice), credential, rng
        )
        status, answer = node({**election(), "op": "verify", "ballot": ballot.to_dict()})
        assert (status, answer) == (0, {"tracking_code": ballot.tracking_code})
        request = {**election(), "op": "audit", "ballot": ballot.to_dict()}
        status, answer = node({**request, "opening": opening.to_dict()})
        assert (status, answer) == (0, {"choices": one_hot(6, choice)})
        lie = {**opening.to_dict(), "choices": one_hot(6, 5 - choice)}
        status, answer = node({**request, "opening": lie})
        assert (status, answer["error"]) == (1, "protocol.audit_failed")


def test_the_booth_refuses_what_python_refuses() -> None:
    rng = DeterministicRng(b"refused ballots")
    credential = derive(MANIFEST.fingerprint, new_code(rng))
    ballot, _ = create_ballot(
        MANIFEST.fingerprint, KEY.public, MANIFEST.rule, one_hot(6, 2), credential, rng
    )
    good = ballot.to_dict()
    other_key = make_key(b"another key")
    with pytest.raises(ProofError):
        verify_ballot(MANIFEST.fingerprint, other_key.public, MANIFEST.rule, ballot)
    status, answer = node(
        {**election(), "op": "verify", "election_key": other_key.public.to_hex(), "ballot": good}
    )
    assert (status, answer["error"]) == (1, "crypto.proof.invalid")
    high = good["credential"][:62] + f"{int(good['credential'][62:], 16) | 0x80:02x}"
    status, answer = node({**election(), "op": "verify", "ballot": {**good, "credential": high}})
    assert (status, answer["error"]) == (1, "crypto.point.non_canonical")
    other = make_manifest(5, election_id="demo-2")
    status, answer = node(
        {**election(), "manifest": other.to_dict(), "op": "verify", "ballot": good}
    )
    assert (status, answer["error"]) == (1, "protocol.invalid_object")  # fingerprint mismatch


def _random_text(rnd: random.Random) -> str:
    # Code points from every plane, surrogates excluded (they have no UTF-8 form).
    bounds = [0x20, 0x80, 0x800, 0xD800]
    points = [
        rnd.randrange(0xE000, 0x110000) if rnd.random() < 0.2 else rnd.randrange(rnd.choice(bounds))
        for _ in range(rnd.randrange(6))
    ]
    return "".join(map(chr, points))


def _random_value(rnd: random.Random, depth: int = 0) -> Any:
    kind = rnd.randrange(6 if depth < 3 else 4)
    if kind == 0:
        return rnd.choice([None, True, False])
    if kind == 1:
        return rnd.randint(-(2**53) + 1, 2**53 - 1)
    if kind in (2, 3):
        return _random_text(rnd)
    if kind == 4:
        return [_random_value(rnd, depth + 1) for _ in range(rnd.randrange(4))]
    return {_random_text(rnd): _random_value(rnd, depth + 1) for _ in range(rnd.randrange(5))}


def test_canonical_json_is_byte_identical_in_both_languages() -> None:
    rnd = random.Random(20261125)
    values: list[Any] = [
        {"😀": 1, "\uffff": 2, "é": 3, "a": 4, "": 5},
        '\x00\x1f\x7f\u2028\u2029"\\/<>&',
        MANIFEST.to_dict(),
    ]
    values += [_random_value(rnd) for _ in range(300)]
    status, answer = node({"op": "canonical", "values": values})
    assert status == 0, answer
    assert answer["texts"] == [dumps(v).decode() for v in values]


def test_the_built_bundle_exposes_the_booth_api() -> None:
    assert BUNDLE.is_file(), "the booth bundle is missing: run `make booth`"
    script = """
const fs = require('fs'), vm = require('vm');
vm.runInThisContext(fs.readFileSync(process.argv[1], 'utf8'));
const req = JSON.parse(fs.readFileSync(0, 'utf8'));
const el = {
  manifest: req.manifest, electionKeyHex: req.election_key, fingerprintHex: req.fingerprint,
};
const out = TandauBooth.encryptBallot({...el, code: req.code, choice: req.choice});
const choice = TandauBooth.auditBallot({...el, ballot: out.ballot, opening: out.opening});
console.log(JSON.stringify({
  api: Object.keys(TandauBooth).sort(), ballot: out.ballot, tracking_code: out.trackingCode,
  verified: TandauBooth.verifyBallot({...el, ballot: out.ballot}), choice,
  code: TandauBooth.normalizeCode(req.code.toLowerCase()),
}));
"""
    code = new_code(SystemRng())
    out = subprocess.run(
        [NODE, "-e", script, str(BUNDLE)],
        input=json.dumps({**election(), "code": code, "choice": 4}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    answer = json.loads(out.stdout)
    for name in ("auditBallot", "encryptBallot", "normalizeCode", "verifyBallot"):
        assert name in answer["api"]
    ballot = Ballot.from_dict(answer["ballot"])
    verify_ballot(MANIFEST.fingerprint, KEY.public, MANIFEST.rule, ballot)
    assert ballot.tracking_code == answer["tracking_code"] == answer["verified"]
    assert answer["choice"] == 4
    assert answer["code"] == code.replace("-", "")
