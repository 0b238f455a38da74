"""Board event types of an election and the state a replay of them builds (record spec §R5, §R6).

``ElectionState.apply`` is the one place that knows the order rules; the
casting service, the tally and the exporter all replay the board through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tandau.crypto.elgamal import PublicKey
from tandau.crypto.group import Point

from . import paper
from .errors import BallotRefused, InvalidObject, ProtocolError
from .manifest import Manifest
from .tally import BallotBox

if TYPE_CHECKING:
    from .ballot import Ballot

__all__ = [
    "BALLOT",
    "BALLOT_CANCELLED",
    "CEREMONY_DEALING",
    "CEREMONY_RESPONSE",
    "CEREMONY_REVEAL",
    "COMMISSION_DECISION",
    "CREDENTIALS_LIST",
    "ELECTION_KEY",
    "MANIFEST",
    "PAPER_PROTOCOL",
    "RESULTS",
    "TALLY_ENCRYPTED",
    "TALLY_SHARE",
    "VOTING_CLOSED",
    "VOTING_OPENED",
    "ElectionState",
]

MANIFEST = "election.manifest"
CEREMONY_DEALING = "ceremony.dealing"
CEREMONY_RESPONSE = "ceremony.response"
CEREMONY_REVEAL = "ceremony.reveal"
ELECTION_KEY = "election.key"
CREDENTIALS_LIST = "credentials.list"
VOTING_OPENED = "voting.opened"
BALLOT = "ballot"
BALLOT_CANCELLED = "ballot.cancelled"
VOTING_CLOSED = "voting.closed"
PAPER_PROTOCOL = "paper.protocol"
TALLY_ENCRYPTED = "tally.encrypted"
TALLY_SHARE = "tally.share"
RESULTS = "results"
COMMISSION_DECISION = "commission.decision"


class OrderError(ProtocolError, title=ProtocolError.title):
    """An event arrives when the election's state does not allow it."""

    code = "protocol.out_of_order"
    operator_text = "This step is not allowed at this stage of the election: {detail}"


@dataclass
class ElectionState:
    """What a replay of the board has established so far."""

    manifest: Manifest | None = None
    key: PublicKey | None = None
    verification_keys: dict[int, Point] = field(default_factory=dict)
    credentials: set[bytes] = field(default_factory=set)
    opened: bool = False
    closed: bool = False
    tallied: bool = False
    results: dict[str, Any] | None = None
    box: BallotBox | None = None
    ballots_seen: dict[str, int] = field(default_factory=dict)  # tracking code -> seq
    dealings: dict[int, dict[str, Any]] = field(default_factory=dict)
    responses: dict[int, dict[str, Any]] = field(default_factory=dict)
    reveals: list[dict[str, Any]] = field(default_factory=list)
    paper: list[dict[str, Any]] = field(default_factory=list)
    #: The protocol in force per precinct, (seq, payload) (§R5.1 P6).
    protocols: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    #: Paper-vote cancellations per precinct (§R5.2, P7).
    cancelled_at: dict[str, int] = field(default_factory=dict)
    shares: dict[int, dict[str, Any]] = field(default_factory=dict)
    tally: dict[str, Any] | None = None
    size: int = 0
    #: The manifest's fingerprint, hashed once per manifest (every cast needs it).
    _fingerprint: tuple[Manifest, bytes] | None = field(default=None, repr=False, compare=False)

    @property
    def fingerprint(self) -> bytes:
        m = self.manifest
        if m is None:
            raise OrderError("the board has no manifest")
        if self._fingerprint is None or self._fingerprint[0] is not m:
            self._fingerprint = (m, m.fingerprint)
        return self._fingerprint[1]

    @property
    def paper_in_force(self) -> list[dict[str, Any]]:
        """The protocols that count: the last of each precinct (corrections replace)."""
        return [p for _, p in self.protocols.values()]

    def require_manifest(self) -> Manifest:
        if self.manifest is None:
            raise OrderError("the board has no manifest")
        return self.manifest

    def require_key(self) -> PublicKey:
        if self.key is None:
            raise OrderError("the election key is not published yet")
        return self.key

    def check_ballot_admissible(self, credential: Point) -> None:
        """V-R6.2, V-R6.3, V-R6.5: the rules a ballot must meet at this point of the board."""
        if not self.opened or self.closed:
            raise BallotRefused("voting is not open", reason="voting_not_open")
        if credential.data not in self.credentials:
            raise BallotRefused("unknown credential", reason="unknown_credential")
        if self.box is not None and self.box.is_cancelled(credential):
            raise BallotRefused("this credential was cancelled (paper vote)",
                                reason="cancelled_credential")  # fmt: skip

    def apply_ballot(self, seq: int, ballot: Ballot, code: str | None = None) -> None:
        """Advance by a ballot entry the caller has already parsed (the casting hot path);
        ``code``: its tracking code when the caller has computed it."""
        if seq != self.size:
            raise OrderError("entries must be applied in order", seq=seq)
        if self.manifest is None:
            raise OrderError("the manifest comes first")
        self.count_ballot(seq, ballot, code)
        self.size += 1

    def count_ballot(self, seq: int, ballot: Ballot, code: str | None = None) -> None:
        """V-R6.2…V-R6.5, then the ballot supersedes its credential's earlier one."""
        self.check_ballot_admissible(ballot.credential)
        assert self.box is not None
        self.box.cast(seq, ballot.credential, ballot.selection.ciphertexts)
        self.ballots_seen[code if code is not None else ballot.tracking_code] = seq

    def apply(self, seq: int, type_: str, payload: dict[str, Any]) -> None:
        """Advance the state by one board entry (its payload already parsed)."""
        if seq != self.size:
            raise OrderError("entries must be applied in order", seq=seq)
        handler = _HANDLERS.get(type_)
        if handler is None:
            raise InvalidObject(f"unknown event type {type_!r}", field="type")
        if type_ != MANIFEST and self.manifest is None:
            raise OrderError("the manifest comes first")
        handler(self, seq, payload)
        self.size += 1


