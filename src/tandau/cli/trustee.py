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

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

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
from tandau.protocol import events as ev
from tandau.protocol.manifest import Manifest
from tandau.protocol.tally import EncryptedTally

from . import messages as M
from .ceremony_files import RESULT, CeremonyPile, load_pile, output_name
from .database import open_election
from .errors import BAD_INPUT, CliError, guarded
from .files import decode, document, format_of, read_document, read_json, write_document
from .options import DbOption, ElectionOption, RecordOption
from .output import emit, say
from .record_file import RECORD_FORMAT, RecordFile

__all__ = ["trustee_app"]

trustee_app = typer.Typer(
    name="trustee",
    help="A trustee: each key-ceremony and decryption step on files, offline.",
    no_args_is_help=True,
)

IndexOption = Annotated[int, typer.Option("--index", min=1, max=255, help="Your trustee number.")]
DirOption = Annotated[
    Path, typer.Option("--dir", help="Your own directory (your secret files stay here).")
]
FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="Public ceremony files or directories (parameters, setups, …)."),
]

BOX_KEY = "trustee-box-key"
DEALER = "dealer-secret"
SHARES = "received-shares"
KEY_SHARE = "key-share"
DECRYPTION = "decryption-share"


def _pile(files: list[Path] | None, own: Path) -> CeremonyPile:
    paths = list(files or [])
    if own.is_dir():
        paths.append(own)
    return load_pile(paths)


def _done(*paths: Path) -> bool:
    """True when every output exists (the step ran); refuse a half-finished step."""
    exist = [p.exists() for p in paths]
    if all(exist):
        for p in paths:
            say(M.ALREADY_DONE, path=p)
        return True
    if any(exist):
        present = next(p for p, e in zip(paths, exist, strict=True) if e)
        raise CliError(M.PARTIAL_OUTPUTS, path=present)
    return False


def _secret(path: Path, kind: str, fp: bytes, index: int) -> dict[str, Any]:
    doc = read_document(path, kind, fp)
    if doc.get("index") != index:
        raise CliError(M.FILE_OTHER_TRUSTEE, exit_code=BAD_INPUT, path=path)
    return doc


def _box_key(own: Path, params: CeremonyParameters, index: int) -> TrusteeBoxKey:
    path = own / output_name("box_key", j=index)
    doc = _secret(path, BOX_KEY, params.fingerprint, index)
    return decode(path, BOX_KEY, lambda: TrusteeBoxKey.from_dict(doc["box_key"]))


