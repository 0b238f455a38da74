"""The dealer-free threshold key ceremony: Pedersen DKG with Feldman VSS (spec §6).

n trustees, threshold t (1 <= t <= n).  Each step is a pure function over
frozen values with a hex/JSON form, so every trustee can run it on files on
an offline laptop:

§6.1 ``setup``     trustee j publishes index, name and a sealed-box public key.
§6.2 ``deal``      dealer i draws f_i of degree t − 1, publishes C_{i,k} = a_{i,k}·G,
                   a Schnorr proof of knowledge of a_{i,0} with context
                   H("ceremony/dealing", fingerprint, i, C_{i,0}, …, C_{i,t−1}), and
                   f_i(j) sealed to every trustee j = 1 … n (itself included).
§6.3 ``receive``   trustee j opens its boxes and checks each dealing publicly
                   (``check_dealing``) and its share f_i(j)·G = Σ_k j^k·C_{i,k};
                   it publishes one acceptance or complaint per dealer.
§6.4 ``reveal_share`` / ``resolve_complaint``: the accused dealer publishes the
                   disputed share; anyone checks it against the commitments.
                   A complaint is upheld (the dealer disqualified) when the
                   dealing is invalid, nothing is revealed or the share is wrong.
§6.5 ``finalize``  Q = dealers with a valid dealing and no upheld complaint,
                   |Q| >= t; joint key K = Σ_{i∈Q} C_{i,0}; verification keys
                   Y_j = Σ_{i∈Q} Σ_k j^k·C_{i,k}.  ``trustee_share`` gives trustee j
                   x_j = Σ_{i∈Q} f_i(j) (revealed shares where it complained)
                   and checks x_j·G = Y_j.

The proof of knowledge defeats rogue keys: a C_{i,0} that is the identity,
or chosen as x·G − Σ others' C_{k,0}, comes without a proof its dealer can
make, so that dealer is not qualified.  Secret values (polynomials, received
shares, x_j, box keys) have their own types and never print.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from . import sodium
from .canonical import record_object
from .elgamal import PublicKey
from .errors import CeremonyError, CryptoError, EncodingError, IdentityPoint, InvalidShare
from .group import L, Point, Scalar
from .hashing import hash_bytes, int_part
from .rng import Rng
from .schnorr import SchnorrProof, prove_knowledge, verify_knowledge
from .sealed import SEAL_OVERHEAD, BoxPublicKey, TrusteeBoxKey, seal
from .sharing import (
    MAX_TRUSTEES,
    check_index,
    commit,
    decode_index,
    evaluate,
    random_polynomial,
    verification_keys,
    verify_share,
)

__all__ = [
    "BOX_LENGTH",
    "INVALID_DEALING",
    "INVALID_SHARE",
    "UNOPENABLE_SHARE",
    "CeremonyParameters",
    "CeremonyResult",
    "Complaint",
    "DealerSecret",
    "Dealing",
    "ReceivedShares",
    "Resolution",
    "Response",
    "Reveal",
    "TrusteeSetup",
    "TrusteeShare",
    "check_dealing",
    "deal",
    "dealing_context",
    "finalize",
    "qualified_dealers",
    "receive",
    "resolve_complaint",
    "reveal_share",
    "setup",
    "trustee_share",
    "verify_result",
]

#: Length of one sealed share: a 32-byte scalar plus the sealed-box overhead.
BOX_LENGTH = 32 + SEAL_OVERHEAD

#: Complaint reasons (stable codes).
INVALID_DEALING = "invalid_dealing"
UNOPENABLE_SHARE = "unopenable_share"
INVALID_SHARE = "invalid_share"
_REASONS = (INVALID_DEALING, UNOPENABLE_SHARE, INVALID_SHARE)

_MAX_NAME = 200


# --- decoding helpers: every from_dict refuses anything but the one canonical form ---


def _index_key(k: Any) -> int:
    # JSON object keys are strings; only the canonical decimal form is accepted.
    if not isinstance(k, str) or not k.isascii() or not k.isdigit() or str(int(k)) != k:
        raise EncodingError("a trustee index key is a decimal string without leading zeros")
    return decode_index(int(k))


def _list(v: Any, what: str) -> list[Any]:
    if not isinstance(v, list) or len(v) > MAX_TRUSTEES:
        raise EncodingError(f"{what} is a list of at most 255 items")
    return v


_HEX_DIGITS = frozenset("0123456789abcdef")


def _hex(v: Any, length: int, what: str) -> bytes:
    # Lower-case digits only: bytes.fromhex would also take upper case and spaces.
    if not isinstance(v, str) or len(v) != 2 * length or not _HEX_DIGITS.issuperset(v):
        raise EncodingError(f"{what} is {2 * length} lower-case hex digits")
    return bytes.fromhex(v)


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


def _ascending(items: Sequence[int], what: str) -> None:
    if any(a >= b for a, b in pairwise(items)):
        raise EncodingError(f"{what} must be strictly ascending")


# --- §6.1 parameters and setup ---


@dataclass(frozen=True, slots=True)
class CeremonyParameters:
    """The election fingerprint, n trustees numbered 1 … n, and the threshold t."""

    fingerprint: bytes
    trustees: int
    threshold: int

    def __post_init__(self) -> None:
        if not isinstance(self.fingerprint, bytes) or len(self.fingerprint) != 32:
            raise CeremonyError("the election fingerprint is 32 bytes")
        check_index(self.trustees)
        t = self.threshold
        if not isinstance(t, int) or isinstance(t, bool) or not 1 <= t <= self.trustees:
            raise CeremonyError(
                "the threshold t must satisfy 1 <= t <= n", threshold=self.threshold
            )

    @property
    def indices(self) -> range:
        return range(1, self.trustees + 1)

    def require_trustee(self, j: int) -> int:
        if check_index(j) > self.trustees:
            raise CeremonyError(f"there is no trustee {j}", index=j)
        return j

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint.hex(),
            "trustees": self.trustees,
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, d: Any) -> CeremonyParameters:
        d = record_object(
            d, ("fingerprint", "trustees", "threshold"), "a set of ceremony parameters"
        )
        t = d["threshold"]
        if not isinstance(t, int) or isinstance(t, bool):
            raise EncodingError("the threshold is an integer")
        return cls(_hex(d["fingerprint"], 32, "the fingerprint"), decode_index(d["trustees"]), t)


@dataclass(frozen=True, slots=True)
class TrusteeSetup:
    """What trustee j publishes before dealing: its index, name and box public key (§6.1)."""

    index: int
    name: str
    box_key: BoxPublicKey

    def __post_init__(self) -> None:
        check_index(self.index)
        if not isinstance(self.name, str) or not 1 <= len(self.name) <= _MAX_NAME:
            raise CeremonyError("a trustee name is 1 to 200 characters")

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "box_key": self.box_key.hex()}

    @classmethod
    def from_dict(cls, d: Any) -> TrusteeSetup:
        d = record_object(d, ("index", "name", "box_key"), "a trustee setup")
        if not isinstance(d["name"], str) or not 1 <= len(d["name"]) <= _MAX_NAME:
            raise EncodingError("a trustee name is 1 to 200 characters")
        return cls(decode_index(d["index"]), d["name"], BoxPublicKey.from_hex(d["box_key"]))


def setup(index: int, name: str, rng: Rng) -> tuple[TrusteeSetup, TrusteeBoxKey]:
    """A fresh box key for trustee ``index``: the public setup and the secret key (§6.1)."""
    key = TrusteeBoxKey.generate(rng)
    return TrusteeSetup(index, name, key.public), key


def _setups_by_index(
    params: CeremonyParameters, setups: Sequence[TrusteeSetup]
) -> list[BoxPublicKey]:
    if [s.index for s in setups] != list(params.indices):
        raise CeremonyError("one setup per trustee, in index order 1 … n")
    return [s.box_key for s in setups]


# --- §6.2 dealing ---


def dealing_context(fingerprint: bytes, dealer: int, commitments: Sequence[Point]) -> bytes:
    """The proof-of-knowledge context: H("ceremony/dealing", fingerprint, i, C_{i,0…t−1})."""
    return hash_bytes(
        "ceremony/dealing", fingerprint, int_part(dealer), *(c.data for c in commitments)
    )


@dataclass(frozen=True, slots=True)
class Dealing:
    """Dealer i's public message: commitments, proof of knowledge of a_0, sealed shares."""

    dealer: int
    commitments: tuple[Point, ...]
    proof: SchnorrProof
    boxes: tuple[bytes, ...]  # boxes[j − 1] holds f_i(j) sealed to trustee j

    def __post_init__(self) -> None:
        check_index(self.dealer)
        if not 1 <= len(self.commitments) <= MAX_TRUSTEES:
            raise EncodingError("a dealing has 1 to 255 commitments")
        if not 1 <= len(self.boxes) <= MAX_TRUSTEES:
            raise EncodingError("a dealing has 1 to 255 sealed shares")
        if any(not isinstance(b, bytes) or len(b) != BOX_LENGTH for b in self.boxes):
            raise EncodingError(f"a sealed share is {BOX_LENGTH} bytes")

    def to_dict(self) -> dict[str, Any]:
        return {
            "dealer": self.dealer,
            "commitments": [c.hex() for c in self.commitments],
            "proof": self.proof.to_dict(),
            "shares": [b.hex() for b in self.boxes],
        }

    @classmethod
    def from_dict(cls, d: Any) -> Dealing:
        d = record_object(d, ("dealer", "commitments", "proof", "shares"), "a dealing")
        return cls(
            decode_index(d["dealer"]),
            tuple(Point.from_hex(c) for c in _list(d["commitments"], "commitments")),
            SchnorrProof.from_dict(d["proof"]),
            tuple(_hex(b, BOX_LENGTH, "a sealed share") for b in _list(d["shares"], "shares")),
        )


