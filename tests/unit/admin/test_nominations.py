"""Nomination, signature sheets, registration or refusal, withdrawal."""

from __future__ import annotations

from datetime import date

import pytest
from admin_builders import ELECTION, nominee

from tandau.admin.demo_data import demo_iin
from tandau.admin.errors import AdminInvalidInput, AlreadyExists, Refused
from tandau.admin.records import CandidateStatus
from tandau.law import InvalidDate, MissingField

from .conftest import World

SELF = {"nomination": "self", "party": None, "party_member": False}


def rules(err: pytest.ExceptionInfo[Refused]) -> list[tuple[str, str]]:
    return [(v.rule, v.article) for v in err.value.violations]


def test_a_complete_party_nominee_is_registered(nominating: World) -> None:
    """`registration.published` (CLE Art. 113-5 p. 9): the registration is published."""
    n = nominating.admin.nominations
    n.nominate(**nominee())
    registered = n.decide_registration(election=ELECTION, candidate="c-aliyev")
    assert registered.status is CandidateStatus.REGISTERED
    kinds = nominating.sink.types()[-2:]
    assert kinds == ["admin.candidate.nominated", "admin.candidate.registered"]
    payload = nominating.sink.events[-1][1]
    assert payload == {
        "election": ELECTION,
        "id": "c-aliyev",
        "name": "Әлиев Серік",
        "nomination": "party",
        "party": "Amanat",
        "status": "registered",
    }


def test_a_self_nominee_without_enough_signatures_is_refused_with_reasons(
    nominating: World,
) -> None:
    """`nomination.signatures` (CLE Ch. 10-2): 300 voters need 3 valid signatures; two are
    not enough.  The refusal is stored and published with its rule, article and kk/ru/en
    message (`registration.published`, CLE Art. 113-5 p. 9)."""
    n = nominating.admin.nominations
    n.nominate(**nominee(id="c-self", **SELF))
    n.submit_signatures(election=ELECTION, candidate="c-self", sheets=[nominating.iins[:2]])
    refused = n.decide_registration(election=ELECTION, candidate="c-self")
    assert refused.status is CandidateStatus.REFUSED
    (violation,) = refused.refusal
    assert (violation.rule, violation.article) == ("nomination.signatures", "CLE Ch. 10-2")
    assert set(violation.message) == {"kk", "ru", "en"}
    assert "3" in violation.message["kk"]
    kind, payload = nominating.sink.events[-1]
    assert kind == "admin.candidate.refused"
    assert payload["violations"][0]["rule"] == "nomination.signatures"
    assert payload["violations"][0]["message"]["ru"] == violation.message["ru"]
    assert n.candidate(ELECTION, "c-self").refusal == refused.refusal


def test_the_laws_eligibility_rules_refuse_registration(nominating: World) -> None:
    """`candidate.min_age` (CLE Ch. 10-2), `candidate.documents` (CLE Art. 113-5) and
    `candidate.signature_documents` (CLE Art. 113-5): the law's check runs on the file."""
    n = nominating.admin.nominations
    n.nominate(**nominee(id="young", birth_date="2005-01-01", documents=["application"]))
    n.nominate(**nominee(id="solo", party=None, nomination="self", party_member=False))
    young = n.decide_registration(election=ELECTION, candidate="young")
    assert [v.rule for v in young.refusal] == ["candidate.min_age"] + ["candidate.documents"] * 4
    solo = n.decide_registration(election=ELECTION, candidate="solo")
    assert [v.rule for v in solo.refusal] == [
        "nomination.signatures",
        "candidate.signature_documents",
    ]


