"""The administration's rules and messages, as translatable msgids.

Two kinds of rule refuse an administrative step:

- **ruleset rules** — the deadlines of the calendar (``calendar.nomination_closes``…)
  and the law's nomination and eligibility rules.  Their article and confidence come
  from the ruleset parameter (:func:`tandau.law.decisions.cite`); the admin layer only
  adds the message that states the deadline (:data:`CALENDAR_MESSAGES`);
- **administration rules** (:data:`ADMIN_RULES`) — how the commissions work: who
  calls the election, one voter on one list, quorum of a decision…  They are not
  ruleset parameters (the law does not vary them between rulesets), so each one
  carries its own article and confidence here, from ``law.md``.  Where the law is not
  known the confidence is ``U`` and the guide says so.

Every msgid is translated into kk, ru and en in the ``tandau`` catalogue; a test
checks it (``tests/unit/admin/test_messages.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tandau.i18n import N_, Message

__all__ = [
    "ADMIN_RULES",
    "CALENDAR_MESSAGES",
    "ERROR_MESSAGES",
    "KIND_LABELS",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "AdminRule",
    "all_messages",
]


@dataclass(frozen=True, slots=True)
class AdminRule:
    """An administration rule: the article it rests on, how sure we are, and its message."""

    article: str
    confidence: str
    message: Message


#: The administration's own rules, keyed by their stable ID.
ADMIN_RULES: Mapping[str, AdminRule] = {
    # Calling the election and its stages.
    "lifecycle.called_by_tec": AdminRule(
        "CLE Art. 113-1",
        "C",
        N_(
            "Only the territorial election commission of the district (city) that contains "
            "the unit may call the election of its akim."
        ),
    ),
    "lifecycle.one_district": AdminRule(
        "CLE Art. 113-1",
        "C",
        N_(
            "The territorial election commission forms one electoral district for the unit: "
            "an election in this unit is already in progress."
        ),
    ),
    "lifecycle.office": AdminRule(
        "CLE Ch. 10-2",
        "C",
        N_(
            "The ruleset's office does not fit the unit: rural akims are elected in rural "
            "districts and settlements, district akims in districts."
        ),
    ),
    "lifecycle.ruleset_in_force": AdminRule(
        "CLE Ch. 10-2",
        "C",
        N_("The ruleset {ruleset} is not in force on {day}."),
    ),
    "lifecycle.order": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_(
            "The election passes its stages in order; it is at the stage {stage}, "
            "and this step needs the stage {needed}."
        ),
    ),
    "lifecycle.nominees_decided": AdminRule(
        "CLE Art. 113-5",
        "S",
        N_(
            "Every nominee must be registered or refused before the campaign begins; "
            "nominees awaiting a decision: {count}."
        ),
    ),
    "results.all_protocols": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_(
            "The result is set from the protocols of every precinct of the district: "
            "the protocol of precinct {precinct} is missing."
        ),
    ),
    "winner.known": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_(
            "An akim can be registered only when the result or a decision of the commission "
            "names the elected candidate."
        ),
    ),
    # Registration and withdrawal.
    "registration.published": AdminRule(
        "CLE Art. 113-5 p. 9",
        "C",
        N_("The results of the registration of candidates are published."),
    ),
    "registration.once": AdminRule(
        "CLE Art. 113-5",
        "S",
        N_("The commission decides once on a nominee's registration: this nominee is {status}."),
    ),
    "withdrawal.candidate": AdminRule(
        "CLE Art. 113-6 p. 1",
        "S",
        N_(
            "Only a nominee or a registered candidate may withdraw, by a written application; "
            "the registration is then cancelled."
        ),
    ),
    "withdrawal.before_polling": AdminRule(
        "CLE Art. 113-6 p. 1",
        "U",
        N_("A candidate may withdraw only before polling begins."),
    ),
    # Signatures.
    "signatures.on_list": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_("A signature counts only if the signer is on the voter list of the district."),
    ),
    "signatures.once": AdminRule(
        "CLE Ch. 10-2",
        "U",
        N_("A voter's signature for a nominee counts once."),
    ),
    "signatures.needed": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_("Only a nomination that must be backed by signatures submits signature sheets."),
    ),
    # Voter lists.
    "voter_list.one_list": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_(
            "A voter is on one voter list only, kept by the place of registration: "
            "this voter is already on a list (precinct {precinct})."
        ),
    ),
    "voter_list.frozen": AdminRule(
        "CLE Ch. 10-2",
        "U",
        N_("The voter list can be corrected only until the end of polling."),
    ),
    # Commissions, observers and proxies.
    "commission.roles": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_("A commission has one chair and one secretary: the role {role} is already held."),
    ),
    "commission.term": AdminRule(
        "CLE Ch. 10-2",
        "U",
        N_(
            "Commission members serve for five years from their election by the maslikhat: "
            "the term of member {person} ended on {until}."
        ),
    ),
    "observers.domestic": AdminRule(
        "CLE Art. 20-1",
        "C",
        N_(
            "An observer is sent by a political party, another public association or a "
            "non-commercial organisation of Kazakhstan."
        ),
    ),
    "observers.foreign": AdminRule(
        "CLE Art. 20-2",
        "C",
        N_("A foreign observer is sent by a foreign state or an international organisation."),
    ),
    "proxies.candidate": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_("A proxy represents a nominee or a registered candidate of this election."),
    ),
    # Protocols and decisions.
    "protocols.annulment": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_(
            "The territorial election commission annuls an entered precinct protocol once, "
            "for proven violations, by a decision that states them."
        ),
    ),
    "decisions.required": AdminRule(
        "CLE Ch. 10-2",
        "U",
        N_(
            "The commission decides the outcome only where the ruleset finds no rule; "
            "this result needs no decision."
        ),
    ),
    "decisions.candidate": AdminRule(
        "CLE Ch. 10-2",
        "U",
        N_("The decision can elect only one of these candidates: {candidates}."),
    ),
    "decisions.quorum": AdminRule(
        "CLE Ch. 10-2",
        "U",
        N_(
            "A commission decides with more than half of its members taking part: "
            "{present} of {members} took part."
        ),
    ),
    "decisions.members": AdminRule(
        "CLE Ch. 10-2",
        "S",
        N_("Only members of the commission take part in its decisions: {person} is not one."),
    ),
}

#: Messages stating the calendar's deadlines, keyed by the ruleset parameter they cite.
CALENDAR_MESSAGES: Mapping[str, Message] = {
    "calendar.nomination_opens": N_(
        "Nomination opens on {opens}, the day after the election is called."
    ),
    "calendar.nomination_closes": N_("Nomination closes at {closes}, local time."),
    "calendar.registration_closes": N_(
        "Registration closes at {closes}, local time; the campaign begins after it."
    ),
    "calendar.campaign_ends": N_(
        "The campaign ends at {ends}, local time; the day of silence follows."
    ),
    "calendar.polling_hours": N_("Polling runs from {opens} to {closes}, local time."),
    "calendar.results_due": N_(
        "The territorial election commission sets the result no later than {due}."
    ),
    "calendar.winner_registration_due": N_("The elected akim is registered no later than {due}."),
    "calendar.call_before_term_end": N_(
        "An election on expiry of the term is called no later than {day}."
    ),
    "calendar.hold_before_term_end": N_(
        "An election on expiry of the term is held no later than {day}."
    ),
    "nomination.extension": N_(
        "Fewer than {minimum} candidates were nominated: nomination is extended until {until}."
    ),
}

#: Messages of the admin errors, keyed by error code (see :mod:`tandau.admin.errors`).
ERROR_MESSAGES: Mapping[str, Message] = {
    "admin.not_found": N_("There is no {kind} with the identifier {id}."),
    "admin.already_exists": N_("The identifier {id} is already used by another {kind}."),
    "admin.invalid_input.csv": N_("The CSV file is not valid: {problem}."),
    "admin.invalid_input.iin": N_(
        "The field {field} must be an individual identification number: 12 digits with a "
        "valid check digit."
    ),
    "admin.invalid_input.kato": N_(
        "The field {field} must be a code of the classifier of administrative-territorial "
        "units: 9 digits that extend the parent's code."
    ),
    "admin.invalid_input.unknown_unit": N_(
        "The field {field} names an administrative unit that is not known."
    ),
    "admin.invalid_input.unit_level": N_(
        "The field {field} names a unit of the wrong level for this place in the tree."
    ),
    "admin.invalid_input.outside_unit": N_(
        "The field {field} names a place outside the unit of the election."
    ),
    "admin.invalid_input.unknown_precinct": N_(
        "The field {field} names a precinct that is not in the electoral district."
    ),
    "admin.invalid_input.precinct_required": N_(
        "The electoral district has more than one precinct: the field {field} must name "
        "the precinct where the device stands."
    ),
    "admin.invalid_input.issued_mismatch": N_(
        "The ballots issued must equal the ballots cast plus the spoiled ballots."
    ),
    "admin.invalid_input.received_mismatch": N_(
        "The ballots received must equal the ballots issued plus the unused ballots."
    ),
    "admin.invalid_input.ballots_unaccounted": N_(
        "The votes for candidates, the votes against all and the invalid ballots must add "
        "up to the ballots cast."
    ),
    "admin.invalid_input.issued_exceed_voters": N_(
        "More ballots were issued than there are voters on the list."
    ),
    "admin.invalid_input.candidates_mismatch": N_(
        "The field {field} must give the votes of every candidate on the ballot, and only theirs."
    ),
    "admin.invalid_input.blank": N_("The field {field} must not be empty."),
}

#: Names of a candidate's statuses, for messages (``{status}``).
STATUS_LABELS: Mapping[str, Message] = {
    "nominated": N_("nominated"),
    "registered": N_("registered"),
    "refused": N_("refused registration"),
    "withdrawn": N_("withdrawn"),
}

#: Names of the stages, for messages (``{stage}``).
STAGE_LABELS: Mapping[str, Message] = {
    "called": N_("called"),
    "nomination": N_("nomination"),
    "registration": N_("registration"),
    "campaign": N_("campaign"),
    "silence": N_("silence"),
    "polling": N_("polling"),
    "counting": N_("counting"),
    "results": N_("results"),
    "winner_registered": N_("winner registered"),
    "failed": N_("failed"),
}

#: Names of the kinds of record, for ``admin.not_found`` and ``admin.already_exists``.
KIND_LABELS: Mapping[str, Message] = {
    "unit": N_("administrative unit"),
    "precinct": N_("precinct"),
    "commission": N_("commission"),
    "member": N_("commission member"),
    "election": N_("election"),
    "district": N_("electoral district"),
    "candidate": N_("candidate"),
    "voter": N_("voter"),
    "protocol": N_("precinct protocol"),
    "accreditation": N_("accreditation"),
    "device": N_("kiosk device"),
}


def all_messages() -> tuple[Message, ...]:
    """Every message of the admin layer, for the catalogue completeness test."""
    out: list[Message] = [rule.message for rule in ADMIN_RULES.values()]
    for group in (CALENDAR_MESSAGES, ERROR_MESSAGES, STATUS_LABELS, STAGE_LABELS, KIND_LABELS):
        out.extend(group.values())
    return tuple(out)