@dataclass(frozen=True, slots=True)
class DealerSecret:
    """Dealer i's polynomial coefficients a_0 … a_{t−1}: kept to answer complaints."""

    dealer: int
    coefficients: tuple[Scalar, ...] = field(repr=False)

    def __post_init__(self) -> None:
        check_index(self.dealer)
        if not 1 <= len(self.coefficients) <= MAX_TRUSTEES:
            raise EncodingError("a polynomial has 1 to 255 coefficients")

    def to_dict(self) -> dict[str, Any]:
        return {"dealer": self.dealer, "coefficients": [a.hex() for a in self.coefficients]}

    @classmethod
    def from_dict(cls, d: Any) -> DealerSecret:
        d = record_object(d, ("dealer", "coefficients"), "a dealer secret")
        coefficients = _list(d["coefficients"], "coefficients")
        return cls(decode_index(d["dealer"]), tuple(Scalar.from_hex(a) for a in coefficients))


def deal(
    params: CeremonyParameters, setups: Sequence[TrusteeSetup], dealer: int, rng: Rng
) -> tuple[Dealing, DealerSecret]:
    """Round 1 for dealer i: the public dealing and the secret polynomial (§6.2)."""
    params.require_trustee(dealer)
    box_keys = _setups_by_index(params, setups)
    coefficients = random_polynomial(params.threshold, rng)
    commitments = commit(coefficients)
    proof = prove_knowledge(
        coefficients[0],
        commitments[0],
        dealing_context(params.fingerprint, dealer, commitments),
        rng,
    )
    boxes = tuple(
        seal(box_keys[j - 1], evaluate(coefficients, j).to_bytes(), rng) for j in params.indices
    )
    return Dealing(dealer, commitments, proof, boxes), DealerSecret(dealer, coefficients)


