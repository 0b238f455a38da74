"""The election driver runs a whole election in process, and its plain count refers a tie."""

from __future__ import annotations

from election_builders import make_manifest, signed_manifest

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.board.memory import MemoryBoardStore
from tandau.crypto.rng import DeterministicRng
from tandau.protocol import events as ev
from tandau.protocol.credentials import new_code


def test_an_election_from_ceremony_to_results_in_process() -> None:
    rng = DeterministicRng(b"driver")
    manifest, head_key = signed_manifest(rng, 2)
    svc = ElectionService(Board(MemoryBoardStore(), manifest.election_id, key=head_key))
    trustees = driver.key_ceremony(manifest.fingerprint, 3, 2, rng)
    creds = driver.credentials(manifest, [new_code(rng) for _ in range(4)])
    driver.set_up(svc, manifest, trustees, creds)
    st = svc.sync()
    assert st.opened and st.key == trustees.joint_key
    assert st.credentials == {c.public.data for c in creds}
    for voter, choice in enumerate((0, 0, 1, 2)):
        driver.cast(svc, manifest, trustees.joint_key, creds[voter], choice, rng)
    svc.close()
    tally = driver.post_tally(svc)
    shares = driver.post_shares(svc, trustees, (1, 3), tally.ciphertexts, rng)
    assert sorted(svc.sync().shares) == [1, 3]
    decrypted = driver.decrypt(
        trustees, tally.ciphertexts, shares, manifest.tally_bound(tally.counted)
    )
    assert decrypted.totals == (2, 1, 1) and decrypted.used == (1, 3)
    results = driver.plurality_results(
        manifest.options, decrypted.totals, counted=4, used=decrypted.used, skipped=[2]
    )
    svc.post(ev.RESULTS, results)
    assert results["outcome"] == {"status": "elected", "winner": "c1", "reasons": []}
    assert svc.sync().results == results


def test_a_tie_with_paper_votes_goes_to_the_commission() -> None:
    manifest = make_manifest(2)
    paper = [
        {"precinct": "P-1", "ballots_cast": 3, "votes": {"c2": 2, "against": 1}},
        {"precinct": "P-2", "ballots_cast": 9, "votes": {"c1": 9}, "annulled": True},
    ]
    tie = [{"rule": "outcome.tie", "article": "CLE"}]
    results = driver.plurality_results(
        manifest.options, (2, 0, 0), counted=2, used=(1, 2), skipped=(), paper=paper,
        tie_reasons=tie,
    )  # fmt: skip
    assert [r["total"] for r in results["options"]] == [2, 2, 1]
    assert results["paper_ballots"] == 3
    assert results["outcome"] == {
        "status": "commission_decision_required",
        "winner": None,
        "reasons": tie,
    }
