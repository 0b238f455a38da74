"""The registrar's voter list and credential sheet (record spec §R3).

The voter list comes as CSV with a header naming at least ``iin`` and ``name``
(``precinct`` optional; other columns, such as those of the administration's
voter-list export, are ignored).  It is checked whole — a bad row stops the
import and names its line and column — and kept in the registrar's file
``tandau-voter-list/v1``.  Issuing credentials turns it into the sheet for
delivery, ``iin,name,precinct,code,credential``: the only place where a voter
is linked to a credential.  Neither file ever reaches the board.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

from tandau.admin.errors import AdminInvalidInput
from tandau.admin.service import check_iin
from tandau.i18n import CLI, Message
from tandau.protocol.credentials import Credential
from tandau.protocol.manifest import Manifest
from tandau.spreadsheet import csv_text

from .errors import BAD_INPUT, CliError
from .files import decode, read_document, write_bytes, write_document

__all__ = [
    "ListedVoter",
    "find_in_sheet",
    "read_voter_csv",
    "read_voter_list",
    "sheet_bytes",
    "write_sheet",
    "write_voter_list",
]

KIND = "voter-list"
MAX_VOTERS = 1_000_000
_MAX_TEXT = 200
SHEET_COLUMNS = ("iin", "name", "precinct", "code", "credential")


@dataclass(frozen=True, slots=True)
class ListedVoter:
    iin: str
    name: str
    precinct: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _row_error(path: Path, line: int, column: str, problem: Message) -> CliError:
    return CliError(
        CLI.csv_row, exit_code=BAD_INPUT, path=path, line=line, column=column, problem=problem
    )


def read_voter_csv(path: Path) -> list[ListedVoter]:
    """Every row checked; the first problem stops the import, naming line and column."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise CliError(CLI.file_missing, exit_code=BAD_INPUT, path=path) from exc
    except UnicodeDecodeError as exc:
        raise CliError(CLI.csv_not_utf8, exit_code=BAD_INPUT, path=path) from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "iin" not in header or "name" not in header or len(set(header)) != len(header):
            raise CliError(CLI.csv_header, exit_code=BAD_INPUT, path=path)
        col = {name: i for i, name in enumerate(header)}
        voters: list[ListedVoter] = []
        seen: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise _row_error(path, line, "*", CLI.csv_field_count)
            iin = row[col["iin"]].strip()
            try:
                check_iin("iin", iin)
            except AdminInvalidInput as exc:
                raise _row_error(path, line, "iin", CLI.csv_bad_iin) from exc
            if iin in seen:
                raise CliError(
                    CLI.csv_duplicate, exit_code=BAD_INPUT, path=path, line=line, first=seen[iin]
                )
            name = " ".join(row[col["name"]].split())
            if not 0 < len(name) <= _MAX_TEXT:
                raise _row_error(path, line, "name", CLI.csv_bad_text)
            precinct = row[col["precinct"]].strip() if "precinct" in col else ""
            if len(precinct) > _MAX_TEXT:
                raise _row_error(path, line, "precinct", CLI.csv_bad_text)
            seen[iin] = line
            voters.append(ListedVoter(iin, name, precinct))
            if len(voters) > MAX_VOTERS:
                raise CliError(CLI.csv_too_many, exit_code=BAD_INPUT, path=path, max=MAX_VOTERS)
    except csv.Error as exc:
        raise _row_error(path, reader.line_num, "*", CLI.csv_syntax) from exc
    if not voters:
        raise CliError(CLI.csv_empty, exit_code=BAD_INPUT, path=path)
    return voters


def write_voter_list(path: Path, manifest: Manifest, voters: list[ListedVoter]) -> None:
    body = {"election": manifest.election_id, "voters": [v.to_dict() for v in voters]}
    write_document(path, KIND, body, fingerprint=manifest.fingerprint, secret=True)


def read_voter_list(path: Path, manifest: Manifest) -> list[ListedVoter]:
    doc = read_document(path, KIND, manifest.fingerprint)

    def parse() -> list[ListedVoter]:
        voters = [
            ListedVoter(str(v["iin"]), str(v["name"]), str(v["precinct"])) for v in doc["voters"]
        ]
        if not voters or len({v.iin for v in voters}) != len(voters):
            raise ValueError("a voter list holds distinct voters")
        return voters

    return decode(path, KIND, parse)


def sheet_bytes(voters: list[ListedVoter], codes: list[str], creds: list[Credential]) -> bytes:
    rows = (
        [v.iin, v.name, v.precinct, code, cred.public.hex()]
        for v, code, cred in zip(voters, codes, creds, strict=True)
    )
    return csv_text(SHEET_COLUMNS, rows).encode()


def write_sheet(path: Path, data: bytes) -> None:
    write_bytes(path, data, secret=True)


def find_in_sheet(path: Path, iin: str) -> str:
    """The public credential the sheet gives the voter with this IIN."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise CliError(CLI.file_missing, exit_code=BAD_INPUT, path=path) from exc
    rows = csv.DictReader(io.StringIO(text, newline=""))
    if rows.fieldnames is None or list(rows.fieldnames) != list(SHEET_COLUMNS):
        raise CliError(CLI.sheet_invalid, exit_code=BAD_INPUT, path=path)
    for row in rows:
        if row["iin"] == iin:
            return row["credential"]
    raise CliError(CLI.sheet_no_voter, iin=iin)
