"""Every user-visible message of the community layer, as translatable msgids.

Translations live in the catalogue part ``tandau-community.po`` (kk, ru, en); a
test checks that every msgid here is translated in all three.
"""

from __future__ import annotations

from collections.abc import Mapping

from tandau.i18n import N_, Message

__all__ = [
    "DECISION_REQUIRED",
    "ERROR_MESSAGES",
    "KIND_LABELS",
    "NOTES",
    "REFUSALS",
    "all_messages",
]

#: Errors of community inputs, keyed by their code.
ERROR_MESSAGES: Mapping[str, Message] = {
    "community.invalid_input.not_positive": N_("The field {field} must be at least 1."),
    "community.invalid_input.denominator": N_(
        "The denominator in the field {field} must be greater than zero."
    ),
    "community.invalid_input.duplicate_id": N_(
        "The gathering identifier {id} is repeated in the field {field}."
    ),
    "community.invalid_input.size_outside_band": N_(
        "A meeting of a community of {population} people has from {min} to {max} members; "
        "{size} is outside this range."
    ),
    "community.invalid_input.fewer_seats_than_settlements": N_(
        "Each of the {settlements} settlements needs at least one seat; {size} seats are "
        "not enough."
    ),
    "community.invalid_input.present_exceeds_members": N_(
        "More people are recorded as present than there are members."
    ),
    "community.invalid_input.votes_exceed_present": N_(
        "The votes for, against and abstentions add up to more than the people present."
    ),
    "community.invalid_input.no_ruleset_in_force": N_(
        "No community ruleset is in force on {date}."
    ),
}

#: Notes added to an answer (not errors).
NOTES: Mapping[str, Message] = {
    "district_not_in_force": N_(
        "The district ruleset {ruleset} is not in force on {date}, so it was not applied."
    ),
}

#: Why a service refuses a step, keyed by reason; nothing is stored.
REFUSALS: Mapping[str, Message] = {
    "not_found": N_("No {kind} has the identifier {id}."),
    "exists": N_("A {kind} with the identifier {id} already exists."),
    "unknown_settlement": N_("The settlement {settlement} is not part of this community."),
    "register_id_is_a_number": N_(
        "The register identifier {id} holds a number of 12 digits or more, such as an IIN. "
        "Register identifiers are shown on the community's public pages (members, those "
        "present, open votes), so they must never be IINs: give the resident the office's "
        "own number, for example resident-0042."
    ),
    "not_on_register": N_("{person} is not on the community register on {date}."),
    "already_serving": N_("{person} is already a member of the meeting on {date}."),
    "not_serving": N_("{person} is not a member of the meeting on {date}."),
    "meeting_full": N_(
        "The meeting of this community may have at most {max} members; {count} would serve."
    ),
    "notice_too_short": N_(
        "The district's rules require notice of at least {days} days before the session."
    ),
    "convened_after": N_("A session cannot be convened after the day it is held."),
    "wrong_status": N_("The session {session} is {status}: this step is not possible now."),
    "not_present": N_("{person} is not registered as present at this session."),
    "no_such_item": N_("The agenda has no item {item}."),
    "votes_exceed_present": N_(
        "{votes} votes were counted but only {present} members are present."
    ),
    "already_voted": N_("Agenda item {item} has already been voted on."),
    "not_adopted": N_("Agenda item {item} was not adopted: there is no decision to answer."),
    "already_answered": N_("The akim has already answered the decision on item {item}."),
    "already_signed": N_(
        "The minutes of session {session} are already signed as {id}: sign a correction "
        "that references them instead."
    ),
    "not_latest": N_("A correction must reference the latest minutes of the session, {id}."),
    "already_signed_petition": N_("{person} has already signed this petition."),
    "not_signed": N_("{person} has not signed this petition."),
    "deadline_passed": N_("The petition's deadline, {deadline}, has passed."),
    "before_opening": N_(
        "The petition was opened on {opened}: it cannot be signed or withdrawn from earlier."
    ),
    "petition_answered": N_("The petition has already been answered."),
    "codes_issued": N_("Voting codes for session {session} have already been issued."),
    "wrong_code": N_("This voting code is not valid for this session."),
    "already_cast": N_("You have already voted on agenda item {item}."),
    "questions_until_before": N_(
        "The last day for questions cannot be before the report is presented, {day}."
    ),
    "question_before_report": N_("The report is presented on {day}: ask your question from then."),
    "questions_closed": N_("Questions on this report were accepted until {day}."),
    "question_answered": N_("Question {number} has already been answered."),
    "poll_threshold": N_(
        "The threshold of {threshold} trustees is more than the trustees named for the poll."
    ),
    "poll_codes_issued": N_("Voting codes for the poll {poll} have already been issued."),
    "no_server_key": N_(
        "The web server holds no board-signing key for {election}: create the secret vote "
        "with secret-create --server-data-dir, or issue its codes with secret-codes."
    ),
    "server_key_exists": N_(
        "The web server already holds a board-signing key for {election}: it is never replaced."
    ),
    "commission_set": N_(
        "The community is run by the akim's office {commission}: to replace it, name it in "
        "replaces."
    ),
    "no_commission": N_(
        "The community has no akim's office yet, so {replaces} cannot be replaced: leave "
        "replaces out."
    ),
    "answer_before_question": N_("The question was asked on {day}: it cannot be answered earlier."),
}

