"""The console's refusals: a step the election's state does not allow, or a file that is wrong.

TandauError
└── WebError
    ├── StepRefused     web.console.step       409: not now, and why
    └── BadRequest
        └── BadFile     web.console.bad_file   400: an upload is missing, empty or too big
            └── RefusedFile                    409: a well-formed document this election refuses
"""

from __future__ import annotations

from tandau.i18n import N_, Message

from ..errors import BadRequest, WebError

__all__ = ["BadFile", "RefusedFile", "StepRefused"]


class StepRefused(WebError, title="The election does not allow this step now."):
    code = "web.console.step"
    default = N_("The election does not allow this step now.")

    def __init__(self, message: Message, **params: object) -> None:
        super().__init__(message, **params)


class BadFile(BadRequest, title=BadRequest.title):
    code = "web.console.bad_file"
    default = N_("The uploaded file is not a valid {kind} file of this election.")

    def __init__(self, kind: Message, message: Message | None = None, **params: object) -> None:
        super().__init__(message or self.default, kind=kind, **params)


class RefusedFile(BadFile, title=BadFile.title):
    """A document that arrived whole but is not a valid file of its kind for this election.

    Wrong format or fingerprint, a body that does not parse, a proof that does not
    verify: the API's schema can only say "a JSON object", so this is a refusal (409,
    ADR 0014), not a malformed request.  Same code and text as :class:`BadFile`.
    """


# -- messages ---------------------------------------------------------------------------

EVOTING_STAGE = N_(
    "The electronic ballot is fixed when registration is over: set up e-voting in the "
    "campaign or silence stage."
)
EVOTING_EXISTS = N_("E-voting is already set up for this election.")
EVOTING_MISSING = N_("E-voting is not set up for this election yet.")
EVOTING_NO_CANDIDATES = N_("There is no registered candidate to put on the ballot.")
THRESHOLD = N_(
    "Choose at least two trustees and a threshold from 2 to the number of trustees, so that "
    "no trustee can decrypt alone."
)
TRUSTEE_ACCOUNTS = N_("Each trustee must be a trustee account of this commission, chosen once.")
NOT_A_TRUSTEE = N_("You are not a trustee of this election.")
NOT_YOUR_FILE = N_("This file is trustee {index}'s; you are trustee {seat}.")
ALREADY_UPLOADED = N_("Trustee {index} has already uploaded this file.")
WAITING_FOR = N_("This step has not started yet: waiting for trustees {trustees}.")
CEREMONY_DONE = N_("The key ceremony is over.")
DEALING_INVALID = N_("Trustee {index}'s dealing fails its public checks; it was not accepted.")
RESPONSE_INCOMPLETE = N_(
    "Trustee {index}'s response does not answer every dealing; run the step again with all "
    "the dealings."
)
NO_COMPLAINT = N_("No trustee complained about this dealer's share for trustee {recipient}.")
REVEAL_INVALID = N_(
    "The revealed share does not match trustee {index}'s commitments; it was not accepted."
)
CEREMONY_FAILED = N_(
    "Only {qualified} trustees have valid dealings and the threshold is {threshold}: the "
    "ceremony cannot finish."
)
KEY_MISSING = N_("The election key is not published yet.")
CREDENTIALS_ISSUED = N_("Credentials for precinct {precinct} have already been issued.")
CREDENTIALS_NO_VOTERS = N_("Precinct {precinct} has no voters on the list.")
CREDENTIALS_CLOSED = N_("Credentials can be issued only before voting opens.")
UNKNOWN_PRECINCT = N_("Precinct {precinct} is not in this election's district.")
OPEN_PREREQUISITES = N_("Voting opens once the election key is published and credentials issued.")
ALREADY_OPEN = N_("Voting has already been opened.")
NOT_OPEN = N_("Voting is not open.")
NOT_CLOSED = N_("Voting has not been closed yet.")
ALREADY_TALLIED = N_("The encrypted tally has already been computed.")
NO_TALLY = N_("There is no encrypted tally to decrypt yet.")
SHARE_INVALID = N_("Trustee {index}'s decryption share does not verify; it was not accepted.")
TOO_FEW_SHARES = N_(
    "Decryption needs the shares of {threshold} trustees; {count} are in. No trustee can "
    "decrypt alone."
)
ALREADY_PUBLISHED = N_("The results are already published.")
NOT_PUBLISHED = N_("The results are not published yet.")
NO_DECISION_NEEDED = N_("The published outcome needs no commission decision.")
WINNER_MISMATCH = N_(
    "The administration's result, counted from the paper protocols alone, names another "
    "winner than the published results with the electronic votes; the winner cannot be "
    "registered here."
)

#: File kinds, for messages.
KIND_SETUP = N_("trustee setup")
KIND_DEALING = N_("dealing")
KIND_RESPONSE = N_("response")
KIND_REVEAL = N_("reveal")
KIND_SHARE = N_("decryption share")
KIND_CSV = N_("CSV")
