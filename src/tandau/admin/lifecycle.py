"""The election lifecycle: an explicit state machine, checked against the ruleset's calendar.

::

    called → nomination → registration → campaign → silence → polling → counting
           → results → winner_registered
                     ↘ failed           (a commission decision: no akim elected)

Each transition has a moment before which it is refused, read from the ruleset's
calendar (local time of the election, with the clock injected into the service):

=================  =========================================  ===============================
to                 not before                                 rule
=================  =========================================  ===============================
nomination         nomination opens (day after calling)       ``calendar.nomination_opens``
registration       nomination closes (or its extension)       ``calendar.nomination_closes``
campaign           registration closes; all nominees decided  ``calendar.registration_closes``
silence            the campaign ends (00:00 of E − 1)         ``calendar.campaign_ends``
polling            polling opens (07:00 of E)                 ``calendar.polling_hours``
counting           polling closes (20:00 of E)                ``calendar.polling_hours``
results            — ; no later than E + 3 days               ``calendar.results_due``
winner_registered  — ; no later than E + 7 days               ``calendar.winner_registration_due``
=================  =========================================  ===============================

Closing nomination with fewer than ``nomination.extension.if_fewer_than``
nominees extends it once (``nomination.extension``): the election stays in
``nomination`` and the extension is published.  ``results`` needs a protocol for
every precinct (``results.all_protocols``) and records the law's outcome
(:func:`tandau.law.decide_outcome`); ``winner_registered`` needs a winner, from
the outcome or from a commission decision (``winner.known``).  See
``docs/adr/0004-admin-state-machine.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import Field

from tandau.law import (
    ElectionCalendar,
    InconsistentInput,
    Ruleset,
    Violation,
    decide_outcome,
    election_calendar,
    extended_nomination_close,
    term_deadlines,
)
from tandau.law.inputs import InputModel, IsoDate

from .districts import FormDistrict, form
from .errors import AlreadyExists, NotFound, Refused, admin_violation
from .errors import calendar_violation as deadline
from .protocols import ElectronicTotals, district_returns
from .records import CandidateStatus, CommissionKind, Election, Stage, UnitLevel
from .repositories import AdminTx
from .service import (
    Service,
    emit,
    get_election,
    get_unit,
    load_ruleset,
    moment,
    parse,
    require_stage,
)
from .units import is_within

__all__ = [
    "FINAL_STAGES",
    "NEXT_STAGE",
    "TRANSITIONS",
    "CallElection",
    "LifecycleService",
    "calendar_of",
    "check_transition",
    "nomination_close",
    "percent",
]

#: The stage each time-driven ``advance`` leads to.
NEXT_STAGE: Mapping[Stage, Stage] = {
    Stage.CALLED: Stage.NOMINATION,
    Stage.NOMINATION: Stage.REGISTRATION,
    Stage.REGISTRATION: Stage.CAMPAIGN,
    Stage.CAMPAIGN: Stage.SILENCE,
    Stage.SILENCE: Stage.POLLING,
    Stage.POLLING: Stage.COUNTING,
}

#: Every allowed transition.
TRANSITIONS: Mapping[Stage, tuple[Stage, ...]] = {
    **{stage: (target,) for stage, target in NEXT_STAGE.items()},
    Stage.COUNTING: (Stage.RESULTS,),
    Stage.RESULTS: (Stage.WINNER_REGISTERED, Stage.FAILED),
    Stage.WINNER_REGISTERED: (),
    Stage.FAILED: (),
}

#: Stages an election ends in.
FINAL_STAGES = (Stage.WINNER_REGISTERED, Stage.FAILED)

_OFFICE_LEVELS: Mapping[str, tuple[UnitLevel, ...]] = {
    "rural_akim": (UnitLevel.RURAL_OKRUG, UnitLevel.SETTLEMENT),
    "district_akim": (UnitLevel.DISTRICT,),
}


class CallElection(InputModel):
    election: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]
    ruleset: str
    unit: str
    commission: str
    polling_day: IsoDate
    #: Local time of the district: UTC+5 in all of Kazakhstan since 1 March 2024.
    utc_offset_minutes: Annotated[int, Field(ge=-720, le=840)] = 300
    term_ends: IsoDate | None = None


def calendar_of(ruleset: Ruleset, election: Election) -> ElectionCalendar:
    return election_calendar(ruleset, election.polling_day, election.called_on)


def nomination_close(ruleset: Ruleset, election: Election) -> datetime:
    """When nomination closes, extension included (local time)."""
    if election.nomination_extended_until is not None:
        return election.nomination_extended_until
    return calendar_of(ruleset, election).nomination_closes


def percent(part: int, whole: int) -> str:
    """``part`` / ``whole`` as a percentage with two decimals, rounded half up: ``"62.79"``."""
    if whole <= 0:
        return "0.00"
    hundredths = (part * 10000 * 2 + whole) // (2 * whole)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max)


def check_transition(
    ruleset: Ruleset, election: Election, target: Stage, local_now: datetime
) -> None:
    """Refuse the transition of ``election`` to ``target`` at ``local_now`` (see the table)."""
    if target not in TRANSITIONS[election.stage]:
        raise Refused([_order(election, target)])
    cal = calendar_of(ruleset, election)
    found: Violation | None = None
    if target is Stage.NOMINATION:
        assert cal.nomination_opens is not None
        if local_now < datetime.combine(cal.nomination_opens, time.min):
            found = deadline(ruleset, "calendar.nomination_opens", opens=cal.nomination_opens)
    elif target is Stage.REGISTRATION:
        closes = nomination_close(ruleset, election)
        if local_now < closes:
            found = deadline(ruleset, "calendar.nomination_closes", closes=moment(closes))
    elif target is Stage.CAMPAIGN:
        if local_now < cal.registration_closes:
            found = deadline(
                ruleset, "calendar.registration_closes", closes=moment(cal.registration_closes)
            )
    elif target is Stage.SILENCE:
        if local_now < cal.campaign_ends:
            found = deadline(ruleset, "calendar.campaign_ends", ends=moment(cal.campaign_ends))
    elif target in (Stage.POLLING, Stage.COUNTING):
        start = cal.polling_opens if target is Stage.POLLING else cal.polling_closes
        if local_now < start:
            found = deadline(
                ruleset,
                "calendar.polling_hours",
                opens=moment(cal.polling_opens),
                closes=moment(cal.polling_closes),
            )
    elif target is Stage.RESULTS:
        if local_now > _end_of(cal.results_due):
            found = deadline(ruleset, "calendar.results_due", due=cal.results_due)
    elif target is Stage.WINNER_REGISTERED and local_now > _end_of(cal.winner_registration_due):
        found = deadline(
            ruleset, "calendar.winner_registration_due", due=cal.winner_registration_due
        )
    if found is not None:
        raise Refused([found])


def _order(election: Election, target: Stage) -> Violation:
    from .messages import STAGE_LABELS

    return admin_violation(
        "lifecycle.order",
        stage=STAGE_LABELS[election.stage.value],
        needed=STAGE_LABELS[_before(target).value],
        details={"stage": election.stage.value, "target": target.value},
    )


def _before(target: Stage) -> Stage:
    for stage, targets in TRANSITIONS.items():
        if target in targets:
            return stage
    return target


def _stage_event(tx: AdminTx, election: Election, target: Stage) -> None:
    emit(
        tx,
        "admin.election.stage",
        {"election": election.id, "from": election.stage.value, "to": target.value},
    )


class LifecycleService(Service):
    """Call an election and move it through its stages."""

    def call(
        self,
        *,
        election: str,
        ruleset: str,
        unit: str,
        commission: str,
        polling_day: str | date,
        utc_offset_minutes: int = 300,
        term_ends: str | date | None = None,
        precincts: list[str] | None = None,
        district_number: int = 1,
    ) -> Election:
        """The territorial commission calls an election; its calendar is published.

        With ``precincts``, its electoral district is formed in the same transaction
        (:func:`~tandau.admin.districts.form`): a precinct refused leaves no election behind.
        """
        data = parse(
            CallElection,
            {
                "election": election,
                "ruleset": ruleset,
                "unit": unit,
                "commission": commission,
                "polling_day": polling_day,
                "utc_offset_minutes": utc_offset_minutes,
                "term_ends": term_ends,
            },
        )
        rules = load_ruleset(data.ruleset)
        district = None
        if precincts is not None:
            fields = {"election": data.election, "number": district_number, "precincts": precincts}
            district = parse(FormDistrict, fields)

        def work(tx: AdminTx, now: datetime) -> Election:
            if tx.get_election(data.election) is not None:
                raise AlreadyExists("election", data.election)
            place = get_unit(tx, data.unit)
            tec = tx.get_commission(data.commission)
            if tec is None:
                raise NotFound("commission", data.commission)
            called = Election(
                id=data.election,
                ruleset=rules.id,
                unit=data.unit,
                commission=tec.id,
                polling_day=data.polling_day,
                called_at=now,
                utc_offset_minutes=data.utc_offset_minutes,
                stage=Stage.CALLED,
                stage_changed_at=now,
                term_ends=data.term_ends,
            )
            refusals: list[Violation] = []
            if tec.kind is not CommissionKind.TERRITORIAL or not is_within(
                tx, place.code, tec.unit
            ):
                refusals.append(admin_violation("lifecycle.called_by_tec"))
            if place.level not in _OFFICE_LEVELS[rules.office]:
                refusals.append(
                    admin_violation(
                        "lifecycle.office",
                        details={"office": rules.office, "level": place.level.value},
                    )
                )
            day = called.called_on
            if not rules.in_force(day):
                refusals.append(
                    admin_violation("lifecycle.ruleset_in_force", ruleset=rules.id, day=day)
                )
            busy = [
                e.id for e in tx.elections() if e.unit == place.code and e.stage not in FINAL_STAGES
            ]
            if busy:
                refusals.append(admin_violation("lifecycle.one_district", details={"busy": busy}))
            if data.term_ends is not None:
                limits = term_deadlines(rules, data.term_ends)
                if day > limits.call_no_later_than:
                    refusals.append(
                        deadline(
                            rules, "calendar.call_before_term_end", day=limits.call_no_later_than
                        )
                    )
                if data.polling_day > limits.hold_no_later_than:
                    refusals.append(
                        deadline(
                            rules, "calendar.hold_before_term_end", day=limits.hold_no_later_than
                        )
                    )
            if refusals:
                raise Refused(refusals)
            try:
                cal = calendar_of(rules, called)
            except InconsistentInput as exc:
                raise InconsistentInput("polling_day", "date_order") from exc
            tx.add_election(called)
            emit(
                tx,
                "admin.election.called",
                {
                    "election": called.id,
                    "ruleset": rules.id,
                    "ruleset_version": rules.version,
                    "office": rules.office,
                    "unit": called.unit,
                    "commission": called.commission,
                    "polling_day": called.polling_day,
                    "called_on": day,
                    "utc_offset_minutes": called.utc_offset_minutes,
                    "term_ends": called.term_ends,
                    "calendar": cal.to_dict(),
                },
            )
            if district is not None:
                form(tx, now, district)
            return called

        return self._run(work)

    def advance(self, election: str) -> Election:
        """Move to the next time-driven stage (``NEXT_STAGE``) once the calendar allows it."""

        def work(tx: AdminTx, now: datetime) -> Election:
            found = get_election(tx, election)
            target = NEXT_STAGE.get(found.stage)
            if target is None:
                raise Refused([_order(found, Stage.COUNTING)])
            rules = load_ruleset(found.ruleset)
            local_now = found.local(now)
            if target is Stage.REGISTRATION and found.nomination_extended_until is None:
                extended = self._maybe_extend(tx, rules, found, local_now)
                if extended is not None:
                    return extended
            check_transition(rules, found, target, local_now)
            if target is Stage.CAMPAIGN:
                waiting = [
                    c.id for c in tx.candidates(found.id) if c.status is CandidateStatus.NOMINATED
                ]
                if waiting:
                    raise Refused(
                        [
                            admin_violation(
                                "lifecycle.nominees_decided",
                                count=len(waiting),
                                details={"candidates": waiting},
                            )
                        ]
                    )
            moved = replace(found, stage=target, stage_changed_at=now)
            tx.update_election(moved)
            _stage_event(tx, found, target)
            return moved

        return self._run(work)

    def _maybe_extend(
        self, tx: AdminTx, rules: Ruleset, found: Election, local_now: datetime
    ) -> Election | None:
        cal = calendar_of(rules, found)
        if local_now < cal.nomination_closes:
            return None  # too early: check_transition refuses
        nominated = sum(
            1 for c in tx.candidates(found.id) if c.status is not CandidateStatus.WITHDRAWN
        )
        until = extended_nomination_close(rules, cal, nominated)
        if until is None:
            return None
        extended = replace(found, nomination_extended_until=until)
        tx.update_election(extended)
        ext = rules.parameters.nomination.extension
        emit(
            tx,
            "admin.nomination.extended",
            {
                "election": found.id,
                "nominated": nominated,
                "until": until,
                "reason": deadline(
                    rules,
                    "nomination.extension",
                    minimum=ext.value.if_fewer_than,
                    until=moment(until),
                    details={"nominated": nominated},
                ).to_dict(),
            },
        )
        return extended

    def set_results(self, election: str, electronic: ElectronicTotals | None = None) -> Election:
        """The territorial commission sets the result from every precinct's protocol.

        Where the election also voted electronically, ``electronic`` carries the
        board's decrypted totals; they are added to the paper figures before the
        ruleset decides, so the administration and the published results agree.
        """

        def work(tx: AdminTx, now: datetime) -> Election:
            found = get_election(tx, election)
            require_stage(found, Stage.COUNTING)
            rules = load_ruleset(found.ruleset)
            check_transition(rules, found, Stage.RESULTS, found.local(now))
            returns = district_returns(tx, found, electronic)
            outcome = decide_outcome(rules, returns)
            record: dict[str, Any] = {
                **{k: v for k, v in outcome.to_dict().items() if k != "turnout"},
                "turnout_percent": percent(returns.ballots_cast, returns.voters_on_list),
                "voters_on_list": returns.voters_on_list,
                "ballots_cast": returns.ballots_cast,
                "against_all": returns.against_all,
                "invalid": returns.invalid,
                "annulled_precincts": [p.id for p in returns.annulled_precincts],
                "electronic_ballots": electronic.counted if electronic else 0,
            }
            moved = replace(
                found,
                stage=Stage.RESULTS,
                stage_changed_at=now,
                outcome=record,
                winner=outcome.winner,
            )
            tx.update_election(moved)
            _stage_event(tx, found, Stage.RESULTS)
            emit(tx, "admin.results.set", {"election": found.id, "outcome": record})
            return moved

        return self._run(work)

    def register_winner(self, election: str) -> Election:
        """Register the elected akim: the outcome's or the commission decision's winner."""

        def work(tx: AdminTx, now: datetime) -> Election:
            found = get_election(tx, election)
            require_stage(found, Stage.RESULTS)
            if found.winner is None:
                raise Refused([admin_violation("winner.known")])
            rules = load_ruleset(found.ruleset)
            check_transition(rules, found, Stage.WINNER_REGISTERED, found.local(now))
            winner = tx.get_candidate(found.id, found.winner)
            assert winner is not None
            moved = replace(found, stage=Stage.WINNER_REGISTERED, stage_changed_at=now)
            tx.update_election(moved)
            _stage_event(tx, found, Stage.WINNER_REGISTERED)
            emit(
                tx,
                "admin.winner.registered",
                {"election": found.id, "candidate": winner.id, "name": winner.name},
            )
            return moved

        return self._run(work)

    def election(self, election: str) -> Election:
        return self._read(lambda tx: get_election(tx, election))

    def calendar(self, election: str) -> ElectionCalendar:
        found = self.election(election)
        return calendar_of(load_ruleset(found.ruleset), found)
