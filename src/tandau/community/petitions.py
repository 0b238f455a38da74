"""Residents' petitions: signatures from the community register, one per resident.

A petition is opened by a resident on the register; residents on the register
sign it (once each) and may withdraw their signature until the deadline.  The
threshold and the deadlines come from the district ruleset in force (brief rule 16:
the national acts give none); without them the petition's status says
``maslikhat_decision_required`` instead of inventing a figure.  Each call is one
transaction; a refused call stores nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import Field

from tandau.law.inputs import InputModel, IsoDate

from .errors import CommunityRefused
from .inputs import Ident, LongText, Text
from .messages import KIND_LABELS
from .records import PETITIONS
from .rowstore import CommunityTx, RowStore
from .rules import DECISION_REQUIRED_STATUS
from .service import CommunityService

__all__ = ["PetitionAnswerIn", "PetitionIn", "PetitionService", "SignatureIn"]

TABLE = PETITIONS


class PetitionIn(InputModel):
    community: Ident
    id: Ident
    title: Text
    text: LongText
    author: Ident
    opened_on: IsoDate


class SignatureIn(InputModel):
    community: Ident
    petition: Ident
    resident: Ident
    on: IsoDate


class PetitionAnswerIn(InputModel):
    community: Ident
    petition: Ident
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    on: IsoDate


class PetitionService:
    """Open, sign, withdraw, answer; the status against the district's threshold."""

    def __init__(self, store: RowStore) -> None:
        self._store = store
        self._community = CommunityService(store)

    def _petition(self, tx: CommunityTx, community: str, id: str) -> dict[str, Any]:
        body = tx.body(TABLE, community, id)
        if body is None:
            raise CommunityRefused("not_found", kind=KIND_LABELS["petition"], id=id)
        return body

    def _on_register(self, tx: CommunityTx, community: str, person: str, day: date) -> None:
        r = tx.resident(community, person)
        if r is None or not r.on_register(day):
            raise CommunityRefused("not_on_register", person=person, date=day.isoformat())

    def _rules(self, tx: CommunityTx, community: str, day: date) -> dict[str, Any]:
        c = tx.community(community)
        if c is None:
            raise CommunityRefused("not_found", kind=KIND_LABELS["community"], id=community)
        district = CommunityService.district_ruleset(c)
        if district is None or not district.in_force(day):
            return {
                "signatures": None,
                "collection_days": None,
                "answer_days": None,
                "source": None,
            }
        p = district.parameters.petition
        sig = p.signatures.value
        return {
            "signatures": None if sig is None else sig.model_dump(),
            "collection_days": p.collection_days.value,
            "answer_days": p.answer_days.value,
            "source": f"{district.citation()}; {p.signatures.source} [{p.signatures.confidence}]",
        }

    def open(self, data: PetitionIn) -> dict[str, Any]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            rules = self._rules(tx, data.community, data.opened_on)
            self._on_register(tx, data.community, data.author, data.opened_on)
            if tx.body(TABLE, data.community, data.id) is not None:
                raise CommunityRefused("exists", kind=KIND_LABELS["petition"], id=data.id)
            days = rules["collection_days"]
            body = {
                "title": data.title,
                "text": data.text,
                "author": data.author,
                "opened_on": data.opened_on.isoformat(),
                "deadline": None
                if days is None
                else (data.opened_on + timedelta(days=days)).isoformat(),
                "signatures": {data.author: data.opened_on.isoformat()},
                "withdrawn": {},
                "answer": None,
            }
            tx.put_body(TABLE, data.community, data.id, body, new=True)
        return {"id": data.id, **body}

    def _change(self, data: SignatureIn, sign: bool) -> dict[str, Any]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            body = self._petition(tx, data.community, data.petition)
            if data.on.isoformat() < body["opened_on"]:  # no signature predates its petition
                raise CommunityRefused("before_opening", opened=body["opened_on"])
            deadline = body["deadline"]
            if deadline is not None and data.on.isoformat() > deadline:
                raise CommunityRefused("deadline_passed", deadline=deadline)
            signed = dict(body["signatures"])
            if sign:
                self._on_register(tx, data.community, data.resident, data.on)
                if data.resident in signed:
                    raise CommunityRefused("already_signed_petition", person=data.resident)
                signed[data.resident] = data.on.isoformat()
                withdrawn = {k: v for k, v in body["withdrawn"].items() if k != data.resident}
            else:
                if data.resident not in signed:
                    raise CommunityRefused("not_signed", person=data.resident)
                del signed[data.resident]
                withdrawn = {**body["withdrawn"], data.resident: data.on.isoformat()}
            body = {**body, "signatures": signed, "withdrawn": withdrawn}
            tx.put_body(TABLE, data.community, data.petition, body, new=False)
        return {"id": data.petition, **body}

    def sign(self, data: SignatureIn) -> dict[str, Any]:
        return self._change(data, sign=True)

    def withdraw(self, data: SignatureIn) -> dict[str, Any]:
        return self._change(data, sign=False)

    def answer(self, data: PetitionAnswerIn) -> dict[str, Any]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            body = self._petition(tx, data.community, data.petition)
            if body["answer"] is not None:
                raise CommunityRefused("petition_answered")
            body = {**body, "answer": {"text": data.text, "on": data.on.isoformat()}}
            tx.put_body(TABLE, data.community, data.petition, body, new=False)
        return {"id": data.petition, **body}

    def status(self, community: str, id: str, day: date) -> dict[str, Any]:
        """Signatures counted against the district's threshold on ``day``."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            body = self._petition(tx, community, id)
            rules = self._rules(tx, community, day)
            register = [r for r in tx.residents(community) if r.on_register(day)]
        count = len(body["signatures"])
        out: dict[str, Any] = {"id": id, "signatures": count, "deadline": body["deadline"]}
        sig = rules["signatures"]
        if sig is None:
            return {**out, "status": DECISION_REQUIRED_STATUS, "rule": "petition.signatures"}
        required = (
            sig["count"] if sig["count"] is not None else -(-len(register) * sig["percent"] // 100)
        )
        return {
            **out,
            "required": required,
            "reached": count >= required,
            "source": rules["source"],
        }

    def all(self, community: str, day: date) -> list[dict[str, Any]]:
        """Every petition with its status on ``day`` (public: who signed is not shown)."""
        with self._store.transaction() as rows:
            ids = [id for id, _ in CommunityTx(rows).bodies(TABLE, community)]
        out = []
        for id in ids:
            with self._store.transaction() as rows:
                body = self._petition(CommunityTx(rows), community, id)
            public = {k: body[k] for k in ("title", "text", "opened_on", "deadline", "answer")}
            out.append({**public, **self.status(community, id, day)})
        return out
