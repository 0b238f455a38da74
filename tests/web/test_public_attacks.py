"""Attacks on the public and voter side, each found against a running demo and fixed (ADR 0026).

- A page's language links repeated the requested path: ``//evil.example/x`` made
  every page (a 404 included) link to another site.
- A JSON body naming a key twice, or holding ``NaN``/``Infinity``, was read as
  whichever value the parser kept: now 400 everywhere, and the ballot decoder
  refuses it too; nothing is stored.
- A ballot for another election was refused as an unknown credential; it is
  refused as ``wrong_election``, which tells the voter what happened.
- ``/heads?start=`` decoded every signed head below ``start`` to skip it: with
  100,000 heads one anonymous GET cost 4.3 s of a core.  The store now seeks.
- The community's page and JSON replayed every civic poll's whole board on each
  request; they now read the polls from the election pages' kept read models.
- HEAD was 405 on every page and API read (RFC 9110 §9.1: a server MUST support
  GET and HEAD); it is now GET without the body, and ``Allow`` lists it.
- A stored signed head that does not match the board (a fork, or tampering) made
  ``/consistency`` answer 404 "nothing found"; it is now 409 ``board.head_mismatch``.
- A member's open ballot (``/c/…/s/…/vote``) had no rate limit, though each try
  guesses a member's code, and its refusals were 422 (ADR 0014: 409); a ballot
  without a choice was refused as "the agenda has no item 1".  Every public
  write of the route table is now checked to answer 429 after its burst.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from board_contract import KEY, make_board
from community_world import dump, member_codes
from fastapi.testclient import TestClient
from route_table import routes_with_rules
from sqlalchemy import event
from web_election import (
    SeededElection,
    make_ballot,
    make_manifest,
    seed_election,
    voter_client,
)

from tandau.admin.election import parse_ballot
from tandau.board import Board, HeadMismatch, MemoryBoardStore, StoredHead
from tandau.board.heads import TreeHead, sign_head
from tandau.community.polls import poll_summary
from tandau.i18n import gettext
from tandau.protocol.errors import InvalidObject
from tandau.schema import SqlCommunityStore
from tandau.settings import Settings
from tandau.storage import SqlBoardStore
from tandau.web.access import PUBLIC, SIGN_IN
from tandau.web.app import create_app
from tandau.web.board_views import consistency, heads_page
from tandau.web.community_demo import seed_community
from tandau.web.context import WebContext
from tandau.web.limits import ambiguity
from tandau.web.problems import problem_for
from tandau.web.views import ElectionIndex

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def voter(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, SeededElection]]:
    with voter_client(db_url, tmp_path) as pair:
        yield pair


@pytest.fixture
def aksu(
    sqlite_url: str, tmp_path: Path
) -> Iterator[tuple[TestClient, WebContext, dict[str, str]]]:
    """The demo community, its meeting m2 open with two members present and their codes."""
    settings = Settings.from_env({}, database_url=sqlite_url, data_dir=tmp_path)
    ctx = WebContext.build(settings)
    seed_community(ctx, today=date(2026, 12, 4))
    codes = member_codes(SqlCommunityStore(ctx.engine))
    with TestClient(create_app(settings, ctx)) as client:
        yield client, ctx, codes
    ctx.close()


def _size(client: TestClient, election: str) -> int:
    return int(client.get(f"/api/elections/{election}").json()["board_size"])


def _cast(client: TestClient, election: str, body: bytes, lang: str = "en") -> Any:
    return client.post(
        f"/api/elections/{election}/ballots",
        content=body,
        headers={"content-type": "application/json", "accept-language": lang},
    )


def _token(client: TestClient, page: str) -> str:
    found = _CSRF.search(client.get(page).text)
    assert found is not None, page
    return found.group(1)


# -- links to another site -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["//evil.example/x", "///evil.example/x", "/\\evil.example/x", "//evil.example"]
)
def test_language_links_stay_on_this_site_whatever_the_path(voter, path: str) -> None:
    client, _ = voter
    page = client.get(f"http://testserver{path}?q=1", headers={"accept": "text/html"})
    assert page.status_code == 404
    links = re.findall(r'href="([^"]*)" hreflang=', page.text)
    assert len(links) >= 3, page.text  # the menu and the header
    for link in links:
        assert link.startswith("/") and not link.startswith(("//", "/\\")), link
        assert "lang=" in link and "q=1" in link


# -- HEAD ----------------------------------------------------------------------------------


def test_head_is_get_without_the_body(voter) -> None:
    client, s = voter
    for path in (
        "/",
        f"/e/{s.election}",
        f"/api/elections/{s.election}",
        f"/api/elections/{s.election}/board?limit=2",
        "/static/css/tandau.css",
        "/no-such-page",
    ):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code, path
        assert head.content == b""
        for name in ("content-type", "content-length", "content-security-policy"):
            assert head.headers.get(name) == got.headers.get(name), (path, name)
    refused = client.put(f"/api/elections/{s.election}")
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, HEAD"
    refused = client.get(f"/api/elections/{s.election}/ballots")
    assert refused.status_code == 405 and refused.headers["allow"] == "POST"


# -- one meaning per JSON body --------------------------------------------------------------


def _twice(raw: bytes, key: str, value: str) -> bytes:
    """``raw`` (a JSON object) with ``key`` named once more, first."""
    return b'{"' + key.encode() + b'": "' + value.encode() + b'", ' + raw[1:]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_ballot_naming_a_key_twice_is_refused_and_nothing_stored(voter, lang: str) -> None:
    client, s = voter
    size = _size(client, s.election)
    ballot = make_ballot(s, 0, 1)
    raw = ballot.canonical()
    # Read by the last value, as the server's parser did, this is a valid ballot.
    r = _cast(client, s.election, _twice(raw, "credential", "11" * 32), lang)
    assert r.status_code == 400, r.text
    problem = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert problem["code"] == "web.json_ambiguous" and "credential" in problem["detail"]
    assert problem["title"] == gettext(lang, "The request is not valid.")
    if lang != "en":
        assert CYRILLIC.search(problem["detail"]), problem
    nan = raw.replace(b'{"credential"', b'{"x": NaN, "credential"', 1)
    r = _cast(client, s.election, nan, lang)
    assert r.status_code == 400 and r.json()["code"] == "web.json_ambiguous", r.text
    assert "NaN" in r.json()["detail"]
    assert _size(client, s.election) == size
    assert _cast(client, s.election, raw).status_code == 200  # the same ballot, once


def test_audit_and_enrolment_bodies_naming_a_key_twice_are_refused(voter) -> None:
    client, s = voter
    r = client.post(
        f"/api/elections/{s.election}/audit",
        content=b'{"ballot": {}, "opening": {}, "ballot": {}}',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400 and r.json()["code"] == "web.json_ambiguous", r.text
    r = client.post(
        f"/api/elections/{s.election}/devices/enrol",
        content=b'{"code": "AAAA", "code": "BBBB"}',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400 and r.json()["code"] == "web.json_ambiguous", r.text


def test_json_with_duplicate_keys_in_a_string_or_in_separate_objects_passes() -> None:
    assert ambiguity(b'{"a": "{\\"b\\": 1, \\"b\\": 2}"}') is None
    assert ambiguity(b'[{"a": 1}, {"a": 2}]') is None
    assert ambiguity(b"not json {") is None
    assert ambiguity(b'{"a": {"b": 1, "b": 1}}') is not None
    assert ambiguity(b"[Infinity]") is not None


def test_the_ballot_decoder_refuses_a_key_named_twice_and_nan(voter) -> None:
    _, s = voter
    raw = make_ballot(s, 0, 1).canonical()
    with pytest.raises(InvalidObject):
        parse_ballot(_twice(raw, "election", "00" * 32))
    with pytest.raises(InvalidObject):
        parse_ballot(raw.replace(b'{"credential"', b'{"x": -Infinity, "credential"', 1))
    assert parse_ballot(raw).canonical() == raw


# -- a ballot of another election ------------------------------------------------------------


def test_a_ballot_for_another_election_is_refused_as_such(db_url: str, tmp_path: Path) -> None:
    with voter_client(db_url, tmp_path, election="first-2026") as (client, first):
        second = seed_election(db_url, tmp_path, election="second-2026")
        size = _size(client, second.election)
        for ballot in (make_ballot(first, 0, 0), make_ballot(first, 1, 2)):
            r = _cast(client, second.election, ballot.canonical(), "kk")
            assert r.status_code == 409, r.text
            assert r.json()["reason"] == "wrong_election"
            assert CYRILLIC.search(r.json()["title"])
        assert _size(client, second.election) == size


def test_before_opening_and_at_another_election_ballots_and_codes_are_refused(
    db_url: str, tmp_path: Path
) -> None:
    """Held: a ballot before voting opens stores nothing; a code is found only where cast."""
    with voter_client(db_url, tmp_path, election="first-2026") as (client, first):
        early = seed_election(db_url, tmp_path, election="early-2026", open_voting=False)
        size = _size(client, early.election)
        r = _cast(client, early.election, make_ballot(early, 0, 0).canonical(), "ru")
        assert r.status_code == 409 and r.json()["reason"] == "voting_not_open", r.text
        assert _size(client, early.election) == size
        code = _cast(client, first.election, make_ballot(first, 0, 0).canonical()).json()
        assert client.get(
            f"/api/elections/{first.election}/track/{code['tracking_code']}"
        ).is_success
        other = client.get(f"/api/elections/{early.election}/track/{code['tracking_code']}")
        assert other.status_code == 404 and other.json()["code"] == "web.not_found"


# -- pages of signed heads -------------------------------------------------------------------


class _CountingStore(MemoryBoardStore):
    """The in-memory store, counting the heads it hands out."""

    read = 0

    def heads(self, election: str, start: int = 0) -> Iterator[StoredHead]:
        for head in super().heads(election, start):
            self.read += 1
            yield head


def test_a_page_of_heads_from_a_large_start_reads_only_that_page() -> None:
    store = _CountingStore()
    board = make_board(store)
    for i in range(300):
        board.append("ballot", {"i": i})
        board.head()
    store.read = 0
    page = heads_page(board, 290, 5)
    assert [h["tree_size"] for h in page["heads"]] == [290, 291, 292, 293, 294]
    assert page["more"] is True and store.read <= 6
    store.read = 0
    assert heads_page(board, 2**53, 50)["heads"] == [] and store.read == 0


def test_a_signed_head_that_does_not_match_the_board_is_reported_not_hidden() -> None:
    store = MemoryBoardStore()
    board = make_board(store, "demo-1", n=5)
    forged = sign_head(TreeHead("demo-1", 3, b"\x07" * 32, "2026-12-04T10:00:00.000000Z"), KEY)
    store.put_head("demo-1", 3, forged.data, forged.signature)  # signed, but not this board's
    index = ElectionIndex("demo-1", manifest=make_manifest("demo-1", "remote-pilot", KEY))
    with pytest.raises(HeadMismatch) as found:
        consistency(board, index, 3, 5)
    problem = problem_for(found.value, "ru")
    assert problem.status == 409 and problem.code == "board.head_mismatch"
    assert CYRILLIC.search(problem.title)
    assert consistency(board, index, 2, 5)["verified"] is True  # no head at 2: the proof holds


# -- the community's polls -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/c/aksu", "/c/aksu?lang=en"])
def test_the_community_page_does_not_replay_its_polls_boards(aksu, path: str) -> None:
    client, ctx, _ = aksu
    first = client.get(path)
    assert first.status_code == 200
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "board_entries.data" in statement:
            reads.append(statement)

    event.listen(ctx.engine, "before_cursor_execute", seen)
    try:
        again = client.get(path)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", seen)
    assert again.status_code == 200 and again.text == first.text
    assert reads == []  # nothing was appended: no entry is read again


def test_the_poll_summary_from_the_read_model_is_the_replay_s(aksu) -> None:
    client, ctx, _ = aksu
    [poll] = client.get("/api/c/aksu").json()["polls"]
    assert poll == poll_summary(Board(SqlBoardStore(ctx.engine), poll["election"]))
    assert poll["counts"] == {"centre": 5, "river": 3} and poll["stage"] == "published"


# -- members' open ballots ------------------------------------------------------------------

VOTE = "/c/aksu/s/m2/vote"


def _vote(client: TestClient, token: str, code: str, lang: str = "en", **form: str) -> Any:
    data = {"code": code, "item": "1", "choice": "for", "csrf_token": token, **form}
    return client.post(f"{VOTE}?lang={lang}", data=data)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_refused_member_ballot_is_409_localised_and_stores_nothing(aksu, lang: str) -> None:
    client, ctx, codes = aksu
    store = SqlCommunityStore(ctx.engine)
    token = _token(client, VOTE)
    before = dump(store)
    for form in ({"code": "00000000"}, {"code": codes["resident-01"], "item": "7"}):
        r = _vote(client, token, lang=lang, **form)
        assert r.status_code == 409, r.text
        problem = re.search(r'id="vote-problem">([^<]+)<', r.text)
        assert problem is not None
        if lang != "en":
            assert CYRILLIC.search(problem.group(1))
    assert dump(store) == before
    assert _vote(client, token, codes["resident-01"]).status_code == 200
    again = _vote(client, token, codes["resident-01"], choice="against")
    assert again.status_code == 409  # one ballot per member and item


@pytest.mark.parametrize("choice", ["", "maybe"])
def test_a_member_ballot_without_a_choice_says_so(aksu, choice: str) -> None:
    """It said "the agenda has no item 1" (the item existed)."""
    client, ctx, codes = aksu
    store = SqlCommunityStore(ctx.engine)
    before = dump(store)
    r = _vote(client, _token(client, VOTE), codes["resident-01"], "ru", choice=choice)
    assert r.status_code == 400, r.text
    problem = re.search(r'id="vote-problem">([^<]+)<', r.text)
    assert problem is not None and "choice" in problem.group(1)
    assert CYRILLIC.search(problem.group(1)) and "1" not in problem.group(1)
    assert dump(store) == before


def test_guessing_member_codes_is_rate_limited(aksu) -> None:
    client, ctx, _ = aksu
    store = SqlCommunityStore(ctx.engine)
    token = _token(client, VOTE)
    before = dump(store)
    statuses = [_vote(client, token, f"{n:08X}").status_code for n in range(70)]
    assert statuses[0] == 409 and statuses[-1] == 429, statuses
    assert dump(store) == before


# -- every public write is rate-limited ------------------------------------------------------

FILL = {
    "election": "aksu-poll-park",
    "community": "aksu",
    "session": "m2",
    "report": "2025",
}
FORM = {"code": "ZZZZ", "item": "1", "choice": "for", "username": "nobody", "password": "x"}
FORM |= {"name": "A", "settlement": "Aksu", "text": "?"}


def _public_writes(app: Any) -> list[str]:
    return sorted(
        path
        for method, path, rule in routes_with_rules(app)
        if method not in ("GET", "HEAD", "OPTIONS") and rule in (PUBLIC, SIGN_IN)
    )


def test_every_public_write_answers_429_after_its_burst(aksu) -> None:
    client, _, _ = aksu
    writes = _public_writes(client.app)
    assert len(writes) >= 8, writes
    for path in writes:
        token = _token(client, "/commission/login")
        url = path.format(**{k: v for k, v in FILL.items() if "{" + k + "}" in path})
        headers = {"x-csrf-token": token, "accept": "application/json"}
        statuses = []
        for _ in range(80):
            if path.startswith("/api/"):
                r = client.post(url, json=FORM, headers=headers)
            else:
                r = client.post(url, data={**FORM, "csrf_token": token}, headers=headers)
            statuses.append(r.status_code)
            if r.status_code == 429:
                break
        assert statuses[-1] == 429, (path, statuses)
        assert 403 not in statuses, (path, statuses)  # reached the route, not stopped by CSRF