def _manifest(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.manifest is not None or seq != 0:
        raise OrderError("the manifest is entry 0 and appears once")
    st.manifest = Manifest.from_dict(p["manifest"])
    st.box = BallotBox(st.manifest.rule.options)


def _dealing(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.key is not None:
        raise OrderError("the ceremony is over")
    st.dealings[int(p["trustee"])] = p["dealing"]


def _response(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.key is not None:
        raise OrderError("the ceremony is over")
    st.responses[int(p["trustee"])] = p["response"]


def _reveal(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.key is not None:
        raise OrderError("the ceremony is over")
    st.reveals.append(p)


def _key(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.key is not None:
        raise OrderError("the election key is published once")
    st.key = PublicKey.from_hex(p["joint_key"])
    st.verification_keys = {int(i): Point.from_hex(h) for i, h in p["verification_keys"].items()}


def _credentials(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.opened:
        raise OrderError("credentials are published before voting opens")
    items = p["credentials"]
    if not isinstance(items, list):
        raise InvalidObject("credentials must be a list", field="credentials")
    points = [Point.from_hex(h).require_not_identity().data for h in items]
    if len(set(points)) != len(points) or not st.credentials.isdisjoint(points):
        raise InvalidObject("a credential is published twice", field="credentials")
    st.credentials.update(points)


def _opened(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.opened or st.key is None or not st.credentials:
        raise OrderError("voting opens once, after the key and the credentials")
    st.opened = True


def _ballot(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    from .ballot import Ballot  # ballot imports signatures; keep events light to import

    st.count_ballot(seq, Ballot.from_dict(p["ballot"]))


def _cancelled(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.tallied:
        raise OrderError("cancellations come before the tally")
    credential = Point.from_hex(p["credential"])
    if credential.data not in st.credentials:
        raise InvalidObject("cancelling an unknown credential", field="credential")
    assert st.box is not None
    precinct = paper.check_cancellation(
        st.protocols, st.cancelled_at, p, already=st.box.is_cancelled(credential)
    )
    st.box.cancel(credential)
    st.cancelled_at[precinct] = st.cancelled_at.get(precinct, 0) + 1


def _closed(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if not st.opened or st.closed:
        raise OrderError("voting closes once, after it opened")
    st.closed = True


def _paper(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if not st.closed or st.results is not None:
        raise OrderError("paper protocols come after voting closes, before results")
    ids = [o.id for o in st.require_manifest().options]
    precinct = paper.check_protocol(st.protocols, st.cancelled_at, ids, seq, p, in_period=True)
    st.paper.append(p)
    st.protocols[precinct] = (seq, p)


def _tally(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if not st.closed or st.tallied:
        raise OrderError("the tally comes once, after voting closes")
    st.tallied = True
    st.tally = p["tally"]


def _share(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if not st.tallied or st.results is not None:
        raise OrderError("decryption shares come after the tally, before results")
    st.shares[int(p["trustee"])] = p["share"]


def _results(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if not st.tallied or st.results is not None:
        raise OrderError("results come once, after the tally")
    paper.check_results_precincts(st.protocols, st.cancelled_at)
    st.results = p


def _decision(st: ElectionState, seq: int, p: dict[str, Any]) -> None:
    if st.results is None:
        raise OrderError("commission decisions on the outcome follow the results")


_HANDLERS = {
    MANIFEST: _manifest,
    CEREMONY_DEALING: _dealing,
    CEREMONY_RESPONSE: _response,
    CEREMONY_REVEAL: _reveal,
    ELECTION_KEY: _key,
    CREDENTIALS_LIST: _credentials,
    VOTING_OPENED: _opened,
    BALLOT: _ballot,
    BALLOT_CANCELLED: _cancelled,
    VOTING_CLOSED: _closed,
    PAPER_PROTOCOL: _paper,
    TALLY_ENCRYPTED: _tally,
    TALLY_SHARE: _share,
    RESULTS: _results,
    COMMISSION_DECISION: _decision,
}