def test_signatures_count_once_and_only_from_the_list(nominating: World) -> None:
    """`signatures.on_list` (CLE Ch. 10-2) and `signatures.once` (CLE Ch. 10-2): a signer
    not on the district's list, or signing twice, gives an invalid signature; the check
    adds the commission's signature-check protocol to the file."""
    n = nominating.admin.nominations
    n.nominate(**nominee(id="c-self", **SELF))
    outsider = demo_iin(date(1980, 1, 1), 9000)
    iins = nominating.iins
    checked = n.submit_signatures(
        election=ELECTION, candidate="c-self", sheets=[[iins[0], iins[1], outsider], [iins[0]]]
    )
    assert (checked.valid_signatures, checked.invalid_signatures) == (2, 2)
    assert "signature_check_protocol" in checked.documents
    payload = nominating.sink.events[-1][1]
    assert payload["invalid_by_rule"] == {"signatures.on_list": 1, "signatures.once": 1}
    assert payload["required"] == 3
    assert outsider not in str(payload)
    again = n.submit_signatures(election=ELECTION, candidate="c-self", sheets=[[iins[1], iins[2]]])
    assert (again.valid_signatures, again.invalid_signatures) == (3, 3)
    assert n.decide_registration(election=ELECTION, candidate="c-self").status.value == "registered"


def test_party_nominees_submit_no_signatures(nominating: World) -> None:
    """`signatures.needed` (CLE Ch. 10-2): under the 2023 rules party nominees need none."""
    n = nominating.admin.nominations
    n.nominate(**nominee())
    with nominating.unchanged(), pytest.raises(Refused) as err:
        n.submit_signatures(election=ELECTION, candidate="c-aliyev", sheets=[nominating.iins[:3]])
    assert rules(err) == [("signatures.needed", "CLE Ch. 10-2")]


def test_a_bad_iin_on_a_sheet_is_invalid_input(nominating: World) -> None:
    nominating.admin.nominations.nominate(**nominee(id="c-self", **SELF))
    with nominating.unchanged(), pytest.raises(AdminInvalidInput) as err:
        nominating.admin.nominations.submit_signatures(
            election=ELECTION, candidate="c-self", sheets=[[nominating.iins[0], "800101300013"]]
        )
    assert (err.value.code, err.value.field) == ("admin.invalid_input.iin", "sheets[0][1]")


def test_one_candidate_per_party(nominating: World) -> None:
    """`nomination.one_candidate_per_party` (CLE Ch. 10-2): a second nominee of a party."""
    n = nominating.admin.nominations
    n.nominate(**nominee())
    with nominating.unchanged(), pytest.raises(Refused) as err:
        n.nominate(**nominee(id="c-second"))
    assert rules(err) == [("nomination.one_candidate_per_party", "CLE Ch. 10-2")]
    n.withdraw(election=ELECTION, candidate="c-aliyev", application="Letter No. 7")
    n.nominate(**nominee(id="c-second"))


def test_nomination_closes_on_time(nominating: World) -> None:
    """`calendar.nomination_closes` (CLE Ch. 10-2): 25 days before polling, at 18:00 of E − 26."""
    nominating.clock.set("2027-08-24 18:01")
    with nominating.unchanged(), pytest.raises(Refused) as err:
        nominating.admin.nominations.nominate(**nominee())
    assert rules(err) == [("calendar.nomination_closes", "CLE Ch. 10-2")]
    assert "2027-08-24 18:00" in err.value.violations[0].message["kk"]


def test_registration_closes_on_time(nominating: World) -> None:
    """`calendar.registration_closes` (CLE Ch. 10-2): no decision after 18:00 of E − 21."""
    n = nominating.admin.nominations
    n.nominate(**nominee())
    n.nominate(**nominee(id="c2", party="Respublica"))
    nominating.advance_to("registration")
    nominating.clock.set("2027-08-29 18:01")
    with nominating.unchanged(), pytest.raises(Refused) as err:
        n.decide_registration(election=ELECTION, candidate="c2")
    assert rules(err) == [("calendar.registration_closes", "CLE Ch. 10-2")]


