"""V10: decryption shares and totals (crypto.md §7, record spec §R5.4).

Shares are combined independently of the writer; the trustees used and
skipped are recomputed here for V11 to compare with the published results.
"""

from __future__ import annotations

from tandau.crypto.decryption import TallyShare, combine, decrypt_totals
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.errors import TandauError
from tandau.crypto.group import Point

from .report import Report
from .state import Decrypted, Replay

__all__ = ["check_tally_shares"]


def check_tally_shares(rp: Replay, report: Report, counted: int | None = None) -> Decrypted | None:
    """Combine any t valid shares (invalid ones named, skipped) and decrypt the totals.

    The discrete logarithms are searched in [0, B] with B = max(counted, 1) ·
    per_option, counted being the verifier's own count of counted ballots
    (record spec §R7.2): a claimed count never sizes the table.
    """
    m, tally = rp.manifest, rp.tally
    if m is None or tally is None:
        return None
    n = tally["counted"] if counted is None else counted
    try:
        cts = [Ciphertext.from_dict(c) for c in tally["ciphertexts"]]
        shares = [TallyShare.from_dict(s) for s in rp.shares.values()]
        vkeys = {j: Point.from_bytes(y) for j, y in rp.verification_keys.items()}
        comb = combine(cts, shares, vkeys, m["threshold"], rp.fingerprint)
        # An invalid share is skipped, not fatal (crypto.md §7.3); V11 then
        # requires the results to list its trustee among skipped_trustees.
        report.note("V10", len(comb.used))
        bound = max(int(n), 1) * int(m["rule"]["per_option"])
        totals = list(decrypt_totals(cts, comb, DlogTable.for_bound(bound)))
    except TandauError as exc:
        report.fail("V10", f"{exc.code}: {exc}")
        return None
    except Exception as exc:  # §R8.1: named, never a crash
        report.fail("V10", f"malformed share: {type(exc).__name__}: {exc}")
        return None
    valid = set(rp.shares) - set(comb.skipped_trustees)
    skipped = [t["index"] for t in m["trustees"] if t["index"] not in valid]
    return Decrypted(totals, list(comb.used), skipped)