@trustee_app.command("setup")
@guarded
def setup(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Make your box key: the public setup to share, the secret key to keep."""
    pile = _pile(files, own)
    params = pile.params
    params.require_trustee(index)
    public = own / output_name("setup", j=index)
    secret = own / output_name("box_key", j=index)
    if not _done(public, secret):
        s, box = ceremony.setup(index, pile.trustee_name(index), SystemRng())
        fp = params.fingerprint
        body = {"index": index, "box_key": box.to_dict()}
        write_document(secret, BOX_KEY, body, fingerprint=fp, secret=True)
        write_document(public, "trustee-setup", {"setup": s.to_dict()}, fingerprint=fp)
        say(M.FILE_WRITTEN, path=public)
    emit({"setup": str(public), "secret": str(secret)})


@trustee_app.command("deal")
@guarded
def deal(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Deal your share of the key to every trustee (needs every trustee's setup)."""
    pile = _pile(files, own)
    params = pile.params
    params.require_trustee(index)
    public = own / output_name("dealing", j=index)
    secret = own / output_name("dealer", j=index)
    if not _done(public, secret):
        setups = pile.setup_list()
        if setups[index - 1].box_key != _box_key(own, params, index).public:
            raise CliError(M.SETUP_NOT_YOURS, index=index)
        dealing, dealer = ceremony.deal(params, setups, index, SystemRng())
        fp = params.fingerprint
        body = {"index": index, "secret": dealer.to_dict()}
        write_document(secret, DEALER, body, fingerprint=fp, secret=True)
        write_document(public, "dealing", {"dealing": dealing.to_dict()}, fingerprint=fp)
        say(M.FILE_WRITTEN, path=public)
    emit({"dealing": str(public), "secret": str(secret)})


@trustee_app.command("receive")
@guarded
def receive(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Open and check the shares dealt to you: accept each dealer or complain."""
    pile = _pile(files, own)
    params = pile.params
    params.require_trustee(index)
    public = own / output_name("response", j=index)
    secret = own / output_name("shares", j=index)
    if not _done(public, secret):
        missing = [i for i in params.indices if i not in pile.dealings]
        if missing:
            raise CliError(M.CEREMONY_MISSING_DEALINGS, trustees=_ids(missing))
        box = _box_key(own, params, index)
        response, shares = ceremony.receive(
            params, index, box, pile.setup_list(), pile.dealings.values()
        )
        fp = params.fingerprint
        body = {"index": index, "shares": shares.to_dict()}
        write_document(secret, SHARES, body, fingerprint=fp, secret=True)
        write_document(public, "response", {"response": response.to_dict()}, fingerprint=fp)
        for c in response.complaints:
            say(M.COMPLAINT, dealer=c.dealer, reason=c.reason)
        say(M.FILE_WRITTEN, path=public)
    doc = read_document(public, "response", params.fingerprint)
    r = decode(public, "response", lambda: Response.from_dict(doc["response"]))
    emit(
        {
            "response": str(public),
            "accepted": list(r.accepted),
            "complaints": [{"dealer": c.dealer, "reason": c.reason} for c in r.complaints],
        }
    )


def _ids(items: list[int]) -> str:
    return ", ".join(str(i) for i in items)


@trustee_app.command("reveal")
@guarded
def reveal(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Answer each complaint against you by publishing the disputed share."""
    pile = _pile(files, own)
    params = pile.params
    params.require_trustee(index)
    path = own / output_name("dealer", j=index)
    doc = _secret(path, DEALER, params.fingerprint, index)
    secret = decode(path, DEALER, lambda: DealerSecret.from_dict(doc["secret"]))
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
                say(M.FILE_WRITTEN, path=out)
            written.append(str(out))
    if not written:
        say(M.NO_COMPLAINTS)
    emit({"reveals": written})


@trustee_app.command("finalize")
@guarded
def finalize(index: IndexOption, own: DirOption, files: FilesArgument = None) -> None:
    """Compute the joint key from the public files and your key share; check they agree."""
    pile = _pile(files, own)
    params = pile.params
    params.require_trustee(index)
    result_path = own / output_name("result")
    share_path = own / output_name("key_share", j=index)
    fp = params.fingerprint
    reveals = list(pile.reveals.values())
    result = ceremony.finalize(params, pile.dealings.values(), pile.responses.values(), reveals)
    if pile.result is not None and pile.result != result:
        raise CliError(M.RESULT_DIFFERS)
    if not _done(share_path):
        path = own / output_name("shares", j=index)
        doc = _secret(path, SHARES, fp, index)
        received = decode(path, SHARES, lambda: ReceivedShares.from_dict(doc["shares"]))
        share = ceremony.trustee_share(params, result, pile.dealings.values(), received, reveals)
        body = {"index": index, "share": share.to_dict()}
        write_document(share_path, KEY_SHARE, body, fingerprint=fp, secret=True)
        say(M.FILE_WRITTEN, path=share_path)
    if not result_path.exists():
        write_document(result_path, RESULT, {"result": result.to_dict()}, fingerprint=fp)
    say(M.JOINT_KEY, key=result.joint_key.to_hex())
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
    raise CliError(M.NO_KEY_YET)


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
            raise CliError(M.SHARE_NOT_ON_BOARD, index=index)
        out["key_share_matches"] = True
    say(M.KEY_CHECKED, key=result.joint_key.to_hex())
    emit(out)


def _key_share(own: Path, fp: bytes, index: int) -> TrusteeShare:
    path = own / output_name("key_share", j=index)
    doc = _secret(path, KEY_SHARE, fp, index)
    return decode(path, KEY_SHARE, lambda: TrusteeShare.from_dict(doc["share"]))


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
        raise CliError(M.NO_TALLY_YET)
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
        say(M.FILE_WRITTEN, path=out)
    emit({"decryption_share": str(out), "format": format_of(DECRYPTION)})
