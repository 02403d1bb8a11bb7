"""Security item 19: the OpenAPI document is fuzzed against the live sandbox.

Every answer must be documented (status, content type, headers, body schema)
and none may be a 500. The committed ``resources/openapi.json`` is what is
fuzzed, so the contract the client relies on is the one tested.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from rakerone_desktop.sandbox import openapi_export
from rakerone_desktop.sandbox.launcher import SandboxProcess
from rakerone_desktop.sandbox.render import MAX_CURSOR_INT, encode_cursor
from tests.support.sandbox_http import sign_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def fuzzed_sandbox() -> Iterator[SandboxProcess]:
    # Its own sandbox: the fuzzer revokes and creates keys at random.
    with SandboxProcess("--seed", "demo") as sandbox:
        yield sandbox


# Loaded at import time from the committed file (schemathesis's lazy
# ``from_fixture`` loader does not work with pytest 9); the live URL comes from
# the fixture at call time. Signing out is left out: it would end the admin
# session every later case runs with. The browser sign-in routes under
# ``/oauth/`` speak HTML forms, redirects and RFC 6749 error bodies, not JSON
# problem documents; their rules are tested one by one in ``test_oauth.py``.
schema = (
    schemathesis.openapi.from_path(openapi_export.DEFAULT_PATH)
    .exclude(path="/api/v1/sessions/current", method="DELETE")
    .exclude(path_regex="^/oauth/")
    # Exposure reports are signed over the exact bytes sent, which a fuzzer
    # cannot do: every case would be the documented 404 (no scanner key) or
    # 401. test_secret_scanning.py fuzzes correctly signed bodies instead.
    .exclude(path_regex="^/api/v1/secret-scanning/")
)

# Stands in for the admin's token until a case is sent (cases are partly built
# at collection time, before any sandbox runs).
TOKEN_PLACEHOLDER = "admin-session-token"


@schema.auth()
class AdminSession:
    """Tells schemathesis where the credential goes.

    Going through schemathesis's auth, rather than a fixed header added to
    every call, lets it know which header is the credential: the cases that
    drop or mangle it are then really sent without a valid one.
    """

    def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> str:
        return TOKEN_PLACEHOLDER

    def set(self, case: schemathesis.Case, data: str, context: schemathesis.AuthContext) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


# -- inputs the document's schemas allow but a fuzzer never makes on its own ----
# A JSON string may hold a lone UTF-16 surrogate ("\ud800"), which is not
# Unicode text; a cursor may decode to a number beyond 64 bits. Both used to
# crash the server into a 500. Half the generated bodies get one such string
# in one place (a value or a member name), and list queries sometimes carry a
# cursor with a huge number.

LONE_SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)


def _string_places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], bool]]:
    """(path, is a member name) for every string in a JSON value."""
    if isinstance(node, str):
        yield path, False
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _string_places(item, (*path, i))
    elif isinstance(node, dict):
        for name, item in node.items():
            yield (*path, name), True
            yield from _string_places(item, (*path, name))


def _spoil(body: Any, place: tuple[tuple[Any, ...], bool], lone: str, at: int) -> Any:
    path, is_name = place

    def insert(text: str) -> str:
        cut = at % (len(text) + 1)
        return text[:cut] + lone + text[cut:]

    if not path:
        return insert(body)
    body = copy.deepcopy(body)
    parent = body
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if is_name:
        parent[insert(last)] = parent.pop(last)
    else:
        parent[last] = insert(parent[last])
    return body


@schema.hook
def flatmap_body(context: schemathesis.HookContext, body: Any) -> st.SearchStrategy[Any]:
    places = list(_string_places(body))
    if not places:
        return st.just(body)
    spoiled = st.builds(
        _spoil, st.just(body), st.sampled_from(places), LONE_SURROGATE, st.integers(0, 64)
    )
    return st.one_of(st.just(body), spoiled)


HUGE = st.integers(MAX_CURSOR_INT + 1, 2**200)
HUGE_CURSOR = st.one_of(
    st.builds(encode_cursor, HUGE, st.just("key_x")),
    st.builds(encode_cursor, HUGE, st.integers(0, 10)),
    st.builds(encode_cursor, st.integers(0, 10), HUGE),
)


@schema.hook
def flatmap_query(
    context: schemathesis.HookContext, query: dict[str, Any] | None
) -> st.SearchStrategy[Any]:
    operation = context.operation
    names = {p.name for p in operation.query} if operation is not None else set()
    if "cursor" not in names:
        return st.just(query)
    return st.one_of(
        st.just(query), HUGE_CURSOR.map(lambda cursor: {**(query or {}), "cursor": cursor})
    )


def _not_unicode(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False, default=repr).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@pytest.fixture(scope="module")
def admin_token(fuzzed_sandbox: SandboxProcess) -> str:
    ready = fuzzed_sandbox.ready
    return sign_in(ready.url, ready.admin_email, ready.admin_password)


# Rules JSON Schema cannot state: a cursor must be one the server issued; a
# name's rules apply after trimming (length, Unicode categories Cc and Cf); an
# Idempotency-Key already used with another body is a mismatch. Part 2 adds
# rules that depend on the clock, the policy or the key as it is: an expiry at
# least an hour ahead and within the maximum (and only earlier on an edit), an
# owner that exists, tags equal after lowercasing, a description's characters,
# permissions that may only be narrowed, a default lifetime within the maximum.
# A schema-valid request may break them, and the documented 422 is then the
# right answer; so are a stale If-Match (412) and a key that is no longer
# active (409 key-inactive). Every other schema-valid request must be accepted.
UNSTATABLE_FIELDS = {
    "cursor", "name", "expires_at", "owner_id", "tags", "description", "permissions",
    "default_lifetime_days", "max_lifetime_days",
}  # fmt: skip
MISMATCH = "https://rakerone.example/problems/idempotency-mismatch"
STATE_DEPENDENT = {
    "https://rakerone.example/problems/precondition-failed",
    "https://rakerone.example/problems/key-inactive",
}


def positive_data_accepted(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    if response.status_code == 422 and _not_unicode(case.body):
        return None  # a lone surrogate: refused, as it must be (see the check below)
    if response.status_code == 422:
        problem = json.loads(response.content)
        fields = {row["field"] for row in problem.get("errors") or []}
        if problem["type"] == MISMATCH or (fields and fields <= UNSTATABLE_FIELDS):
            return None
    state_dependent = response.status_code in {409, 412}
    if state_dependent and json.loads(response.content).get("type") in STATE_DEPENDENT:
        return None
    result: bool | None = positive_data_acceptance(ctx, response, case)
    return result


def text_that_is_not_unicode_is_refused(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A body holding a lone surrogate is refused: 422, or 401 before validation.

    An edit in place checks that the key exists before it reads the body (the
    contract's order: 404, 412, 409, then 422), so there a 404, 412 or 409 comes first;
    and on any key's path, an id of no key's shape is a 404 from the router itself.
    """
    allowed = {401, 403, 422}
    if case.method.upper() == "PATCH" and case.path.startswith("/api/v1/api-keys/"):
        allowed |= {404, 409, 412}
    if "{key_id}" in case.path:
        # A key id that is not one's shape matches no route: 404 before any body is read.
        allowed |= {404}
    if _not_unicode(case.body) and response.status_code not in allowed:
        raise AssertionError(f"a body that is not Unicode text got {response.status_code}, not 422")
    return None


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(
    case: schemathesis.Case, fuzzed_sandbox: SandboxProcess, admin_token: str
) -> None:
    headers = case.headers or {}
    if headers.get("Authorization") == f"Bearer {TOKEN_PLACEHOLDER}":
        case.headers = {**headers, "Authorization": f"Bearer {admin_token}"}
    case.call_and_validate(
        base_url=fuzzed_sandbox.url,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[positive_data_accepted, text_that_is_not_unicode_is_refused],
    )
