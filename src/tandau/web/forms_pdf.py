"""Printable forms for a village secretary, in Kazakh or Russian: the candidates' list, a
precinct's extract of the voter list, and the blank precinct protocol form.

Each is a plain A4 PDF built from the administration's records, with the
fonts and table style of the official protocol (``tandau.web.pdf``).
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from tandau.admin.records import PROTOCOL_FIGURES, Candidate, Election, Voter
from tandau.analysis.printing import a4_document
from tandau.i18n import N_, PDF

from .pdf import _number_table, _styles, _t

__all__ = ["candidates_list", "protocol_form", "voter_extract"]

CANDIDATES_TITLE = N_("List of candidates")
VOTERS_TITLE = N_("Extract from the voter list: precinct {precinct}")
FORM_TITLE = N_("Protocol of the precinct election commission: precinct {precinct}")
ELECTION_LINE = N_("Election {election}, polling day {day}")
COL_NO = N_("No.")
COL_NAME = N_("Full name")
COL_BORN = N_("Born")
COL_PARTY = N_("Nominated by")
COL_STATUS = N_("Status")
COL_IIN = N_("IIN")
COL_SIGNATURE = N_("Signature")
COL_FIGURE = N_("Line")
COL_NUMBER = N_("Number")
VOTES_FOR = N_("Votes for {name}")
SIGNED = N_("Chair, secretary and members present sign below:")
VOTER_COUNT = N_("Voters on this extract: {n}")

#: The protocol's lines, in the order of the form (the console's protocol entry has them too).
_FIGURES = {
    "voters_on_list": N_("Voters on the list"),
    "ballots_received": N_("Ballots received by the commission"),
    "ballots_issued": N_("Ballots issued to voters"),
    "ballots_unused": N_("Unused ballots, cancelled"),
    "ballots_spoiled": N_("Spoiled ballots"),
    "ballots_cast": N_("Ballots found in the boxes"),
    "invalid": N_("Invalid ballots"),
    "against_all": N_("Votes against all"),
}
_STATUS = {
    "nominated": N_("nominated"),
    "registered": N_("registered"),
    "refused": N_("refused registration"),
    "withdrawn": N_("withdrawn"),
}


def _head(lang: str, title: str, election: Election) -> list[Any]:
    st = _styles()
    line = _t(lang, ELECTION_LINE, election=election.id, day=election.polling_day.isoformat())
    return [Paragraph(title, st["title"]), Paragraph(line, st["body"]), Spacer(1, 5 * mm)]


def _build(story: list[Any], title: str, author: str) -> bytes:
    out = io.BytesIO()
    a4_document(out, title, author=author).build(story)
    return out.getvalue()


def candidates_list(election: Election, candidates: tuple[Candidate, ...], lang: str) -> bytes:
    st = _styles()
    title = _t(lang, CANDIDATES_TITLE)
    rows: list[list[Any]] = [
        [_t(lang, m) for m in (COL_NO, COL_NAME, COL_BORN, COL_PARTY, COL_STATUS)]
    ]
    for n, c in enumerate(candidates, 1):
        party = escape(c.party) if c.party else _t(lang, PDF.self_nominated)
        status = c.status.value
        rows.append(
            [
                str(n),
                Paragraph(escape(c.name), st["body"]),
                c.birth_date.isoformat(),
                Paragraph(party, st["body"]),
                _t(lang, _STATUS[status]) if status in _STATUS else status,
            ]
        )
    table = _number_table(rows, [10 * mm, 60 * mm, 24 * mm, 45 * mm, 35 * mm], header=True)
    return _build([*_head(lang, title, election), table], title, election.commission)


def voter_extract(election: Election, precinct: str, voters: tuple[Voter, ...], lang: str) -> bytes:
    st = _styles()
    title = _t(lang, VOTERS_TITLE, precinct=precinct)
    rows: list[list[Any]] = [
        [_t(lang, m) for m in (COL_NO, COL_NAME, COL_BORN, COL_IIN, COL_SIGNATURE)]
    ]
    listed = sorted((v for v in voters if v.active), key=lambda v: v.name)
    for n, v in enumerate(listed, 1):
        rows.append(
            [str(n), Paragraph(escape(v.name), st["body"]), v.birth_date.isoformat(), v.iin, ""]
        )
    table = _number_table(rows, [10 * mm, 62 * mm, 24 * mm, 32 * mm, 46 * mm], header=True)
    count = Paragraph(_t(lang, VOTER_COUNT, n=len(listed)), st["body"])
    story = [*_head(lang, title, election), table, Spacer(1, 4 * mm), count]
    return _build(story, title, election.commission)


def protocol_form(
    election: Election, precinct: str, candidates: tuple[Candidate, ...], lang: str
) -> bytes:
    """The blank form the precinct commission fills in by hand on the night of the count."""
    st = _styles()
    title = _t(lang, FORM_TITLE, precinct=precinct)
    rows: list[list[Any]] = [[_t(lang, COL_NO), _t(lang, COL_FIGURE), _t(lang, COL_NUMBER)]]
    for n, key in enumerate(PROTOCOL_FIGURES, 1):
        rows.append([str(n), Paragraph(_t(lang, _FIGURES[key]), st["body"]), ""])
    running = [c for c in candidates if c.status.value == "registered"]
    for n, c in enumerate(running, len(rows)):
        rows.append([str(n), Paragraph(_t(lang, VOTES_FOR, name=c.name), st["body"]), ""])
    table = _number_table(rows, [12 * mm, 120 * mm, 42 * mm], header=True)
    signatures = [Paragraph(_t(lang, SIGNED), st["body"]), Spacer(1, 4 * mm)]
    signatures += [Paragraph("_" * 60, st["body"]) for _ in range(5)]
    story = [*_head(lang, title, election), table, Spacer(1, 8 * mm), *signatures]
    return _build(story, title, election.commission)
