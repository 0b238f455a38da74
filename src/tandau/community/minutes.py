"""Minutes of a gathering or meeting: one document, signed once, as JSON, CSV and PDF.

The document holds what the minutes must say — date, place, the members on the
register, those present (and remote participants, labelled), the quorum, the
agenda, each vote's figures (and, for open votes, who voted how), the decisions,
the akim's answers so far and the signatures.  Signing stores it with the SHA-256
of its canonical JSON; a signed minute never changes.  A correction is a new
signed document whose ``corrects`` names the one it replaces.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from tandau.admin.schema import Plain
from tandau.spreadsheet import csv_text

from .schema import Key, table

__all__ = ["SignedMinutes", "canonical_hash", "minutes_csv", "minutes_document"]


def canonical_hash(document: dict[str, Any]) -> str:
    """SHA-256 of the document's canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def minutes_document(
    community: dict[str, Any], session: dict[str, Any], register: list[str]
) -> dict[str, Any]:
    """The content of the minutes from a community's public snapshot of one session."""
    votes = []
    for v in session["votes"]:
        choices = list(v["ballots"].values())
        result = v["result"]
        figures = result.get("figures") or [choices.count(k) for k in ("for", "against")] + [
            choices.count("abstained")
        ]
        votes.append(
            {
                "item": v["item"],
                "agenda": session["agenda"][v["item"] - 1],
                "proposal": v["proposal"],
                "for": figures[0],
                "against": figures[1],
                "abstained": figures[2],
                "secret": bool(result.get("secret")),
                "election": result.get("election"),
                "by_name": dict(v["ballots"]),
                "adopted": result.get("adopted"),
                "status": result.get("status"),
                "reason": result.get("reason"),
                "source": result.get("source"),
            }
        )
    quorum = next(
        (v["result"].get("quorum") for v in session["votes"] if "quorum" in v["result"]), None
    )
    return {
        "community": community["id"],
        "community_name": community["name"],
        "session": session["id"],
        "body": session["body_kind"],
        "day": session["day"],
        "place": session["place"],
        "convened_on": session["convened_on"],
        "members": register,
        "present": session["present"],
        "remote": session["remote"],
        "quorum": quorum,
        "agenda": session["agenda"],
        "votes": votes,
        "responses": session["responses"],
    }


@table("community_minutes")
@dataclass(frozen=True, slots=True)
class SignedMinutes(Plain):
    """Minutes as signed: the document, its hash, who signed, and what it corrects."""

    community: Key
    id: Key
    session: str
    document: dict[str, Any]
    sha256: str
    signers: tuple[dict[str, str], ...]
    signed_on: date
    corrects: str | None = None
    correction: str | None = None


def minutes_csv(minutes: SignedMinutes) -> str:
    """One row per vote: the open-data table of the minutes' figures.

    Written by :func:`~tandau.spreadsheet.csv_text`, as every CSV of Tandau: an
    agenda item or a proposal typed as ``=HYPERLINK(…)`` opens in a spreadsheet as text.
    """
    d = minutes.document
    rows = []
    for v in d["votes"]:
        adopted = "" if v["adopted"] is None else str(v["adopted"]).lower()
        rows.append(
            [
                *(minutes.community, minutes.id, d["session"], d["day"], v["item"]),
                *(v["agenda"], v["proposal"], v["for"], v["against"], v["abstained"]),
                *(adopted, v["status"] or "", minutes.sha256),
            ]
        )
    header = [
        *("community", "minutes", "session", "day", "item", "agenda", "proposal"),
        *("for", "against", "abstained", "adopted", "status", "sha256"),
    ]
    return csv_text(header, rows)
