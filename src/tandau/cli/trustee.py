"""``tandau trustee``: each key-ceremony step on files, for an offline laptop (crypto spec §6, §7).

A trustee keeps a directory (``--dir``) for its own files and is given the
public files of the others (files or directories, as arguments)::

    setup     params                        → setup-J.json, box-key-J.secret.json
    deal      params, all setups            → dealing-J.json, dealer-J.secret.json
    receive   params, setups, dealings      → response-J.json, shares-J.secret.json
    reveal    params, responses             → reveal-J-K.json for each complaint against J
    finalize  params, dealings, responses   → ceremony-result.json, key-share-J.secret.json
    check     the record or the database    → the published key recomputed
    decrypt   the tally (file or record)    → decryption-J.json with proofs

A step whose outputs exist already does nothing and says so: re-running is
safe.  No step needs a network or a database, except ``check --db``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from tandau.board import Entry
from tandau.crypto import ceremony, sodium
from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    DealerSecret,
    Dealing,
    ReceivedShares,
    Response,
    Reveal,
    TrusteeShare,
)
from tandau.crypto.decryption import tally_share, verify_tally_share
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.group import Point
from tandau.crypto.rng import SystemRng
from tandau.crypto.sealed import TrusteeBoxKey
from tandau.i18n import CLI
from tandau.protocol import events as ev
from tandau.protocol.manifest import Manifest
from tandau.protocol.tally import EncryptedTally

from .ceremony_files import RESULT, CeremonyPile, load_pile, output_name
from .database import open_election
from .errors import BAD_INPUT, CliError, guarded
from .files import decode, document, format_of, read_document, read_json, write_document
from .options import DbOption, ElectionOption, RecordOption, role_app
from .output import emit, say
from .record_file import RECORD_FORMAT, RecordFile

__all__ = ["trustee_app"]

trustee_app = role_app(
    "trustee", "A trustee: each key-ceremony and decryption step on files, offline."
)

IndexOption = Annotated[int, typer.Option("--index", min=1, max=255, help="Your trustee number.")]
DirOption = Annotated[
    Path, typer.Option("--dir", help="Your own directory (your secret files stay here).")
]
FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="Public ceremony files or directories (parameters, setups, …)."),
]

T = TypeVar("T")

BOX_KEY = "trustee-box-key"
DEALER = "dealer-secret"
SHARES = "received-shares"
KEY_SHARE = "key-share"
DECRYPTION = "decryption-share"


def _pile(files: list[Path] | None, own: Path, index: int) -> CeremonyPile:
    """The public files given and those in your directory; you must be one of the trustees."""
    paths = list(files or [])
    if own.is_dir():
        paths.append(own)
    pile = load_pile(paths)
    pile.params.require_trustee(index)
    return pile


class _Outputs:
    """A step's two files in your directory: the public one to share, the secret one to keep."""

    def __init__(self, pile: CeremonyPile, own: Path, index: int, public: str, secret: str) -> None:
        self.index = index
        self.fingerprint = pile.params.fingerprint
        self.public = own / output_name(public, j=index)
        self.secret = own / output_name(secret, j=index)

    def done(self) -> bool:
        return _done(self.public, self.secret)

    def write(self, secret: tuple[str, str, Any], public: tuple[str, str, Any]) -> None:
        """Write each ``(kind, field, value)``; the secret one names its trustee."""
        kind, field, value = secret
        body = {"index": self.index, field: value.to_dict()}
        write_document(self.secret, kind, body, fingerprint=self.fingerprint, secret=True)
        kind, field, value = public
        write_document(self.public, kind, {field: value.to_dict()}, fingerprint=self.fingerprint)
        say(CLI.file_written, path=self.public)


def _done(*paths: Path) -> bool:
    """True when every output exists (the step ran); refuse a half-finished step."""
    exist = [p.exists() for p in paths]
    if all(exist):
        for p in paths:
            say(CLI.already_done, path=p)
        return True
    if any(exist):
        present = next(p for p, e in zip(paths, exist, strict=True) if e)
        raise CliError(CLI.partial_outputs, path=present)
    return False


def _secret(path: Path, kind: str, fp: bytes, index: int) -> dict[str, Any]:
    doc = read_document(path, kind, fp)
    if doc.get("index") != index:
        raise CliError(CLI.file_other_trustee, exit_code=BAD_INPUT, path=path)
    return doc


def _own_secret(
    own: Path, name: str, index: int, fp: bytes, read: tuple[str, str, Callable[[Any], T]]
) -> T:
    """Your secret file ``name``: its ``(kind, field, reader)``, checked to be yours."""
    kind, field, build = read
    path = own / output_name(name, j=index)
    doc = _secret(path, kind, fp, index)
    return decode(path, kind, lambda: build(doc[field]))


def _box_key(own: Path, params: CeremonyParameters, index: int) -> TrusteeBoxKey:
    read = (BOX_KEY, "box_key", TrusteeBoxKey.from_dict)
    return _own_secret(own, "box_key", index, params.fingerprint, read)


