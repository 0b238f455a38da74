"""The election driver: an election run in one process, step by step, through the service.

``tandau demo``, ``tandau serve --demo``, the benchmarks and the test worlds
play the commission, the trustees and the voters in one program; they set
up, run and count their elections through this module only, so that how an
election is driven is written once (``tandau admin`` posts its credential
list and tally through the same steps).  The steps are the record
spec's, in its order, posted through the election service (which checks each
event before the board takes it):

1. :func:`key_ceremony` — the dealer-free ceremony, each trustee's steps as
   ``tandau trustee`` runs them on an offline laptop (crypto spec §6);
2. :func:`set_up` — manifest, ceremony (:func:`publish_ceremony`), public
   credential list (:func:`publish_credentials`, §R3), voting opened;
3. :func:`vote` / :func:`cast` — a voter's device encrypts, proves and signs (§R4);
4. ``svc.close()``, :func:`post_tally` — the homomorphic sum (§R6);
5. :func:`post_shares` — present trustees' decryption shares (crypto spec §7.2);
   :func:`decrypt` combines them (§7.3, §7.4);
6. the results payload (§R7): the commission's under the ruleset (``tandau
   demo``) or :func:`plurality_results`, the plain count the benchmarks and
   test worlds use where the law's validity rules are not what they measure.

Randomness comes in as an argument, drawn in a fixed order (all setups, then
all dealings; one code per voter), so a seeded run is the same run every time.
The CLI's trustee commands run the same ceremony steps on files instead
(``tandau.cli.trustee``, ``tandau.cli.ceremony_files``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tandau.crypto import ceremony
from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Dealing,
    ReceivedShares,
    Response,
    TrusteeShare,
)
from tandau.crypto.decryption import TallyShare, combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import Ciphertext, PublicKey
from tandau.crypto.group import Point
from tandau.crypto.rng import Rng
from tandau.crypto.selection import Opening, SelectionRule
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot, create_ballot
from tandau.protocol.credentials import Credential, derive
from tandau.protocol.manifest import Manifest, Option, Trustee
from tandau.protocol.tally import EncryptedTally

from .election import ElectionService, Receipt

__all__ = [
    "Trustees",
    "akim_manifest",
    "cast",
    "credentials",
    "decrypt",
    "key_ceremony",
    "numbered_manifest",
    "one_hot",
    "plurality_results",
    "post_shares",
    "post_tally",
    "publish_ceremony",
    "publish_credentials",
    "same_names",
    "set_up",
    "trustee_name",
    "vote",
]


def same_names(text: str) -> dict[str, str]:
    """One text written the same in kk, ru and en."""
    return {"kk": text, "ru": text, "en": text}


def trustee_name(index: int) -> str:
    """The name a simulated trustee goes by in the manifest and the ceremony."""
    return f"Trustee {index}"


def akim_manifest(
    election_id: str,
    options: Sequence[Option],
    *,
    title: Mapping[str, str],
    unit_code: str,
    unit_name: Mapping[str, str],
    polling_day: str,
    mode: str,
    trustees: int,
    threshold: int,
    commission_key: str,
) -> Manifest:
    """A rural akim election under ``kz-rural-akim-2023`` with trustees "Trustee 1" … n."""
    return Manifest(
        election_id=election_id,
        title=dict(title),
        unit_code=unit_code,
        unit_name=dict(unit_name),
        office="akim",
        ruleset="kz-rural-akim-2023",
        polling_day=polling_day,
        mode=mode,
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, trustee_name(i)) for i in range(1, trustees + 1)),
        threshold=threshold,
        commission_key=commission_key,
    )


def numbered_manifest(
    election_id: str,
    candidates: int,
    *,
    title: str,
    unit_code: str,
    unit_name: str,
    trustees: int,
    threshold: int,
    commission_key: str,
) -> Manifest:
    """Candidates 1 … n (odd ones independent, even ones of "Party") and "against all"."""
    options = [
        Option(f"c{i}", "candidate", same_names(f"Candidate {i}"), None if i % 2 else "Party")
        for i in range(1, candidates + 1)
    ]
    options.append(Option("against", "against_all", same_names("Against all")))
    return akim_manifest(
        election_id,
        options,
        title=same_names(title),
        unit_code=unit_code,
        unit_name=same_names(unit_name),
        polling_day="2026-09-17",
        mode="polling-station",
        trustees=trustees,
        threshold=threshold,
        commission_key=commission_key,
    )


def one_hot(k: int, i: int) -> list[int]:
    """The choices of a voter who marks option ``i`` of ``k``."""
    return [int(j == i) for j in range(k)]


@dataclass(frozen=True)
class Trustees:
    """The ceremony's public messages and what each trustee keeps to decrypt later."""

    params: CeremonyParameters
    result: CeremonyResult
    dealings: tuple[Dealing, ...]
    #: Per trustee j (index j − 1): its public response and its private received shares.
    received: tuple[tuple[Response, ReceivedShares], ...]

    @property
    def joint_key(self) -> PublicKey:
        return self.result.joint_key

    @property
    def responses(self) -> tuple[Response, ...]:
        return tuple(r for r, _ in self.received)

    def share(self, j: int) -> TrusteeShare:
        """Trustee j's key share x_j (crypto spec §6.5), as its laptop computes it."""
        return ceremony.trustee_share(
            self.params, self.result, self.dealings, self.received[j - 1][1]
        )

    def decrypt(self, j: int, cts: Sequence[Ciphertext], rng: Rng) -> TallyShare:
        """Trustee j's decryption share of the tally with its proofs (crypto spec §7.2)."""
        return tally_share(self.share(j), cts, self.params.fingerprint, rng)