def check_dealing(params: CeremonyParameters, dealing: Dealing) -> None:
    """The public checks of a dealing (§6.2.2).

    Raises CeremonyError (wrong shape), IdentityPoint or ProofError (rogue key).
    """
    params.require_trustee(dealing.dealer)
    if len(dealing.commitments) != params.threshold:
        raise CeremonyError(
            f"dealer {dealing.dealer} published {len(dealing.commitments)} commitments, "
            f"not t = {params.threshold}",
            dealer=dealing.dealer,
        )
    if len(dealing.boxes) != params.trustees:
        raise CeremonyError(
            f"dealer {dealing.dealer} did not seal one share per trustee", dealer=dealing.dealer
        )
    if dealing.commitments[0].is_identity():
        raise IdentityPoint(
            f"dealer {dealing.dealer}'s key contribution is the identity", dealer=dealing.dealer
        )
    context = dealing_context(params.fingerprint, dealing.dealer, dealing.commitments)
    verify_knowledge(dealing.commitments[0], dealing.proof, context)


def _by_dealer(params: CeremonyParameters, dealings: Iterable[Dealing]) -> dict[int, Dealing]:
    out: dict[int, Dealing] = {}
    for d in dealings:
        params.require_trustee(d.dealer)
        if d.dealer in out:
            raise CeremonyError(f"two dealings from dealer {d.dealer}", dealer=d.dealer)
        out[d.dealer] = d
    return out