#: The printed minutes' labels (kk and ru documents; en for tests and translators).
MINUTES_LABELS: Mapping[str, Message] = {
    "title.meeting": N_("Minutes of the meeting of the local community"),
    "title.gathering": N_("Minutes of the gathering of the local community"),
    "community": N_("Community: {name}"),
    "day": N_("Date: {day}"),
    "place": N_("Place: {place}"),
    "convened": N_("Convened on {day}"),
    "members": N_("Members entitled to vote: {count}"),
    "present": N_("Present: {count}"),
    "remote": N_("Taking part remotely (consultative): {names}"),
    "quorum": N_("Quorum: {required} required, {status}"),
    "quorate": N_("quorate"),
    "not_quorate": N_("not quorate"),
    "quorum_unknown": N_("Quorum: no rule in force; the district maslikhat decides"),
    "agenda": N_("Agenda"),
    "votes": N_("Votes and decisions"),
    "for": N_("For"),
    "against": N_("Against"),
    "abstained": N_("Abstained"),
    "adopted": N_("Adopted"),
    "rejected": N_("Not adopted"),
    "no_quorum": N_("Not adopted: no quorum"),
    "undecided": N_("No rule in force: the district maslikhat decides"),
    "by_name": N_("Open vote by name: {names}"),
    "responses": N_("The akim's answers"),
    "implemented": N_("implemented"),
    "refused": N_("refused"),
    "escalated": N_("escalated to the higher akim and the maslikhat"),
    "signatures": N_("Signatures of the chair and the secretary"),
    "signed": N_("Signed on {day}; SHA-256 of the content: {sha256}"),
    "corrects": N_("This document corrects the minutes {id}: {note}"),
}

#: The public web page's own labels (the template ``web/templates/community/page.html``).
PAGE_LABELS: tuple[Message, ...] = (
    N_("The local community: its gatherings, its meeting, their decisions and the akim's answers."),
    N_("Upcoming gatherings and meetings"),
    N_("Nothing is convened at the moment."),
    N_("Meeting of the local community"),
    N_("Gathering of the local community"),
    N_("Place"),
    N_("Decisions"),
    N_("No session has been held yet."),
    N_("Present"),
    N_("Secret vote"),
    N_("verifiable record"),
    N_("Open vote by name"),
    N_("Minutes"),
    N_("corrects"),
    N_("Members of the meeting"),
    N_("Budget of the rural district"),
    N_("No budget lines yet."),
    N_("Year"),
    N_("Budget line"),
    N_("Draft, tenge"),
    N_("Executed, tenge"),
    N_("Residents' proposals"),
    N_("Petitions"),
    N_("No petitions yet."),
    N_("The threshold is not set yet: the district maslikhat decides"),
    N_("Deadline"),
    N_("Answer"),
    N_("Vote at the meeting"),
    N_(
        "This vote is open: your name is recorded with your choice, as the law requires "
        "for open votes."
    ),
    N_("Your vote is recorded"),
    N_("Agenda item"),
    N_("Your choice"),
    N_("Every agenda item has been counted."),
    N_("The akim's reports to the population"),
    N_("No report yet."),
    N_("Presented on"),
    N_("Questions accepted until"),
    N_("Questions from residents"),
    N_("No question yet."),
    N_("Not answered yet."),
    N_("Civic polls"),
    N_("Consultative: the result advises the akim and the maslikhat, it does not decide."),
    N_("No civic poll yet."),
    N_("Voting is open"),
)

#: Names of the records a refusal may name (``{kind}``).
KIND_LABELS: Mapping[str, Message] = {
    "community": N_("community"),
    "resident": N_("resident"),
    "member": N_("meeting member"),
    "session": N_("session"),
    "minutes": N_("minutes"),
    "budget_line": N_("budget line"),
    "petition": N_("petition"),
    "report": N_("report of the akim"),
    "question": N_("question"),
    "poll": N_("civic poll"),
    "secret_vote": N_("secret vote"),
}

#: The answer when neither the national acts nor the district's rules give a figure.
DECISION_REQUIRED: Mapping[str, Message] = {
    "quorum": N_(
        "No confirmed national rule sets the quorum of this body: the district maslikhat "
        "must set it in its rules (a district ruleset)."
    ),
    "majority": N_(
        "No confirmed national rule sets the majority needed for a decision of this body: "
        "the district maslikhat must set it in its rules (a district ruleset)."
    ),
}


def all_messages() -> tuple[Message, ...]:
    """Every message of the community layer, for the catalogue completeness test."""
    return (
        *ERROR_MESSAGES.values(),
        *NOTES.values(),
        *DECISION_REQUIRED.values(),
        *REFUSALS.values(),
        *KIND_LABELS.values(),
        *MINUTES_LABELS.values(),
        *PAGE_LABELS,
    )
