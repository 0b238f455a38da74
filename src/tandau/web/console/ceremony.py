"""The key ceremony, guided: trustees upload the files their offline commands produced.

Steps (crypto spec §6), each open when the previous one is complete:

1. ``setup``    every trustee uploads ``setup-J.json`` (``tandau trustee setup``);
2. ``dealing``  every trustee uploads ``dealing-J.json``, checked publicly at upload;
3. ``response`` every trustee uploads ``response-J.json`` (acceptances, complaints);
   an accused dealer may upload ``reveal-I-J.json`` for each complaint against it;
4. ``finalize`` the chair or secretary finalises: the joint key is computed from the
   public files; if fewer than t dealers qualify, it is refused and says so.  Then the
   dealings, responses, reveals and the key are posted to the board, in that order —
   nothing reaches the board before the ceremony is known to succeed.

Files are the CLI's documents (``{"format": "tandau-<kind>/v1", "fingerprint", "<kind>":
…}``) or, as a fallback, the ceremony object's own ``to_dict`` JSON.  A trustee uploads
only as its own seat; a second upload of the same file is refused.  The public files
of the ceremony can be downloaded as one zip (``public_files``) to feed the next
offline command.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Complaint,
    Dealing,
    Response,
    Reveal,
    TrusteeSetup,
    check_dealing,
    finalize,
    resolve_complaint,
)
from tandau.crypto.errors import CeremonyError, CryptoError, TandauError
from tandau.i18n import CONSOLE, Message
from tandau.protocol import events as ev
from tandau.protocol.ceremony_files import CeremonyFiles
from tandau.protocol.manifest import Manifest
from tandau.storage.database import write_transaction
from tandau.storage.web_tables import web_ceremony_files

from ..accounts import WEB_LOCK_KEY, Account
from ..context import WebContext
from ..limits import loads_utf8
from .errors import RefusedFile, StepRefused
from .evoting import has_board, seat_of

__all__ = [
    "KINDS",
    "MAX_FILE_BYTES",
    "CeremonyProgress",
    "finalize_ceremony",
    "parse_document",
    "progress",
    "public_files",
    "upload",
]

T = TypeVar("T")

#: The largest ceremony or decryption file accepted (n = 255 dealings are ~100 KB).
MAX_FILE_BYTES = 2 * 1024 * 1024

#: Upload kinds: (CLI document kind, body key, kind label).
KINDS: Mapping[str, tuple[str, str, Message]] = {
    "setup": ("trustee-setup", "setup", CONSOLE.kind_setup),
    "dealing": ("dealing", "dealing", CONSOLE.kind_dealing),
    "response": ("response", "response", CONSOLE.kind_response),
    "reveal": ("reveal", "reveal", CONSOLE.kind_reveal),
}


def parse_document(raw: bytes, kind: str, body_key: str, label: Message, fingerprint: bytes) -> Any:
    """The body of an uploaded document of ``kind`` for this election (or a bare object)."""
    if len(raw) > MAX_FILE_BYTES:
        raise RefusedFile(label)
    try:
        obj = loads_utf8(raw)
    except ValueError as exc:  # not UTF-8, not JSON, or nested too deeply
        raise RefusedFile(label) from exc
    if isinstance(obj, dict) and "format" in obj:
        if obj.get("format") != f"tandau-{kind}/v1" or body_key not in obj:
            raise RefusedFile(label)
        if obj.get("fingerprint") != fingerprint.hex():
            raise RefusedFile(label)
        return obj[body_key]
    return obj


def _decode(label: Message, parse: Callable[[], T]) -> T:
    try:
        return parse()
    except (TandauError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RefusedFile(label) from exc


class CeremonyProgress(CeremonyFiles):
    """The ceremony as the uploaded files and the board show it."""

    @property
    def indices(self) -> list[int]:
        return list(self.params.indices)

    def missing(self, kind: str) -> list[int]:
        tables: dict[str, Mapping[int, object]] = {
            "setup": self.setups,
            "dealing": self.dealings,
            "response": self.responses,
        }
        have = tables[kind]
        return [j for j in self.indices if j not in have]

    @property
    def step(self) -> str:
        """``setup``, ``dealing``, ``response``, ``finalize`` or ``done``."""
        if self.result is not None:
            return "done"
        for kind in ("setup", "dealing", "response"):
            if self.missing(kind):
                return kind
        return "finalize"

    @property
    def complaints(self) -> list[tuple[Complaint, bool]]:
        """Every complaint and whether the accused dealer answered it with a valid reveal."""
        out = []
        for response in self.responses.values():
            for c in response.complaints:
                dealing = self.dealings.get(c.dealer)
                answered = (
                    dealing is not None
                    and not resolve_complaint(
                        self.params, dealing, c, list(self.reveals.values())
                    ).upheld
                )
                out.append((c, answered))
        return sorted(out, key=lambda x: (x[0].dealer, x[0].recipient))


def _params(manifest: Manifest) -> CeremonyParameters:
    return CeremonyParameters(manifest.fingerprint, len(manifest.trustees), manifest.threshold)


def progress(ctx: WebContext, election: str) -> CeremonyProgress:
    """The files uploaded so far, decoded, and the result once the key is on the board."""
    if not has_board(ctx, election):
        raise StepRefused(CONSOLE.evoting_missing)

    def read(svc: Any) -> tuple[Manifest, tuple[list[Any], list[Any], list[Any]] | None]:
        st = svc.state
        board = None
        if st.key is not None:
            board = (
                list(st.dealings.values()),
                list(st.responses.values()),
                [x["reveal"] for x in st.reveals],
            )
        return st.require_manifest(), board

    manifest, board = ctx.with_election(election, read)
    params = _params(manifest)
    p = CeremonyProgress(manifest, params)
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            select(web_ceremony_files).where(web_ceremony_files.c.election == election)
        ).all()
    for r in rows:
        if r.kind == "setup":
            p.setups[r.trustee] = TrusteeSetup.from_dict(r.body)
        elif r.kind == "dealing":
            p.dealings[r.trustee] = Dealing.from_dict(r.body)
        elif r.kind == "response":
            p.responses[r.trustee] = Response.from_dict(r.body)
        elif r.kind == "reveal":
            p.reveals[(r.trustee, r.recipient)] = Reveal.from_dict(r.body)
    if board is not None:
        # The published ceremony, recomputed from the board (the files may be elsewhere).
        p.result = finalize(
            params,
            [Dealing.from_dict(d) for d in board[0]],
            [Response.from_dict(r) for r in board[1]],
            [Reveal.from_dict(v) for v in board[2]],
        )
    return p


def upload(ctx: WebContext, election: str, account: Account, kind: str, raw: bytes) -> int:
    """Check and store one trustee's file; the trustee index it belongs to."""
    if kind not in KINDS:
        raise StepRefused(CONSOLE.ceremony_done)
    seat = seat_of(ctx, election, account)
    p = progress(ctx, election)
    if p.result is not None:
        raise StepRefused(CONSOLE.ceremony_done)
    doc_kind, key, label = KINDS[kind]
    body = parse_document(raw, doc_kind, key, label, p.params.fingerprint)
    recipient = 0
    if kind != "setup":
        # Setups come first; responses and reveals answer the dealings.
        _after(p, "setup" if kind == "dealing" else "dealing")
    if kind == "setup":
        setup = _decode(label, lambda: TrusteeSetup.from_dict(body))
        owner = setup.index
        stored = setup.to_dict()
    elif kind == "dealing":
        dealing = _decode(label, lambda: Dealing.from_dict(body))
        owner = dealing.dealer
        _own(owner, seat)
        try:
            check_dealing(p.params, dealing)
        except CryptoError as exc:
            raise RefusedFile(label, CONSOLE.dealing_invalid, index=owner) from exc
        stored = dealing.to_dict()
    elif kind == "response":
        response = _decode(label, lambda: Response.from_dict(body))
        owner = response.recipient
        _own(owner, seat)
        answered = set(response.accepted) | {c.dealer for c in response.complaints}
        if answered != set(p.indices):
            raise RefusedFile(label, CONSOLE.response_incomplete, index=owner)
        stored = response.to_dict()
    else:
        reveal = _decode(label, lambda: Reveal.from_dict(body))
        owner, recipient = reveal.dealer, reveal.recipient
        _own(owner, seat)
        complaint = next(
            (
                c
                for r in p.responses.values()
                for c in r.complaints
                if c.dealer == owner and c.recipient == recipient
            ),
            None,
        )
        if complaint is None:
            raise StepRefused(CONSOLE.no_complaint, recipient=recipient)
        if resolve_complaint(p.params, p.dealings[owner], complaint, [reveal]).upheld:
            raise RefusedFile(label, CONSOLE.reveal_invalid, index=owner)
        stored = reveal.to_dict()
    _own(owner, seat)
    if owner not in p.params.indices:
        raise RefusedFile(label)
    try:
        with write_transaction(ctx.engine, WEB_LOCK_KEY) as conn:
            conn.execute(
                insert(web_ceremony_files).values(
                    election=election,
                    kind=kind,
                    trustee=owner,
                    recipient=recipient,
                    body=stored,
                    uploaded_by=account.id,
                    uploaded_at=ctx.clock.now().isoformat(),
                )
            )
    except IntegrityError as exc:
        raise StepRefused(CONSOLE.already_uploaded, index=owner) from exc
    return owner