# --- §6.3 receiving: acceptances and complaints ---


@dataclass(frozen=True, slots=True)
class Complaint:
    """Trustee ``recipient`` accuses ``dealer``; ``reason`` is one of the stable codes."""

    dealer: int
    recipient: int
    reason: str

    def __post_init__(self) -> None:
        check_index(self.dealer)
        check_index(self.recipient)
        if self.reason not in _REASONS:
            raise EncodingError(f"unknown complaint reason {self.reason!r}")


@dataclass(frozen=True, slots=True)
class Response:
    """Trustee j's public verdict on every dealing it saw: accepted dealers and complaints."""

    recipient: int
    accepted: tuple[int, ...]
    complaints: tuple[Complaint, ...]

    def __post_init__(self) -> None:
        check_index(self.recipient)
        accused = [c.dealer for c in self.complaints]
        _ascending(self.accepted, "accepted dealers")
        _ascending(accused, "accused dealers")
        for i in self.accepted:
            check_index(i)
        if set(self.accepted) & set(accused):
            raise EncodingError("a dealer is both accepted and accused")
        if any(c.recipient != self.recipient for c in self.complaints):
            raise EncodingError("a response holds only its own trustee's complaints")

    def to_dict(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "accepted": list(self.accepted),
            "complaints": [{"dealer": c.dealer, "reason": c.reason} for c in self.complaints],
        }

    @classmethod
    def from_dict(cls, d: Any) -> Response:
        d = record_object(d, ("recipient", "accepted", "complaints"), "a response")
        j = decode_index(d["recipient"])
        complaints = []
        for c in _list(d["complaints"], "complaints"):
            c = record_object(c, ("dealer", "reason"), "a complaint")
            if not isinstance(c["reason"], str):
                raise EncodingError("a complaint reason is a string")
            complaints.append(Complaint(decode_index(c["dealer"]), j, c["reason"]))
        accepted = tuple(decode_index(i) for i in _list(d["accepted"], "accepted"))
        return cls(j, accepted, tuple(complaints))