def test_a_decision_is_taken_once(nominating: World) -> None:
    """`registration.once` (CLE Art. 113-5): a registered nominee is not decided again."""
    n = nominating.admin.nominations
    n.nominate(**nominee())
    n.decide_registration(election=ELECTION, candidate="c-aliyev")
    with nominating.unchanged(), pytest.raises(Refused) as err:
        n.decide_registration(election=ELECTION, candidate="c-aliyev")
    assert rules(err) == [("registration.once", "CLE Art. 113-5")]
    assert "«зарегистрирован»" in err.value.violations[0].message["ru"]


def test_withdrawal(nominating: World) -> None:
    """`withdrawal.candidate` (CLE Art. 113-6 p. 1): a written application withdraws a
    registered candidate once; `withdrawal.before_polling` (CLE Art. 113-6 p. 1): not
    after polling begins."""
    n = nominating.admin.nominations
    n.nominate(**nominee())
    n.nominate(**nominee(id="c2", party="Respublica"))
    n.nominate(**nominee(id="c3", party="Ak Zhol"))
    for cid in ("c-aliyev", "c2", "c3"):
        n.decide_registration(election=ELECTION, candidate=cid)
    with nominating.unchanged(), pytest.raises(AdminInvalidInput) as blank:
        n.withdraw(election=ELECTION, candidate="c2", application="   ")
    assert (blank.value.code, blank.value.field) == ("admin.invalid_input.blank", "application")
    withdrawn = n.withdraw(election=ELECTION, candidate="c2", application="Application of 1 Aug")
    assert withdrawn.status is CandidateStatus.WITHDRAWN
    assert nominating.sink.events[-1][1]["was"] == "registered"
    with nominating.unchanged(), pytest.raises(Refused) as err:
        n.withdraw(election=ELECTION, candidate="c2", application="again")
    assert rules(err) == [("withdrawal.candidate", "CLE Art. 113-6 p. 1")]
    nominating.advance_to("polling")
    with nominating.unchanged(), pytest.raises(Refused) as err:
        n.withdraw(election=ELECTION, candidate="c3", application="too late")
    assert rules(err) == [("withdrawal.before_polling", "CLE Art. 113-6 p. 1")]
    assert [line.id for line in n.ballot(ELECTION, "kk")] == ["c-aliyev", "c3", "against_all"]


def test_the_ballot_is_in_alphabetical_order(nominating: World) -> None:
    n = nominating.admin.nominations
    n.nominate(**nominee(id="c-b", name="Бекова Сәуле"))
    n.nominate(**nominee(id="c-a", name="Әлиев Серік", party="Respublica"))
    for cid in ("c-b", "c-a"):
        n.decide_registration(election=ELECTION, candidate=cid)
    lines = n.ballot(ELECTION, "kk")
    assert [line.id for line in lines] == ["c-a", "c-b", "against_all"]  # Ә before Б in kk
    assert lines[-1].name == "Барлығына қарсы"


@pytest.mark.parametrize(
    ("changes", "error", "code", "field"),
    [
        ({"birth_date": "02.04.1980"}, InvalidDate, "law.invalid_input.date", "birth_date"),
        ({"party": None}, AdminInvalidInput, "admin.invalid_input.blank", "party"),
        ({"name": ""}, AdminInvalidInput, "admin.invalid_input.blank", "name"),
        ({"id": "no spaces"}, Exception, "law.invalid_input.value", "id"),
        ({"citizen": None}, MissingField, "law.invalid_input.missing", "citizen"),
        ({"citizen": "yes"}, Exception, "law.invalid_input.type", "citizen"),
    ],
)
def test_bad_nominations_store_nothing(
    nominating: World, changes: dict[str, object], error: type[Exception], code: str, field: str
) -> None:
    with nominating.unchanged(), pytest.raises(error) as err:
        nominating.admin.nominations.nominate(**nominee(**changes))
    assert (err.value.code, err.value.field) == (code, field)  # type: ignore[attr-defined]


def test_a_candidate_id_is_unique(nominating: World) -> None:
    nominating.admin.nominations.nominate(**nominee())
    with nominating.unchanged(), pytest.raises(AlreadyExists):
        nominating.admin.nominations.nominate(**nominee(party="Other"))