Written = tuple[tuple[str, str, Any], tuple[str, str, Any]]
Step = Callable[[CeremonyPile, int, Path], Written]
Report = Callable[[_Outputs], dict[str, Any]]


def _two_file_command(
    name: str, outputs: tuple[str, str], report: Report
) -> Callable[[Step], Step]:
    """Register ``step`` as the command ``name`` (its docstring the help).

    The command writes the ``(secret, public)`` documents ``step`` returns as the
    files ``outputs``, unless they exist already, then prints ``report``.
    """

    def register(step: Step) -> Step:
        @guarded
        def command(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
            pile = _pile(files, own, index)
            out = _Outputs(pile, own, index, *outputs)
            if not out.done():
                out.write(*step(pile, index, own))
            emit(report(out))

        trustee_app.command(name, help=inspect.getdoc(step))(command)
        return step

    return register


def _both_files(public: str) -> Report:
    return lambda out: {public: str(out.public), "secret": str(out.secret)}


@_two_file_command("setup", ("setup", "box_key"), _both_files("setup"))
def _setup(pile: CeremonyPile, index: int, own: Path) -> Written:
    """Make your box key: the public setup to share, the secret key to keep."""
    s, box = ceremony.setup(index, pile.trustee_name(index), SystemRng())
    return (BOX_KEY, "box_key", box), ("trustee-setup", "setup", s)


@_two_file_command("deal", ("dealing", "dealer"), _both_files("dealing"))
def _deal(pile: CeremonyPile, index: int, own: Path) -> Written:
    """Deal your share of the key to every trustee (needs every trustee's setup)."""
    setups = pile.setup_list()
    if setups[index - 1].box_key != _box_key(own, pile.params, index).public:
        raise CliError(CLI.setup_not_yours, index=index)
    dealing, dealer = ceremony.deal(pile.params, setups, index, SystemRng())
    return (DEALER, "secret", dealer), ("dealing", "dealing", dealing)


def _response_report(out: _Outputs) -> dict[str, Any]:
    doc = read_document(out.public, "response", out.fingerprint)
    r = decode(out.public, "response", lambda: Response.from_dict(doc["response"]))
    return {
        "response": str(out.public),
        "accepted": list(r.accepted),
        "complaints": [{"dealer": c.dealer, "reason": c.reason} for c in r.complaints],
    }


@_two_file_command("receive", ("response", "shares"), _response_report)
def _receive(pile: CeremonyPile, index: int, own: Path) -> Written:
    """Open and check the shares dealt to you: accept each dealer or complain."""
    params = pile.params
    missing = [i for i in params.indices if i not in pile.dealings]
    if missing:
        raise CliError(CLI.ceremony_missing_dealings, trustees=_ids(missing))
    box = _box_key(own, params, index)
    response, shares = ceremony.receive(
        params, index, box, pile.setup_list(), pile.dealings.values()
    )
    for c in response.complaints:
        say(CLI.complaint, dealer=c.dealer, reason=c.reason)
    return (SHARES, "shares", shares), ("response", "response", response)


def _ids(items: list[int]) -> str:
    return ", ".join(str(i) for i in items)


@trustee_app.command("reveal")
@guarded
def reveal(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Answer each complaint against you by publishing the disputed share."""
    pile = _pile(files, own, index)
    params = pile.params
    read = (DEALER, "secret", DealerSecret.from_dict)
    secret = _own_secret(own, "dealer", index, params.fingerprint, read)
    written: list[str] = []
    for r in pile.responses.values():
        for c in r.complaints:
            if c.dealer != index:
                continue
            out = own / output_name("reveal", i=index, j=c.recipient)
            if not _done(out):
                v = ceremony.reveal_share(params, secret, c)
                body = {"reveal": v.to_dict()}
                write_document(out, "reveal", body, fingerprint=params.fingerprint)
                say(CLI.file_written, path=out)
            written.append(str(out))
    if not written:
        say(CLI.no_complaints)
    emit({"reveals": written})


@trustee_app.command("finalize")
@guarded
def finalize(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Compute the joint key from the public files and your key share; check they agree."""
    pile = _pile(files, own, index)
    params = pile.params
    result_path = own / output_name("result")
    share_path = own / output_name("key_share", j=index)
    fp = params.fingerprint
    reveals = list(pile.reveals.values())
    result = ceremony.finalize(params, pile.dealings.values(), pile.responses.values(), reveals)
    if pile.result is not None and pile.result != result:
        raise CliError(CLI.result_differs)
    if not _done(share_path):
        read = (SHARES, "shares", ReceivedShares.from_dict)
        received = _own_secret(own, "shares", index, fp, read)
        share = ceremony.trustee_share(params, result, pile.dealings.values(), received, reveals)
        body = {"index": index, "share": share.to_dict()}
        write_document(share_path, KEY_SHARE, body, fingerprint=fp, secret=True)
        say(CLI.file_written, path=share_path)
    if not result_path.exists():
        write_document(result_path, RESULT, {"result": result.to_dict()}, fingerprint=fp)
    say(CLI.joint_key, key=result.joint_key.to_hex())
    emit(
        {
            "joint_key": result.joint_key.to_hex(),
            "qualified": list(result.qualified),
            "verification_key": result.verification_key(index).hex(),
            "key_share": str(share_path),
        }
    )


def _ceremony_entries(entries: Iterator[Entry]) -> tuple[Manifest, CeremonyResult, dict[str, Any]]:
    manifest: Manifest | None = None
    dealings: list[Dealing] = []
    responses: list[Response] = []
    reveals: list[Reveal] = []
    for entry in entries:
        p = entry.payload
        if entry.type == ev.MANIFEST:
            manifest = Manifest.from_dict(p["manifest"])
        elif entry.type == ev.CEREMONY_DEALING:
            dealings.append(Dealing.from_dict(p["dealing"]))
        elif entry.type == ev.CEREMONY_RESPONSE:
            responses.append(Response.from_dict(p["response"]))
        elif entry.type == ev.CEREMONY_REVEAL:
            reveals.append(Reveal.from_dict(p["reveal"]))
        elif entry.type == ev.ELECTION_KEY:
            assert manifest is not None
            result = CeremonyResult.from_dict(p)
            params = CeremonyParameters(
                manifest.fingerprint, len(manifest.trustees), manifest.threshold
            )
            ceremony.verify_result(params, dealings, responses, reveals, result)
            return manifest, result, {"dealings": len(dealings), "responses": len(responses)}
    raise CliError(CLI.no_key_yet)


@trustee_app.command("check")
@guarded
def check(
    record: RecordOption = None,
    db: DbOption = None,
    election: ElectionOption = None,
    index: Annotated[
        int | None, typer.Option("--index", min=1, max=255, help="Also check your key share.")
    ] = None,
    own: Annotated[Path | None, typer.Option("--dir", help="Your own directory.")] = None,
) -> None:
    """Recompute the published election key from the board's ceremony record."""
    if record is not None:
        manifest, result, counts = _ceremony_entries(RecordFile.open(record).entries())
    else:
        with open_election(db, election, full=False) as e:
            manifest, result, counts = _ceremony_entries(e.board.entries())
    out: dict[str, Any] = {
        "election": manifest.election_id,
        "joint_key": result.joint_key.to_hex(),
        "qualified": list(result.qualified),
        **counts,
    }
    if index is not None and own is not None:
        share = _key_share(own, manifest.fingerprint, index)
        if sodium.base_mul(share.secret.value) != result.verification_key(index).data:
            raise CliError(CLI.share_not_on_board, index=index)
        out["key_share_matches"] = True
    say(CLI.key_checked, key=result.joint_key.to_hex())
    emit(out)


def _key_share(own: Path, fp: bytes, index: int) -> TrusteeShare:
    return _own_secret(own, "key_share", index, fp, (KEY_SHARE, "share", TrusteeShare.from_dict))


def _tally_of(payload: dict[str, Any]) -> Callable[[], EncryptedTally]:
    return lambda: EncryptedTally.from_dict(payload["tally"])


def read_tally(path: Path) -> tuple[bytes, EncryptedTally]:
    """The fingerprint and encrypted tally from a tally file or an exported record."""
    with path.open("rb") as f:
        first = f.readline(4096)
    if RECORD_FORMAT.encode() in first:
        fp: bytes | None = None
        for entry in RecordFile.open(path).entries():
            if entry.type == ev.MANIFEST:
                fp = Manifest.from_dict(entry.payload["manifest"]).fingerprint
            elif entry.type == ev.TALLY_ENCRYPTED and fp is not None:
                return fp, decode(path, "tally", _tally_of(entry.payload))
        raise CliError(CLI.no_tally_yet)
    doc = document(path, read_json(path), "tally")
    tally = decode(path, "tally", lambda: EncryptedTally.from_dict(doc["tally"]))
    return decode(path, "tally", lambda: bytes.fromhex(doc["fingerprint"])), tally


@trustee_app.command("decrypt")
@guarded
def decrypt(
    index: IndexOption,
    own: DirOption,
    tally: Annotated[
        Path, typer.Option("--tally", help="The tally file (tandau admin tally --out) or a record.")
    ],
) -> None:
    """Your decryption share of the tally, with a proof for every ciphertext."""
    fp, t = read_tally(tally)
    out = own / output_name("decryption", j=index)
    if not _done(out):
        share = _key_share(own, fp, index)
        cts: list[Ciphertext] = list(t.ciphertexts)
        ts = tally_share(share, cts, fp, SystemRng())
        # Check our own proofs before anyone else has to.
        verify_tally_share(ts, cts, Point.trusted(sodium.base_mul(share.secret.value)), fp)
        write_document(out, DECRYPTION, {"share": ts.to_dict()}, fingerprint=fp)
        say(CLI.file_written, path=out)
    emit({"decryption_share": str(out), "format": format_of(DECRYPTION)})
