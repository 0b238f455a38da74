"""The election protocol over the crypto core: what is posted, in what form, in what order.

Owns: the manifest and its fingerprint (:mod:`.manifest`), voter credentials
from codes (:mod:`.credentials`), the ballot — encrypt, prove, sign, audit,
verify (:mod:`.ballot`), the encrypted tally and the ballot box (:mod:`.tally`),
the board's event types and the :class:`~.events.ElectionState` machine that
replays them and decides what is allowed (:mod:`.events`), strict field readers
(:mod:`.fields`) and the protocol's errors (:mod:`.errors`).  Normative:
``docs/spec/record.md`` §R1–§R9.

May import: ``tandau.crypto`` only (layers: crypto ← protocol).

Entry points: ``Manifest``, ``credentials.derive``, ``ballot.create_ballot`` /
``verify_ballot`` / ``audit_ballot``, ``events.ElectionState.apply``,
``tally.EncryptedTally``.
"""