def _own(owner: int, seat: int) -> None:
    if owner != seat:
        raise StepRefused(CONSOLE.not_your_file, index=owner, seat=seat)


def _after(p: CeremonyProgress, kind: str) -> None:
    missing = p.missing(kind)
    if missing:
        raise StepRefused(CONSOLE.waiting_for, trustees=", ".join(str(j) for j in missing))


def finalize_ceremony(ctx: WebContext, election: str) -> CeremonyResult:
    """Compute the joint key from the files, then post the ceremony and the key to the board."""
    p = progress(ctx, election)
    if p.result is not None:
        raise StepRefused(CONSOLE.ceremony_done)
    _after(p, "response")
    dealings = [p.dealings[i] for i in p.indices]
    responses = [p.responses[j] for j in p.indices]
    reveals = [p.reveals[k] for k in sorted(p.reveals)]
    try:
        result = finalize(p.params, dealings, responses, reveals)
    except CeremonyError as exc:
        qualified = exc.details.get("qualified")
        count = len(qualified) if isinstance(qualified, list) else 0
        raise StepRefused(
            CONSOLE.ceremony_failed, qualified=count, threshold=p.params.threshold
        ) from exc

    def publish(svc: Any) -> None:
        st = svc.sync()
        if st.key is not None:
            raise StepRefused(CONSOLE.ceremony_done)
        # A publication interrupted earlier is completed, never repeated.
        for d in dealings:
            if st.dealings.get(d.dealer) != d.to_dict():
                svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
        for r in responses:
            if st.responses.get(r.recipient) != r.to_dict():
                svc.post(ev.CEREMONY_RESPONSE, {"trustee": r.recipient, "response": r.to_dict()})
        posted = [x.get("reveal") for x in st.reveals]
        for v in reveals:
            if v.to_dict() not in posted:
                svc.post(ev.CEREMONY_REVEAL, {"trustee": v.dealer, "reveal": v.to_dict()})
        svc.post(ev.ELECTION_KEY, result.to_dict())

    ctx.with_election(election, publish)
    return result


