"""``/api/openapi.json``: FastAPI's schema, completed from the routes' own metadata.

FastAPI describes the 200 answer, the parameters and the bodies of each
operation from the route's signature and models.  What it cannot see is added
here, from the same routes, so that schema and behaviour cannot drift apart
(ADR 0014, docs/spec/api.md):

- the error answers each operation can give, every one an RFC 9457 problem:
  400 when a parameter or the body breaks the schema, 401/403 for routes behind
  a console role (derived from the ``require`` dependency), 403 for a missing or
  wrong CSRF token on writes, 404 for a path naming nothing, 409 when the law,
  the cryptography or the election's stage refuses a well-formed request, 413 for
  a body over the limit, 429 and 503 where the route declares them;
- the session cookie and the CSRF header as security schemes (TOTP is part of
  signing in, ``POST /api/commission/session``);
- links between operations, so that a client (or a stateful fuzzer) can follow
  an election's id from the list to its board, heads, results and ballots.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from .access import SIGN_IN, policy_of
from .head import with_head
from .public_schemas import AuditIn, BallotIn

__all__ = ["PROBLEM_SCHEMA", "allowed_methods", "build_schema", "install_openapi"]

_REF = "#/components/schemas/{model}"

#: RFC 9457 problem details, as ``problems.Problem.to_json`` writes them.
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; `status` always equals the HTTP status.",
    "required": ["type", "title", "status", "detail", "instance", "code"],
    "properties": {
        "type": {"type": "string", "description": "https://tandau.kz/problems/<code>"},
        "title": {"type": "string", "description": "the error's kind, in the request's language"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "what went wrong, in the request's language"},
        "instance": {"type": "string", "description": "the request's path"},
        "code": {"type": "string", "description": "a stable machine-readable code"},
        "field": {"type": "string", "description": "the parameter or field at fault"},
        "reason": {"type": "string", "description": "why a ballot was refused"},
        "violations": {
            "type": "array",
            "description": "the rules of the law a step would break",
            "items": {
                "type": "object",
                "required": ["rule", "article", "message"],
                "properties": {
                    "rule": {"type": "string"},
                    "article": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
    "additionalProperties": True,
}

_DESCRIPTIONS = {
    400: "The request does not match this schema (`field` names the part at fault)",
    401: "Not signed in to the commission console",
    403: "The account's role may not do this, or the CSRF token is missing or wrong",
    404: "Nothing by that id (election, precinct, candidate, ballot)",
    409: "Refused by the law, the cryptography or the election's stage; `code` says which",
    413: "The request body is over the size limit",
    429: "Too many requests; wait a minute",
    503: "The board is busy with another write; try again",
}

_SECURITY_SCHEMES = {
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "tandau_session",
        "description": "The signed session cookie set by `POST /api/commission/session` "
        "(user name, password and the current TOTP code of the account's authenticator).",
    },
    "csrf": {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRF-Token",
        "description": "The session's CSRF token (`csrf_token` of `GET /api/commission/session`); "
        "required on every write.",
    },
}

_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_ELECTION_LINKS = {
    "election": "GET /api/elections/{election}",
    "board": "GET /api/elections/{election}/board",
    "heads": "GET /api/elections/{election}/heads",
    "results": "GET /api/elections/{election}/results",
}


def _roles(route: APIRoute) -> frozenset[Any] | None:
    """The console roles a route admits (its ``require`` rule, web.access); None if open."""
    rule = policy_of(route)
    return rule if isinstance(rule, frozenset) else None


def _csrf_only(route: APIRoute) -> bool:
    return policy_of(route) == SIGN_IN


def _statuses(route: APIRoute, method: str, operation: dict[str, Any]) -> set[int]:
    """The error statuses an operation can answer with, from what the route depends on."""
    codes: set[int] = set()
    has_params = bool(operation.get("parameters")) or "requestBody" in operation
    if has_params:
        codes.add(400)
    if route.param_convertors or "{" in route.path:
        codes.add(404)
    if "requestBody" in operation:
        codes.add(413)
    roles = _roles(route)
    if roles is not None:
        codes |= {401, 403}
    if method in _UNSAFE and (roles is not None or _csrf_only(route)):
        codes.add(403)
    if route.path.startswith("/api/commission/") and route.path != "/api/commission/session":
        codes.add(409)  # the law, the calendar or the election's stage may refuse
        if method in _UNSAFE:
            codes.add(503)  # a write to the board met a concurrent one
    for declared in route.responses:
        code = int(declared)
        if code >= 400:
            codes.add(code)
    return codes


def _error_content(path: str) -> dict[str, Any]:
    problem = {"schema": {"$ref": _REF.format(model="Problem")}}
    if path.startswith("/api/"):
        return {"application/problem+json": problem}
    # Outside /api a browser gets the error page; a JSON client the problem.
    return {"text/html": {"schema": {"type": "string"}}, "application/problem+json": problem}


def _complete(route: APIRoute, method: str, operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    responses.pop("422", None)  # FastAPI's validation answer: ours is a 400 problem
    for code in sorted(_statuses(route, method, operation)):
        entry = responses.setdefault(str(code), {})
        entry.setdefault("description", _DESCRIPTIONS.get(code, "Refused"))
        entry["content"] = _error_content(route.path)
    roles = _roles(route)
    if roles is not None:
        operation["security"] = [
            {"session": [], "csrf": []} if method in _UNSAFE else {"session": []}
        ]
        names = ", ".join(sorted(str(getattr(r, "value", r)) for r in roles))
        operation["description"] = (
            operation.get("description", "") + f"\n\nRoles: {names}."
        ).strip()
    else:
        operation["security"] = []


def _links(paths: dict[str, Any]) -> None:
    """Links from answers that name an election or a ballot to the operations reading them."""

    def add(path: str, method: str, status: str, name: str, op_path: str, params: Any) -> None:
        op = paths.get(path, {}).get(method)
        if op is None or status not in op.get("responses", {}):
            return
        ref = f"#/paths/{_escape(op_path.split(' ', 1)[1])}/get"
        op["responses"][status].setdefault("links", {})[name] = {
            "operationRef": ref,
            "parameters": params,
        }

    for name, target in _ELECTION_LINKS.items():
        add(
            "/api/elections",
            "get",
            "200",
            name,
            target,
            {"election": "$response.body#/0/id"},
        )
        if name != "election":
            add(
                "/api/elections/{election}",
                "get",
                "200",
                name,
                target,
                {"election": "$response.body#/id"},
            )
    add(
        "/api/elections/{election}/ballots",
        "post",
        "200",
        "track",
        "GET /api/elections/{election}/track/{code}",
        {"election": "$request.path.election", "code": "$response.body#/tracking_code"},
    )
    add(
        "/api/elections/{election}/ballots",
        "post",
        "200",
        "credential",
        "GET /api/elections/{election}/credentials/{public_hex}",
        {"election": "$request.path.election", "public_hex": "$request.body#/credential"},
    )
    add(
        "/api/commission/elections",
        "post",
        "201",
        "election",
        "GET /api/commission/elections/{election}",
        {"election": "$response.body#/id"},
    )


def _escape(path: str) -> str:
    """A JSON pointer token (RFC 6901) for a path."""
    return path.replace("~", "~0").replace("/", "~1")


def _model_schemas(models: tuple[type[BaseModel], ...]) -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for model in models:
        schema = model.model_json_schema(ref_template=_REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    return schemas


def _all_routes(routes: Any) -> list[Any]:
    """Every route, also those of included routers (FastAPI keeps them apart; no prefix)."""
    found: list[Any] = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            found.extend(_all_routes(inner.routes))
        else:
            found.append(route)
    return found


def _api_routes(routes: Any) -> list[APIRoute]:
    return [r for r in _all_routes(routes) if isinstance(r, APIRoute)]


def allowed_methods(app: FastAPI, path: str) -> str:
    """The ``Allow`` header of a 405: the methods of every route at ``path`` (RFC 9110 §15.5.6)."""
    methods: set[str] = set()
    for route in _all_routes(app.routes):
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path) and getattr(route, "methods", None):
            methods |= set(route.methods)
    return ", ".join(sorted(with_head(methods)))


def build_schema(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas.update(_model_schemas((BallotIn, AuditIn)))
    components["securitySchemes"] = _SECURITY_SCHEMES
    paths: dict[str, Any] = schema.get("paths", {})
    for route in _api_routes(app.routes):
        if not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = paths.get(route.path_format, {}).get(method.lower())
            if operation is not None:
                _complete(route, method, operation)
    _links(paths)
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve the completed schema at the app's ``openapi_url`` (built once, on first use)."""
    cache: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if "schema" not in cache:
            cache["schema"] = build_schema(app)
        return cache["schema"]  # type: ignore[no-any-return]

    app.openapi = openapi  # type: ignore[method-assign]
