"""Every user-visible message of the law layer, as translatable msgids.

Rule messages state the rule (with the ruleset's figures as parameters); the
violation or reason that carries one also carries the rule's ID and article.
Translations live in the ``tandau`` catalogue (``tandau/i18n/locales``); a test
checks that every msgid here is translated into kk, ru and en.
"""

from __future__ import annotations

from collections.abc import Mapping

from tandau.i18n import N_, NP_, Message

__all__ = [
    "AGAINST_ALL",
    "DOCUMENT_LABELS",
    "ERROR_MESSAGES",
    "EXPECTED_TYPES",
    "NOMINATION_LABELS",
    "RULE_MESSAGES",
    "all_messages",
]

#: Messages of the rules, keyed by rule ID (see ``docs/guides/researcher-rulesets.md``).
RULE_MESSAGES: Mapping[str, Message] = {
    # Candidates (eligibility and registration file).
    "candidate.citizen": N_("A candidate must be a citizen of the Republic of Kazakhstan."),
    "candidate.min_age": NP_(
        "A candidate must be at least {min_age} year old on the registration date.",
        "A candidate must be at least {min_age} years old on the registration date.",
        "min_age",
    ),
    "candidate.qualification": N_(
        "A candidate must meet the civil-service qualification requirements for the post of akim."
    ),
    "candidate.bars.conviction": N_(
        "A person with an outstanding or unexpunged conviction may not be registered "
        "as a candidate."
    ),
    "candidate.bars.incapacitated": N_(
        "A person declared legally incapable by a court may not be registered as a candidate."
    ),
    "candidate.bars.imprisoned": N_(
        "A person held in a place of confinement under a court sentence may not be "
        "registered as a candidate."
    ),
    "candidate.bars.corruption_offence": N_(
        "A person who has committed a corruption offence may not be registered as a candidate."
    ),
    "candidate.documents": N_("The registration file lacks a required document: {document}."),
    "candidate.signature_documents": N_(
        "The registration file lacks a required document: {document}."
    ),
    # Nomination.
    "nomination.methods": N_("This ruleset does not allow this kind of nomination: {method}."),
    "nomination.party_member": N_("A political party may nominate only a member of the party."),
    "nomination.signatures": NP_(
        "A self-nominee needs the signatures of at least {share}% of the district's voters: "
        "at least {required} valid signature.",
        "A self-nominee needs the signatures of at least {share}% of the district's voters: "
        "at least {required} valid signatures.",
        "required",
    ),
    "nomination.party_signatures": NP_(
        "A party nominee also needs the signatures of at least {share}% of the district's "
        "voters: at least {required} valid signature.",
        "A party nominee also needs the signatures of at least {share}% of the district's "
        "voters: at least {required} valid signatures.",
        "required",
    ),
    "nomination.max_invalid_signature_percent": N_(
        "The share of invalid signatures exceeds the permitted maximum of {max_share}%."
    ),
    "nomination.one_candidate_per_party": N_(
        "A political party may nominate only one candidate in an electoral district."
    ),
    # Voters.
    "voter.citizen": N_("Only citizens of the Republic of Kazakhstan may vote."),
    "voter.min_age": NP_(
        "A voter must have reached the age of {min_age} year by polling day.",
        "A voter must have reached the age of {min_age} years by polling day.",
        "min_age",
    ),
    "voter.residence": N_(
        "A voter must be registered as resident in the administrative-territorial unit "
        "where the election is held."
    ),
    "voter.bars.incapacitated": N_(
        "A citizen declared legally incapable by a court has no right to vote."
    ),
    "voter.bars.imprisoned": N_(
        "A citizen held in a place of confinement under a court sentence has no right to vote."
    ),
    # Outcome.
    "outcome.method": N_("The candidate who received the most votes is elected."),
    "outcome.against_all": N_(
        "Votes against all candidates count towards turnout only and do not prevent "
        "a candidate from being elected."
    ),
    "outcome.against_all.blocks": N_(
        "More votes were cast against all candidates than for the leading candidate; "
        "under this ruleset the territorial election commission must decide."
    ),
    "outcome.tie": N_(
        "Two or more candidates received the same highest number of votes; no rule for "
        "this case has been found, so the territorial election commission must decide."
    ),
    "outcome.single_candidate": N_(
        "Only one candidate remained on the ballot; no rule for this case has been found, "
        "so the territorial election commission must decide."
    ),
    "outcome.no_candidates": N_("There is no registered candidate on the ballot."),
    "outcome.no_candidates.decision": N_(
        "There is no registered candidate on the ballot; the territorial election "
        "commission must decide."
    ),
    "outcome.annulled_precincts": N_(
        "The results of precincts annulled for proven violations were excluded before "
        "the result was determined."
    ),
    "outcome.min_turnout_percent": N_(
        "Turnout is below the minimum of {min_turnout}% set by this ruleset; the territorial "
        "election commission must decide."
    ),
}