def key_ceremony(fingerprint: bytes, trustees: int, threshold: int, rng: Rng) -> Trustees:
    """Every trustee's setup, then every dealing, then every acceptance; the joint key."""
    params = CeremonyParameters(fingerprint, trustees, threshold)
    indices = range(1, trustees + 1)
    setups, boxes = zip(*(ceremony.setup(i, trustee_name(i), rng) for i in indices), strict=True)
    dealings = tuple(ceremony.deal(params, setups, i, rng)[0] for i in indices)
    received = tuple(ceremony.receive(params, j, boxes[j - 1], setups, dealings) for j in indices)
    result = ceremony.finalize(params, dealings, [r for r, _ in received])
    return Trustees(params, result, dealings, received)


def publish_ceremony(svc: ElectionService, trustees: Trustees) -> None:
    """The ceremony's public record and the joint key (crypto spec §6.5)."""
    for d in trustees.dealings:
        svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
    for r in trustees.responses:
        svc.post(ev.CEREMONY_RESPONSE, {"trustee": r.recipient, "response": r.to_dict()})
    svc.post(ev.ELECTION_KEY, trustees.result.to_dict())


def publish_credentials(svc: ElectionService, publics: Iterable[Point]) -> None:
    """The public credential list, sorted (record spec §R3)."""
    svc.post(ev.CREDENTIALS_LIST, {"credentials": sorted(p.hex() for p in publics)})


def credentials(manifest: Manifest, codes: Iterable[str]) -> tuple[Credential, ...]:
    """The credentials of the registrar's codes (record spec §R3)."""
    return tuple(derive(manifest.fingerprint, c) for c in codes)


def set_up(
    svc: ElectionService,
    manifest: Manifest,
    trustees: Trustees,
    voters: Iterable[Credential],
    *,
    open_voting: bool = True,
) -> None:
    """Manifest, ceremony, the voters' public credentials and (by default) voting opened."""
    svc.create(manifest)
    publish_ceremony(svc, trustees)
    publish_credentials(svc, (c.public for c in voters))
    if open_voting:
        svc.open()


def vote(
    manifest: Manifest, key: PublicKey, credential: Credential, choice: int, rng: Rng
) -> tuple[Ballot, Opening]:
    """A ballot for option ``choice``, made as a voter's device makes it (record spec §R4)."""
    choices = one_hot(manifest.rule.options, choice)
    return create_ballot(manifest.fingerprint, key, manifest.rule, choices, credential, rng)


