"""Nomination, signature sheets, registration or refusal, and withdrawal.

- **Nomination** (stage ``nomination``, until nomination closes —
  ``calendar.nomination_closes``, extension included): by a party or by
  self-nomination, as the ruleset allows (``nomination.methods``); one candidate per
  party in the district (``nomination.one_candidate_per_party``).
- **Signature sheets** (until registration closes): only for nominations that need
  signatures (``signatures.needed``; self-nominees, and party nominees where the
  ruleset says so).  The commission checks each signature: it counts when the
  signer is on the district's voter list (``signatures.on_list``) and has not
  signed for this nominee before (``signatures.once``).  The check produces the
  commission's signature-check protocol, a document of the registration file.
- **Registration** (until registration closes): the law decides
  (:func:`tandau.law.check_candidate` — age, citizenship, qualification, bars,
  signatures ≥ 1 % of the district's voters, the documents of the file).  The
  nominee is registered, or refused with every violated rule, its article and a
  message in kk, ru and en.  Both results are published (``registration.published``,
  CLE Art. 113-5 p. 9).
- **Withdrawal**: a nominee or candidate withdraws by a written application
  (``withdrawal.candidate``, CLE Art. 113-6 p. 1), before polling begins
  (``withdrawal.before_polling`` [U]).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from tandau.law import BallotLine, CandidateFile, Ruleset, ballot_lines, check_candidate
from tandau.law.decisions import cite
from tandau.law.inputs import InputModel, IsoDate
from tandau.law.messages import NOMINATION_LABELS
from tandau.law.nomination import check_party_slate, needs_signatures, signatures_required

from .errors import AdminInvalidInput, AlreadyExists, NotFound, Refused, admin_violation
from .errors import calendar_violation as deadline
from .lifecycle import calendar_of, nomination_close
from .messages import STATUS_LABELS
from .names import check_name
from .records import Candidate, CandidateStatus, Election, SignatureSheet, Stage
from .repositories import AdminTx
from .service import (
    Ident,
    LongText,
    Service,
    Text,
    check_iin,
    emit,
    get_election,
    load_ruleset,
    moment,
    parse,
    record_from,
    require_stage,
)

__all__ = [
    "SIGNATURE_CHECK_PROTOCOL",
    "NominationService",
    "Nominee",
    "SignatureSubmission",
    "Withdrawal",
]

#: The document the signature check adds to a nominee's registration file.
SIGNATURE_CHECK_PROTOCOL = "signature_check_protocol"


class Nominee(InputModel):
    election: str
    id: Ident
    name: Text
    birth_date: IsoDate
    nomination: Literal["party", "self"]
    party: Text | None = None
    party_member: bool = False
    citizen: bool
    qualified: bool
    conviction: bool = False
    incapacitated: bool = False
    imprisoned: bool = False
    corruption_offence: bool = False
    documents: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(
        default_factory=list
    )


class SignatureSubmission(InputModel):
    election: str
    candidate: str
    sheets: Annotated[list[Annotated[list[str], Field(min_length=1)]], Field(min_length=1)]


class Withdrawal(InputModel):
    election: str
    candidate: str
    application: LongText


def _candidate(tx: AdminTx, election: str, candidate: str) -> Candidate:
    found = tx.get_candidate(election, candidate)
    if found is None:
        raise NotFound("candidate", candidate)
    return found


def _before_registration_closes(ruleset: Ruleset, election: Election, now: datetime) -> None:
    closes = calendar_of(ruleset, election).registration_closes
    if election.local(now) > closes:
        raise Refused([deadline(ruleset, "calendar.registration_closes", closes=moment(closes))])


class NominationService(Service):
    """The commission's side of nomination and registration."""

    def nominate(
        self,
        *,
        election: str,
        id: str,
        name: str,
        birth_date: str | date,
        nomination: str,
        citizen: bool,
        qualified: bool,
        party: str | None = None,
        party_member: bool = False,
        conviction: bool = False,
        incapacitated: bool = False,
        imprisoned: bool = False,
        corruption_offence: bool = False,
        documents: list[str] | None = None,
    ) -> Candidate:
        """Record a nomination while nomination is open."""
        data = parse(
            Nominee,
            {
                "election": election,
                "id": id,
                "name": name,
                "birth_date": birth_date,
                "nomination": nomination,
                "party": party,
                "party_member": party_member,
                "citizen": citizen,
                "qualified": qualified,
                "conviction": conviction,
                "incapacitated": incapacitated,
                "imprisoned": imprisoned,
                "corruption_offence": corruption_offence,
                "documents": documents or [],
            },
        )
        if data.nomination == "party" and data.party is None:
            raise AdminInvalidInput("party", "blank")
        check_name(data.name, "name")
        if data.party is not None:
            check_name(data.party, "party")

        def work(tx: AdminTx, now: datetime) -> Candidate:
            found = get_election(tx, data.election)
            require_stage(found, Stage.NOMINATION)
            rules = load_ruleset(found.ruleset)
            local_now = found.local(now)
            closes = nomination_close(rules, found)
            if local_now > closes:
                raise Refused(
                    [deadline(rules, "calendar.nomination_closes", closes=moment(closes))]
                )
            if tx.get_candidate(found.id, data.id) is not None:
                raise AlreadyExists("candidate", data.id)
            if data.nomination not in rules.parameters.nomination.methods.value:
                raise Refused(
                    [
                        cite(
                            rules,
                            "nomination.methods",
                            method=NOMINATION_LABELS[data.nomination],
                            details={"nomination": data.nomination},
                        )
                    ]
                )
            if data.nomination == "party":
                assert data.party is not None
                parties = [
                    c.party
                    for c in tx.candidates(found.id)
                    if c.nomination == "party"
                    and c.party is not None
                    and c.status is not CandidateStatus.WITHDRAWN
                ]
                slate = check_party_slate(rules, [*parties, data.party])
                if slate:
                    raise Refused(slate)
            candidate = record_from(
                Candidate,
                data,
                election=found.id,
                party=data.party if data.nomination == "party" else None,
                documents=tuple(dict.fromkeys(data.documents)),
                status=CandidateStatus.NOMINATED,
                nominated_at=now,
            )
            tx.add_candidate(candidate)
            emit(tx, "admin.candidate.nominated", {"election": found.id, **candidate.public()})
            return candidate

        return self._run(work)

    def submit_signatures(
        self, *, election: str, candidate: str, sheets: list[list[str]]
    ) -> Candidate:
        """Check signature sheets (signers by IIN) and add the check protocol to the file."""
        data = parse(
            SignatureSubmission, {"election": election, "candidate": candidate, "sheets": sheets}
        )
        for i, sheet in enumerate(data.sheets):
            for j, iin in enumerate(sheet):
                check_iin(f"sheets[{i}][{j}]", iin)

        def work(tx: AdminTx, now: datetime) -> Candidate:
            found = get_election(tx, data.election)
            require_stage(found, Stage.NOMINATION, Stage.REGISTRATION)
            rules = load_ruleset(found.ruleset)
            _before_registration_closes(rules, found, now)
            nominee = _candidate(tx, found.id, data.candidate)
            if nominee.status is not CandidateStatus.NOMINATED:
                raise Refused(
                    [
                        admin_violation(
                            "registration.once", status=STATUS_LABELS[nominee.status.value]
                        )
                    ]
                )
            if not needs_signatures(rules, nominee.nomination):
                raise Refused([admin_violation("signatures.needed")])
            earlier = tx.sheets(found.id, nominee.id)
            counted = {iin for sheet in earlier for iin in _valid_signers(tx, found, sheet)}
            invalid_by_rule: Counter[str] = Counter()
            number = len(earlier)
            valid_total, invalid_total = nominee.valid_signatures, nominee.invalid_signatures
            for signers in data.sheets:
                number += 1
                valid = invalid = 0
                for iin in signers:
                    voter = tx.get_voter(found.id, iin)
                    if voter is None or not voter.active:
                        invalid += 1
                        invalid_by_rule["signatures.on_list"] += 1
                    elif iin in counted:
                        invalid += 1
                        invalid_by_rule["signatures.once"] += 1
                    else:
                        valid += 1
                        counted.add(iin)
                tx.add_sheet(
                    SignatureSheet(
                        found.id, nominee.id, number, tuple(signers), valid, invalid, now
                    )
                )
                valid_total += valid
                invalid_total += invalid
            checked = replace(
                nominee,
                valid_signatures=valid_total,
                invalid_signatures=invalid_total,
                documents=tuple(dict.fromkeys([*nominee.documents, SIGNATURE_CHECK_PROTOCOL])),
            )
            tx.update_candidate(checked)
            voters = tx.count_voters(found.id)
            emit(
                tx,
                "admin.signatures.checked",
                {
                    "election": found.id,
                    "candidate": nominee.id,
                    "sheets": len(data.sheets),
                    "valid": valid_total,
                    "invalid": invalid_total,
                    "invalid_by_rule": dict(sorted(invalid_by_rule.items())),
                    "district_voters": voters,
                    "required": signatures_required(rules, voters),
                },
            )
            return checked

        return self._run(work)

    def decide_registration(self, *, election: str, candidate: str) -> Candidate:
        """Register the nominee, or refuse with every rule the law finds violated.

        Either way the decision is stored and published; a refusal is the candidate's
        ``refusal`` (violations with rule, article and kk/ru/en messages).
        """

        def work(tx: AdminTx, now: datetime) -> Candidate:
            found = get_election(tx, election)
            require_stage(found, Stage.NOMINATION, Stage.REGISTRATION)
            rules = load_ruleset(found.ruleset)
            _before_registration_closes(rules, found, now)
            nominee = _candidate(tx, found.id, candidate)
            if nominee.status is not CandidateStatus.NOMINATED:
                raise Refused(
                    [
                        admin_violation(
                            "registration.once", status=STATUS_LABELS[nominee.status.value]
                        )
                    ]
                )
            file = CandidateFile.model_validate(
                {
                    "birth_date": nominee.birth_date,
                    "registration_date": found.local(now).date(),
                    "citizen": nominee.citizen,
                    "nomination": nominee.nomination,
                    "party_member": nominee.party_member,
                    "valid_signatures": nominee.valid_signatures,
                    "invalid_signatures": nominee.invalid_signatures,
                    "district_voters": tx.count_voters(found.id),
                    "qualified": nominee.qualified,
                    "conviction": nominee.conviction,
                    "incapacitated": nominee.incapacitated,
                    "imprisoned": nominee.imprisoned,
                    "corruption_offence": nominee.corruption_offence,
                    "documents": list(nominee.documents),
                }
            )
            result = check_candidate(rules, file)
            if result.eligible:
                decided = replace(nominee, status=CandidateStatus.REGISTERED, decided_at=now)
                emit(
                    tx,
                    "admin.candidate.registered",
                    {"election": found.id, **decided.public()},
                )
            else:
                decided = replace(
                    nominee,
                    status=CandidateStatus.REFUSED,
                    decided_at=now,
                    refusal=result.violations,
                )
                emit(
                    tx,
                    "admin.candidate.refused",
                    {
                        "election": found.id,
                        **decided.public(),
                        "violations": [v.to_dict() for v in result.violations],
                    },
                )
            tx.update_candidate(decided)
            return decided

        return self._run(work)

    def withdraw(self, *, election: str, candidate: str, application: str) -> Candidate:
        """Withdraw a nominee or candidate on their written application (its reference)."""
        data = parse(
            Withdrawal,
            {"election": election, "candidate": candidate, "application": application},
        )

        def work(tx: AdminTx, now: datetime) -> Candidate:
            found = get_election(tx, data.election)
            nominee = _candidate(tx, found.id, data.candidate)
            standing = (CandidateStatus.NOMINATED, CandidateStatus.REGISTERED)
            if nominee.status not in standing:
                raise Refused(
                    [
                        admin_violation(
                            "withdrawal.candidate", details={"status": nominee.status.value}
                        )
                    ]
                )
            rules = load_ruleset(found.ruleset)
            polling = calendar_of(rules, found).polling_opens
            before = (Stage.NOMINATION, Stage.REGISTRATION, Stage.CAMPAIGN, Stage.SILENCE)
            if found.stage not in before or found.local(now) >= polling:
                raise Refused([admin_violation("withdrawal.before_polling")])
            withdrawn = replace(
                nominee, status=CandidateStatus.WITHDRAWN, withdrawal=data.application
            )
            tx.update_candidate(withdrawn)
            emit(
                tx,
                "admin.candidate.withdrawn",
                {"election": found.id, **withdrawn.public(), "was": nominee.status.value},
            )
            return withdrawn

        return self._run(work)

    def candidates(self, election: str) -> tuple[Candidate, ...]:
        def read(tx: AdminTx) -> tuple[Candidate, ...]:
            get_election(tx, election)
            return tuple(tx.candidates(election))

        return self._read(read)

    def candidate(self, election: str, candidate: str) -> Candidate:
        return self._read(lambda tx: _candidate(tx, election, candidate))

    def ballot(self, election: str, language: str) -> list[BallotLine]:
        """The ballot: registered candidates in the ruleset's order, then "against all"."""

        def read(tx: AdminTx) -> list[BallotLine]:
            found = get_election(tx, election)
            registered = [
                (c.id, c.name)
                for c in sorted(
                    tx.candidates(found.id), key=lambda c: (c.decided_at or c.nominated_at, c.id)
                )
                if c.status is CandidateStatus.REGISTERED
            ]
            return ballot_lines(load_ruleset(found.ruleset), registered, language)

        return self._read(read)


def _valid_signers(tx: AdminTx, election: Election, sheet: SignatureSheet) -> list[str]:
    """Signers of an earlier sheet who counted (on the list at the time, first signature)."""
    seen: set[str] = set()
    out: list[str] = []
    for iin in sheet.signers:
        voter = tx.get_voter(election.id, iin)
        if voter is not None and iin not in seen:
            seen.add(iin)
            out.append(iin)
    return out
