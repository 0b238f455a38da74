"""The commission console's steps on an election, shared by its pages and its JSON API.

- :mod:`.errors` — the console's refusals, each explaining itself in kk, ru and en;
- :mod:`.evoting` — the e-voting manifest from the administration's ballot, trustee seats;
- :mod:`.ceremony` — trustees' ceremony files: upload, checks, progress, publication;
- :mod:`.credentials` — credential batches per precinct (codes never stored);
- :mod:`.counting` — the encrypted tally, decryption shares, results and the protocol's data.

Every step checks what it is about to post before it posts anything: a refused
step leaves the board and the tables as they were.
"""

from __future__ import annotations
