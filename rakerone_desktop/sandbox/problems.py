"""RFC 9457 problem documents: the one shape every error takes.

Routes raise :class:`Problem`; the handlers installed by :func:`install` turn
it, FastAPI's request validation errors and Starlette's own 404/405 into
``application/problem+json`` answers with the request id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from rakerone_desktop.sandbox.strings import printable

PROBLEM_BASE = "https://rakerone.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
# Marks, in the ASGI scope, a HEAD request the app is shown as a GET (limits.py).
HEAD_AS_GET = "rakerone.head_as_get"

# slug -> (status, title). The titles are fixed per slug (RFC 9457 §3.1.3);
# the detail says what happened this time.
SLUGS: dict[str, tuple[int, str]] = {
    "unauthenticated": (401, "Authentication required"),
    "admin-only": (403, "Admins only"),
    "forbidden": (403, "Forbidden"),
    "password-sign-in-disabled": (403, "Password sign-in is turned off"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "in-progress": (409, "Request in progress"),
    "misdirected-request": (421, "Misdirected request"),
    "payload-too-large": (413, "Request body too large"),
    "key-inactive": (409, "Key inactive"),
    "precondition-failed": (412, "Precondition failed"),
    "validation": (422, "Invalid request"),
    "idempotency-mismatch": (422, "Idempotency key reused"),
    "rate-limited": (429, "Too many attempts"),
    "internal": (500, "Internal server error"),
}

# One body for every bearer-credential failure: missing, malformed, bad
# checksum, unknown, expired or revoked. Telling them apart would help an attacker.
UNAUTHENTICATED_DETAIL = "Sign in again: the credential is missing, invalid, expired or revoked."


class Problem(Exception):  # noqa: N818 - it is a problem document, not an "Error"
    """Raise to answer with a problem document."""

    def __init__(
        self,
        slug: str,
        detail: str,
        *,
        errors: Sequence[Mapping[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.slug = slug
        self.status = SLUGS[slug][0]
        self.detail = detail
        self.errors = errors
        self.headers = dict(headers or {})

    @classmethod
    def validation(cls, field: str, message: str) -> Problem:
        return cls(
            "validation",
            f"{field}: {message}",
            errors=[{"field": field, "message": message}],
        )


def unauthenticated() -> Problem:
    # RFC 6750 §3: a 401 for a bearer-protected resource names the scheme.
    return Problem(
        "unauthenticated",
        UNAUTHENTICATED_DETAIL,
        headers={"WWW-Authenticate": 'Bearer realm="rakerone"'},
    )


def request_id_of(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))


def problem_body(
    slug: str, detail: str, request_id: str, errors: Sequence[Mapping[str, str]] | None = None
) -> bytes:
    status, title = SLUGS[slug]
    # Details and field names may echo client text (an unknown field's name),
    # which need not be valid Unicode: escaped, so the answer always encodes.
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": printable(detail),
        "request_id": request_id,
    }
    if errors is not None:
        body["errors"] = [{k: printable(v) for k, v in e.items()} for e in errors]
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def problem_response(problem: Problem, request_id: str) -> Response:
    return Response(
        problem_body(problem.slug, problem.detail, request_id, problem.errors),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers,
    )


# -- request validation -------------------------------------------------------

# Field names as the client knows them (FastAPI reports headers lower-cased).
_HEADER_FIELDS = {"idempotency-key": "Idempotency-Key"}


def _field_of(loc: Sequence[Any]) -> tuple[str, str]:
    """(field, position inside it) for a pydantic error location."""
    if not loc:
        return "body", ""
    where, rest = loc[0], list(loc[1:])
    if where == "body":
        # ("body",) or ("body", <char offset>) is the body as a whole.
        if not rest or isinstance(rest[0], int):
            return "body", ""
        field, inner = str(rest[0]), rest[1:]
    elif where == "header" and rest:
        name = str(rest[0])
        field, inner = _HEADER_FIELDS.get(name.lower(), name), rest[1:]
    elif rest:
        field, inner = str(rest[0]), rest[1:]
    else:
        field, inner = str(where), []
    position = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in inner)
    return field, position


# What a pattern means, said in words, for the fields that have one.
_PATTERN_MESSAGES = {
    "Idempotency-Key": "Must be 1 to 255 printable ASCII characters.",
    "sha256": "Must be 64 lowercase hexadecimal characters.",
}


def _message(error: Mapping[str, Any], field: str) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ("",)
    if kind == "extra_forbidden" and loc[0] == "query":
        return "Unknown query parameter."
    if kind == "string_pattern_mismatch" and field in _PATTERN_MESSAGES:
        return _PATTERN_MESSAGES[field]
    if kind == "missing":
        return "Required."
    if kind == "json_invalid":
        return f"Malformed JSON: {ctx.get('error', 'cannot be parsed')}."
    if kind in {"model_attributes_type", "dict_type", "model_type"}:
        return "Must be a JSON object, sent with Content-Type: application/json."
    if kind == "extra_forbidden":
        return "Unknown field."
    if kind == "string_unicode":  # pydantic's own wording of what SafeStr refuses
        return "Must be valid Unicode text (found a lone surrogate)."
    if kind in {"string_type", "str_type"}:
        return "Must be a string."
    if kind == "list_type":
        return "Must be an array."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "Must be an integer."
    if kind == "greater_than_equal":
        return f"Must be at least {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"Must be at most {ctx.get('le')}."
    if kind == "literal_error":
        return f"Must be one of {ctx.get('expected')}."
    if kind == "too_long":
        return f"At most {ctx.get('max_length')} allowed."
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "Must not be empty."
    if kind == "string_too_short":
        return f"Must be at least {ctx.get('min_length')} characters long."
    if kind == "string_too_long":
        return f"Must be at most {ctx.get('max_length')} characters long."
    return str(error.get("msg", "Invalid value.")).rstrip(".") + "."


def validation_errors(raw: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """One ``{field, message}`` row per field, in the order fields first fail."""
    messages: dict[str, list[str]] = {}
    for error in raw:
        field, position = _field_of(error.get("loc", ()))
        text = _message(error, field)
        if position:
            text = f"{field}{position}: {text}"
        bucket = messages.setdefault(field, [])
        if text not in bucket:
            bucket.append(text)
    return [{"field": field, "message": " ".join(texts)} for field, texts in messages.items()]


def validation_problem(rows: list[dict[str, str]]) -> Problem:
    fields = ", ".join(row["field"] for row in rows)
    return Problem("validation", f"Check these fields: {fields}.", errors=rows)


# -- handlers -------------------------------------------------------------------


def install(app: FastAPI) -> None:
    """Route every error the framework can raise through a problem document."""

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(exc, request_id_of(request))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problem = validation_problem(validation_errors(exc.errors()))
        return problem_response(problem, request_id_of(request))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 404:
            problem = Problem("not-found", "There is nothing at this address.")
        elif exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
            method = "HEAD" if request.scope.get(HEAD_AS_GET) else request.method
            problem = Problem(
                "method-not-allowed", f"{method} is not allowed here.", headers=headers
            )
        elif exc.status_code == 400:
            # FastAPI's only 400 is a body it could not decode (say, bad UTF-8):
            # the contract calls every malformed body a validation failure.
            problem = validation_problem(
                [{"field": "body", "message": "Malformed JSON: not valid UTF-8 JSON."}]
            )
        else:
            problem = Problem("internal", "The server could not handle this request.")
        return problem_response(problem, request_id_of(request))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


def _allowed_methods(request: Request) -> list[str]:
    """The methods the API document lists for this path (and HEAD with GET).

    Starlette's own Allow header names only the first route that matched the
    path, so ``PUT /api-keys`` would claim that only GET exists. As in
    OpenAPI, a concrete path (``/api-keys/revoke``) wins over a templated
    one (``/api-keys/{key_id}``).
    """
    table: dict[str, set[str]] | None = getattr(request.app.state, "allow_table", None)
    if table is None:
        table = {}
        for template, operations in request.app.openapi()["paths"].items():
            methods = {method.upper() for method in operations}
            if "GET" in methods:
                methods.add("HEAD")
            table[template] = methods
        request.app.state.allow_table = table
    path = request.url.path
    if path in table:
        return sorted(table[path])
    allowed: set[str] = set()
    for template, methods in table.items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            allowed |= methods
    if not allowed:
        # A route the document leaves out (the document itself, the docs page).
        for route in request.app.routes:
            regex = getattr(route, "path_regex", None)
            route_methods = getattr(route, "methods", None)
            if regex is not None and route_methods and regex.fullmatch(path):
                allowed |= set(route_methods) | ({"HEAD"} if "GET" in route_methods else set())
    return sorted(allowed)