@dataclass(frozen=True, slots=True)
class ReceivedShares:
    """Trustee j's accepted shares f_i(j), by dealer i: secret, kept by the trustee."""

    recipient: int
    shares: tuple[tuple[int, Scalar], ...] = field(repr=False)

    def __post_init__(self) -> None:
        check_index(self.recipient)
        dealers = [i for i, _ in self.shares]
        for i in dealers:
            check_index(i)
        _ascending(dealers, "dealers of received shares")

    def get(self, dealer: int) -> Scalar | None:
        return dict(self.shares).get(dealer)

    def to_dict(self) -> dict[str, Any]:
        return {"recipient": self.recipient, "shares": {str(i): s.hex() for i, s in self.shares}}

    @classmethod
    def from_dict(cls, d: Any) -> ReceivedShares:
        d = record_object(d, ("recipient", "shares"), "a set of received shares")
        shares = d["shares"]
        if not isinstance(shares, dict) or len(shares) > MAX_TRUSTEES:
            raise EncodingError("received shares map dealer indices to scalars")
        items = sorted(((_index_key(k), Scalar.from_hex(v)) for k, v in shares.items()), key=_first)
        return cls(decode_index(d["recipient"]), tuple(items))


def receive(
    params: CeremonyParameters,
    recipient: int,
    box_key: TrusteeBoxKey,
    setups: Sequence[TrusteeSetup],
    dealings: Iterable[Dealing],
) -> tuple[Response, ReceivedShares]:
    """Round 2 for trustee j: open, check, accept or complain about each dealing (§6.3)."""
    params.require_trustee(recipient)
    box_keys = _setups_by_index(params, setups)
    # The wrong key file would turn into a complaint against every honest dealer.
    if box_key.public != box_keys[recipient - 1]:
        raise CeremonyError(f"this box key is not trustee {recipient}'s published key")
    accepted: list[int] = []
    complaints: list[Complaint] = []
    shares: list[tuple[int, Scalar]] = []
    for i, dealing in sorted(_by_dealer(params, dealings).items()):
        try:
            check_dealing(params, dealing)
        except CryptoError:
            complaints.append(Complaint(i, recipient, INVALID_DEALING))
            continue
        try:
            share = Scalar.from_bytes(box_key.open(dealing.boxes[recipient - 1]))
        except CryptoError:
            # A box that does not open or holds no canonical scalar: the dealer must reveal.
            complaints.append(Complaint(i, recipient, UNOPENABLE_SHARE))
            continue
        try:
            verify_share(share, dealing.commitments, i, recipient)
        except InvalidShare:
            complaints.append(Complaint(i, recipient, INVALID_SHARE))
            continue
        accepted.append(i)
        shares.append((i, share))
    return (
        Response(recipient, tuple(accepted), tuple(complaints)),
        ReceivedShares(recipient, tuple(shares)),
    )


# --- §6.4 complaint resolution ---


