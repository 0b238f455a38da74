"""A commission runs an election through the console, on SQLite and PostgreSQL.

The steps follow the console's sections: call the election and form its district,
import the voter lists, nominate and register, set up e-voting (3 trustees,
threshold 2), the trustees' ceremony from their files, credentials, voting,
paper protocols, the tally, decryption shares — one trustee alone cannot decrypt —
and the published results with the official protocol in Kazakh and Russian.
The board's record then passes the independent verifier.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from admin_builders import PRECINCTS, STAGE_TIMES, nominee
from console_world import (
    ELECTION,
    Trustees,
    World,
    csrf,
    make_world,
    upload_ceremony,
    voters_csv,
)
from fastapi.testclient import TestClient

from tandau.admin.records import PROTOCOL_FIGURES
from tandau.board.record import record_lines
from tandau.crypto.ceremony import CeremonyResult
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path)


def _api(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf(client)}


def _advance_to(world: World, chair: TestClient, stage: str) -> None:
    headers = _api(chair)
    order = list(STAGE_TIMES)
    while True:
        current = chair.get(f"/api/commission/elections/{ELECTION}").json()["stage"]
        if current == stage:
            return
        target = order[order.index(current) + 1] if current in order else order[0]
        world.clock.set(STAGE_TIMES[target])
        r = chair.post(f"/api/commission/elections/{ELECTION}/advance", headers=headers)
        assert r.status_code == 200, r.text


def _vote(world: World, codes: list[str], choice: int) -> None:
    def cast(svc: Any) -> None:
        st = svc.sync()
        manifest, key = st.require_manifest(), st.require_key()
        k = len(manifest.options)
        for code in codes:
            credential = derive(manifest.fingerprint, code)
            choices = [int(i == choice) for i in range(k)]
            ballot, _ = create_ballot(
                manifest.fingerprint, key, manifest.rule, choices, credential, world.ctx.rng
            )
            svc.cast(ballot.to_dict())

    world.ctx.with_election(ELECTION, cast)


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]["/Font"]
        for ref in resources.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            if descriptor is not None:
                d = descriptor.get_object()
                if "/FontFile2" in d:
                    fonts.add(str(font["/BaseFont"]))
    assert any("Tandau" in f or "DejaVu" in f for f in fonts), fonts
    return "\n".join(p.extract_text() for p in reader.pages)


def test_a_commission_runs_an_election_to_published_results(world: World) -> None:
    chair = world.client("chair")
    registrar = world.client("registrar")
    trustees = {j: world.client(f"trustee{j}") for j in (1, 2, 3)}

    # 1. Call the election (through its page) and form the district.
    world.clock.set("2027-07-20 10:00")
    r = chair.post(
        "/commission/elections",
        data={
            "csrf_token": csrf(chair),
            "election": ELECTION,
            "ruleset": "kz-rural-akim-2023",
            "unit": "991011000",
            "polling_day": "2027-09-19",
            "term_ends": "",
            "district_number": "1",
            "precincts": list(PRECINCTS),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/commission/e/{ELECTION}?done=called"
    assert chair.get(f"/commission/e/{ELECTION}").status_code == 200

    # 2. The registrar imports the lists: 60 + 40 voters.
    for i, (code, count) in enumerate(zip(PRECINCTS, (60, 40), strict=True)):
        r = registrar.post(
            f"/api/commission/elections/{ELECTION}/voters/import",
            json={"text": voters_csv(code, count, 1 + 5000 * i)},
            headers=_api(registrar),
        )
        assert r.status_code == 200 and r.json()["added"] == count, r.text

    # 3. Nomination and registration; a self-nominee without signatures is refused.
    _advance_to(world, chair, "nomination")
    headers = _api(chair)
    for facts in (
        nominee(),
        nominee(id="c-bekova", name="Бекова Сәуле", party="Respublica"),
        nominee(
            id="c-self", name="Қасымов Ерлан", nomination="self", party=None, party_member=False
        ),
    ):
        body = {k: v for k, v in facts.items() if k != "election"}
        r = chair.post(
            f"/api/commission/elections/{ELECTION}/candidates", json=body, headers=headers
        )
        assert r.status_code == 201, r.text
    world.clock.set("2027-08-24 18:01")
    for cid in ("c-aliyev", "c-bekova", "c-self"):
        r = chair.post(
            f"/api/commission/elections/{ELECTION}/candidates/{cid}/decide", headers=headers
        )
        assert r.status_code == 200
    refused = r.json()
    assert refused["status"] == "refused"
    assert "nomination.signatures" in [v["rule"] for v in refused["refusal"]]
    assert refused["refusal"][0]["article"]
    page = chair.get(f"/commission/e/{ELECTION}/candidates?lang=ru").text
    assert "nomination.signatures" in page and "CLE Ch. 10-2" in page
    _advance_to(world, chair, "campaign")

    # 4. E-voting: three trustees, threshold 2.
    accounts = {a["username"]: a["id"] for a in chair.get("/api/commission/accounts").json()}
    seats = [accounts[f"trustee{j}"] for j in (1, 2, 3)]
    r = chair.post(
        f"/api/commission/elections/{ELECTION}/evoting",
        json={"mode": "polling-station", "threshold": 2, "trustees": seats},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    fingerprint = bytes.fromhex(r.json()["detail"]["fingerprint"])

    # 5. The ceremony, each trustee uploading what its offline command wrote.
    offline = Trustees(fingerprint, 3, 2, [f"T{j}" for j in (1, 2, 3)], world.ctx.rng)
    upload_ceremony(offline, trustees)
    assert chair.get(f"/api/commission/elections/{ELECTION}/ceremony").json()["step"] == "finalize"
    r = chair.post(f"/api/commission/elections/{ELECTION}/ceremony/finalize", headers=headers)
    assert r.status_code == 200, r.text
    ceremony = chair.get(f"/api/commission/elections/{ELECTION}/ceremony").json()
    assert ceremony["step"] == "done" and ceremony["joint_key"]

    # 6. Credentials: P-101 as JSON through the API, P-102 as printable sheets.
    r = registrar.post(
        f"/api/commission/elections/{ELECTION}/credentials/P-101", headers=_api(registrar)
    )
    assert r.status_code == 200
    codes = r.json()["codes"]
    assert len(codes) == 60
    r = registrar.post(
        f"/commission/e/{ELECTION}/credentials/P-102", data={"csrf_token": csrf(registrar)}
    )
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    sheets = _pdf_text(r.content)
    assert len(pypdf.PdfReader(io.BytesIO(r.content)).pages) == 40
    paper_codes = re.findall(r"[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]", sheets)
    assert len(paper_codes) == 40
    stored = _everything_stored(world)
    assert not any(c in stored or c.replace("-", "") in stored for c in codes + paper_codes)

    # 7. Polling: voting opens, 30 e-votes (20 for Aliyev, 10 for Bekova), then counting.
    _advance_to(world, chair, "polling")
    assert (
        chair.post(f"/api/commission/elections/{ELECTION}/voting/open", headers=headers).status_code
        == 200
    )
    ballot = {a["id"]: i for i, a in enumerate(_manifest_options(world))}
    _vote(world, codes[:20], ballot["c-aliyev"])
    _vote(world, paper_codes[:10], ballot["c-bekova"])
    _advance_to(world, chair, "counting")
    assert (
        chair.post(
            f"/api/commission/elections/{ELECTION}/voting/close", headers=headers
        ).status_code
        == 200
    )

    # 8. Paper protocols, then the encrypted tally.
    for precinct, figures in (
        ("P-101", (60, 40, 30, 10, 0, 30, 2, 3, {"c-aliyev": 5, "c-bekova": 20})),
        ("P-102", (40, 30, 20, 10, 1, 19, 1, 2, {"c-aliyev": 10, "c-bekova": 6})),
    ):
        names = (*PROTOCOL_FIGURES, "votes")
        r = chair.post(
            f"/api/commission/elections/{ELECTION}/protocols",
            json={"precinct": precinct, **dict(zip(names, figures, strict=True))},
            headers=headers,
        )
        assert r.status_code == 201, r.text
    r = chair.post(f"/api/commission/elections/{ELECTION}/tally", headers=headers)
    assert r.status_code == 200 and r.json()["detail"]["counted"] == 30

    # 9. Decryption: one trustee's share is not enough; two are.
    result, tally = _key_and_tally(world)
    r = trustees[1].post(
        f"/commission/e/{ELECTION}/tally/share",
        data={"csrf_token": csrf(trustees[1])},
        files={
            "file": ("decryption-1.json", offline.share_file(1, result, tally), "application/json")
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    r = chair.post(f"/api/commission/elections/{ELECTION}/results", headers=headers)
    assert r.status_code == 409 and r.json()["code"] == "web.console.step"
    assert "2" in r.json()["detail"]
    r = trustees[3].post(
        f"/api/commission/elections/{ELECTION}/tally/shares",
        json={"kind": "decryption", "document": _json(offline.share_file(3, result, tally))},
        headers=_api(trustees[3]),
    )
    assert r.status_code == 200, r.text
    r = chair.post(f"/api/commission/elections/{ELECTION}/results", headers=headers)
    assert r.status_code == 200, r.text
    results = r.json()
    totals = {row["id"]: (row["e_votes"], row["paper_votes"]) for row in results["options"]}
    assert totals == {"c-aliyev": (20, 15), "c-bekova": (10, 26), "against": (0, 5)}
    assert results["outcome"]["status"] == "elected"
    assert results["outcome"]["winner"] == "c-bekova"
    assert results["trustees_used"] == [1, 3]

    # 10. The official protocol, public, in Kazakh and Russian.
    public = world.client()
    kk = _pdf_text(public.get(f"/commission/e/{ELECTION}/protocol-kk.pdf").content)
    ru = _pdf_text(public.get(f"/commission/e/{ELECTION}/protocol-ru.pdf").content)
    assert "Бекова Сәуле" in kk and "Сайланды" in kk and "қорытындылары туралы хаттама" in kk
    assert "Бекова Сәуле" in ru and "Избран" in ru and "Протокол" in ru
    assert public.get(f"/commission/e/{ELECTION}/protocol-en.pdf").status_code == 400  # kk or ru

    # 11. The record verifies with the independent verifier.
    _verify(world, tmp=world.settings.data_dir)


def _everything_stored(world: World) -> str:
    """Every row of every table of the database, as text."""
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(world.ctx.engine)
    out = []
    with world.ctx.engine.connect() as conn:
        for table in meta.sorted_tables:
            out.extend(repr(tuple(row)) for row in conn.execute(select(table)))
    return "\n".join(out)


def _manifest_options(world: World) -> list[dict[str, Any]]:
    def read(svc: Any) -> list[dict[str, Any]]:
        return [o.to_dict() for o in svc.state.require_manifest().options]

    return world.ctx.with_election(ELECTION, read)


def _key_and_tally(world: World) -> tuple[CeremonyResult, dict[str, Any]]:
    from tandau.web.console.ceremony import progress

    result = progress(world.ctx, ELECTION).result
    assert result is not None
    tally = world.ctx.with_election(ELECTION, lambda svc: svc.sync().tally)
    return result, tally


def _json(data: bytes) -> Any:
    import json

    return json.loads(data)


def _verify(world: World, tmp: Path) -> None:
    from tandau_verify.verify import verify_record

    def manifest(svc: Any) -> Any:
        return svc.state.require_manifest()

    m = world.ctx.with_election(ELECTION, manifest)
    path = tmp / "record.jsonl"
    with path.open("wb") as f:
        for line in record_lines(world.ctx.board(ELECTION), m):
            f.write(line)
    report = verify_record(path)
    assert report.ok, report
