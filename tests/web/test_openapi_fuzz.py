"""schemathesis against the OpenAPI schema: a bounded number of cases, no server error.

The app runs in process on a fresh SQLite database seeded with the demo election,
so that generated requests meet real data (an open election, a board, heads).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from tandau.crypto.rng import DeterministicRng
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, upgrade
from tandau.web.app import create_app
from tandau.web.context import WebContext
from tandau.web.demo import seed_demo


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{tmp / 'fuzz.sqlite3'}"
    settings = Settings.from_env({}, database_url=url, data_dir=tmp, environment="test")
    upgrade(url)
    ctx = WebContext.build(settings)
    with SqlBoardStore.from_url(url) as store:
        seed_demo(store, ctx.keys, tmp, DeterministicRng(b"fuzz"), voters=4)
    yield create_app(settings, ctx)
    ctx.close()


def _check(case: schemathesis.Case) -> None:
    response = case.call()
    where = (case.method, case.formatted_path)
    assert response.status_code < 500, (*where, response.text[:300])
    if response.status_code >= 400 and case.path.startswith("/api/"):
        content_type = response.headers.get("content-type", "")
        if isinstance(content_type, list):  # schemathesis keeps every value of a header
            content_type = content_type[0]
        assert content_type.startswith("application/problem+json"), where
        body = response.json()
        assert {"type", "title", "status", "code"} <= set(body), where


def test_no_operation_answers_with_a_server_error(fuzz_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", fuzz_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the API describes no operation"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            _check(case)

        run()