def cast(
    svc: ElectionService,
    manifest: Manifest,
    key: PublicKey,
    credential: Credential,
    choice: int,
    rng: Rng,
) -> Receipt:
    """Make a ballot for ``choice`` and cast it through the service."""
    ballot, _ = vote(manifest, key, credential, choice, rng)
    return svc.cast(ballot.to_dict())


def post_tally(svc: ElectionService) -> EncryptedTally:
    """The homomorphic sum of the counted ballots, posted (record spec §R6)."""
    box = svc.sync().box
    assert box is not None, "the manifest comes first"
    tally = box.tally()
    svc.post(ev.TALLY_ENCRYPTED, {"tally": tally.to_dict()})
    return tally


def post_shares(
    svc: ElectionService,
    trustees: Trustees,
    present: Iterable[int],
    cts: Sequence[Ciphertext],
    rng: Rng,
) -> list[TallyShare]:
    """The present trustees' decryption shares, each posted as it is made."""
    shares = []
    for j in present:
        share = trustees.decrypt(j, cts, rng)
        svc.post(ev.TALLY_SHARE, {"trustee": j, "share": share.to_dict()})
        shares.append(share)
    return shares


@dataclass(frozen=True)
class Decrypted:
    """Totals per option, in ballot order, and the trustees whose shares were used."""

    totals: tuple[int, ...]
    used: tuple[int, ...]


def decrypt(
    trustees: Trustees, cts: Sequence[Ciphertext], shares: Iterable[TallyShare], bound: int
) -> Decrypted:
    """Combine t valid shares and solve each total in [0, bound] (crypto spec §7.3, §7.4).

    ``bound`` is the manifest's :meth:`~tandau.protocol.manifest.ElectionManifest.tally_bound`
    of the counted ballots (record spec §R7.2).
    """
    params = trustees.params
    keys = trustees.result.verification_key_map()
    comb = combine(cts, shares, keys, params.threshold, params.fingerprint)
    return Decrypted(decrypt_totals(cts, comb, DlogTable.for_bound(bound)), comb.used)


def plurality_results(
    options: Sequence[Option],
    e_votes: Sequence[int],
    *,
    counted: int,
    used: Iterable[int],
    skipped: Iterable[int],
    paper: Sequence[Mapping[str, Any]] = (),
    tie_reasons: Sequence[Mapping[str, str]] = (),
) -> dict[str, Any]:
    """The results payload (record spec §R7) where the most votes win and a tie is referred.

    Paper protocols add their votes unless annulled.  The ruleset's validity
    rules (turnout, against all) are not applied: the commission's results
    come from ``tandau admin`` or the console.
    """
    live = [p for p in paper if not p.get("annulled")]
    paper_votes = [sum(int(p["votes"].get(o.id, 0)) for p in live) for o in options]
    totals = [e + p for e, p in zip(e_votes, paper_votes, strict=True)]
    rows: list[dict[str, Any]] = [
        {"id": o.id, "e_votes": e, "paper_votes": p, "total": t}
        for o, e, p, t in zip(options, e_votes, paper_votes, totals, strict=True)
    ]
    running = [(t, o.id) for o, t in zip(options, totals, strict=True) if o.kind == "candidate"]
    top = max(t for t, _ in running)
    leaders = [i for t, i in running if t == top]
    outcome: dict[str, Any] = (
        {"status": "elected", "winner": leaders[0], "reasons": []}
        if len(leaders) == 1
        else {
            "status": "commission_decision_required",
            "winner": None,
            "reasons": [dict(r) for r in tie_reasons],
        }
    )
    return {
        "options": rows,
        "counted": counted,
        "paper_ballots": sum(int(p["ballots_cast"]) for p in live),
        "trustees_used": list(used),
        "skipped_trustees": list(skipped),
        "outcome": outcome,
    }
