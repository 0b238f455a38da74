"""Every message the command line says to a person, as translatable msgids (kk, ru, en).

Counts are put after a colon (``Credentials issued: 5``) so that no message
needs plural agreement.  A test checks every msgid here is in the three
catalogues (``tests/e2e/test_cli_messages.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

from tandau.admin.messages import ADMIN_RULES
from tandau.i18n import N_, Message

__all__ = ["WHAT", "all_messages"]

# -- errors outside Tandau's tree (Tandau's own render through tandau.i18n.error_text) --
ERROR_LINE = N_("Error: {message}")
ERR_DATABASE = N_("The database could not be used: {reason}")
ERR_FILE = N_("The file {path} could not be read or written: {reason}")
REFUSED_WRONG_ELECTION = N_("The ballot is for another election.")

# -- files ------------------------------------------------------------------------
FILE_MISSING = N_("The file {path} does not exist.")
FILE_IS_DIRECTORY = N_("{path} is a directory, not a file.")
FILE_TOO_BIG = N_("The file {path} is too large.")
FILE_NOT_JSON = N_("The file {path} is not valid JSON.")
FILE_WRONG_KIND = N_("The file {path} is not a {kind} file.")
FILE_OTHER_ELECTION = N_("The file {path} belongs to another election.")
FILE_OTHER_TRUSTEE = N_("The file {path} belongs to another trustee.")
FILE_INVALID = N_("The file {path} is not a valid {kind} file: {detail}")
FILE_EXISTS = N_("The file {path} exists already; it is never overwritten.")
FILE_WRITTEN = N_("Written: {path}")

# -- keys and the database ------------------------------------------------------------
KEY_WRITTEN = N_(
    "The commission key was written to {path}. Keep it secret; "
    "its public half goes into the manifest."
)
KEY_NOT_ELECTIONS = N_("This key is not the commission key named in the election's manifest.")
DB_URL_INVALID = N_("The database URL {url} is not a SQLite or PostgreSQL URL.")
DB_MISSING = N_("There is no database at {url}.")
DB_NOT_INITIALISED = N_(
    "The database at {url} holds no Tandau tables: create an election first (tandau admin create)."
)
NO_ELECTIONS = N_("The database holds no election.")
CHOOSE_ELECTION = N_(
    "The database holds several elections; choose one with --election: {elections}"
)
UNKNOWN_ELECTION = N_("There is no election {election} in this database.")

# -- creating an election -------------------------------------------------------------
BAD_ELECTION_ID = N_("An election ID is 1 to 128 printable characters.")
# The administration's own rule says it (one msgid for the commission's console and here).
RULESET_NOT_IN_FORCE = ADMIN_RULES["lifecycle.ruleset_in_force"].message
OFFICE_MISMATCH = N_("The office {office} is not the office of the ruleset {ruleset}: {expected}.")
BAD_MODE = N_("The voting mode must be one of: {modes}.")
NO_CANDIDATES = N_("Name at least one candidate (--candidate).")
BAD_TRUSTEES = N_("Name 1 to 255 trustees (--trustee).")
BAD_THRESHOLD = N_("The threshold must be between 1 and the number of trustees ({n}).")
BAD_NAME = N_("The name of {what} is empty or longer than 200 characters.")
DEFAULT_TITLE = N_("Election of the akim of {unit}")
ELECTION_EXISTS = N_("The election {election} exists already in this database.")
ELECTION_CREATED = N_("Election {election} created: its manifest is the first entry of its board.")

#: What a name belongs to, for ``BAD_NAME``.
WHAT: Mapping[str, Message] = {
    "unit": N_("the unit"),
    "candidate": N_("a candidate"),
    "party": N_("a party"),
    "trustee": N_("a trustee"),
    "precinct": N_("the precinct"),
    "title": N_("the title"),
}

# -- the key ceremony -------------------------------------------------------------------
CEREMONY_PARAMS_MISMATCH_BOARD = N_(
    "The ceremony files are for another election, or for other parameters than this board's."
)
CEREMONY_DONE = N_("The election key is on the board already: the ceremony is over.")
CEREMONY_BOARD_CONFLICT = N_("The board holds a different ceremony message from trustee {index}.")
DEALING_REJECTED = N_("The dealing of trustee {dealer} fails its public checks: it was left off.")
KEY_PUBLISHED = N_("The election key is on the board; qualified dealers: {qualified}.")
CEREMONY_CONFLICT = N_("The file {path} contradicts another file of the same trustee.")
CEREMONY_NOT_A_FILE = N_("The file {path} is not a public ceremony file.")
CEREMONY_NO_PARAMS = N_(
    "The ceremony parameters file is missing (tandau admin ceremony-params writes it)."
)
CEREMONY_PARAMS_MISMATCH = N_("The parameters in {path} do not match its manifest.")
CEREMONY_MISSING_DEALINGS = N_("Dealings are missing from trustees: {trustees}.")
CEREMONY_MISSING_SETUPS = N_("Setups are missing from trustees: {trustees}.")
NO_SUCH_TRUSTEE = N_("There is no trustee {index} in this election.")
ALREADY_DONE = N_("{path} exists already: this step was done.")
PARTIAL_OUTPUTS = N_(
    "{path} exists but the step's other files do not: move it away and run the step again."
)
SETUP_NOT_YOURS = N_("The setup of trustee {index} among the files was not made with your box key.")
COMPLAINT = N_("Complaint against trustee {dealer}: {reason}.")
NO_COMPLAINTS = N_("No complaint names you: nothing to reveal.")
RESULT_DIFFERS = N_(
    "The ceremony result among the files differs from the one computed from the dealings "
    "and responses."
)
JOINT_KEY = N_("Joint election key: {key}")
SHARE_NOT_ON_BOARD = N_(
    "Your key share does not match the verification key of trustee {index} on the board."
)
KEY_CHECKED = N_("The published election key {key} agrees with the ceremony record.")

# -- voters and credentials ----------------------------------------------------------------
CSV_ROW = N_("{path}, line {line}, column {column}: {problem}")
CSV_NOT_UTF8 = N_("The file {path} is not UTF-8 text.")
CSV_HEADER = N_(
    "The first line of {path} must name the columns, including iin and name, each once."
)
CSV_FIELD_COUNT = N_("the row does not have one value per column")
CSV_BAD_IIN = N_("not a valid IIN (12 digits with a check digit)")
CSV_DUPLICATE = N_("{path}, line {line}: this IIN is already on line {first}.")
CSV_BAD_TEXT = N_("empty or longer than 200 characters")
CSV_TOO_MANY = N_("The file {path} has more than {max} voters.")
CSV_SYNTAX = N_("the CSV is malformed")
CSV_EMPTY = N_("The file {path} lists no voters.")
SHEET_INVALID = N_("The file {path} is not a credential sheet.")
SHEET_NO_VOTER = N_("The credential sheet has no voter with IIN {iin}.")
VOTERS_IMPORTED = N_("Voters checked and kept in {path}: {count}.")
CREDENTIALS_ALREADY_ISSUED = N_("Credentials were issued for this election already.")
CREDENTIALS_ISSUED = N_(
    "Credentials issued: {count}. The secret sheet is {path}; the public list is on the board."
)
PROGRESS_CREDENTIALS = N_("Making credentials")

# -- voting ----------------------------------------------------------------------------------
ALREADY_OPEN = N_("Voting is open already.")
NO_KEY_YET = N_("The election key is not on the board yet.")
NO_CREDENTIALS_YET = N_("No credentials are on the board yet.")
VOTING_OPENED = N_("Voting is open.")
NOT_OPEN = N_("Voting has not been opened.")
ALREADY_CLOSED = N_("Voting is closed already.")
VOTING_CLOSED = N_("Voting is closed.")
CANCEL_WHICH = N_("Name the voter once: --credential, --code, or --iin with --sheet.")
CANCEL_UNKNOWN = N_("This credential is not on the published list.")
CANCEL_ALREADY = N_("This credential is cancelled already.")
CANCELLED = N_("The voter's electronic ballots are cancelled (paper vote at {precinct}).")
CREDENTIAL_MALFORMED = N_("The credential or code is malformed.")
PROGRESS_CASTING = N_("Casting ballots")

# -- paper protocols, tally, decryption, results ------------------------------------------------
PAPER_VOTE_FORMAT = N_("--vote {item} must be OPTION=COUNT with one of the options: {ids}.")
PAPER_TOO_MANY = N_("The votes and invalid ballots add up to more than the ballots cast.")
PAPER_DUPLICATE = N_("A protocol of precinct {precinct} is on the board already.")
PAPER_ADDED = N_("The protocol of precinct {precinct} is on the board.")
NOT_CLOSED = N_("Voting is not closed yet.")
ALREADY_TALLIED = N_("The tally is on the board already.")
TALLY_POSTED = N_("The encrypted tally is on the board; ballots counted: {counted}.")
NO_TALLY_YET = N_("There is no tally yet: close voting and run tandau admin tally.")
ALREADY_PUBLISHED = N_("The results are published already.")
SHARE_DUPLICATE = N_("another share from this trustee is used already")
SHARE_NO_KEY = N_("the board has no verification key for this trustee")
SHARE_INVALID = N_("its proofs do not verify")
SHARE_SKIPPED = N_("The decryption share of trustee {trustee} was skipped: {reason}.")
NO_VALID_SHARES = N_("No valid decryption share was given.")
SHARES_ON_BOARD = N_("Decryption shares on the board: {count} (needed: {threshold}).")
TOO_FEW_SHARES = N_("Decryption shares on the board: {count}; needed: {threshold}.")
RULESET_OTHER = N_("The ruleset {ruleset} is not the election's ruleset {expected}.")
OUTCOME_ELECTED = N_("Outcome under the ruleset: {winner} is elected.")
OUTCOME_NO_CANDIDATES = N_("Outcome under the ruleset: there are no candidates.")
OUTCOME_DECISION = N_("Outcome under the ruleset: the commission must decide ({rules}).")

# -- the voter's device -----------------------------------------------------------------------
CHOICE_UNKNOWN = N_("There is no option {choice}; the options are: {ids}.")
CHOICE_INVALID = N_("This choice is not a valid ballot: choose as the ballot allows.")
CODE_PROMPT = N_("Credential code")
CODE_MALFORMED = N_("The credential code is mistyped: check it and try again.")
CODE_UNKNOWN = N_("This credential code does not belong to this election's voters.")
BALLOT_WRITTEN = N_("Ballot {code} written to {path}.")
OPENING_OTHER_BALLOT = N_("The opening belongs to another ballot.")
AUDIT_OK = N_("Audit passed: the ballot encrypts your choice: {choice}.")
AUDIT_SPOILED = N_("This ballot is now spoiled: never cast it. Encrypt your choice again to vote.")
BALLOT_SPOILED = N_("The ballot {path} was audited and is spoiled: encrypt again to vote.")
CAST_OK = N_("Ballot {code} accepted at position {seq} of the board.")

# -- receipts ------------------------------------------------------------------------------------
RECEIPT_MALFORMED = N_("The file {path} is not a receipt.")
RECEIPT_OTHER_ELECTION = N_("The receipt belongs to another election.")
RECEIPT_HEAD_NOT_SIGNED = N_("The receipt's head is not signed by the election's commission key.")
RECEIPT_NOT_INCLUDED = N_(
    "The receipt's inclusion proof does not put ballot {code} in its signed head."
)
RECEIPT_ENTRY_DIFFERS = N_("The board's entry at position {seq} is not the ballot of this receipt.")
RECEIPT_BOARD_FORKED = N_(
    "The board does not extend the receipt's signed head of {size} entries: it was rewritten."
)
RECEIPT_BOARD_SHORTER = N_("The board is shorter than the receipt's signed head of {size} entries.")
RECEIPT_OK = N_(
    "Ballot {code} is on the board at position {seq}; "
    "the board's signed head of {size} entries includes it."
)

# -- records, verification, snapshots ------------------------------------------------------------
RECORD_INVALID = N_("The record {path} is not valid: {detail}")
HEAD_ROOT_MISMATCH = N_("In {path}, the signed head at size {size} does not match the entries.")
HEAD_NOT_SIGNED = N_("In {path}, the head at size {size} is not signed by the commission key.")
EXPORT_NO_HEAD = N_("The board has no signed head yet: export with the commission key (--key).")
EXPORT_TAIL_LEFT = N_("Entries after the last signed head were left out: {count}.")
RECORD_WRITTEN = N_("Record written: {path}")
NOT_VERIFIED = N_("The record is NOT verified; failed checks: {count}.")
PARTIAL = N_(
    "The record is PARTIAL: every check passed up to entry {entries}, "
    "but it stops before the tally and the results."
)
COMPARE_OTHER_ELECTION = N_("{old} and {new} are records of different elections.")
COMPARE_TRUNCATED = N_(
    "The new snapshot has fewer entries ({new_size}) than the old one ({old_size}): "
    "the board was truncated."
)
COMPARE_FORKED = N_(
    "The new snapshot does not extend the old one: the entries differ from position {seq} "
    "(old size {size}); the board was forked or rewritten."
)
COMPARE_OK = N_(
    "Consistent: the new snapshot extends the old one from {old_size} to {new_size} entries."
)

# -- progress bars --------------------------------------------------------------------------------
PROGRESS_REPLAY = N_("Reading the board")
PROGRESS_EXPORT = N_("Writing the record")
PROGRESS_VERIFY = N_("Verifying the record")
PROGRESS_SNAPSHOTS = N_("Reading the snapshots")


def all_messages() -> tuple[Message, ...]:
    """Every message of the command line, for the catalogue completeness test."""
    found = [v for v in globals().values() if isinstance(v, Message)]
    return (*found, *WHAT.values())
