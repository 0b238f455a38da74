"""One handler per console capability (ADR 0021): a page's form is its JSON handler's.

Every page form route registered from a JSON handler admits exactly the roles
that handler admits, and the form is read into the handler's own body model.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.datastructures import FormData

from tandau.settings import Settings
from tandau.storage import upgrade
from tandau.web.access import policy_of
from tandau.web.app import create_app
from tandau.web.console.pages import form_model
from tandau.web.console.schemas import AccountIn, DistrictIn, EvotingIn, NomineeIn, PrecinctIn
from tandau.web.context import WebContext
from tandau.web.errors import BadRequest


def _routes(tmp_path: Path) -> list[APIRoute]:
    url = f"sqlite:///{tmp_path / 'routes.sqlite3'}"
    settings = Settings.from_env({}, database_url=url, data_dir=tmp_path, environment="test")
    settings = settings.with_secrets()
    upgrade(url)
    app = create_app(settings, WebContext.build(settings))

    def walk(routes: list[Any]) -> list[APIRoute]:
        found: list[APIRoute] = []
        for r in routes:
            inner = getattr(r, "original_router", None)  # an included router
            if inner is not None:
                found += walk(inner.routes)
            elif isinstance(r, APIRoute):
                found.append(r)
        return found

    return walk(list(app.routes))


def test_a_page_form_admits_the_roles_of_its_json_handler(tmp_path: Path) -> None:
    routes = _routes(tmp_path)
    by_endpoint = {r.endpoint: r for r in routes}
    pairs = [
        (page, by_endpoint.get(page.endpoint.capability))
        for page in routes
        if hasattr(page.endpoint, "capability")
    ]
    assert len(pairs) >= 25  # every console step with a form
    for page, api in pairs:
        assert not page.include_in_schema, page.path
        assert page.path.startswith("/commission"), page.path
        rule = policy_of(page)
        assert rule is not None and isinstance(rule, frozenset), page.path
        if api is not None:  # an upload's handler is called by its JSON route instead
            assert api.path.startswith("/api/commission"), api.path
            assert api.include_in_schema
            assert policy_of(api) == rule, (page.path, api.path)


def _read(model: Any, items: list[tuple[str, str]], **options: Any) -> Any:
    # A thread of its own: the browser tests' Playwright keeps a loop running in this one.
    reading = form_model(model, **options)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(reading(FormData(items), {}))).result()


def test_a_form_is_read_as_the_json_body_model() -> None:
    nominee = _read(
        NomineeIn,
        [
            ("id", " c-1 "),
            ("name", "Aigul"),
            ("birth_date", "1980-01-01"),
            ("nomination", "self"),
            ("party", "  "),
            ("citizen", "on"),
            ("documents", "application"),
            ("documents", " "),
        ],
    )
    assert isinstance(nominee, NomineeIn)
    assert (nominee.id, nominee.party, nominee.citizen, nominee.qualified) == (
        "c-1",
        None,
        True,
        False,
    )
    assert nominee.documents == ["application"]
    account = _read(AccountIn, [("username", " u1 "), ("password", " p w ")], raw=("password",))
    assert (account.username, account.password) == ("u1", " p w ")
    district = _read(
        DistrictIn,
        [("district_number", "3"), ("precincts", "P-1")],
        rename={"number": "district_number"},
    )
    assert (district.number, district.precincts) == (3, ["P-1"])
    assert _read(EvotingIn, [("mode", "m"), ("threshold", "2"), ("trustees", "4")]).trustees == [4]


@pytest.mark.parametrize(
    ("model", "items", "field"),
    [
        (PrecinctIn, [("code", "P-1"), ("number", "12a")], "number"),
        (PrecinctIn, [("code", "P-1"), ("number", "")], "number"),
        (EvotingIn, [("mode", "m"), ("threshold", "2"), ("trustees", "x")], "trustees"),
    ],
)
def test_a_form_field_that_is_not_a_number_is_a_bad_request_naming_it(
    model: Any, items: list[tuple[str, str]], field: str
) -> None:
    with pytest.raises(BadRequest) as refused:
        _read(model, items)
    assert refused.value.params["detail"] == field