#: Names of the documents of a registration file, for messages.
DOCUMENT_LABELS: Mapping[str, Message] = {
    "application": N_("the application consenting to stand for election"),
    "deposit_receipt": N_("the receipt for the election deposit"),
    "civil_service_compliance": N_(
        "the documents confirming the civil-service qualification requirements"
    ),
    "tax_declaration_certificate": N_(
        "the state revenue body's certificate that the candidate filed the income and "
        "property declaration"
    ),
    "spouse_tax_declaration_certificate": N_(
        "the state revenue body's certificate that the candidate's spouse filed the income "
        "and property declaration"
    ),
    "signature_check_protocol": N_(
        "the territorial election commission's protocol on the check of the signatures"
    ),
}

#: How nominations are named inside messages.
NOMINATION_LABELS: Mapping[str, Message] = {
    "party": N_("nomination by a political party"),
    "self": N_("self-nomination"),
}

#: The ballot line for votes against all candidates.
AGAINST_ALL: Message = N_("Against all")

#: Messages of ``law.invalid_input.type`` errors, keyed by the type the field must have.
EXPECTED_TYPES: Mapping[str, Message] = {
    "integer": N_("The field {field} must be an integer."),
    "boolean": N_("The field {field} must be true or false."),
    "string": N_("The field {field} must be a string."),
    "list": N_("The field {field} must be a list."),
    "object": N_("The field {field} must be an object."),
    "date": N_("The field {field} must be a date in the form YYYY-MM-DD."),
    "number": N_("The field {field} must be a number."),
}

#: Messages of the law errors, keyed by error code (see :mod:`tandau.law.errors`).
ERROR_MESSAGES: Mapping[str, Message] = {
    "law.invalid_input": N_("The field {field} is not valid."),
    "law.invalid_input.json": N_("The input is not valid JSON."),
    "law.invalid_input.missing": N_("The field {field} is required."),
    "law.invalid_input.unexpected": N_("The field {field} is not expected here."),
    "law.invalid_input.date": N_("The field {field} must be a date in the form YYYY-MM-DD."),
    "law.invalid_input.negative": N_("The field {field} must not be negative."),
    "law.invalid_input.value": N_("The field {field} has a value that is not allowed."),
    "law.invalid_input.duplicate": N_("The identifier in the field {field} is repeated."),
    "law.invalid_input.unknown_candidate": N_(
        "The field {field} names a candidate who is not in the list of candidates."
    ),
    "law.invalid_input.votes_exceed_ballots": N_(
        "The votes for candidates, the votes against all and the invalid ballots add up to "
        "more than the ballots cast."
    ),
    "law.invalid_input.ballots_exceed_voters": N_(
        "More ballots were cast than there are voters on the list."
    ),
    "law.invalid_input.annulled_exceeds_total": N_(
        "The annulled precinct's figure in the field {field} exceeds the total it is "
        "subtracted from."
    ),
    "law.invalid_input.birth_after_date": N_(
        "The birth date is later than the date on which the age is counted."
    ),
    "law.invalid_input.date_order": N_(
        "The date in the field {field} is not consistent with the polling day."
    ),
    "law.invalid_input.usage": N_("The command line is not valid: check the option {field}."),
    "law.unknown_ruleset": N_("There is no ruleset with the identifier {ruleset}."),
    "law.ruleset_invalid": NP_(
        "The ruleset {ruleset} does not match the ruleset schema: {count} problem found.",
        "The ruleset {ruleset} does not match the ruleset schema: {count} problems found.",
        "count",
    ),
}


def all_messages() -> tuple[Message, ...]:
    """Every message of the law layer, for the catalogue completeness test."""
    groups: tuple[Mapping[str, Message], ...] = (
        {"ballot.against_all": AGAINST_ALL},
        RULE_MESSAGES,
        DOCUMENT_LABELS,
        NOMINATION_LABELS,
        EXPECTED_TYPES,
        ERROR_MESSAGES,
    )
    return tuple(message for group in groups for message in group.values())
