"""Petitions (one signature per resident on the register, withdrawal until the deadline,
the district's threshold) and the 4th-level budget (draft, execution, proposals,
approval, history per line); every refusal stores nothing."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from community_world import EXAMPLE, PEOPLE, dump, make, meeting, open_vote, refused, world

from tandau.community import budget as budgets
from tandau.community.petitions import (
    PetitionAnswerIn,
    PetitionIn,
    PetitionService,
    SignatureIn,
)
from tandau.community.rowstore import RowStore
from tandau.law import NegativeNumber

PETITION = {"community": "akdala", "id": "p1", "title": "Bus stop", "text": "Build one."}


def _with_petition_rules(store: RowStore) -> None:
    rules = copy.deepcopy(EXAMPLE)
    rules["parameters"]["petition"]["signatures"] = {
        "value": {"percent": 25},
        "article": "test",
        "source": "a test district",
        "confidence": "C",
    }
    rules["parameters"]["petition"]["collection_days"] = {
        "value": 30,
        "article": "test",
        "source": "a test district",
        "confidence": "C",
    }
    world(store, ruleset=rules)


def _sig(svc: PetitionService, resident: str, on: str, *, withdraw: bool = False) -> None:
    data = make(SignatureIn, community="akdala", petition="p1", resident=resident, on=on)
    (svc.withdraw if withdraw else svc.sign)(data)


def test_petition_signatures_threshold_and_deadline(store: RowStore) -> None:
    _with_petition_rules(store)
    svc = PetitionService(store)
    opened = svc.open(make(PetitionIn, **PETITION, author="r1", opened_on="2026-03-01"))
    assert opened["deadline"] == "2026-03-31"
    _sig(svc, "r2", "2026-03-02")
    status = svc.status("akdala", "p1", date(2026, 3, 5))
    assert status | {"signatures": 2, "required": 3, "reached": False} == status  # 25% of 12
    _sig(svc, "r3", "2026-03-03")
    assert svc.status("akdala", "p1", date(2026, 3, 5))["reached"] is True
    _sig(svc, "r3", "2026-03-04", withdraw=True)
    assert svc.status("akdala", "p1", date(2026, 3, 5))["signatures"] == 2
    _sig(svc, "r3", "2026-03-06")  # may sign again after withdrawing
    refused(svc, store, lambda: _sig(svc, "r2", "2026-03-07"), "already_signed_petition")
    refused(svc, store, lambda: _sig(svc, "ghost", "2026-03-07"), "not_on_register")
    refused(svc, store, lambda: _sig(svc, "r4", "2026-03-07", withdraw=True), "not_signed")
    refused(svc, store, lambda: _sig(svc, "r4", "2026-04-01"), "deadline_passed")
    refused(svc, store, lambda: _sig(svc, "r4", "2026-02-28"), "before_opening")
    refused(svc, store, lambda: _sig(svc, "r2", "2026-02-28", withdraw=True), "before_opening")
    refused(svc, store, lambda: _sig(svc, "r2", "2026-04-01", withdraw=True), "deadline_passed")
    answer = make(
        PetitionAnswerIn, community="akdala", petition="p1", text="Built in May.", on="2026-04-10"
    )
    assert svc.answer(answer)["answer"]["text"] == "Built in May."
    refused(svc, store, lambda: svc.answer(answer), "petition_answered")


def test_without_district_rules_the_threshold_is_for_the_maslikhat(store: RowStore) -> None:
    world(store)
    svc = PetitionService(store)
    opened = svc.open(make(PetitionIn, **PETITION, author="r1", opened_on="2026-03-01"))
    assert opened["deadline"] is None
    status = svc.status("akdala", "p1", date(2026, 3, 2))
    assert status["status"] == "maslikhat_decision_required" and "required" not in status
    refused(
        svc,
        store,
        lambda: svc.open(make(PetitionIn, **PETITION, author="r1", opened_on="2026-03-01")),
        "exists",
    )
    other = {**PETITION, "id": "p2"}
    refused(
        svc,
        store,
        lambda: svc.open(make(PetitionIn, **other, author="ghost", opened_on="2026-03-01")),
        "not_on_register",
    )


def test_budget_lines_proposals_approval_and_history(store: RowStore) -> None:
    svc = world(store)
    budget = budgets.BudgetService(store)
    for year, draft in ((2025, 1_000_000), (2026, 1_200_000)):
        budget.add_line(
            make(
                budgets.BudgetLineIn,
                community="akdala",
                year=year,
                line="lighting",
                title="Street lighting",
                draft=draft,
            )
        )
    budget.report_execution(
        make(budgets.ExecutionIn, community="akdala", year=2025, line="lighting", executed=950_000)
    )
    proposal = {"community": "akdala", "year": 2026, "line": "lighting", "text": "Light Kenes too"}
    budget.propose(
        make(budgets.BudgetProposalIn, **proposal, resident="r5", amount=300_000, on="2026-02-01")
    )
    meeting(svc, PEOPLE[:7])
    ballots = {p: "for" for p in PEOPLE[:5]}
    open_vote(svc, 1, "Approve the draft", ballots)
    open_vote(svc, 2, "Lights", {"r1": "against"})
    approved = budget.approve(
        make(budgets.ApprovalIn, community="akdala", year=2026, session="m1", item=1)
    )
    assert [b["approved_by"] for b in approved] == [{"session": "m1", "item": 1}]
    history = budget.history("akdala", "lighting")
    assert [(h["year"], h["draft"], h["executed"]) for h in history] == [
        (2025, 1_000_000, 950_000),
        (2026, 1_200_000, None),
    ]
    assert history[1]["proposals"][0]["resident"] == "r5"
    refused(
        svc,
        store,
        lambda: budget.approve(
            make(budgets.ApprovalIn, community="akdala", year=2026, session="m1", item=2)
        ),
        "not_adopted",
    )
    refused(
        svc,
        store,
        lambda: budget.add_line(
            make(
                budgets.BudgetLineIn,
                community="akdala",
                year=2026,
                line="lighting",
                title="x",
                draft=1,
            )
        ),
        "exists",
    )
    refused(
        svc,
        store,
        lambda: budget.propose(
            make(budgets.BudgetProposalIn, **proposal, resident="ghost", on="2026-02-01")
        ),
        "not_on_register",
    )
    refused(
        svc,
        store,
        lambda: budget.report_execution(
            make(budgets.ExecutionIn, community="akdala", year=2030, line="lighting", executed=1)
        ),
        "not_found",
    )
    before = dump(store)
    with pytest.raises(NegativeNumber):
        make(
            budgets.BudgetLineIn,
            community="akdala",
            year=2026,
            line="roads",
            title="Roads",
            draft=-5,
        )
    assert dump(store) == before
