"""The API client against a fake ``requests`` adapter that answers from a script.

The adapter records every request it is handed, so the tests see exactly what
would have gone on the wire: method, URL, headers, body, timeouts and TLS
verification. The injected ``sleep`` records delays instead of waiting.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
import requests
import urllib3.exceptions
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.client import (
    RakerOneClient,
    RetryPolicy,
    Timeouts,
    _retry_after_seconds,
)
from rakerone_desktop.api.models import ApiKey, CreatedKey, KeyPrincipal, User
from rakerone_desktop.domain import keyformat
from tests.api import apidocs as d

BASE = "https://rakerone.test"
TOKEN = "tok_SESSION_9f8e7d6c5b4a"

# --- the fake ------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    raw: Any = None  # a file-like body instead of ``body``


def ok(doc: Any, status: int = 200, request_id: str | None = "req-ok", **headers: str) -> Reply:
    hdrs = {"Content-Type": "application/json", **headers}
    if request_id is not None:
        hdrs["X-Request-Id"] = request_id
    return Reply(status, json.dumps(doc).encode(), hdrs)


def problem(
    status: int,
    slug: str,
    detail: str = "",
    request_id: str | None = "req-err",
    body_request_id: str | None = None,
    **extra: Any,
) -> Reply:
    retry_after = extra.pop("retry_after", None)
    doc = d.problem_doc(slug, status, detail, request_id=body_request_id, **extra)
    hdrs = {"Content-Type": "application/problem+json"}
    if request_id is not None:
        hdrs["X-Request-Id"] = request_id
    if retry_after is not None:
        hdrs["Retry-After"] = str(retry_after)
    return Reply(status, json.dumps(doc).encode(), hdrs)


def no_content() -> Reply:
    return Reply(204, b"", {"X-Request-Id": "req-204"})


def refused() -> requests.exceptions.ConnectionError:
    """What requests raises when nothing listens: the request was never sent."""
    # Made, never opened: urllib3 names the connection and the pool in its errors.
    pool = urllib3.HTTPConnectionPool("127.0.0.1", 9)
    inner = urllib3.exceptions.NewConnectionError(
        urllib3.connection.HTTPConnection("127.0.0.1", 9),
        "Failed to establish a new connection: [Errno 111] Connection refused",
    )
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(pool, "/", inner))


def lost() -> requests.exceptions.ConnectionError:
    """The connection broke after the request went out: it may have been served."""
    reason = urllib3.exceptions.ProtocolError(
        "Connection aborted.", ConnectionResetError(104, "Connection reset by peer")
    )
    return requests.exceptions.ConnectionError(reason)


class ExplodingBody(io.BytesIO):
    """A body nobody may read."""

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("the body was read")


Script = Reply | BaseException | Callable[[requests.PreparedRequest], Reply]


class FakeAdapter(BaseAdapter):
    """Answers each request with the next item of its script.

    An item is a :class:`Reply`, an exception to raise (as requests would),
    or a function of the request that returns a Reply.
    """

    def __init__(self, script: list[Script]) -> None:
        super().__init__()
        self.script = script
        self.sent: list[requests.PreparedRequest] = []
        self.options: list[dict[str, Any]] = []

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        self.sent.append(request)
        self.options.append({"stream": stream, "timeout": timeout, "verify": verify})
        if not self.script:
            raise AssertionError(f"unexpected request: {request.method} {request.url}")
        item = self.script.pop(0)
        if isinstance(item, BaseException):
            raise item
        if not isinstance(item, Reply):
            item = item(request)
        resp = requests.Response()
        resp.status_code = item.status
        resp.headers = CaseInsensitiveDict(item.headers)
        resp.raw = item.raw if item.raw is not None else io.BytesIO(item.body)
        resp.url = request.url or ""
        resp.request = request
        resp.reason = "Canned"
        return resp

    def close(self) -> None:
        pass

    def json_body(self, index: int) -> Any:
        body = self.sent[index].body
        assert isinstance(body, bytes)
        return json.loads(body)


@dataclass
class Rig:
    client: RakerOneClient
    adapter: FakeAdapter
    sleeps: list[float]

    def script(self, *items: Script) -> None:
        self.adapter.script.extend(items)

    @property
    def paths(self) -> list[str]:
        return [f"{r.method} {r.path_url}" for r in self.adapter.sent]


def rig(
    *script: Script,
    base_url: str = BASE,
    token: str | None = TOKEN,
    retry: RetryPolicy | None = None,
    timeouts: Timeouts | None = None,
) -> Rig:
    adapter = FakeAdapter(list(script))
    session = requests.Session()
    session.trust_env = False
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    sleeps: list[float] = []
    client = RakerOneClient(
        base_url=base_url,
        token=token,
        session=session,
        retry=retry or RetryPolicy(),
        timeouts=timeouts or Timeouts(),
        sleep=sleeps.append,
    )
    return Rig(client, adapter, sleeps)


@pytest.fixture
def r() -> Iterator[Rig]:
    the_rig = rig()
    yield the_rig
    assert the_rig.adapter.script == [], "not every scripted answer was used"


# --- what goes on the wire -------------------------------------------------------------


def test_a_call_sends_the_bearer_token_with_timeouts_and_verification(r: Rig) -> None:
    r.script(ok(d.user_doc()))
    me = r.client.me()
    assert isinstance(me, User)
    [sent] = r.adapter.sent
    assert sent.method == "GET"
    assert sent.url == f"{BASE}/api/v1/me"
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["User-Agent"].startswith("RakerOneDesktop/")
    assert r.adapter.options == [{"stream": True, "timeout": (5.0, 30.0), "verify": True}]


def test_custom_timeouts_and_user_agent() -> None:
    t = rig(ok(d.user_doc()), timeouts=Timeouts(connect=1.5, read=7.0))
    t.client.me()
    assert t.adapter.options[0]["timeout"] == (1.5, 7.0)
    adapter = FakeAdapter([ok(d.user_doc())])
    session = requests.Session()
    session.mount("https://", adapter)
    RakerOneClient(base_url=BASE, token=TOKEN, session=session, user_agent="Probe/1").me()
    assert adapter.sent[0].headers["User-Agent"] == "Probe/1"


def test_verification_stays_on_even_if_the_session_turns_it_off(r: Rig) -> None:
    r.client._session.verify = False
    r.script(ok(d.user_doc()))
    r.client.me()
    assert r.adapter.options[0]["verify"] is True


def test_not_signed_in_sends_nothing() -> None:
    t = rig(token=None)
    with pytest.raises(e.UnauthenticatedError):
        t.client.list_keys()
    assert t.adapter.sent == []


@pytest.mark.parametrize("token", ["tok with space", "tok\nX-Evil: 1", "tök", "tok\x00"])
def test_a_damaged_token_is_never_sent(token: str) -> None:
    t = rig(token=token)
    with pytest.raises(e.UnauthenticatedError) as info:
        t.client.me()
    assert t.adapter.sent == []
    assert token not in str(info.value)


def test_repr_hides_the_token(r: Rig) -> None:
    assert TOKEN not in repr(r.client)
    assert "signed_in=yes" in repr(r.client)


# --- sessions --------------------------------------------------------------------------


def test_sign_in_keeps_the_token() -> None:
    t = rig(ok(d.session_doc(token="tok_NEW_123"), status=201), ok(d.user_doc()), token=None)
    session = t.client.sign_in("ada@example.com", "pa55word")
    assert session.token == "tok_NEW_123"
    assert t.client.token == "tok_NEW_123"
    assert t.adapter.json_body(0) == {"email": "ada@example.com", "password": "pa55word"}
    assert "Authorization" not in t.adapter.sent[0].headers
    assert t.adapter.sent[0].headers["Content-Type"] == "application/json"
    t.client.me()
    assert t.adapter.sent[1].headers["Authorization"] == "Bearer tok_NEW_123"


def test_wrong_credentials(r: Rig) -> None:
    r.script(problem(401, "unauthenticated", "Wrong email or password.", request_id="req-401"))
    with pytest.raises(e.WrongCredentialsError) as info:
        r.client.sign_in("ada@example.com", "nope")
    assert info.value.status == 401
    assert info.value.request_id == "req-401"
    assert info.value.message == "Wrong email or password"
    assert r.client.token == TOKEN  # a failed sign-in leaves the old token alone
    assert r.sleeps == []


def test_sign_in_throttled(r: Rig) -> None:
    r.script(problem(429, "rate-limited", "Too many attempts.", retry_after=42))
    with pytest.raises(e.RateLimitedError) as info:
        r.client.sign_in("ada@example.com", "x")
    assert info.value.retry_after == 42.0
    assert len(r.adapter.sent) == 1
    assert r.sleeps == []


@pytest.mark.parametrize(
    "failure",
    [lost, lambda: requests.exceptions.ReadTimeout("read timed out")],
    ids=["connection-lost", "read-timeout"],
)
def test_sign_in_is_not_retried_after_sending(r: Rig, failure: Any) -> None:
    r.script(failure())
    with pytest.raises((e.ConnectionLostError, e.RequestTimeoutError)):
        r.client.sign_in("ada@example.com", "pw")
    assert len(r.adapter.sent) == 1
    assert r.sleeps == []


@pytest.mark.parametrize("status", [502, 503, 504])
def test_sign_in_is_not_retried_on_gateway_errors(r: Rig, status: int) -> None:
    r.script(Reply(status, b"<html>down</html>", {"Content-Type": "text/html"}))
    with pytest.raises(e.ServerError):
        r.client.sign_in("ada@example.com", "pw")
    assert len(r.adapter.sent) == 1


def test_sign_in_is_retried_when_nothing_was_sent(r: Rig) -> None:
    r.script(refused(), ok(d.session_doc(), status=201))
    r.client.sign_in("ada@example.com", "pw")
    assert len(r.adapter.sent) == 2
    assert r.sleeps == [0.5]


def test_sign_out_forgets_the_token(r: Rig) -> None:
    r.script(no_content())
    r.client.sign_out()
    assert r.paths == ["DELETE /api/v1/sessions/current"]
    assert r.client.token is None
    with pytest.raises(e.UnauthenticatedError):
        r.client.me()  # nothing is sent without a token


def test_sign_out_with_an_ended_session_is_quiet(r: Rig) -> None:
    r.script(problem(401, "unauthenticated"))
    r.client.sign_out()
    assert r.client.token is None


def test_sign_out_failure_is_reported_and_the_token_still_forgotten(r: Rig) -> None:
    r.script(problem(500, "internal", request_id="req-500"))
    with pytest.raises(e.ServerError):
        r.client.sign_out()
    assert r.client.token is None


def test_sign_out_by_an_api_key_is_forbidden(r: Rig) -> None:
    r.script(problem(403, "forbidden", "API keys can't sign out."))
    with pytest.raises(e.PermissionDeniedError):
        r.client.sign_out()


# --- plain calls --------------------------------------------------------------------------


def test_me_for_an_api_key(r: Rig) -> None:
    r.script(ok({"kind": "api_key", "id": "key_1", "name": "CI", "permissions": ["playbooks.run"]}))
    me = r.client.me()
    assert isinstance(me, KeyPrincipal)
    assert me.permissions == ("playbooks.run",)


def test_permissions(r: Rig) -> None:
    r.script(
        ok(
            {
                "items": [
                    d.permission_doc(),
                    d.permission_doc("users.impersonate", impersonation=True),
                ]
            }
        )
    )
    perms = r.client.permissions()
    assert [p.id for p in perms] == ["playbooks.run", "users.impersonate"]
    assert [p.impersonation for p in perms] == [False, True]


def test_list_keys_sends_its_parameters(r: Rig) -> None:
    r.script(ok(d.page_doc([d.api_key_doc()], next_cursor="c2", total=7)))
    page = r.client.list_keys(status="all", limit=1, cursor="c/1+x")
    assert page.total == 7
    assert page.next_cursor == "c2"
    assert r.paths == ["GET /api/v1/api-keys?status=all&limit=1&cursor=c%2F1%2Bx"]


def test_list_keys_defaults(r: Rig) -> None:
    r.script(ok(d.page_doc([])))
    r.client.list_keys()
    assert r.paths == ["GET /api/v1/api-keys?status=active&limit=100"]


def test_get_key_quotes_the_id(r: Rig) -> None:
    r.script(ok(d.api_key_doc("a/b?c")))
    key = r.client.get_key("a/b?c")
    assert key.id == "a/b?c"
    assert r.paths == ["GET /api/v1/api-keys/a%2Fb%3Fc"]


@pytest.mark.parametrize("key_id", ["", ".", ".."])
def test_ids_that_would_change_the_path_are_refused(r: Rig, key_id: str) -> None:
    for call in (r.client.get_key, r.client.revoke_key, r.client.key_events):
        with pytest.raises(ValueError, match="key id"):
            call(key_id)
    assert r.adapter.sent == []


def test_get_key_not_found(r: Rig) -> None:
    r.script(problem(404, "not-found", "No key key_9.", request_id="req-404"))
    with pytest.raises(e.NotFoundError) as info:
        r.client.get_key("key_9")
    assert info.value.status == 404
    assert info.value.request_id == "req-404"
    assert r.sleeps == []


def test_key_events(r: Rig) -> None:
    r.script(ok({"items": [d.event_doc()], "next_cursor": "e2"}))
    page = r.client.key_events("key_1", limit=10, cursor="e1")
    assert page.next_cursor == "e2"
    assert page.items[0].actor.kind == "user"
    assert r.paths == ["GET /api/v1/api-keys/key_1/events?limit=10&cursor=e1"]


def test_revoke_key(r: Rig) -> None:
    r.script(ok(d.api_key_doc(revoked_at=d.T0, revoked_by={"id": "usr_1", "name": "Ada"})))
    key = r.client.revoke_key("key_1")
    assert key.is_revoked
    assert r.paths == ["POST /api/v1/api-keys/key_1/revoke"]


# --- paging ---------------------------------------------------------------------------


def test_iter_key_pages_follows_cursors_until_null(r: Rig) -> None:
    r.script(
        ok(d.page_doc([d.api_key_doc("k1")], next_cursor="c1", total=3)),
        ok(d.page_doc([d.api_key_doc("k2")], next_cursor="c2", total=3)),
        ok(d.page_doc([d.api_key_doc("k3")], next_cursor=None, total=3)),
    )
    pages = list(r.client.iter_key_pages(status="revoked", page_size=1))
    assert [k.id for p in pages for k in p.items] == ["k1", "k2", "k3"]
    assert r.paths == [
        "GET /api/v1/api-keys?status=revoked&limit=1",
        "GET /api/v1/api-keys?status=revoked&limit=1&cursor=c1",
        "GET /api/v1/api-keys?status=revoked&limit=1&cursor=c2",
    ]


@pytest.mark.parametrize("cursors", [["c1", "c1"], ["c1", "c2", "c1"], ["a", "b", "c", "b"]])
def test_iter_key_pages_refuses_a_repeated_cursor(r: Rig, cursors: list[str]) -> None:
    r.script(*(ok(d.page_doc([], next_cursor=c), request_id=f"req-{c}") for c in cursors))
    pages = r.client.iter_key_pages()
    for _ in cursors:  # every page that came is delivered...
        next(pages)
    with pytest.raises(e.ProtocolError, match="cursor") as info:
        next(pages)  # ...but the repeated cursor is never followed
    assert info.value.request_id == f"req-{cursors[-1]}"
    assert len(r.adapter.sent) == len(cursors)


def test_iter_key_pages_is_lazy(r: Rig) -> None:
    r.script(ok(d.page_doc([], next_cursor="c1")))
    pages = r.client.iter_key_pages()
    assert r.adapter.sent == []
    next(pages)
    assert len(r.adapter.sent) == 1


# --- bulk revoke ---------------------------------------------------------------------------


def _revoke_answer(request_ids: list[str]) -> Reply:
    return ok({"results": [{"id": i, "outcome": "revoked"} for i in request_ids]})


def test_bulk_revoke_in_chunks_of_1000(r: Rig) -> None:
    ids = [f"key_{n}" for n in range(2500)]
    r.script(_revoke_answer(ids[:1000]), _revoke_answer(ids[1000:2000]), _revoke_answer(ids[2000:]))
    results = r.client.revoke_keys(ids)
    assert [x.id for x in results] == ids
    assert [len(r.adapter.json_body(i)["ids"]) for i in range(3)] == [1000, 1000, 500]
    assert r.adapter.json_body(1)["ids"][0] == "key_1000"


def test_bulk_revoke_exactly_1000_is_one_call(r: Rig) -> None:
    ids = [f"key_{n}" for n in range(1000)]
    r.script(_revoke_answer(ids))
    assert len(r.client.revoke_keys(ids)) == 1000
    assert len(r.adapter.sent) == 1


def test_bulk_revoke_of_nothing_sends_nothing(r: Rig) -> None:
    assert r.client.revoke_keys([]) == ()
    assert r.adapter.sent == []


def test_bulk_revoke_mixed_outcomes(r: Rig) -> None:
    r.script(
        ok(
            {
                "results": [
                    {"id": "a", "outcome": "revoked"},
                    {"id": "b", "outcome": "already_revoked"},
                    {"id": "c", "outcome": "not_found"},
                    {"id": "a", "outcome": "already_revoked"},
                ]
            }
        )
    )
    results = r.client.revoke_keys(["a", "b", "c", "a"])
    outcomes = [x.outcome for x in results]
    assert outcomes == ["revoked", "already_revoked", "not_found", "already_revoked"]
    assert r.adapter.json_body(0) == {"ids": ["a", "b", "c", "a"]}


@pytest.mark.parametrize(
    "answer_ids", [["b", "a"], ["a"], ["a", "b", "c"], []], ids=["order", "short", "long", "empty"]
)
def test_bulk_revoke_checks_the_results_match(r: Rig, answer_ids: list[str]) -> None:
    r.script(_revoke_answer(answer_ids))
    with pytest.raises(e.ProtocolError, match="don't match"):
        r.client.revoke_keys(["a", "b"])


# --- lookup ------------------------------------------------------------------------------


def test_lookup_sends_only_the_digest(r: Rig) -> None:
    value = keyformat.generate_key()
    digest = keyformat.sha256_hex(value)
    r.script(ok(d.api_key_doc(hint=keyformat.hint(value))))
    key = r.client.lookup_key(digest)
    assert isinstance(key, ApiKey)
    assert r.paths == ["POST /api/v1/api-keys/lookup"]
    assert r.adapter.json_body(0) == {"sha256": digest}
    sent = r.adapter.sent[0]
    assert value not in (sent.url or "")
    assert isinstance(sent.body, bytes)
    assert value.encode() not in sent.body


def test_lookup_not_found_is_none(r: Rig) -> None:
    r.script(problem(404, "not-found"))
    assert r.client.lookup_key("a" * 64) is None


def test_lookup_normalizes_case(r: Rig) -> None:
    r.script(problem(404, "not-found"))
    r.client.lookup_key("  " + "AB" * 32 + "\n")
    assert r.adapter.json_body(0) == {"sha256": "ab" * 32}


@pytest.mark.parametrize(
    "wrong", [keyformat.generate_key(), "a" * 63, "a" * 65, "g" * 64, "", "a" * 32 + " " + "a" * 31]
)
def test_lookup_refuses_anything_but_a_digest(r: Rig, wrong: str) -> None:
    with pytest.raises(ValueError, match="digest") as info:
        r.client.lookup_key(wrong)
    assert r.adapter.sent == []
    if wrong:
        assert wrong not in str(info.value)


def test_lookup_other_errors_are_raised(r: Rig) -> None:
    r.script(problem(403, "admin-only"))
    with pytest.raises(e.AdminOnlyError):
        r.client.lookup_key("a" * 64)


# --- create and idempotency ---------------------------------------------------------------


def _idempotency_key(sent: requests.PreparedRequest) -> str:
    value = sent.headers["Idempotency-Key"]
    assert uuid.UUID(value).version == 4
    assert str(uuid.UUID(value)) == value
    return value


def test_create_sends_a_uuid4_idempotency_key(r: Rig) -> None:
    secret = keyformat.generate_key()
    r.script(ok(d.created_doc(secret), status=201), ok(d.created_doc(), status=201))
    created = r.client.create_key("Data import", ["records.read", "records.write"])
    assert created.secret == secret
    assert created.replayed is False
    assert r.paths == ["POST /api/v1/api-keys"]
    assert r.adapter.json_body(0) == {
        "name": "Data import",
        "permissions": ["records.read", "records.write"],
    }
    first = _idempotency_key(r.adapter.sent[0])
    r.client.create_key("Data import", ["records.read", "records.write"])
    assert _idempotency_key(r.adapter.sent[1]) != first  # a new create, a new key


def test_create_retry_after_a_lost_answer_reuses_the_key_and_learns_of_the_replay(
    r: Rig,
) -> None:
    r.script(lost(), ok(d.created_doc(replayed=True), status=200))
    created = r.client.create_key("Webhook relay", ["webhooks.manage"])
    assert created == CreatedKey(api_key=created.api_key, secret=None, replayed=True)
    assert created.secret is None
    assert len(r.adapter.sent) == 2
    first, second = (_idempotency_key(s) for s in r.adapter.sent)
    assert first == second
    assert r.adapter.json_body(0) == r.adapter.json_body(1)
    assert r.sleeps == [0.5]


def test_create_retried_after_a_read_timeout_and_a_gateway_error(r: Rig) -> None:
    r.script(
        requests.exceptions.ReadTimeout("slow"),
        Reply(503, b"busy", {"Content-Type": "text/plain"}),
        ok(d.created_doc(replayed=True)),
    )
    created = r.client.create_key("x", [])
    assert created.replayed
    assert len({_idempotency_key(s) for s in r.adapter.sent}) == 1
    assert r.sleeps == [0.5, 1.0]


def test_create_uses_a_given_idempotency_key(r: Rig) -> None:
    given = str(uuid.uuid4())
    r.script(ok(d.created_doc(), status=201))
    r.client.create_key("x", [], idempotency_key=given)
    assert r.adapter.sent[0].headers["Idempotency-Key"] == given


def test_create_in_progress_is_retried(r: Rig) -> None:
    r.script(problem(409, "in-progress"), ok(d.created_doc(), status=201))
    created = r.client.create_key("x", [])
    assert created.secret is not None
    assert len({_idempotency_key(s) for s in r.adapter.sent}) == 1
    assert r.sleeps == [0.5]


def test_create_in_progress_for_too_long(r: Rig) -> None:
    r.script(*(problem(409, "in-progress", request_id=f"req-{n}") for n in range(3)))
    with pytest.raises(e.ConflictError) as info:
        r.client.create_key("x", [])
    assert info.value.request_id == "req-2"
    assert r.sleeps == [0.5, 1.0]


def test_in_progress_is_retried_only_for_create(r: Rig) -> None:
    r.script(problem(409, "in-progress"))
    with pytest.raises(e.ConflictError):
        r.client.revoke_key("key_1")
    assert r.sleeps == []


def test_create_mismatch(r: Rig) -> None:
    r.script(problem(422, "idempotency-mismatch", "This key was used with another body."))
    with pytest.raises(e.IdempotencyMismatchError) as info:
        r.client.create_key("x", [], idempotency_key="k-1")
    assert isinstance(info.value, e.ValidationError)
    assert info.value.message == "This key was used with another body."
    assert r.sleeps == []


def test_create_validation_rows(r: Rig) -> None:
    r.script(
        problem(
            422,
            "validation",
            "The key can't be created.",
            errors=[
                {"field": "name", "message": "Enter a name."},
                {"field": "permissions", "message": "Unknown permission: nope."},
            ],
        )
    )
    with pytest.raises(e.ValidationError) as info:
        r.client.create_key(" ", ["nope"])
    err = info.value
    assert type(err) is e.ValidationError
    assert err.message_for("name") == "Enter a name."
    assert err.message_for("permissions") == "Unknown permission: nope."
    assert err.message_for("other") is None
    assert [f.field for f in err.field_errors] == ["name", "permissions"]


@pytest.mark.parametrize("status", [500, 400])
def test_create_not_retried_on_other_errors(r: Rig, status: int) -> None:
    r.script(problem(status, "internal" if status == 500 else "bad-request"))
    with pytest.raises(e.StatusError):
        r.client.create_key("x", [])
    assert len(r.adapter.sent) == 1


@pytest.mark.parametrize(
    "doc",
    [
        {"api_key": d.api_key_doc(), "secret": None},
        {"api_key": d.api_key_doc(), "secret": None, "replayed": False},
        {"api_key": d.api_key_doc(), "secret": keyformat.generate_key(), "replayed": True},
    ],
    ids=["fresh-without-secret", "explicitly-not-replayed", "replay-with-secret"],
)
def test_create_answer_must_be_consistent(r: Rig, doc: dict[str, Any]) -> None:
    r.script(ok(doc, request_id="req-odd"))
    with pytest.raises(e.ProtocolError) as info:
        r.client.create_key("x", [])
    assert info.value.request_id == "req-odd"
    if doc["secret"]:
        assert doc["secret"] not in str(info.value)


# --- retries and backoff --------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_safe_calls_retry_with_backoff(r: Rig, status: int) -> None:
    r.script(
        Reply(status, b"", {"X-Request-Id": "a"}),
        Reply(status, b"", {"X-Request-Id": "b"}),
        ok(d.user_doc()),
    )
    r.client.me()
    assert r.sleeps == [0.5, 1.0]
    assert len(r.adapter.sent) == 3


def test_retries_give_up_with_the_last_error(r: Rig) -> None:
    r.script(*(problem(503, "internal", request_id=f"req-{n}") for n in range(3)))
    with pytest.raises(e.ServerError) as info:
        r.client.me()
    assert info.value.request_id == "req-2"
    assert r.sleeps == [0.5, 1.0]


def test_backoff_doubles_up_to_the_cap() -> None:
    t = rig(
        *([refused()] * 5),
        ok(d.user_doc()),
        retry=RetryPolicy(attempts=6, backoff=1.0, max_delay=4.0),
    )
    t.client.me()
    assert t.sleeps == [1.0, 2.0, 4.0, 4.0, 4.0]


def test_one_attempt_means_no_retry() -> None:
    t = rig(Reply(503), retry=RetryPolicy(attempts=1))
    with pytest.raises(e.ServerError):
        t.client.me()
    assert t.sleeps == []


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (lost, e.ConnectionLostError),
        (lambda: requests.exceptions.ReadTimeout("x"), e.RequestTimeoutError),
        (lambda: requests.exceptions.ConnectTimeout("x"), e.ConnectError),
        (refused, e.ConnectError),
    ],
    ids=["lost", "read-timeout", "connect-timeout", "refused"],
)
def test_transport_failures_retried_then_raised(r: Rig, failure: Any, error: type) -> None:
    r.script(failure(), failure(), failure())
    with pytest.raises(error) as info:
        r.client.get_key("key_1")
    assert info.value.status is None
    assert isinstance(info.value, e.TransportError)
    assert r.sleeps == [0.5, 1.0]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.revoke_key("key_1"),
        lambda c: c.revoke_keys(["key_1"]),
        lambda c: c.lookup_key("a" * 64),
        lambda c: c.list_keys(),
        lambda c: c.get_key("key_1"),
        lambda c: c.key_events("key_1"),
        lambda c: c.permissions(),
        lambda c: c.sign_out(),
    ],
    ids=["revoke", "bulk-revoke", "lookup", "list", "get", "events", "permissions", "sign-out"],
)
def test_safe_calls_are_retried_after_a_lost_connection(r: Rig, call: Any) -> None:
    answers = {
        "POST /api/v1/api-keys/key_1/revoke": ok(d.api_key_doc(revoked_at=d.T0)),
        "POST /api/v1/api-keys/revoke": _revoke_answer(["key_1"]),
        "POST /api/v1/api-keys/lookup": ok(d.api_key_doc()),
        "GET /api/v1/api-keys?status=active&limit=100": ok(d.page_doc([])),
        "GET /api/v1/api-keys/key_1": ok(d.api_key_doc()),
        "GET /api/v1/api-keys/key_1/events?limit=50": ok({"items": [], "next_cursor": None}),
        "GET /api/v1/permissions": ok({"items": []}),
        "DELETE /api/v1/sessions/current": no_content(),
    }
    r.script(lost(), lambda request: answers[f"{request.method} {request.path_url}"])
    call(r.client)
    assert len(r.adapter.sent) == 2
    assert r.paths[0] == r.paths[1]
    assert r.sleeps == [0.5]


# --- Retry-After ------------------------------------------------------------------------


def test_retry_after_seconds_is_honoured(r: Rig) -> None:
    r.script(problem(429, "rate-limited", retry_after=7), ok(d.user_doc()))
    r.client.me()
    assert r.sleeps == [7.0]


def test_retry_after_http_date_is_honoured(r: Rig) -> None:
    when = datetime.now(UTC) + timedelta(seconds=20)
    r.script(Reply(503, b"", {"Retry-After": format_datetime(when, usegmt=True)}), ok(d.user_doc()))
    r.client.me()
    [delay] = r.sleeps
    assert 17.0 <= delay <= 20.0


def test_retry_after_in_the_past_means_now(r: Rig) -> None:
    r.script(Reply(503, b"", {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), ok(d.user_doc()))
    r.client.me()
    assert r.sleeps == [0.0]


@pytest.mark.parametrize(
    "header",
    ["120", format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)],
    ids=["seconds", "date"],
)
def test_a_too_long_retry_after_is_raised_not_slept(r: Rig, header: str) -> None:
    r.script(Reply(429, b"", {"Retry-After": header, "X-Request-Id": "req-429"}))
    with pytest.raises(e.RateLimitedError) as info:
        r.client.list_keys()
    assert info.value.retry_after is not None
    assert info.value.retry_after > 30
    assert info.value.request_id == "req-429"
    assert r.sleeps == []
    assert len(r.adapter.sent) == 1


@pytest.mark.parametrize("header", ["soon", "²", "-1", "1.5", "", "Wed, 99 Foo 2015"])
def test_a_garbled_retry_after_falls_back_to_backoff(r: Rig, header: str) -> None:
    r.script(Reply(503, b"", {"Retry-After": header}), ok(d.user_doc()))
    r.client.me()
    assert r.sleeps == [0.5]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        (" 12 ", 12.0),
        ("²", None),
        ("٣", None),
        ("-5", None),
        ("1e3", None),
        ("Thu, 01 Jan 1970 00:01:40 GMT", 60.0),
        ("Thu, 01 Jan 1970 00:01:40 -0000", 60.0),
        ("Thu, 01 Jan 1970 00:01:40 +0100", 0.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Thu, 99 Jan 1970 00:00:00 GMT", None),
        ("garbage", None),
    ],
)
def test_retry_after_parsing(value: str | None, seconds: float | None) -> None:
    assert _retry_after_seconds(value, now=40.0) == seconds


# --- error mapping -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "slug", "cls", "own_words"),
    [
        (401, "unauthenticated", e.UnauthenticatedError, True),
        (403, "admin-only", e.AdminOnlyError, True),
        (403, "forbidden", e.PermissionDeniedError, False),
        (404, "not-found", e.NotFoundError, False),
        (409, "in-progress", e.ConflictError, False),
        (422, "validation", e.ValidationError, False),
        (422, "idempotency-mismatch", e.IdempotencyMismatchError, False),
        (429, "rate-limited", e.RateLimitedError, False),
        (500, "internal", e.ServerError, True),
        (400, "bad-request", e.StatusError, False),
    ],
)
def test_every_slug_maps_to_its_error(
    status: int, slug: str, cls: type[e.StatusError], own_words: bool
) -> None:
    t = rig(
        problem(status, slug, f"Server says {slug}.", request_id=f"req-{slug}"),
        retry=RetryPolicy(attempts=1),
    )
    with pytest.raises(e.ApiError) as info:
        t.client.get_key("key_1")
    err = info.value
    assert type(err) is cls
    assert err.status == status
    assert err.request_id == f"req-{slug}"
    assert err.slug == slug
    if own_words:
        assert err.message == cls.default_message
    else:
        assert err.message == f"Server says {slug}."
    assert f"req-{slug}" in str(err)
    assert f"HTTP {status}" in str(err)
    assert TOKEN not in str(err)
    assert TOKEN not in repr(err)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, e.StatusError),
        (401, e.UnauthenticatedError),
        (403, e.PermissionDeniedError),
        (404, e.NotFoundError),
        (405, e.StatusError),
        (409, e.ConflictError),
        (413, e.StatusError),
        (422, e.ValidationError),
        (429, e.RateLimitedError),
        (500, e.ServerError),
        (501, e.ServerError),
        (502, e.ServerError),
        (599, e.ServerError),
    ],
)
@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"", ""),
        (b"<html><h1>Oops</h1></html>", "text/html"),
        (b'{"unrelated": true}', "application/json"),
        (b'{"type": 5}', "application/problem+json"),
    ],
    ids=["empty", "html", "other-json", "bad-problem"],
)
def test_the_status_decides_without_a_problem_document(
    status: int, cls: type[e.StatusError], body: bytes, ctype: str
) -> None:
    t = rig(Reply(status, body, {"Content-Type": ctype}), retry=RetryPolicy(attempts=1))
    with pytest.raises(e.ApiError) as info:
        t.client.get_key("key_1")
    assert type(info.value) is cls
    assert info.value.status == status
    assert info.value.request_id is None
    assert info.value.message


def test_an_html_502_is_a_server_error_with_a_sensible_message(r: Rig) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    r.script(*[Reply(502, page, {"Content-Type": "text/html", "X-Request-Id": "lb-7"})] * 3)
    with pytest.raises(e.ServerError) as info:
        r.client.list_keys()
    err = info.value
    assert err.status == 502
    assert err.request_id == "lb-7"
    assert "gateway" in err.message.lower()
    assert "<html" not in str(err)
    assert str(err) == f"{err.message} (HTTP 502) [request id lb-7]"


def test_request_id_falls_back_to_the_problem_body(r: Rig) -> None:
    r.script(problem(404, "not-found", request_id=None, body_request_id="body-1"))
    with pytest.raises(e.NotFoundError) as info:
        r.client.get_key("k")
    assert info.value.request_id == "body-1"


def test_the_header_request_id_wins(r: Rig) -> None:
    r.script(problem(404, "not-found", request_id="hdr-1", body_request_id="body-1"))
    with pytest.raises(e.NotFoundError) as info:
        r.client.get_key("k")
    assert info.value.request_id == "hdr-1"


def test_each_answer_carries_its_own_request_id(r: Rig) -> None:
    r.script(ok(d.user_doc(), request_id="req-1"), ok({"items": []}, request_id="req-2"))
    me = r.client.with_request_id.me()
    perms = r.client.with_request_id.permissions()
    assert (me.request_id, perms.request_id) == ("req-1", "req-2")
    assert isinstance(me.value, User) and perms.value == ()
    assert not hasattr(r.client, "last_request_id")  # nothing about a call is kept


def test_request_ids_stay_with_their_calls_when_calls_run_at_once(r: Rig) -> None:
    # Two calls in flight together on two threads, each answered with its own id.
    both_sent = threading.Barrier(2, timeout=10)

    def answer(request: requests.PreparedRequest) -> Reply:
        both_sent.wait()
        if request.path_url.endswith("/me"):
            return ok(d.user_doc(), request_id="req-me")
        return problem(404, "not-found", request_id="req-get")

    r.script(answer, answer)

    def get() -> str | None:
        with pytest.raises(e.NotFoundError) as info:
            r.client.get_key("key_9")
        return info.value.request_id

    with ThreadPoolExecutor(2) as pool:
        me = pool.submit(r.client.with_request_id.me)
        failed = pool.submit(get)
        assert me.result(timeout=10).request_id == "req-me"
        assert failed.result(timeout=10) == "req-get"


def test_an_error_found_after_another_call_keeps_its_own_request_id(r: Rig) -> None:
    # The second page repeats the cursor; before the loop finds out, another
    # call (on another thread) is answered. The error names the page's request.
    r.script(
        ok(d.page_doc([], next_cursor="c1"), request_id="req-page-1"),
        ok(d.page_doc([], next_cursor="c1"), request_id="req-page-2"),
        ok(d.user_doc(), request_id="req-other"),
    )
    pages = r.client.iter_key_pages()
    next(pages)
    next(pages)
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(r.client.with_request_id.me).result(timeout=10).request_id == (
            "req-other"
        )
    with pytest.raises(e.ProtocolError, match="cursor") as info:
        next(pages)
    assert info.value.request_id == "req-page-2"


def test_a_revoke_answered_without_revoking_is_refused_with_its_request_id(r: Rig) -> None:
    r.script(ok(d.api_key_doc(), request_id="req-not-revoked"))
    with pytest.raises(e.ProtocolError, match="without revoking") as info:
        r.client.revoke_key("key_1")
    assert info.value.request_id == "req-not-revoked"


def test_a_garbled_request_id_is_cleaned(r: Rig) -> None:
    r.script(problem(404, "not-found", request_id="  id-1\x07" + "x" * 500))
    with pytest.raises(e.NotFoundError) as info:
        r.client.get_key("k")
    assert info.value.request_id is not None
    assert info.value.request_id.startswith("id-1x")
    assert len(info.value.request_id) == 128


def test_a_long_server_detail_is_clipped(r: Rig) -> None:
    r.script(problem(404, "not-found", "word " * 1000))
    with pytest.raises(e.NotFoundError) as info:
        r.client.get_key("k")
    assert len(info.value.message) <= 500


# --- answers that break the contract ---------------------------------------------------------


@pytest.mark.parametrize("ctype", ["text/html", "text/plain", "", "application/xml"])
def test_wrong_content_type_on_success(r: Rig, ctype: str) -> None:
    r.script(Reply(200, json.dumps(d.user_doc()).encode(), {"Content-Type": ctype,
                                                          "X-Request-Id": "req-ct"}))  # fmt: skip
    with pytest.raises(e.ProtocolError) as info:
        r.client.me()
    assert info.value.status == 200
    assert info.value.request_id == "req-ct"
    assert (ctype or "no content type") in info.value.message
    assert r.sleeps == []


def test_json_with_parameters_is_fine(r: Rig) -> None:
    r.script(Reply(200, json.dumps(d.user_doc()).encode(),
                   {"Content-Type": "Application/JSON; charset=utf-8"}))  # fmt: skip
    assert isinstance(r.client.me(), User)


def test_invalid_json_on_success(r: Rig) -> None:
    r.script(Reply(200, b'{"kind": "user", ', {"Content-Type": "application/json",
                                               "X-Request-Id": "req-j"}))  # fmt: skip
    with pytest.raises(e.ProtocolError) as info:
        r.client.me()
    assert info.value.request_id == "req-j"


def test_a_body_over_the_declared_cap_is_refused_unread(r: Rig) -> None:
    r.client.max_body_bytes = 1000
    r.script(Reply(200, headers={"Content-Type": "application/json", "Content-Length": "1001"},
                   raw=ExplodingBody()))  # fmt: skip
    with pytest.raises(e.ProtocolError, match="too large"):
        r.client.list_keys()


def test_a_streamed_body_over_the_cap_is_refused(r: Rig) -> None:
    r.client.max_body_bytes = 1000
    body = json.dumps(d.page_doc([d.api_key_doc(f"k{n}") for n in range(20)])).encode()
    assert len(body) > 1000
    r.script(Reply(200, body, {"Content-Type": "application/json"}))
    with pytest.raises(e.ProtocolError, match="too large"):
        r.client.list_keys()


def test_a_body_at_the_cap_is_fine(r: Rig) -> None:
    body = json.dumps(d.user_doc()).encode()
    r.client.max_body_bytes = len(body)
    r.script(Reply(200, body, {"Content-Type": "application/json"}))
    assert isinstance(r.client.me(), User)


def test_the_default_cap_is_generous_but_finite(r: Rig) -> None:
    assert 1024 * 1024 <= r.client.max_body_bytes <= 64 * 1024 * 1024


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_are_not_followed(r: Rig, status: int) -> None:
    r.script(
        Reply(status, headers={"Location": "https://evil.example/steal", "X-Request-Id": "rd"},
              raw=ExplodingBody()),
        ok(d.user_doc()),  # what a followed redirect would have fetched
    )  # fmt: skip
    with pytest.raises(e.ProtocolError, match="redirect") as info:
        r.client.me()
    assert info.value.status == status
    assert info.value.request_id == "rd"
    assert len(r.adapter.sent) == 1
    assert all((s.url or "").startswith(BASE + "/") for s in r.adapter.sent)
    r.adapter.script.clear()


def test_the_token_only_goes_to_the_base_host(r: Rig) -> None:
    r.script(
        Reply(302, headers={"Location": "https://evil.example/"}),
        ok(d.user_doc()),
        ok(d.page_doc([])),
    )
    with pytest.raises(e.ProtocolError):
        r.client.me()
    r.client.me()
    r.client.list_keys()
    hosts = {requests.utils.urlparse(s.url).netloc for s in r.adapter.sent}
    assert hosts == {"rakerone.test"}


@pytest.mark.parametrize(
    "base",
    [
        "http://rakerone.example.com",
        "http://10.1.2.3:8000",
        "http://evil.localhost",
    ],
)
def test_http_to_other_hosts_is_refused_before_any_request(base: str) -> None:
    adapter = FakeAdapter([ok(d.user_doc())])
    session = requests.Session()
    session.mount("http://", adapter)
    with pytest.raises(e.InsecureTransportError):
        RakerOneClient(base_url=base, token=TOKEN, session=session)
    assert adapter.sent == []


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/api/v1/me"),
        ("http://[::1]:8000/", "http://[::1]:8000/api/v1/me"),
        ("http://localhost:8000/api/v1", "http://localhost:8000/api/v1/me"),
    ],
)
def test_http_to_loopback_is_allowed(base: str, url: str) -> None:
    t = rig(ok(d.user_doc()), base_url=base)
    t.client.me()
    assert t.adapter.sent[0].url == url


def test_an_unreadable_body_is_a_lost_connection(r: Rig) -> None:
    class Broken(io.BytesIO):
        def read(self, *args: Any, **kwargs: Any) -> bytes:
            raise ConnectionResetError(104, "reset")

    r.script(*[Reply(200, headers={"Content-Type": "application/json"}, raw=Broken())] * 3)
    with pytest.raises(e.ConnectionLostError):
        r.client.me()
    assert r.sleeps == [0.5, 1.0]


@pytest.mark.parametrize(
    ("raised", "error", "words"),
    [
        (
            requests.exceptions.SSLError(
                "certificate verify failed: self-signed certificate (_ssl.c:1000)"
            ),
            e.TlsError,
            "self-signed certificate",
        ),
        (requests.exceptions.SSLError("hostname 'x' doesn't match 'y'"), e.TlsError, "other name"),
        (requests.exceptions.InvalidHeader("bad"), e.TransportError, "couldn't be sent"),
    ],
)
def test_other_transport_failures(r: Rig, raised: Exception, error: type, words: str) -> None:
    r.script(raised)
    with pytest.raises(error) as info:
        r.client.me()
    assert words in info.value.message
    assert r.sleeps == []


# --- nothing secret in the logs ------------------------------------------------------------------


def test_debug_logs_of_a_whole_session_hold_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    password = "correct horse battery staple 7"
    session_token = "tok_LOGTEST_" + "q" * 30
    secret = keyformat.generate_key()
    digest = keyformat.sha256_hex(secret)
    t = rig(
        ok(d.session_doc(token=session_token), status=201),
        ok(d.user_doc()),
        ok(d.page_doc([d.api_key_doc()], next_cursor=None)),
        lost(),
        ok(d.created_doc(secret), status=201),
        Reply(503, b"<html>busy</html>", {"Content-Type": "text/html"}),
        ok(d.api_key_doc(hint=keyformat.hint(secret))),
        ok(d.api_key_doc(revoked_at=d.T0)),
        problem(404, "not-found"),
        no_content(),
        token=None,
    )
    caplog.set_level(logging.DEBUG)
    t.client.sign_in("ada@example.com", password)
    t.client.me()
    list(t.client.iter_key_pages())
    created = t.client.create_key("Logged key", ["records.read"])
    assert created.secret == secret
    assert t.client.lookup_key(digest) is not None
    t.client.revoke_key("key_1")
    with pytest.raises(e.NotFoundError) as info:
        t.client.get_key("key_404")
    t.client.sign_out()

    assert len(t.adapter.sent) == 10
    assert any("POST /api-keys ->" in m.getMessage() for m in caplog.records)  # it did log
    texts = [caplog.text, str(info.value), repr(info.value), repr(created), repr(t.client)]
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        texts.append(repr(record.__dict__))
    blob = "\n".join(texts)
    for needle in (password, session_token, secret, secret[5:-4], "Authorization", "Bearer"):
        assert needle not in blob, needle
