"""Files uploaded to the console: anything but a valid file of its kind is refused, localised,
and nothing is stored.

The body limits (web.limits) scan every request for JSON nesting before a route parses
it, on the bytes.  ``json.loads`` on bytes would also read UTF-16 and UTF-32, whose
brackets that scan does not see: a UTF-16 trustee file nested 20,000 deep reached the
parser and ended in a RecursionError (500).  Uploaded JSON is now read as UTF-8 only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from console_world import ELECTION, World, csrf, make_world, set_up_evoting, stored
from fastapi.testclient import TestClient

DEPTH = 20_000
#: Valid JSON nested far past the limit; in UTF-16-LE the one "≁" (bytes 41 22) puts an
#: odd quote byte before the brackets, so a scan of the bytes reads them as a string.
DEEP = '{"a": ["\u2241", ' + "[" * DEPTH + "]" * DEPTH + "]}"


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    for w in make_world(db_url, tmp_path, campaign=(3, 2)):
        set_up_evoting(w)
        yield w


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("utf16-deep", DEEP.encode("utf-16-le")),
        ("utf16-bom", '{"x": 1}'.encode("utf-16")),
        ("utf32", '{"x": 1}'.encode("utf-32")),
        ("latin1", '{"x": "é"}'.encode("latin-1")),
        ("too-large", b" " * (2 * 1024 * 1024 + 1)),
    ],
)
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "not a valid trustee setup file"),
        ("ru", "не является действительным файлом"),
        ("kk", "жарамды «"),
    ],
)
def test_a_trustee_file_that_is_not_utf8_json_is_refused(
    world: World, name: str, raw: bytes, lang: str, text: str
) -> None:
    trustee = world.client("trustee1")
    before = stored(world)
    r = trustee.post(
        f"/commission/e/{ELECTION}/ceremony/upload?lang={lang}",
        data={"csrf_token": csrf(trustee), "kind": "setup"},
        files={"file": ("../../setup-1.json", raw, "application/json")},
        follow_redirects=False,
    )
    assert r.status_code in (400, 409), (name, r.status_code)
    assert "web.console.bad_file" in r.text and text in r.text, r.text[-800:]
    assert stored(world) == before


@pytest.mark.parametrize(
    "raw",
    ["iin,name\n1,é".encode("latin-1"), "iin,name\n".encode("utf-16"), b"\xff\xfe\x00"],
)
def test_a_voter_list_that_is_not_utf8_is_refused(world: World, raw: bytes) -> None:
    chair = world.client("chair")
    before = stored(world)
    r = chair.post(
        f"/commission/e/{ELECTION}/voters/import",
        data={"csrf_token": csrf(chair)},
        files={"file": ("../voters.csv", raw, "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code in (400, 409) and "web.console.bad_file" in r.text
    assert stored(world) == before


def test_a_deep_utf16_body_is_refused_before_any_parser(world: World) -> None:
    """At the default limits: the body scan missed the nesting and the duplicate-key check
    recursed until a RecursionError, a 500 on any route before sign-in."""
    client = TestClient(world.app, base_url="https://testserver", raise_server_exceptions=False)
    for path in ("/api/commission/session", f"/api/commission/elections/{ELECTION}/advance"):
        r = client.post(
            path, content=DEEP.encode("utf-16-le"), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 400 and r.json()["code"] == "web.bad_request", r.text[:300]
