"""The public API and downloads on SQLite and PostgreSQL: elections, tracking, board, heads,
consistency, results, CSV and the election record (which tandau-verify accepts)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_election import SeededElection, finish_election, make_ballot, voter_client

from tandau.board import SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps
from tandau.crypto.signatures import HeadVerifyKey
from tandau.i18n import gettext
from tandau_verify.verify import verify_record

PAPER = [
    {"precinct": "P-1", "ballots_cast": 10, "invalid": 1, "annulled": False,
     "votes": {"c-abenov": 5, "c-serikova": 3, "c-li": 1, "against": 0}, "voters_on_list": 40,
     "ballots_issued": 12, "corrects": None},
    {"precinct": "P-2", "ballots_cast": 4, "invalid": 0, "annulled": False,
     "votes": {"c-abenov": 0, "c-serikova": 2, "c-li": 1, "against": 1}, "voters_on_list": 9,
     "ballots_issued": 5, "corrects": None},
]  # fmt: skip


@pytest.fixture
def public(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, SeededElection]]:
    with voter_client(db_url, tmp_path) as (client, s):
        for voter, choice in ((0, 0), (1, 1), (2, 0)):
            r = client.post(
                f"/api/elections/{s.election}/ballots", json=make_ballot(s, voter, choice).to_dict()
            )
            assert r.status_code == 200
        yield client, s


def test_the_elections_and_their_manifest_key_and_state(public) -> None:
    client, s = public
    listed = client.get("/api/elections").json()
    assert [e["id"] for e in listed] == [s.election]
    assert listed[0]["state"] == "open" and listed[0]["pilot"] is True
    e = client.get(f"/api/elections/{s.election}").json()
    assert e["manifest"] == s.manifest.to_dict()
    assert e["fingerprint"] == s.fingerprint.hex()
    assert e["joint_key"] == s.key.to_hex()
    assert (e["mode"], e["remote"], e["credentials"], e["ballots"], e["voted"]) == (
        "remote-pilot", True, 6, 3, 3,
    )  # fmt: skip
    r = client.get("/api/elections/nope", headers={"accept-language": "ru"})
    assert r.status_code == 404
    assert r.json()["title"] == gettext("ru", "There is no such election.")


def test_tracking_a_code_gives_a_verifiable_inclusion_proof(public) -> None:
    client, s = public
    ballot = make_ballot(s, 1, 1)
    code = ballot.tracking_code
    for typed in (code, code.lower().replace("-", ""), " ".join(code.split("-"))):
        t = client.get(f"/api/elections/{s.election}/track/{typed}").json()
        assert t["tracking_code"] == code and t["status"] == "counted" and t["verified"]
    head = SignedHead.from_stored(dumps(t["head"]), bytes.fromhex(t["head_signature"]))
    head.verify(HeadVerifyKey.from_hex(s.manifest.commission_key))
    merkle.verify_inclusion(
        bytes.fromhex(t["leaf_hash"]), t["seq"], head.tree_size,
        [bytes.fromhex(p) for p in t["inclusion_proof"]], head.root,
    )  # fmt: skip
    assert t["entry"]["payload"]["ballot"] == ballot.to_dict()
    missing = client.get(
        f"/api/elections/{s.election}/track/AAAA-BBBB-CCCC-DDDD", headers={"accept-language": "kk"}
    )
    assert missing.status_code == 404
    assert missing.json()["detail"] == gettext(
        "kk", "No ballot with this tracking code is on the board."
    )
    bad = client.get(f"/api/elections/{s.election}/track/not-a-code")
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem")


def test_the_board_pages_heads_and_consistency(public) -> None:
    client, s = public
    size = client.get(f"/api/elections/{s.election}").json()["board_size"]
    page = client.get(f"/api/elections/{s.election}/board?start=2&limit=3").json()
    assert [e["seq"] for e in page["entries"]] == [2, 3, 4] and page["size"] == size
    first = client.get(f"/api/elections/{s.election}/board?start=0&limit=1").json()
    assert first["entries"][0]["type"] == "election.manifest"
    assert client.get(f"/api/elections/{s.election}/board?limit=1000").status_code == 400
    assert client.get(f"/api/elections/{s.election}/board?start={size + 5}").status_code == 404
    heads = client.get(f"/api/elections/{s.election}/heads").json()
    sizes = [h["tree_size"] for h in heads["heads"]]
    assert sizes == sorted(sizes) and len(sizes) >= 3  # one per cast ballot at least
    assert heads["latest"]["tree_size"] == max(sizes)
    key = HeadVerifyKey.from_hex(s.manifest.commission_key)
    for h in heads["heads"]:
        SignedHead.from_stored(dumps(h["head"]), bytes.fromhex(h["signature"])).verify(key)
    a, b = sizes[0], sizes[-1]
    c = client.get(f"/api/elections/{s.election}/consistency?first={a}&second={b}").json()
    assert c["verified"] and c["first_head"]["tree_size"] == a
    merkle.verify_consistency(
        a, b, bytes.fromhex(c["first_root"]), bytes.fromhex(c["second_root"]),
        [bytes.fromhex(p) for p in c["proof"]],
    )  # fmt: skip
    assert c["second_root"] == heads["latest"]["root"]
    backwards = client.get(f"/api/elections/{s.election}/consistency?first={b}&second={a}")
    assert backwards.status_code == 404
    beyond = client.get(f"/api/elections/{s.election}/consistency?first=1&second={size + 1}")
    assert beyond.status_code == 404


def test_results_before_and_after_publication(public) -> None:
    client, s = public
    r = client.get(f"/api/elections/{s.election}/results", headers={"accept-language": "en"})
    assert r.status_code == 404
    assert r.json()["detail"] == "The results of this election are not published yet."
    client.post(f"/api/elections/{s.election}/ballots", json=make_ballot(s, 3, 2).to_dict())
    finish_election(s, paper=PAPER, cancel=3)
    res = client.get(f"/api/elections/{s.election}/results").json()
    rows = {o["id"]: o for o in res["options"]}
    # e-votes: voters 0 and 2 for c-abenov, voter 1 for c-serikova; voter 3 was cancelled.
    assert (rows["c-abenov"]["e_votes"], rows["c-abenov"]["paper_votes"]) == (2, 5)
    assert (rows["c-serikova"]["e_votes"], rows["c-serikova"]["paper_votes"]) == (1, 5)
    assert rows["c-li"]["e_votes"] == 0 and rows["c-li"]["total"] == 2
    assert rows["c-abenov"]["name"]["kk"] == "Абенов Ерлан"
    assert res["counted"] == 3 and res["paper_ballots"] == 14 and res["credentials"] == 6
    assert res["outcome"]["status"] == "elected" and res["outcome"]["winner"] == "c-abenov"
    p1, p2 = res["precincts"]
    assert (p1["precinct"], p1["turnout"], p1["e_ballots_cancelled"]) == ("P-1", 25.0, 0)
    # A protocol names its voters on the list since record spec v1.1 (§R5.1): 4 of 9.
    assert (p2["precinct"], p2["turnout"], p2["e_ballots_cancelled"]) == ("P-2", 44.44, 1)
    assert client.get(f"/api/elections/{s.election}").json()["state"] == "published"
    text = client.get(f"/e/{s.election}/results.csv?lang=ru").text
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["option_id", "kind", "name", "party", "e_votes", "paper_votes", "total"]
    assert table[1] == ["c-abenov", "candidate", "Абенов Ерлан", "Аманат", "2", "5", "7"]
    assert table[4][:3] == ["against", "against_all", "Против всех"]


def test_the_record_download_verifies_with_tandau_verify(public, tmp_path: Path) -> None:
    client, s = public
    finish_election(s, paper=PAPER)
    r = client.get(f"/e/{s.election}/record")
    assert r.status_code == 200
    assert f'filename="{s.election}.record.jsonl"' in r.headers["content-disposition"]
    path = tmp_path / "downloaded.record.jsonl"
    path.write_bytes(r.content)
    report = verify_record(path)
    assert report.ok, [(c.id, c.detail) for c in report.failed()]
    assert client.get("/e/nope/record").status_code == 404
