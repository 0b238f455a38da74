"""What a name belongs to, for the command line's ``CLI.bad_name`` message.

The command line's messages are symbolic msgids, ``CLI.<name>`` (``tandau.i18n``):
their kk, ru and en texts live in the catalogue only (ADR 0024), and a test
requires every one the code names in the three catalogues
(``tests/e2e/test_cli_messages.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

from tandau.i18n import CLI, Message

__all__ = ["WHAT"]

#: What a name belongs to, for ``CLI.bad_name``.
WHAT: Mapping[str, Message] = {
    "unit": CLI.what_unit,
    "candidate": CLI.what_candidate,
    "party": CLI.what_party,
    "trustee": CLI.what_trustee,
    "precinct": CLI.what_precinct,
    "title": CLI.what_title,
}
