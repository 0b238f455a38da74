"""`tandau demo`: a complete simulated election on a fresh SQLite file (issue 3 §6).

Trustees 3-of-5 run the dealer-free ceremony (one of them is then absent at
decryption), voters cast encrypted ballots with some re-votes and some
audited (spoiled) ballots, one voter's e-ballot is cancelled by a paper vote,
the trustees decrypt the tally, and the record is written to DIR/record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.ceremony import CeremonyParameters, deal, finalize, receive, setup, trustee_share
from tandau.crypto.decryption import combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.rng import DeterministicRng, SystemRng
from tandau.crypto.selection import SelectionRule
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import audit_ballot, create_ballot
from tandau.protocol.credentials import derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee
from tandau.storage import SqlBoardStore, upgrade

from .record import export_record

__all__ = ["run_demo"]


def _names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def run_demo(voters: int, candidates: int, out: Path, seed: str | None = None) -> dict[str, object]:
    rng = DeterministicRng(seed.encode()) if seed else SystemRng()
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.sqlite3"
    db.unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    upgrade(url)
    head_key = HeadSigningKey.generate(rng)
    options = [
        Option(
            f"c{i}",
            "candidate",
            _names(f"Кандидат {i}", f"Кандидат {i}", f"Candidate {i}"),
            None if i % 2 else "Demo party",
        )
        for i in range(1, candidates + 1)
    ]
    options.append(
        Option("against", "against_all", _names("Барлығына қарсы", "Против всех", "Against all"))
    )
    manifest = Manifest(
        election_id="demo-akim-2026",
        title=_names(
            "Ауыл округі әкімінің сайлауы (демо)",
            "Выборы акима сельского округа (демо)",
            "Election of the rural okrug akim (demo)",
        ),
        unit_code="000000000",
        unit_name=_names("Демо округ", "Демо округ", "Demo okrug"),
        office="akim",
        ruleset="kz-rural-akim-2023",
        polling_day="2026-09-17",
        mode="polling-station",
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, f"Trustee {i}") for i in range(1, 6)),
        threshold=3,
        commission_key=head_key.verify_key.hex(),
    )
    fp = manifest.fingerprint
    with SqlBoardStore.from_url(url) as store:
        board = Board(store, manifest.election_id, key=head_key)
        svc = ElectionService(board)
        svc.create(manifest)
        # Key ceremony: each step is what `tandau trustee` runs on an offline laptop.
        params = CeremonyParameters(fp, 5, 3)
        setups, boxes = zip(*(setup(i, f"Trustee {i}", rng) for i in range(1, 6)), strict=True)
        dealt = [deal(params, setups, i, rng) for i in range(1, 6)]
        dealings = [d for d, _ in dealt]
        for d in dealings:
            svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
        received = [receive(params, j, boxes[j - 1], setups, dealings) for j in range(1, 6)]
        for resp, _ in received:
            svc.post(ev.CEREMONY_RESPONSE, {"trustee": resp.recipient, "response": resp.to_dict()})
        result = finalize(params, dealings, [r for r, _ in received])
        svc.post(ev.ELECTION_KEY, result.to_dict())
        key = result.joint_key
        # Credentials: the registrar keeps the codes; the board gets the public list.
        codes = [new_code(rng) for _ in range(voters)]
        creds = [derive(fp, c) for c in codes]
        svc.post(ev.CREDENTIALS_LIST, {"credentials": sorted(c.public.hex() for c in creds)})
        svc.open()
        k = len(options)
        pick = DeterministicRng(b"demo-choices" + (seed or "").encode())
        audited = revoted = 0
        for n, cred in enumerate(creds):
            choice = int.from_bytes(pick(2), "big") % k
            if n % 50 == 7:  # a voter audits first: the device's ballot is opened and spoiled
                b, opening = create_ballot(fp, key, manifest.rule, _one(k, choice), cred, rng)
                audit_ballot(key, b, opening)
                audited += 1
            ballot, _ = create_ballot(fp, key, manifest.rule, _one(k, choice), cred, rng)
            svc.cast(ballot.to_dict())
            if n % 40 == 3:  # a re-vote: only the last ballot of a credential counts
                ballot, _ = create_ballot(
                    fp, key, manifest.rule, _one(k, (choice + 1) % k), cred, rng
                )
                svc.cast(ballot.to_dict())
                revoted += 1
        svc.cancel(creds[0].public.hex(), "P-1")  # voter 0 then voted on paper
        svc.close()
        svc.post(
            ev.PAPER_PROTOCOL,
            {
                "precinct": "P-1",
                "ballots_cast": 1,
                "invalid": 0,
                "votes": {o.id: int(i == 0) for i, o in enumerate(options)},
                "annulled": False,
            },
        )
        tally = svc.state.box.tally() if svc.state.box else None
        assert tally is not None
        svc.post(ev.TALLY_ENCRYPTED, {"tally": tally.to_dict()})
        cts: list[Ciphertext] = list(tally.ciphertexts)
        shares = []
        for j in (1, 2, 4, 5):  # trustee 3 is absent; any 3 of the rest suffice
            share = trustee_share(params, result, dealings, received[j - 1][1])
            ts = tally_share(share, cts, fp, rng)
            svc.post(ev.TALLY_SHARE, {"trustee": j, "share": ts.to_dict()})
            shares.append(ts)
        vkeys = {j: result.verification_key(j) for j in range(1, 6)}
        comb = combine(cts, shares, vkeys, 3, fp)
        e_votes = decrypt_totals(cts, comb, DlogTable.for_bound(max(tally.counted, 1)))
        paper = [int(i == 0) for i in range(k)]
        rows = [
            {"id": o.id, "e_votes": e, "paper_votes": p, "total": e + p}
            for o, e, p in zip(options, e_votes, paper, strict=True)
        ]
        cands = [r for r in rows if r["id"] != "against"]
        top = max(r["total"] for r in cands)
        leaders = [r["id"] for r in cands if r["total"] == top]
        outcome = (
            {"status": "elected", "winner": leaders[0], "reasons": []}
            if len(leaders) == 1
            else {
                "status": "commission_decision_required",
                "winner": None,
                "reasons": [{"rule": "outcome.tie", "article": "CLE Ch. 10-2 [U]"}],
            }
        )
        results = {
            "options": rows,
            "counted": tally.counted,
            "paper_ballots": 1,
            "trustees_used": list(comb.used),
            "skipped_trustees": [3],
            "outcome": outcome,
        }
        svc.post(ev.RESULTS, results)
        board.head()
        record = out / "record"
        export_record(board, manifest, record)
    return {
        "results": results,
        "record": str(record),
        "database": str(db),
        "ballots_audited": audited,
        "revotes": revoted,
    }


def _one(k: int, i: int) -> list[int]:
    return [int(j == i) for j in range(k)]


def demo(
    voters: Annotated[int, typer.Option("--voters", min=1, max=1_000_000)] = 200,
    candidates: Annotated[int, typer.Option("--candidates", min=1, max=64)] = 3,
    out: Annotated[Path, typer.Option("--out")] = Path("out/demo"),
    seed: Annotated[str | None, typer.Option("--seed", help="deterministic, tests only")] = None,
) -> None:
    """Run a complete simulated verifiable election and write its record."""
    summary = run_demo(voters, candidates, out, seed)
    typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