def _document(kind: str, key: str, body: Any, fingerprint: bytes) -> bytes:
    doc = {"format": f"tandau-{kind}/v1", "fingerprint": fingerprint.hex(), key: body}
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def public_files(ctx: WebContext, election: str, tally: Mapping[str, Any] | None = None) -> bytes:
    """A zip of the ceremony's public files, named as the trustee commands name them."""
    p = progress(ctx, election)
    fp = p.params.fingerprint
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        params_doc = {
            "format": "tandau-ceremony-params/v1",
            "election": p.manifest.election_id,
            "parameters": p.params.to_dict(),
            "manifest": p.manifest.to_dict(),
        }
        z.writestr(
            "ceremony-params.json",
            json.dumps(params_doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        )
        for j, s in sorted(p.setups.items()):
            z.writestr(f"setup-{j}.json", _document("trustee-setup", "setup", s.to_dict(), fp))
        for j, d in sorted(p.dealings.items()):
            z.writestr(f"dealing-{j}.json", _document("dealing", "dealing", d.to_dict(), fp))
        for j, r in sorted(p.responses.items()):
            z.writestr(f"response-{j}.json", _document("response", "response", r.to_dict(), fp))
        for (i, j), v in sorted(p.reveals.items()):
            z.writestr(f"reveal-{i}-{j}.json", _document("reveal", "reveal", v.to_dict(), fp))
        if p.result is not None:
            z.writestr(
                "ceremony-result.json",
                _document("ceremony-result", "result", p.result.to_dict(), fp),
            )
        if tally is not None:
            z.writestr("tally.json", _document("tally", "tally", dict(tally), fp))
    return out.getvalue()
