"""Read models of an election for the voter and public pages, kept by replaying its board.

``ElectionIndex`` is what the booth, the tracking page, the board browser and
the results need to know without taking the casting lock: the manifest and
key, the stage, the published credentials, where each tracking code sits and
which ballot of a credential is the latest.  It is synced incrementally from
the board (another worker may have appended) and holds nothing the board does
not: everything in it is public.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from tandau.board import Board, UnknownElection
from tandau.board.entry import MAX_ELECTION_ID, Entry
from tandau.crypto.canonical import dumps
from tandau.protocol import events as ev
from tandau.protocol.ballot import tracking_code
from tandau.protocol.manifest import Manifest

from .context import ADMIN_BOARD, WebContext

__all__ = [
    "STAGES",
    "ElectionIndex",
    "ElectionViews",
    "normalize_tracking_code",
    "views_of",
]

#: The stages an election passes on its board, in order.
STAGES = ("setup", "ready", "open", "closed", "tallied", "published")

_TRACKING = re.compile(r"[A-Z2-7]{16}")


def normalize_tracking_code(text: str) -> str | None:
    """``XXXX-XXXX-XXXX-XXXX`` from what a voter typed (any case, dashes or spaces), or None."""
    cleaned = "".join(ch for ch in text.upper() if ch not in "- \t")
    if not _TRACKING.fullmatch(cleaned):
        return None
    return "-".join(cleaned[i : i + 4] for i in range(0, 16, 4))


@dataclass
class ElectionIndex:
    """What the board of one election says so far (public facts only)."""

    election: str
    size: int = 0
    manifest: Manifest | None = None
    key_hex: str | None = None
    credentials: set[str] = field(default_factory=set)
    opened: bool = False
    closed: bool = False
    tallied: bool = False
    results: dict[str, Any] | None = None
    results_seq: int | None = None
    paper: list[dict[str, Any]] = field(default_factory=list)
    cancelled: dict[str, str] = field(default_factory=dict)  # credential hex -> precinct
    by_code: dict[str, int] = field(default_factory=dict)  # tracking code -> seq
    latest: dict[str, int] = field(default_factory=dict)  # credential hex -> latest ballot seq
    ballots_of: Counter[str] = field(default_factory=Counter)  # credential hex -> ballots
    types: Counter[str] = field(default_factory=Counter)

    @property
    def stage(self) -> str:
        if self.results is not None:
            return "published"
        if self.tallied:
            return "tallied"
        if self.closed:
            return "closed"
        if self.opened:
            return "open"
        if self.key_hex is not None and self.credentials:
            return "ready"
        return "setup"

    @property
    def pilot(self) -> bool:
        """Remote voting in this election is a trial (manifest mode ``remote-pilot``)."""
        return self.manifest is not None and self.manifest.mode == "remote-pilot"

    @property
    def remote(self) -> bool:
        """Voters may vote from their own device (a pilot, or a community question)."""
        return self.manifest is not None and self.manifest.mode in ("remote-pilot", "community")

    @property
    def fingerprint_hex(self) -> str:
        return self.require_manifest().fingerprint.hex()

    @property
    def ballots(self) -> int:
        return self.types[ev.BALLOT]

    @property
    def voted(self) -> int:
        """Credentials with at least one ballot on the board."""
        return len(self.latest)

    def require_manifest(self) -> Manifest:
        if self.manifest is None:
            raise UnknownElection("no election on this board", election=self.election)
        return self.manifest

    def ballot_status(self, credential: str, seq: int) -> str:
        """``counted`` (so far), ``superseded`` by a later ballot, or ``cancelled`` (paper vote)."""
        if credential in self.cancelled:
            return "cancelled"
        if self.latest.get(credential) != seq:
            return "superseded"
        return "counted"

    def apply(self, entry: Entry) -> None:
        """One entry, in board order; the board's writer already checked the event rules."""
        p = entry.payload
        if entry.seq == 0:
            if entry.type != ev.MANIFEST:
                raise UnknownElection("this board holds no election", election=self.election)
            self.manifest = Manifest.from_dict(p["manifest"])
        elif entry.type == ev.ELECTION_KEY:
            self.key_hex = str(p["joint_key"])
        elif entry.type == ev.CREDENTIALS_LIST:
            self.credentials.update(str(c) for c in p["credentials"])
        elif entry.type == ev.VOTING_OPENED:
            self.opened = True
        elif entry.type == ev.BALLOT:
            ballot = p["ballot"]
            credential = str(ballot["credential"])
            self.by_code[tracking_code(dumps(ballot))] = entry.seq
            self.latest[credential] = entry.seq
            self.ballots_of[credential] += 1
        elif entry.type == ev.BALLOT_CANCELLED:
            self.cancelled[str(p["credential"])] = str(p.get("precinct", ""))
        elif entry.type == ev.VOTING_CLOSED:
            self.closed = True
        elif entry.type == ev.PAPER_PROTOCOL:
            if p.get("corrects") is not None:  # a correction replaces its precinct's protocol
                self.paper = [x for x in self.paper if x.get("precinct") != p.get("precinct")]
            self.paper.append(p)
        elif entry.type == ev.TALLY_ENCRYPTED:
            self.tallied = True
        elif entry.type == ev.RESULTS:
            self.results = p
            self.results_seq = entry.seq
        self.types[entry.type] += 1
        self.size = entry.seq + 1


class ElectionViews:
    """The indexes of every election this process has been asked about."""

    def __init__(self, ctx: WebContext) -> None:
        self._ctx = ctx
        self._indexes: dict[str, ElectionIndex] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def board(self, election: str) -> Board:
        check_id(election)
        return self._ctx.board(election)

    def index(self, election: str) -> ElectionIndex:
        """The election's index, synced with its board; UnknownElection if there is none."""
        check_id(election)
        board = self._ctx.board(election)
        with self._lock:
            index = self._indexes.get(election)
        if index is None:
            # Only a board that exists gets an index: unknown names take no memory.
            if board.size() == 0:
                raise UnknownElection("no board for this election", election=election)
            with self._lock:
                index = self._indexes.setdefault(election, ElectionIndex(election))
                self._locks.setdefault(election, threading.Lock())
        with self._locks[election]:
            size = board.size()
            if size > index.size:
                for entry in board.entries(index.size, size):
                    index.apply(entry)
            index.require_manifest()
            return index

    def all(self) -> list[ElectionIndex]:
        out = []
        for election in self._ctx.elections():
            try:
                out.append(self.index(election))
            except UnknownElection:
                continue  # a board that holds no election (an administrative record)
        return out


def check_id(election: str) -> None:
    """Anything that cannot name an election board is simply not found."""
    if (
        not 0 < len(election) <= MAX_ELECTION_ID
        or not election.isprintable()
        or election == ADMIN_BOARD
    ):
        raise UnknownElection("no such election", election=election[:MAX_ELECTION_ID])


_VIEWS_LOCK = threading.Lock()


def views_of(request: Request) -> ElectionViews:
    """The app's read models, made on first use."""
    state = request.app.state
    with _VIEWS_LOCK:
        views: ElectionViews | None = getattr(state, "election_views", None)
        if views is None:
            views = ElectionViews(state.ctx)
            state.election_views = views
    return views