@dataclass(frozen=True, slots=True)
class Reveal:
    """The accused dealer's public answer: the disputed share f_i(j), now public."""

    dealer: int
    recipient: int
    share: Scalar

    def __post_init__(self) -> None:
        check_index(self.dealer)
        check_index(self.recipient)

    def to_dict(self) -> dict[str, Any]:
        return {"dealer": self.dealer, "recipient": self.recipient, "share": self.share.hex()}

    @classmethod
    def from_dict(cls, d: Any) -> Reveal:
        d = record_object(d, ("dealer", "recipient", "share"), "a reveal")
        return cls(
            decode_index(d["dealer"]), decode_index(d["recipient"]), Scalar.from_hex(d["share"])
        )


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of one complaint: upheld means the dealer is disqualified."""

    dealer: int
    recipient: int
    upheld: bool
    reason: str


def reveal_share(params: CeremonyParameters, secret: DealerSecret, complaint: Complaint) -> Reveal:
    """Dealer i answers a complaint by publishing f_i(j) (§6.4.1)."""
    params.require_trustee(complaint.recipient)
    if complaint.dealer != secret.dealer:
        raise CeremonyError("this complaint accuses another dealer", dealer=complaint.dealer)
    share = evaluate(secret.coefficients, complaint.recipient)
    return Reveal(secret.dealer, complaint.recipient, share)


def resolve_complaint(
    params: CeremonyParameters,
    dealing: Dealing | None,
    complaint: Complaint,
    reveals: Iterable[Reveal] = (),
) -> Resolution:
    """Decide a complaint from public data only (§6.4.2); anyone can run it."""
    i, j = complaint.dealer, complaint.recipient
    params.require_trustee(j)
    if dealing is None:
        return Resolution(i, j, True, "no_dealing")
    if dealing.dealer != i:
        raise CeremonyError("the dealing is not the accused dealer's", dealer=i)
    try:
        check_dealing(params, dealing)
    except CryptoError:
        return Resolution(i, j, True, INVALID_DEALING)
    answers = [r for r in reveals if r.dealer == i and r.recipient == j]
    if not answers:
        return Resolution(i, j, True, "not_revealed")
    if _valid_reveal(dealing, j, answers) is None:
        return Resolution(i, j, True, "revealed_share_invalid")
    return Resolution(i, j, False, "revealed_share_valid")


def _valid_reveal(dealing: Dealing, j: int, reveals: Iterable[Reveal]) -> Scalar | None:
    # The commitments fix f_i(j), so every reveal that passes holds the same share.
    for r in reveals:
        if r.dealer == dealing.dealer and r.recipient == j:
            try:
                verify_share(r.share, dealing.commitments, r.dealer, j)
            except InvalidShare:
                continue
            return r.share
    return None


def qualified_dealers(
    params: CeremonyParameters,
    dealings: Iterable[Dealing],
    responses: Iterable[Response],
    reveals: Iterable[Reveal] = (),
) -> tuple[int, ...]:
    """Q: dealers with a valid dealing and no upheld complaint, ascending (§6.4.3)."""
    by_dealer = _by_dealer(params, dealings)
    reveal_list = list(reveals)
    seen: set[int] = set()
    disqualified: set[int] = set()
    for response in responses:
        j = params.require_trustee(response.recipient)
        if j in seen:
            raise CeremonyError(f"two responses from trustee {j}", recipient=j)
        seen.add(j)
        for c in response.complaints:
            if c.dealer not in by_dealer or c.dealer in disqualified:
                continue
            if resolve_complaint(params, by_dealer[c.dealer], c, reveal_list).upheld:
                disqualified.add(c.dealer)
    qualified = []
    for i, dealing in sorted(by_dealer.items()):
        if i in disqualified:
            continue
        try:
            check_dealing(params, dealing)
        except CryptoError:
            continue
        qualified.append(i)
    return tuple(qualified)


# --- §6.5 joint key, verification keys, key shares ---


@dataclass(frozen=True, slots=True)
class CeremonyResult:
    """The public outcome: joint key K, qualified dealers Q, verification keys Y_1 … Y_n."""

    joint_key: PublicKey
    qualified: tuple[int, ...]
    verification_keys: tuple[Point, ...]  # verification_keys[j − 1] = Y_j

    def __post_init__(self) -> None:
        _ascending(self.qualified, "qualified dealers")
        for i in self.qualified:
            check_index(i)
        if not 1 <= len(self.verification_keys) <= MAX_TRUSTEES:
            raise EncodingError("one verification key per trustee, 1 to 255")

    def verification_key(self, j: int) -> Point:
        if not 1 <= check_index(j) <= len(self.verification_keys):
            raise CeremonyError(f"there is no trustee {j}", index=j)
        return self.verification_keys[j - 1]

    def verification_key_map(self) -> dict[int, Point]:
        return {j: y for j, y in enumerate(self.verification_keys, start=1)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "joint_key": self.joint_key.to_hex(),
            "verification_keys": {
                str(j): y.hex() for j, y in enumerate(self.verification_keys, start=1)
            },
            "qualified": list(self.qualified),
        }

    @classmethod
    def from_dict(cls, d: Any) -> CeremonyResult:
        d = record_object(d, ("joint_key", "verification_keys", "qualified"), "a ceremony result")
        vks = d["verification_keys"]
        if not isinstance(vks, dict) or not 1 <= len(vks) <= MAX_TRUSTEES:
            raise EncodingError("verification keys map trustee indices to points")
        keyed = sorted(((_index_key(k), Point.from_hex(v)) for k, v in vks.items()), key=_first)
        if [j for j, _ in keyed] != list(range(1, len(keyed) + 1)):
            raise EncodingError("one verification key for each trustee 1 … n")
        return cls(
            PublicKey.from_hex(d["joint_key"]),
            tuple(decode_index(i) for i in _list(d["qualified"], "qualified dealers")),
            tuple(y for _, y in keyed),
        )


def finalize(
    params: CeremonyParameters,
    dealings: Iterable[Dealing],
    responses: Iterable[Response],
    reveals: Iterable[Reveal] = (),
) -> CeremonyResult:
    """The joint key and verification keys from public data only (§6.5); anyone can run it."""
    dealing_list = list(dealings)
    qualified = qualified_dealers(params, dealing_list, responses, reveals)
    if len(qualified) < params.threshold:
        raise CeremonyError(
            f"only {len(qualified)} qualified dealers, fewer than t = {params.threshold}",
            qualified=list(qualified),
        )
    by_dealer = _by_dealer(params, dealing_list)
    joint = sodium.IDENTITY
    for i in qualified:
        joint = sodium.add(joint, by_dealer[i].commitments[0].data)
    if joint == sodium.IDENTITY:
        raise CeremonyError("the joint key is the identity", qualified=list(qualified))
    ys = verification_keys(params.indices, [by_dealer[i].commitments for i in qualified])
    return CeremonyResult(
        PublicKey(Point.trusted(joint)),
        qualified,
        tuple(ys[j] for j in params.indices),
    )


def verify_result(
    params: CeremonyParameters,
    dealings: Iterable[Dealing],
    responses: Iterable[Response],
    reveals: Iterable[Reveal],
    result: CeremonyResult,
) -> None:
    """Recompute §6.5 from the public record and compare; raises CeremonyError on any difference."""
    expected = finalize(params, dealings, responses, reveals)
    if expected.qualified != result.qualified:
        raise CeremonyError(
            "the published qualified set is wrong", expected=list(expected.qualified)
        )
    if expected.joint_key != result.joint_key:
        raise CeremonyError("the published joint key is not Σ of the qualified commitments")
    if expected.verification_keys != result.verification_keys:
        raise CeremonyError("a published verification key is wrong")


@dataclass(frozen=True, slots=True)
class TrusteeShare:
    """Trustee j's key share x_j: secret, the input to its decryption shares (§7)."""

    index: int
    secret: Scalar = field(repr=False)

    def __post_init__(self) -> None:
        check_index(self.index)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "secret": self.secret.hex()}

    @classmethod
    def from_dict(cls, d: Any) -> TrusteeShare:
        d = record_object(d, ("index", "secret"), "a trustee share")
        return cls(decode_index(d["index"]), Scalar.from_hex(d["secret"]))


def trustee_share(
    params: CeremonyParameters,
    result: CeremonyResult,
    dealings: Iterable[Dealing],
    received: ReceivedShares,
    reveals: Iterable[Reveal] = (),
) -> TrusteeShare:
    """x_j = Σ_{i∈Q} f_i(j), checked against Y_j (§6.5.2); raises CeremonyError."""
    j = params.require_trustee(received.recipient)
    by_dealer = _by_dealer(params, dealings)
    reveal_list = list(reveals)
    total = 0
    for i in result.qualified:
        if i not in by_dealer:
            raise CeremonyError(f"qualified dealer {i} has no dealing", dealer=i)
        share = received.get(i)
        if share is None:
            # Trustee j complained and dealer i answered in public: use that share.
            share = _valid_reveal(by_dealer[i], j, reveal_list)
        if share is None:
            raise CeremonyError(
                f"trustee {j} holds no valid share from qualified dealer {i}", dealer=i, recipient=j
            )
        total += share.value
    x = Scalar(total % L)
    if sodium.base_mul(x.value) != result.verification_key(j).data:
        raise CeremonyError(f"trustee {j}'s key share does not match its verification key")
    return TrusteeShare(j, x)
