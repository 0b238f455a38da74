"""The voter API on SQLite and PostgreSQL: casting, receipts, re-votes, audits, and refusals.

Every refused request answers with RFC 9457 problem JSON whose title is in the
request's language, and stores nothing: the board's size is unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_election import SeededElection, finish_election, make_ballot, seed_election, voter_client

from tandau.board import SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import HeadVerifyKey, sign
from tandau.i18n import gettext
from tandau.protocol.ballot import create_ballot

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
PROBLEM = "application/problem+json"


@pytest.fixture
def voter(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, SeededElection]]:
    with voter_client(db_url, tmp_path) as pair:
        yield pair


def _size(client: TestClient, election: str) -> int:
    body = client.get(f"/api/elections/{election}").json()
    return int(body["board_size"])


def _cast(client: TestClient, election: str, body: Any, **headers: str) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        f"/api/elections/{election}/ballots",
        content=content,
        headers={"content-type": "application/json", **headers},
    )


def test_a_python_ballot_is_cast_and_its_receipt_verifies(voter) -> None:
    client, s = voter
    ballot = make_ballot(s, 0, 1)
    r = _cast(client, s.election, ballot.canonical())
    assert r.status_code == 200, r.text
    receipt = r.json()
    assert receipt["tracking_code"] == ballot.tracking_code
    assert receipt["election"] == s.election and receipt["revote"] is False
    # The receipt stands on its own: the commission's key signed the head, and the
    # inclusion proof leads from the ballot's leaf to the head's root.
    head = SignedHead.from_stored(dumps(receipt["head"]), bytes.fromhex(receipt["head_signature"]))
    head.verify(HeadVerifyKey.from_hex(s.manifest.commission_key))
    merkle.verify_inclusion(
        bytes.fromhex(receipt["leaf_hash"]),
        receipt["seq"],
        head.tree_size,
        [bytes.fromhex(p) for p in receipt["inclusion_proof"]],
        head.root,
    )
    # The board's entry at that position is this ballot, byte for byte.
    page = client.get(f"/api/elections/{s.election}/board?start={receipt['seq']}&limit=1").json()
    assert page["entries"][0]["payload"]["ballot"] == ballot.to_dict()
    assert page["entries"][0]["leaf_hash"] == receipt["leaf_hash"]
    # Casting the same bytes again is idempotent.
    size = _size(client, s.election)
    again = _cast(client, s.election, ballot.to_dict())
    assert again.status_code == 200
    assert again.json()["seq"] == receipt["seq"]
    assert _size(client, s.election) == size


def test_a_revote_is_flagged_and_supersedes_the_earlier_ballot(voter) -> None:
    client, s = voter
    first = _cast(client, s.election, make_ballot(s, 2, 0).to_dict()).json()
    second = _cast(client, s.election, make_ballot(s, 2, 3).to_dict()).json()
    assert first["revote"] is False and second["revote"] is True
    old = client.get(f"/api/elections/{s.election}/track/{first['tracking_code']}").json()
    new = client.get(f"/api/elections/{s.election}/track/{second['tracking_code']}").json()
    assert old["status"] == "superseded" and old["latest_seq"] == second["seq"]
    assert new["status"] == "counted"
    status = client.get(
        f"/api/elections/{s.election}/credentials/{s.credentials[2].public.hex()}"
    ).json()
    assert status == {"listed": True, "voted": True, "cancelled": False}


def test_the_credential_status_tells_listed_voted_and_cancelled(voter) -> None:
    client, s = voter
    url = f"/api/elections/{s.election}/credentials/"
    fresh = s.credentials[1].public.hex()
    assert client.get(url + fresh).json() == {"listed": True, "voted": False, "cancelled": False}
    stranger = make_ballot(s, 0, 0).to_dict()["credential"][::-1]
    assert client.get(url + stranger).json()["listed"] is False
    bad = client.get(url + "XYZ")
    assert bad.status_code == 400 and bad.headers["content-type"].startswith(PROBLEM)


def _forged(s: SeededElection) -> dict[str, Any]:
    """A proof taken from another ballot, and the whole re-signed by the credential's holder:
    the signature is valid, so the proof check is what refuses it."""
    other = make_ballot(s, 0, 0, b"x").to_dict()
    b = make_ballot(s, 0, 1, b"y").to_dict()
    b["selection"]["option_proofs"][0] = other["selection"]["option_proofs"][1]
    cred = s.credentials[0]
    message = hash_bytes("ballot/signed", s.fingerprint, cred.public.data, dumps(b["selection"]))
    b["signature"] = sign(cred.secret, message, DeterministicRng(b"resign")).to_dict()
    return b


def _non_canonical(s: SeededElection) -> dict[str, Any]:
    b = make_ballot(s, 0, 0).to_dict()
    alpha = bytearray.fromhex(b["selection"]["ciphertexts"][0]["alpha"])
    alpha[31] |= 0x80  # bit 255 set: a second spelling of the same point
    b["selection"]["ciphertexts"][0]["alpha"] = alpha.hex()
    return b


def _copied(s: SeededElection) -> dict[str, Any]:
    b = make_ballot(s, 0, 0).to_dict()
    b["credential"] = s.credentials[1].public.hex()
    return b


def _wrong_types(s: SeededElection) -> dict[str, Any]:
    b = make_ballot(s, 0, 0).to_dict()
    b["selection"]["ciphertexts"] = "many"
    return b


# (case, status, code, the title's msgid)
MALFORMED = "The ballot or request is malformed."
BAD = "The request is not valid."
REFUSALS = [
    # Not the schema's shape: 400, naming the field (ADR 0014).
    ("not-json", 400, "web.bad_request", BAD),
    ("empty", 400, "web.bad_request", BAD),
    ("array", 400, "web.bad_request", BAD),
    ("wrong-types", 400, "web.bad_request", BAD),
    ("number-election", 400, "web.bad_request", BAD),
    # Well-formed, refused by the cryptography: 409 with the precise code.
    ("non-canonical-point", 409, "crypto.point.non_canonical", MALFORMED),
    ("forged-proof", 409, "crypto.proof.invalid", "A proof in the ballot does not verify."),
    ("copied-credential", 409, "crypto.signature.invalid", "A signature does not verify."),
    ("huge", 413, "web.too_large", "The request is too large."),
    ("huge-streamed", 413, "web.too_large", "The request is too large."),
]


def _body(case: str, s: SeededElection) -> Any:
    return {
        "not-json": b"{not json",
        "empty": b"",
        "array": b"[]",
        "number-election": {"election": 1, "credential": 2, "selection": 3, "signature": 4},
        "wrong-types": _wrong_types(s),
        "non-canonical-point": _non_canonical(s),
        "forged-proof": _forged(s),
        "copied-credential": _copied(s),
        "huge": b"{" + b" " * (300 * 1024) + b"}",
    }[case]


@pytest.mark.parametrize(("case", "status", "code", "title"), REFUSALS)
def test_bad_input_is_refused_with_a_localised_problem_and_nothing_stored(
    voter, case: str, status: int, code: str, title: str
) -> None:
    client, s = voter
    size = _size(client, s.election)
    for lang in ("kk", "ru", "en"):
        if case == "huge-streamed":  # no Content-Length: the limit holds while reading
            chunks = (b" " * 65536 for _ in range(5))
            r = client.post(
                f"/api/elections/{s.election}/ballots",
                content=chunks,
                headers={"accept-language": lang},
            )
        else:
            r = _cast(client, s.election, _body(case, s), **{"accept-language": lang})
        assert r.status_code == status, (case, r.text)
        assert r.headers["content-type"].startswith(PROBLEM)
        problem = r.json()
        assert problem["code"] == code
        assert problem["status"] == status
        assert problem["title"] == gettext(lang, title)
        if lang != "en":
            assert CYRILLIC.search(problem["title"]), problem
    assert _size(client, s.election) == size


def test_a_ballot_replayed_into_another_election_is_refused(db_url: str, tmp_path: Path) -> None:
    with voter_client(db_url, tmp_path, election="first-2026") as (client, first):
        second = seed_election(db_url, tmp_path, election="second-2026")
        ballot = make_ballot(first, 0, 0)
        assert _cast(client, first.election, ballot.to_dict()).status_code == 200
        size = _size(client, second.election)
        r = _cast(client, second.election, ballot.to_dict(), **{"accept-language": "ru"})
        assert r.status_code == 409
        assert r.json()["code"] == "protocol.ballot_refused"
        assert r.json()["reason"] in ("unknown_credential", "wrong_election")
        assert r.json()["title"] == gettext("ru", "The ballot cannot be accepted.")
        assert _size(client, second.election) == size


def test_unknown_elections_and_closed_voting_are_refused(voter) -> None:
    client, s = voter
    r = _cast(client, "no-such-election", make_ballot(s, 0, 0).to_dict())
    assert r.status_code == 404 and r.json()["code"] == "board.unknown_election"
    assert client.get("/api/elections/administration").status_code == 404
    finish_election(s)
    size = _size(client, s.election)
    r = _cast(client, s.election, make_ballot(s, 3, 0).to_dict(), **{"accept-language": "kk"})
    assert r.status_code == 409
    assert r.json()["reason"] == "voting_not_open"
    assert _size(client, s.election) == size


def test_casting_is_rate_limited_per_address(voter) -> None:
    client, s = voter
    codes = [_cast(client, s.election, b"{").status_code for _ in range(20)]
    assert codes[0] == 400 and codes[-1] == 429
    r = _cast(client, s.election, make_ballot(s, 0, 0).to_dict(), **{"accept-language": "ru"})
    assert r.status_code == 429 and r.json()["code"] == "web.rate_limited"
    assert CYRILLIC.search(r.json()["title"])


def test_the_audit_api_confirms_an_honest_opening_and_catches_a_false_one(voter) -> None:
    client, s = voter
    ballot, opening = create_ballot(
        s.fingerprint, s.key, s.manifest.rule, [0, 0, 1, 0], s.credentials[5],
        DeterministicRng(b"audit"),
    )  # fmt: skip
    body = {"ballot": ballot.to_dict(), "opening": opening.to_dict(), "tracking_code": "x"}
    r = client.post(f"/api/elections/{s.election}/audit", json=body)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "verified": True,
        "choices": [0, 0, 1, 0],
        "options": ["c-li"],
        "tracking_code": ballot.tracking_code,
        "cast": False,
    }
    false = dict(body, opening={**opening.to_dict(), "choices": [1, 0, 0, 0]})
    r = client.post(
        f"/api/elections/{s.election}/audit", json=false, headers={"accept-language": "kk"}
    )
    assert r.status_code == 409 and r.json()["code"] == "protocol.audit_failed"
    assert r.json()["title"] == gettext(
        "kk", "The audit failed: the device did not encrypt your choice."
    )
    for bad in (b"[]", b"nope", json.dumps({"ballot": 1, "opening": 2}).encode()):
        r = client.post(f"/api/elections/{s.election}/audit", content=bad)
        assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith(PROBLEM)
    # An audited ballot is never cast (ADR 0009); a ballot cast first and audited later is
    # flagged.
    assert _cast(client, s.election, ballot.to_dict()).json()["reason"] == "audited_ballot"
    cast_first, its_opening = create_ballot(
        s.fingerprint, s.key, s.manifest.rule, [0, 0, 1, 0], s.credentials[4],
        DeterministicRng(b"cast-first"),
    )  # fmt: skip
    assert _cast(client, s.election, cast_first.to_dict()).status_code == 200
    late = {"ballot": cast_first.to_dict(), "opening": its_opening.to_dict()}
    assert client.post(f"/api/elections/{s.election}/audit", json=late).json()["cast"] is True
