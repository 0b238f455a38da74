"""One rural okrug election from calling to the winner's registration, on SQLite and PostgreSQL.

The steps follow ``docs/guides/commission-admin.md``.  The services run over the SQL
row store (``tandau.storage.admin_repo``) and publish to a real board on the same
database (``tandau.storage.SqlBoardStore``); the board's chain and signed head are
checked at the end.  On the way: deadlines enforced, a refused self-nominee, a
withdrawal, bad input that stores nothing, an annulled precinct, and a tie that waits
for the commission's decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from admin_builders import (
    ELECTION,
    MEMBERS,
    PRECINCTS,
    RULESET,
    TEC,
    SettableClock,
    accredit,
    advance_to,
    local,
    nominee,
    setup_units_and_commissions,
    state_of,
)
from sqlalchemy import Engine, func, select

from tandau.admin import Administration, CandidateStatus, Refused, RowRepository, Stage
from tandau.admin.demo_data import DEMO_OKRUG, demo_voters_csv
from tandau.board import Board
from tandau.crypto.signatures import HeadSigningKey
from tandau.law import InconsistentInput, InvalidDate, NegativeNumber, UnknownRuleset
from tandau.schema import admin_row_store, admin_voters
from tandau.storage import SqlBoardStore, make_engine, upgrade

BOARD = "admin-tec-akzhar"


@dataclass
class Commission:
    admin: Administration
    clock: SettableClock
    board: Board
    repository: RowRepository
    engine: Engine

    def refused(self, rule: str, call: object, *args: object, **kwargs: object) -> Refused:
        """Run a call that must be refused under ``rule``, storing and publishing nothing."""
        before, size = state_of(self.repository), self.board.size()
        with pytest.raises(Refused) as err:
            call(*args, **kwargs)  # type: ignore[operator]
        assert rule in err.value.rules
        assert state_of(self.repository) == before and self.board.size() == size
        for v in err.value.violations:
            assert v.article and set(v.message) == {"kk", "ru", "en"}
        return err.value


@pytest.fixture
def tec(db_url: str) -> Iterator[Commission]:
    upgrade(db_url)
    engine = make_engine(db_url)
    clock = SettableClock(local("2027-07-01 09:00"))
    board = Board(
        SqlBoardStore(engine), BOARD, key=HeadSigningKey.from_seed(bytes(32)), clock=clock
    )
    repository = RowRepository(admin_row_store(engine))
    try:
        yield Commission(Administration(repository, clock, board), clock, board, repository, engine)
    finally:
        engine.dispose()


def test_a_rural_okrug_election_from_calling_to_the_winner(tec: Commission) -> None:
    admin, clock = tec.admin, tec.clock

    # 1. The territory, the commissions and the precincts.
    setup_units_and_commissions(admin)

    # 2. The TEC calls the election (bad input first: nothing is stored).
    clock.set("2027-07-20 10:00")
    call = {
        "election": ELECTION,
        "ruleset": RULESET,
        "unit": DEMO_OKRUG,
        "commission": TEC,
        "polling_day": "2027-09-19",
    }
    before, size = state_of(tec.repository), tec.board.size()
    for bad, error in (
        ({"polling_day": "19/09/2027"}, InvalidDate),
        ({"ruleset": "kz-rural-akim-1999"}, UnknownRuleset),
    ):
        with pytest.raises(error):
            admin.lifecycle.call(**{**call, **bad})  # type: ignore[arg-type]
    assert state_of(tec.repository) == before and tec.board.size() == size
    admin.lifecycle.call(**call)  # type: ignore[arg-type]
    admin.districts.form_district(election=ELECTION, number=1, precincts=list(PRECINCTS))

    # 3. Voter lists: 400 + 300 voters, then corrections with an audit trail.
    iins: list[str] = []
    for i, (code, village, count) in enumerate(
        zip(PRECINCTS, ("991011001", "991011002"), (400, 300), strict=True)
    ):
        text = demo_voters_csv(code, village, count, first_serial=1 + 5000 * i)
        assert admin.voters.import_csv(election=ELECTION, text=text).added == count
        iins += [line.split(",")[0] for line in text.splitlines()[1:]]
    admin.voters.move(election=ELECTION, iin=iins[0], precinct=PRECINCTS[1], reason="Moved")
    admin.voters.remove(election=ELECTION, iin=iins[1], reason="Registered elsewhere")
    assert admin.voters.count(ELECTION) == 699
    assert [c.action for c in admin.voters.corrections(ELECTION)] == ["move", "remove"]
    with tec.engine.connect() as conn:  # append-only: a correction is a new revision
        rows = conn.execute(select(func.count()).select_from(admin_voters)).scalar_one()
        people = conn.execute(select(func.count(func.distinct(admin_voters.c.iin)))).scalar_one()
    assert (rows, people) == (702, 700)

    # 4. Nomination: not before it opens; three party nominees and two self-nominees.
    tec.refused("calendar.nomination_opens", admin.lifecycle.advance, ELECTION)
    advance_to(admin, clock, "nomination")
    n = admin.nominations
    n.nominate(**nominee())
    n.nominate(**nominee(id="c-bekova", name="Бекова Сәуле", party="Respublica"))
    n.nominate(**nominee(id="c-omarov", name="Омаров Дәурен", party="Ak Zhol"))
    n.nominate(
        **nominee(
            id="c-self-ok", name="Исаева Гүлнар", nomination="self", party=None, party_member=False
        )
    )
    n.nominate(
        **nominee(
            id="c-self-no", name="Қасымов Ерлан", nomination="self", party=None, party_member=False
        )
    )
    tec.refused("nomination.one_candidate_per_party", n.nominate, **nominee(id="c-x"))
    # 699 voters need 7 signatures (1 %, rounded up).
    ok = n.submit_signatures(election=ELECTION, candidate="c-self-ok", sheets=[iins[2:10]])
    no = n.submit_signatures(
        election=ELECTION, candidate="c-self-no", sheets=[[*iins[2:6], iins[1]]]
    )
    assert (ok.valid_signatures, no.valid_signatures, no.invalid_signatures) == (8, 4, 1)

    # 5. Nomination closes; the commission decides on each nominee.
    clock.set("2027-08-24 18:01")
    tec.refused("calendar.nomination_closes", n.nominate, **nominee(id="late", party="Late"))
    for cid in ("c-aliyev", "c-bekova", "c-omarov", "c-self-ok", "c-self-no"):
        n.decide_registration(election=ELECTION, candidate=cid)
    refused = n.candidate(ELECTION, "c-self-no")
    assert refused.status is CandidateStatus.REFUSED
    assert [(v.rule, v.article) for v in refused.refusal] == [
        ("nomination.signatures", "CLE Ch. 10-2")
    ]
    assert "7" in refused.refusal[0].message["kk"] and "7" in refused.refusal[0].message["ru"]
    advance_to(admin, clock, "registration")
    clock.set("2027-08-29 17:00")
    tec.refused("calendar.registration_closes", admin.lifecycle.advance, ELECTION)
    advance_to(admin, clock, "campaign")

    # 6. The campaign: observers and a proxy; one candidate withdraws.
    clock.set("2027-09-01 12:00")
    c = admin.commissions
    accredit(
        c,
        "obs-1",
        "observer",
        "non_commercial_organisation",
        name="Observer",
        sponsor="Fair Vote PF",
    )
    accredit(
        c, "px-1", "proxy", "candidate", name="Proxy", sponsor="Бекова Сәуле", candidate="c-bekova"
    )
    n.withdraw(election=ELECTION, candidate="c-omarov", application="Written application, 1 Sep")
    ballot = [line.id for line in n.ballot(ELECTION, "kk")]
    assert ballot == ["c-aliyev", "c-bekova", "c-self-ok", "against_all"]

    # 7. Silence, polling, counting; no withdrawal once polling has begun.
    advance_to(admin, clock, "polling")
    tec.refused(
        "withdrawal.before_polling",
        n.withdraw,
        election=ELECTION,
        candidate="c-self-ok",
        application="too late",
    )
    advance_to(admin, clock, "counting")

    # 8. Protocols: bad figures store nothing; P-102 is annulled by the TEC.
    p = admin.protocols
    good = {
        "election": ELECTION,
        "precinct": PRECINCTS[0],
        "voters_on_list": 398,
        "ballots_received": 400,
        "ballots_issued": 300,
        "ballots_unused": 100,
        "ballots_spoiled": 2,
        "ballots_cast": 298,
        "invalid": 8,
        "against_all": 40,
        "votes": {"c-aliyev": 110, "c-bekova": 110, "c-self-ok": 30},
    }
    before, size = state_of(tec.repository), tec.board.size()
    for bad, error in (
        ({"votes": {"c-aliyev": -1, "c-bekova": 110, "c-self-ok": 30}}, NegativeNumber),
        ({"votes": {"c-aliyev": 200, "c-bekova": 110, "c-self-ok": 30}}, InconsistentInput),
    ):
        with pytest.raises(error):
            p.enter(**{**good, **bad})  # type: ignore[arg-type]
    assert state_of(tec.repository) == before and tec.board.size() == size
    p.enter(**good)  # type: ignore[arg-type]
    p.enter(
        **{
            **good,
            "precinct": PRECINCTS[1],
            "voters_on_list": 301,
            "ballots_received": 300,
            "ballots_issued": 250,
            "ballots_unused": 50,
            "ballots_spoiled": 0,
            "ballots_cast": 250,
            "invalid": 0,
            "against_all": 10,
            "votes": {"c-aliyev": 200, "c-bekova": 20, "c-self-ok": 20},
        }
    )  # type: ignore[arg-type]
    tec.refused(
        "decisions.quorum",
        p.annul,
        election=ELECTION,
        precinct=PRECINCTS[1],
        reason="Ballot stuffing",
        present=["m1", "m2"],
    )
    p.annul(
        election=ELECTION,
        precinct=PRECINCTS[1],
        reason="Ballot stuffing proven by the precinct's video record",
        present=["m1", "m2", "m3"],
    )

    # 9. The result: with P-102 excluded, a tie for first place waits for a decision.
    clock.set("2027-09-20 11:00")
    result = admin.lifecycle.set_results(ELECTION)
    assert result.stage is Stage.RESULTS and result.winner is None
    assert result.outcome is not None
    assert result.outcome["status"] == "commission_decision_required"
    assert [r["rule"] for r in result.outcome["reasons"]] == [
        "outcome.annulled_precincts",
        "outcome.tie",
    ]
    assert result.outcome["votes"] == {"c-aliyev": 110, "c-bekova": 110, "c-self-ok": 30}
    tec.refused("winner.known", admin.lifecycle.register_winner, ELECTION)

    # 10. The TEC decides; the winner is registered within seven days.
    decision = admin.decisions.decide_outcome(
        election=ELECTION,
        resolution="elect",
        candidate="c-bekova",
        reason="Drawing of lots in an open session, minutes No. 14",
        present=list(MEMBERS),
    )
    assert (decision.rule, decision.article) == ("outcome.tie", "CLE Ch. 10-2")
    clock.set("2027-09-24 10:00")
    final = admin.lifecycle.register_winner(ELECTION)
    assert (final.stage, final.winner) == (Stage.WINNER_REGISTERED, "c-bekova")

    # 11. The board holds every public step, in order, and verifies.
    types = [e.type for e in tec.board.entries()]
    stages = [e.payload["to"] for e in tec.board.entries() if e.type == "admin.election.stage"]
    assert stages == [
        "nomination",
        "registration",
        "campaign",
        "silence",
        "polling",
        "counting",
        "results",
        "winner_registered",
    ]
    assert types.count("admin.candidate.refused") == 1
    assert types.count("admin.decision.recorded") == 2
    assert types[-3:] == [
        "admin.decision.recorded",
        "admin.election.stage",
        "admin.winner.registered",
    ]
    assert tec.repository.pending_events() == []
    assert not any(iins[0] in e.data.decode() for e in tec.board.stored_entries())
    head = tec.board.head()
    report = tec.board.verify_chain(HeadSigningKey.from_seed(bytes(32)).verify_key)
    assert report.entries == head.tree_size == len(types)
