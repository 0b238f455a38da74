"""Trustees: only their own seat, files checked before anything is stored, and never alone.

A single trustee can never decrypt: e-voting refuses a threshold below 2; the
results refuse fewer shares than the threshold; a trustee cannot publish; the
crypto refuses to combine fewer than t shares; an invalid or foreign share is not
posted.  The ceremony shows complaints and finishes only with t qualified dealers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from admin_builders import paper_protocol
from console_world import (
    ELECTION,
    E,
    Trustees,
    World,
    cast_and_tally,
    csrf,
    document,
    issue_codes,
    set_up_evoting,
)
from fastapi.testclient import TestClient

from tandau.crypto.ceremony import Dealing
from tandau.crypto.decryption import TallyShare, combine
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.errors import CeremonyError
from tandau.web.console import ceremony

pytestmark = pytest.mark.world(campaign=(30, 20))


def _upload(client: TestClient, kind: str, data: bytes, lang: str = "en") -> Any:
    return client.post(
        f"{E}/ceremony/upload?lang={lang}",
        data={"csrf_token": csrf(client), "kind": kind},
        files={"file": (f"{kind}.json", data, "application/json")},
        follow_redirects=False,
    )


def _board_size(world: World) -> int:
    return world.ctx.store.size(ELECTION)


def test_no_threshold_lets_one_trustee_decrypt(world: World) -> None:
    chair = world.client("chair")
    ids = {a["username"]: a["id"] for a in chair.get("/api/commission/accounts").json()}
    headers = {"X-CSRF-Token": csrf(chair)}
    for trustees, threshold in (([ids["trustee1"]], 1), ([ids["trustee1"], ids["trustee2"]], 1)):
        r = chair.post(
            f"/api/commission/elections/{ELECTION}/evoting",
            json={"mode": "polling-station", "threshold": threshold, "trustees": trustees},
            headers=headers,
        )
        assert r.status_code == 409 and "decrypt alone" in r.json()["detail"]
    r = chair.post(
        f"/api/commission/elections/{ELECTION}/evoting",
        json={
            "mode": "polling-station",
            "threshold": 2,
            "trustees": [ids["trustee1"], ids["chair"]],
        },
        headers=headers,
    )
    assert r.status_code == 409
    assert _board_size(world) == 0


def test_trustees_upload_only_their_own_files(world: World) -> None:
    offline = set_up_evoting(world)
    t1, t2 = world.client("trustee1"), world.client("trustee2")
    size = _board_size(world)
    # Trustee 2's setup uploaded by trustee 1: refused, nothing stored.
    setup_2 = offline.setup_file(2)
    r = _upload(t1, "setup", setup_2)
    assert r.status_code == 409 and "trustee 2" in r.text
    assert ceremony.progress(world.ctx, ELECTION).setups == {}
    # A file of another election, of another kind, or not JSON, is refused (409, ADR 0014).
    other = document("trustee-setup", "setup", offline.setups[0].to_dict(), b"\x01" * 32)
    assert _upload(t2, "setup", other).status_code == 409
    assert _upload(t2, "dealing", setup_2).status_code == 409
    assert _upload(t2, "setup", b"not json").status_code == 409
    # Their own file is accepted once.
    assert _upload(t2, "setup", setup_2).status_code == 303
    r = _upload(t2, "setup", setup_2)
    assert r.status_code == 409 and "already uploaded" in r.text
    # Other roles cannot upload at all; a trustee without a seat is told so.
    chair = world.client("chair")
    assert _upload(chair, "setup", offline.setup_file(1)).status_code == 403
    world.account("trustee9", "trustee")
    r = _upload(world.client("trustee9"), "setup", offline.setup_file(1))
    assert r.status_code == 409 and "not a trustee of this election" in r.text
    assert _board_size(world) == size


def _ceremony(world: World, offline: Trustees, *, bad_dealer: int | None = None) -> None:
    """Setups and dealings through the console; responses as each laptop decides."""
    clients = {j: world.client(f"trustee{j}") for j in (1, 2, 3)}
    for j, c in clients.items():
        assert _upload(c, "setup", offline.setup_file(j)).status_code == 303
    for j, c in clients.items():
        data = offline.dealing_file(j)
        if j == bad_dealer:
            # Dealer j seals garbage to trustee 1: publicly valid, privately wrong.
            d = offline.dealings[-1]
            boxes = list(d.boxes)
            boxes[0] = offline.dealings[0].boxes[0] if j != 1 else boxes[0]
            forged = Dealing(d.dealer, d.commitments, d.proof, tuple(boxes))
            offline.dealings[-1] = forged
            data = document("dealing", "dealing", forged.to_dict(), offline.fp)
        assert _upload(c, "dealing", data).status_code == 303
    for j, c in clients.items():
        assert _upload(c, "response", offline.response_file(j)).status_code == 303


def test_an_invalid_dealing_is_refused_at_upload(world: World) -> None:
    offline = set_up_evoting(world)
    clients = {j: world.client(f"trustee{j}") for j in (1, 2, 3)}
    for j, c in clients.items():
        assert _upload(c, "setup", offline.setup_file(j)).status_code == 303
    offline.dealing_file(1)
    d = offline.dealings[0]
    tampered = Dealing(d.dealer, tuple(reversed(d.commitments)), d.proof, d.boxes)
    r = _upload(
        clients[1],
        "dealing",
        document("dealing", "dealing", tampered.to_dict(), offline.fp),
        lang="ru",
    )
    assert r.status_code == 409 and "не прошла открытые проверки" in r.text
    assert ceremony.progress(world.ctx, ELECTION).dealings == {}


def test_complaints_are_shown_and_an_unanswered_dealer_is_disqualified(world: World) -> None:
    offline = set_up_evoting(world)
    _ceremony(world, offline, bad_dealer=2)
    chair = world.client("chair")
    state = chair.get(f"/api/commission/elections/{ELECTION}/ceremony").json()
    assert state["step"] == "finalize"
    assert state["complaints"] == [
        {"dealer": 2, "recipient": 1, "reason": "invalid_share", "answered": False}
    ]
    page = chair.get(f"{E}/ceremony?lang=kk").text
    assert "2-сенім білдірілген тұлғаға шағымданады" in page
    size = _board_size(world)
    r = chair.post(
        f"{E}/ceremony/finalize", data={"csrf_token": csrf(chair)}, follow_redirects=False
    )
    assert r.status_code == 303
    result = ceremony.progress(world.ctx, ELECTION).result
    assert result is not None and result.qualified == (1, 3)
    assert _board_size(world) == size + 3 + 3 + 1  # dealings, responses, the key


def test_a_ceremony_without_t_qualified_dealers_posts_nothing(world: World) -> None:
    offline = set_up_evoting(world, trustees=3, threshold=3)
    _ceremony(world, offline, bad_dealer=2)
    chair = world.client("chair")
    size = _board_size(world)
    r = chair.post(f"{E}/ceremony/finalize?lang=ru", data={"csrf_token": csrf(chair)})
    assert r.status_code == 409 and "Действительные раздачи только у 2" in r.text
    assert _board_size(world) == size


def _to_tally(world: World, offline: Trustees) -> tuple[Any, dict[str, Any]]:
    _ceremony(world, offline)
    ceremony.finalize_ceremony(world.ctx, ELECTION)
    codes = issue_codes(world)[:5]
    return cast_and_tally(
        world, codes, lambda i, m: [int(k == i % 2) for k in range(len(m.options))]
    )


def test_a_trustee_cannot_decrypt_alone(world: World) -> None:
    offline = set_up_evoting(world)
    result, tally = _to_tally(world, offline)
    t1 = world.client("trustee1")
    share_1 = offline.share_file(1, result, tally)
    r = t1.post(
        f"{E}/tally/share",
        data={"csrf_token": csrf(t1)},
        files={"file": ("decryption-1.json", share_1, "application/json")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    # The trustee may not publish, and the chair may not with one share.
    r = t1.post(f"/api/commission/elections/{ELECTION}/results", headers={"X-CSRF-Token": csrf(t1)})
    assert r.status_code == 403
    chair = world.client("chair")
    r = chair.post(f"{E}/results?lang=ru", data={"csrf_token": csrf(chair)})
    assert r.status_code == 200 and 'name="confirmed"' in r.text  # asked first
    r = chair.post(f"{E}/results?lang=ru", data={"csrf_token": csrf(chair), "confirmed": "yes"})
    assert r.status_code == 409 and "Никто не может расшифровать в одиночку" in r.text
    assert world.ctx.with_election(ELECTION, lambda svc: svc.sync().results) is None
    # The same share again, or a share claiming another seat, is not posted.
    r = t1.post(
        f"/api/commission/elections/{ELECTION}/tally/shares",
        json={"kind": "decryption", "document": json.loads(share_1)},
        headers={"X-CSRF-Token": csrf(t1)},
    )
    assert r.status_code == 409
    share_2 = offline.share_file(2, result, tally)
    r = t1.post(
        f"/api/commission/elections/{ELECTION}/tally/shares",
        json={"kind": "decryption", "document": json.loads(share_2)},
        headers={"X-CSRF-Token": csrf(t1)},
    )
    assert r.status_code == 409 and "trustee 2" in r.json()["detail"]
    # A share that does not verify (trustee 2 sends trustee 3's factors) is refused.
    t2 = world.client("trustee2")
    bad = json.loads(offline.share_file(3, result, tally))
    bad["share"]["trustee"] = 2
    r = t2.post(
        f"/api/commission/elections/{ELECTION}/tally/shares",
        json={"kind": "decryption", "document": bad},
        headers={"X-CSRF-Token": csrf(t2)},
    )
    assert r.status_code == 409 and r.json()["code"] == "web.console.bad_file"  # ADR 0014
    shares = world.ctx.with_election(ELECTION, lambda svc: dict(svc.sync().shares))
    assert list(shares) == [1]
    # The crypto itself refuses one share.
    cts = [Ciphertext.from_dict(c) for c in tally["ciphertexts"]]
    with pytest.raises(CeremonyError):
        combine(
            cts, [TallyShare.from_dict(shares[1])], result.verification_key_map(), 2, offline.fp
        )
    # With a second trustee the chair publishes.
    r = t2.post(
        f"/api/commission/elections/{ELECTION}/tally/shares",
        json={"kind": "decryption", "document": json.loads(share_2)},
        headers={"X-CSRF-Token": csrf(t2)},
    )
    assert r.status_code == 200
    _enter_protocols(world)
    r = chair.post(
        f"/api/commission/elections/{ELECTION}/results", headers={"X-CSRF-Token": csrf(chair)}
    )
    assert r.status_code == 200, r.text
    assert r.json()["trustees_used"] == [1, 2]


def _enter_protocols(world: World) -> None:
    protocols = world.ctx.administration().protocols
    for precinct, voters in (("P-101", 30), ("P-102", 20)):
        votes = {"c-aliyev": 2, "c-bekova": 2}
        protocols.enter(**paper_protocol(precinct, voters, votes, received=10, invalid=1))


def test_a_complaint_answered_with_a_valid_reveal_keeps_the_dealer(world: World) -> None:
    from tandau.crypto.ceremony import reveal_share

    offline = set_up_evoting(world)
    _ceremony(world, offline, bad_dealer=2)
    complaint = offline.responses[0].complaints[0]
    secret = offline.people[1].secret
    assert secret is not None
    reveal = reveal_share(offline.params, secret, complaint)
    t1, t2 = world.client("trustee1"), world.client("trustee2")
    data = document("reveal", "reveal", reveal.to_dict(), offline.fp)
    assert _upload(t1, "reveal", data).status_code == 409  # only the accused dealer answers
    assert _upload(t2, "reveal", data).status_code == 303
    state = world.client("chair").get(f"/api/commission/elections/{ELECTION}/ceremony").json()
    assert state["complaints"][0]["answered"] is True
    ceremony.finalize_ceremony(world.ctx, ELECTION)
    result = ceremony.progress(world.ctx, ELECTION).result
    assert result is not None and result.qualified == (1, 2, 3)
    # The public files carry the reveal for trustee 1's offline key-share step.
    import io
    import zipfile

    r = world.client("member").get(f"{E}/ceremony/files.zip")
    names = set(zipfile.ZipFile(io.BytesIO(r.content)).namelist())
    assert {"ceremony-params.json", "reveal-2-1.json", "ceremony-result.json"} <= names
