"""The board's state machine refuses paper protocols and cancellations as the verifier would.

Record spec §R5.1 (P1–P8) and §R5.2 (C1–C3): every writer posts through
``ElectionState.apply``, whose handlers check before they change anything.
"""

from __future__ import annotations

from typing import Any

import pytest
from election_builders import make_credentials, make_manifest

from tandau.protocol import events as ev
from tandau.protocol.events import ElectionState
from tandau.protocol.paper import MESSAGES, PaperRefused

GOOD: dict[str, Any] = {
    "precinct": "P-1",
    "voters_on_list": 10,
    "ballots_issued": 6,
    "ballots_cast": 5,
    "invalid": 1,
    "votes": {"c1": 2, "c2": 1, "c3": 0, "against": 1},
    "annulled": False,
    "corrects": None,
}


@pytest.fixture
def state() -> ElectionState:
    manifest = make_manifest()
    st = ElectionState()
    st.apply(0, ev.MANIFEST, {"manifest": manifest.to_dict()})
    st.credentials = {c.public.data for c in make_credentials(manifest, 3)}
    st.opened = True
    return st


def _cancel(st: ElectionState, i: int, precinct: str = "P-1") -> None:
    cred = sorted(st.credentials)[i].hex()
    st.apply(st.size, ev.BALLOT_CANCELLED, {"credential": cred, "precinct": precinct,
                                            "reason": "paper_vote"})  # fmt: skip


def _refused(st: ElectionState, payload: dict[str, Any]) -> str:
    size, paper = st.size, list(st.paper)
    with pytest.raises(PaperRefused) as err:
        st.apply(st.size, ev.PAPER_PROTOCOL, payload)
    assert (st.size, st.paper) == (size, paper)  # nothing changed
    return err.value.rule


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"invalid": -1}, "P1"),
        ({"ballots_cast": True}, "P1"),
        ({"note": "x"}, "P1"),
        ({"precinct": ""}, "P1"),
        ({"annulled": 0}, "P1"),
        ({"votes": {**GOOD["votes"], "c9": 0}}, "P2"),
        ({"votes": {"c1": 4, "against": 0}}, "P2"),
        ({"votes": {**GOOD["votes"], "c1": -1}}, "P1"),
        ({"invalid": 0}, "P3"),
        ({"ballots_issued": 4}, "P4"),
        ({"voters_on_list": 5}, "P5"),
        ({"corrects": 1}, "P6"),
    ],
)
def test_a_broken_invariant_is_refused_by_name(
    state: ElectionState, change: dict[str, Any], rule: str
) -> None:
    state.closed = True
    assert _refused(state, {**GOOD, **change}) == rule


def test_order_corrections_and_cancellations(state: ElectionState) -> None:
    _cancel(state, 0)
    with pytest.raises(PaperRefused) as twice:
        _cancel(state, 0)
    assert twice.value.rule == "C1"
    with pytest.raises(ev.OrderError):  # P8: before voting closed
        state.apply(state.size, ev.PAPER_PROTOCOL, dict(GOOD))
    state.closed = True
    assert _refused(state, {**GOOD, "ballots_issued": 0, "ballots_cast": 0, "invalid": 0,
                            "votes": dict.fromkeys(GOOD["votes"], 0)}) == "P7"  # fmt: skip
    first = state.size
    state.apply(first, ev.PAPER_PROTOCOL, dict(GOOD))
    assert _refused(state, dict(GOOD)) == "P6"  # the same precinct counted twice
    state.apply(state.size, ev.PAPER_PROTOCOL, {**GOOD, "corrects": first})
    assert state.paper_in_force == [{**GOOD, "corrects": first}] and len(state.paper) == 2


def test_results_need_every_cancelled_precincts_protocol(state: ElectionState) -> None:
    _cancel(state, 1, precinct="P-7")
    state.closed = True
    state.tallied = True
    with pytest.raises(PaperRefused) as err:
        state.apply(state.size, ev.RESULTS, {})
    assert err.value.rule == "C3" and state.results is None


def test_every_refusal_reads_in_three_languages() -> None:
    for rule in MESSAGES:
        text = PaperRefused(rule, field="invalid", precinct="P-1").localized
        assert set(text) == {"kk", "ru", "en"} and len(set(text.values())) == 3, rule
