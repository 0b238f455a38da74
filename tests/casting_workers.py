"""Work run in child processes by the concurrent-casting test (a spawned interpreter imports it)."""

from __future__ import annotations

from typing import Any

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.errors import TandauError
from tandau.crypto.signatures import HeadSigningKey
from tandau.storage import SqlBoardStore


def cast_all(url: str, election: str, seed: str, ballots: list[bytes], start: Any) -> list[Any]:
    """After ``start``: cast ``ballots``, alternately one alone and three together; the
    receipts as dicts (or the refusal's text)."""
    key = HeadSigningKey.from_seed(bytes.fromhex(seed))
    out: list[Any] = []
    with SqlBoardStore.from_url(url) as store:
        svc = ElectionService(Board(store, election, key=key))
        svc.sync()
        start.wait(60)
        i = 0
        while i < len(ballots):
            if (i // 4) % 2 == 0:
                out.append(svc.cast(ballots[i]).to_dict())
                i += 1
            else:
                for r in svc.cast_many(ballots[i : i + 3]):
                    out.append(str(r) if isinstance(r, TandauError) else r.to_dict())
                i += 3
    return out
