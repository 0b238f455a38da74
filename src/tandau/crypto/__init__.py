"""The cryptographic core of ``tandau/v1`` (``docs/spec/crypto.md``): pure functions.

Owns: the ristretto255 group over libsodium (:mod:`.sodium`, :mod:`.group`),
exponential ElGamal (:mod:`.elgamal`), Schnorr, Chaum–Pedersen and disjunctive
proofs (:mod:`.schnorr`, :mod:`.chaum_pedersen`, :mod:`.disjunctive`), the
ballot's selection proofs (:mod:`.selection`), Shamir/Feldman sharing and the
dealer-free key ceremony (:mod:`.sharing`, :mod:`.ceremony`), threshold
decryption (:mod:`.decryption`, :mod:`.dlog`), sealed boxes, head signatures,
domain-tagged hashing, canonical JSON and RFC 9162 Merkle proofs
(:mod:`.sealed`, :mod:`.signatures`, :mod:`.hashing`, :mod:`.canonical`,
:mod:`.merkle`), and the root of the error tree (:mod:`.errors`).

May import: the standard library and ``pysodium`` only — no other Tandau
package (import-linter).  Randomness comes in as an :class:`~.rng.Rng` argument;
no I/O, logging, environment or globals.  Checks raise named errors
(``TandauError`` subclasses); nothing returns a bool to forget.

Entry points: ``elgamal.encrypt``, ``selection.encrypt_selection`` /
``verify_selection``, the ceremony steps ``ceremony.setup`` → ``deal`` →
``receive`` → ``finalize`` → ``trustee_share``, ``decryption.tally_share`` /
``combine`` / ``decrypt_totals``, ``merkle`` proofs, ``canonical.dumps``.
"""
