"""A tie: the law leaves the outcome to the commission, whose decision is recorded and printed."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from console_world import (
    ELECTION,
    E,
    World,
    csrf,
    empty_protocols,
    run_ceremony,
    set_up_evoting,
    vote_and_tally,
)
from fastapi.testclient import TestClient

from tandau.web.console import counting

pytestmark = pytest.mark.world(campaign=(30, 20))


def test_a_tie_is_decided_by_the_commission(world: World) -> None:
    offline = set_up_evoting(world)
    run_ceremony(world, offline)
    result, tally = vote_and_tally(world, ["c-aliyev", "c-bekova", "c-aliyev", "c-bekova"])
    for j in (1, 2):
        counting.upload_share(
            world.ctx,
            world.ctx.administration().lifecycle.election(ELECTION),
            next(a for a in _trustees(world) if a.username == f"trustee{j}"),
            offline.share_file(j, result, tally),
        )
    empty_protocols(world)
    chair = world.client("chair")
    headers = {"X-CSRF-Token": csrf(chair)}
    r = chair.post(f"/api/commission/elections/{ELECTION}/results", headers=headers)
    assert r.status_code == 200, r.text
    outcome = r.json()["outcome"]
    assert outcome["status"] == "commission_decision_required" and outcome["winner"] is None
    assert outcome["reasons"][-1]["rule"] == "outcome.tie"
    # No winner can be registered yet; the page offers the decision.
    assert chair.post(f"{E}/winner", data={"csrf_token": csrf(chair)}).status_code == 409
    assert 'action="/commission/e/birlik-2027/decision"' in chair.get(f"{E}/tally").text
    # Without quorum, or for a candidate who is not tied, the decision is refused.
    r = _decide(chair, "elect", "Жеребьёвка", ["m1", "m2"], candidate="c-bekova", lang="ru")
    assert r.status_code == 409 and "decisions.quorum" in r.text
    r = _decide(chair, "elect", "Жеребьёвка", ["m1", "m2", "m3"], candidate="against")
    assert r.status_code == 409 and "decisions.candidate" in r.text
    assert counting.decision_of(world.ctx, ELECTION) is None
    lots = "Drawing of lots, minutes No. 14"
    r = _decide(chair, "elect", lots, ["m1", "m2", "m3"], candidate="c-bekova")
    assert r.status_code == 303, r.text[-1500:]
    decision = counting.decision_of(world.ctx, ELECTION)
    assert decision == {
        "decision": "elect: c-bekova",
        "reason": "Drawing of lots, minutes No. 14",
        "rule": "outcome.tie",
        "article": outcome["reasons"][-1]["article"],
    }
    # A second decision is refused; the winner is registered; the protocol prints it.
    r = _decide(chair, "failed", "again", ["m1", "m2", "m3"])
    assert r.status_code == 409
    r = chair.post(f"{E}/winner", data={"csrf_token": csrf(chair)}, follow_redirects=False)
    assert r.status_code == 303
    election = world.ctx.administration().lifecycle.election(ELECTION)
    assert (election.stage.value, election.winner) == ("winner_registered", "c-bekova")
    pdf = world.client().get(f"{E}/protocol-ru.pdf").content
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Решение комиссии: elect: c-bekova" in text and "outcome.tie" in text


def _decide(
    chair: TestClient,
    resolution: str,
    reason: str,
    present: list[str],
    candidate: str | None = None,
    lang: str | None = None,
) -> Any:
    """The chair submits the commission's decision form (a candidate only when electing)."""
    data = {"csrf_token": csrf(chair), "resolution": resolution, "reason": reason}
    data |= {"present": present} | ({"candidate": candidate} if candidate else {})
    query = f"?lang={lang}" if lang else ""
    return chair.post(f"{E}/decision{query}", data=data, follow_redirects=False)


def _trustees(world: World) -> list[Any]:
    from tandau.web.auth import accounts_of

    return list(accounts_of(world.ctx).of_commission("tec-akzhar"))
