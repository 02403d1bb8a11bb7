"""The real client against the real sandbox server, over a real socket.

Every call of :class:`RakerOneClient` and every documented error, end to end.
Nothing here is mocked; the only wrapped piece is one adapter that drops an
answer after the server has committed, to show a lost create loses nothing.
"""

from __future__ import annotations

import logging
import socket
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.client import RakerOneClient, RetryPolicy
from rakerone_desktop.api.models import ApiKey, CreatedKey, KeyPrincipal, User
from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess

pytestmark = pytest.mark.integration

ClientFactory = Callable[..., RakerOneClient]  # the make_client fixture


def _name(prefix: str = "Integration") -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def _all_keys(client: RakerOneClient, status: str, page_size: int) -> tuple[list[ApiKey], int]:
    keys: list[ApiKey] = []
    totals: set[int] = set()
    for page in client.iter_key_pages(status=status, page_size=page_size):
        assert len(page.items) <= page_size
        keys.extend(page.items)
        totals.add(page.total)
    assert len(totals) == 1, "the total changed between pages"
    return keys, totals.pop()


# --- sessions ------------------------------------------------------------------------------------


def test_sign_in_as_admin(make_client: ClientFactory, ready: ReadyInfo) -> None:
    client = make_client()
    assert ready.admin_password is not None
    before = datetime.now(UTC)
    session = client.sign_in(ready.admin_email, ready.admin_password)
    assert session.user.email == ready.admin_email
    assert session.user.is_admin
    assert client.token == session.token
    assert timedelta(hours=11) < session.expires_at - before <= timedelta(hours=12, minutes=1)
    me = client.me()
    assert isinstance(me, User)
    assert me == session.user
    assert session.token not in repr(session)


def test_sign_in_as_member(member: RakerOneClient, ready: ReadyInfo) -> None:
    me = member.me()
    assert isinstance(me, User)
    assert me.role == "member"
    assert me.email == ready.member_email


@pytest.mark.parametrize("who", ["known", "unknown"])
def test_wrong_credentials(make_client: ClientFactory, ready: ReadyInfo, who: str) -> None:
    client = make_client()
    email = ready.admin_email if who == "known" else f"nobody-{uuid.uuid4().hex}@example.com"
    with pytest.raises(e.WrongCredentialsError) as info:
        client.sign_in(email, "not-the-password")
    err = info.value
    assert err.status == 401
    assert err.slug == "unauthenticated"
    assert err.request_id
    assert err.message == "Wrong email or password"
    assert client.token is None
    assert "not-the-password" not in str(err)


def test_sign_in_is_throttled_after_five_failures(
    fresh_sandbox: SandboxProcess, sleeps: list[float]
) -> None:
    ready = fresh_sandbox.ready
    assert ready.member_password is not None
    client = RakerOneClient(base_url=fresh_sandbox.url, sleep=sleeps.append)
    try:
        for _ in range(5):
            with pytest.raises(e.WrongCredentialsError):
                client.sign_in(ready.member_email, "wrong")
        for password in ("wrong", ready.member_password):  # right or wrong alike
            with pytest.raises(e.RateLimitedError) as info:
                client.sign_in(ready.member_email, password)
            err = info.value
            assert err.status == 429
            assert err.slug == "rate-limited"
            assert err.retry_after is not None
            assert 0 < err.retry_after <= 60
            assert err.request_id
        assert client.token is None
        assert sleeps == []  # a sign-in is never retried, throttled or not
        # Another account is not affected.
        assert ready.admin_password is not None
        client.sign_in(ready.admin_email, ready.admin_password)
    finally:
        client.close()


def test_sign_out_ends_the_session(make_client: ClientFactory, ready: ReadyInfo) -> None:
    client = make_client()
    assert ready.admin_password is not None
    token = client.sign_in(ready.admin_email, ready.admin_password).token
    client.sign_out()
    assert client.token is None
    with pytest.raises(e.UnauthenticatedError) as info:
        make_client(token).me()
    assert info.value.status == 401
    assert info.value.request_id
    assert type(info.value) is e.UnauthenticatedError
    # Signing out again with the dead token is quiet.
    again = make_client(token)
    again.sign_out()
    assert again.token is None


def test_a_made_up_token_is_refused(make_client: ClientFactory) -> None:
    for token in ("tok_" + uuid.uuid4().hex, keyformat.generate_key()):
        with pytest.raises(e.UnauthenticatedError) as info:
            make_client(token).permissions()
        assert info.value.status == 401


# --- what a key is -------------------------------------------------------------------------------


def test_me_for_an_api_key(admin: RakerOneClient, make_client: ClientFactory) -> None:
    name = _name("Me as key")
    created = admin.create_key(name, ["playbooks.run", "records.read"])
    assert created.secret is not None
    me = make_client(created.secret).me()
    assert isinstance(me, KeyPrincipal)
    assert me.id == created.api_key.id
    assert me.name == name
    assert me.permissions == ("playbooks.run", "records.read")


def test_a_key_records_its_use(admin: RakerOneClient, make_client: ClientFactory) -> None:
    created = admin.create_key(_name("Used"), [])
    assert created.secret is not None
    assert created.api_key.last_used_at is None
    as_key = make_client(created.secret, user_agent="IntegrationProbe/1.0")
    as_key.me()
    key = admin.get_key(created.api_key.id)
    assert key.last_used_at is not None
    assert key.last_used_ip == "127.0.0.1"
    assert key.last_used_user_agent == "IntegrationProbe/1.0"


def test_permissions(admin: RakerOneClient, member: RakerOneClient) -> None:
    catalog = admin.permissions()
    ids = [p.id for p in catalog]
    assert len(ids) == len(set(ids))
    assert "users.impersonate" in ids
    assert [p.id for p in catalog if p.impersonation] == ["users.impersonate"]
    assert all(p.label and p.group and p.description for p in catalog)
    assert member.permissions() == catalog


def test_permissions_for_an_api_key(admin: RakerOneClient, make_client: ClientFactory) -> None:
    created = admin.create_key(_name("Catalog reader"), [])
    assert created.secret is not None
    assert make_client(created.secret).permissions() == admin.permissions()


# --- listing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["active", "revoked", "all"])
def test_paging_visits_every_key_once(admin: RakerOneClient, status: str) -> None:
    expected = admin.list_keys(status=status, limit=1).total
    assert expected >= 2, "the demo seed has active and revoked keys"
    page_size = max(1, expected // 3)  # at least three pages
    keys, total = _all_keys(admin, status, page_size=page_size)
    ids = [k.id for k in keys]
    assert len(ids) == len(set(ids)), "a key came twice"
    assert total == expected
    assert len(ids) == total
    if status == "active":
        assert not any(k.is_revoked for k in keys)
    elif status == "revoked":
        assert all(k.is_revoked for k in keys)
    order = [(k.created_at, k.id) for k in keys]
    assert order == sorted(order, reverse=True)
    # One big page says the same.
    [page] = list(admin.iter_key_pages(status=status, page_size=1000))
    assert [k.id for k in page.items] == ids
    assert page.next_cursor is None


def test_totals_add_up(admin: RakerOneClient) -> None:
    totals = {
        status: admin.list_keys(status=status, limit=1).total
        for status in ("active", "disabled", "expired", "revoked")
    }
    assert totals["revoked"] >= 1
    assert admin.list_keys(status="all", limit=1).total == sum(totals.values())


def test_default_listing_is_active_keys(admin: RakerOneClient) -> None:
    page = admin.list_keys()
    assert not any(k.is_revoked for k in page.items)
    assert page.total == admin.list_keys(status="active").total


def test_the_demo_seed_has_the_documented_variety(admin: RakerOneClient) -> None:
    keys, _ = _all_keys(admin, "all", page_size=1000)
    catalog = {p.id: p for p in admin.permissions()}
    assert any(not k.permissions for k in keys)
    assert any(any(catalog[p].impersonation for p in k.permissions) for k in keys)
    assert any(k.last_used_at is None for k in keys)
    assert any(k.revoked_by is not None for k in keys)
    for key in keys:
        assert set(key.permissions) <= set(catalog)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 1001},
        {"limit": -5},
        {"status": "deleted"},
        {"cursor": "not a cursor"},
    ],
    ids=["limit-0", "limit-1001", "limit-negative", "bad-status", "bad-cursor"],
)
def test_listing_out_of_range_is_a_validation_error(
    admin: RakerOneClient, params: dict[str, Any]
) -> None:
    with pytest.raises(e.ValidationError) as info:
        admin.list_keys(**params)
    err = info.value
    assert type(err) is e.ValidationError
    assert err.status == 422
    assert err.slug == "validation"
    assert err.request_id


def test_limits_at_the_edges_are_fine(admin: RakerOneClient) -> None:
    assert len(admin.list_keys(limit=1).items) == 1
    assert admin.list_keys(limit=1000).next_cursor is None


# --- one key -------------------------------------------------------------------------------------


def test_get_key(admin: RakerOneClient) -> None:
    first = admin.list_keys(status="all", limit=3).items
    for key in first:
        assert admin.get_key(key.id) == key


def test_get_unknown_key(admin: RakerOneClient) -> None:
    with pytest.raises(e.NotFoundError) as info:
        admin.get_key("key_doesnotexist")
    assert info.value.status == 404
    assert info.value.slug == "not-found"
    assert info.value.request_id


@pytest.mark.parametrize("odd_id", ["a/b", "key 1", "ключ", "%2e%2e", "key?x=1#y"])
def test_odd_ids_stay_in_their_path_segment(admin: RakerOneClient, odd_id: str) -> None:
    with pytest.raises(e.NotFoundError):
        admin.get_key(odd_id)
    with pytest.raises(e.NotFoundError):
        admin.revoke_key(odd_id)


# --- create --------------------------------------------------------------------------------------


def test_create_a_key(admin: RakerOneClient, ready: ReadyInfo) -> None:
    name = _name("Created")
    created = admin.create_key(f"  {name}  ", ["records.write", "playbooks.run"])
    assert created.replayed is False
    secret = created.secret
    assert secret is not None
    assert keyformat.is_valid_key(secret)
    assert len(secret) == 47
    key = created.api_key
    assert key.hint == keyformat.hint(secret)
    assert key.name == name  # trimmed by the server
    assert key.permissions == ("records.write", "playbooks.run")
    assert key.created_by.name == admin.me().name
    assert key.last_used_at is None
    assert not key.is_revoked
    assert secret not in repr(created)
    assert admin.get_key(key.id) == key
    assert admin.lookup_key(keyformat.sha256_hex(secret)) == key


def test_create_without_permissions(admin: RakerOneClient) -> None:
    created = admin.create_key(_name("No permissions"), [])
    assert created.api_key.permissions == ()


def test_names_need_not_be_unique(admin: RakerOneClient) -> None:
    name = _name("Twin")
    a = admin.create_key(name, [])
    b = admin.create_key(name, [])
    assert a.api_key.id != b.api_key.id
    assert a.secret != b.secret


def test_name_of_100_code_points_is_fine(admin: RakerOneClient) -> None:
    name = "é" * 100
    assert admin.create_key(name, []).api_key.name == name


@pytest.mark.parametrize(
    ("name", "permissions", "fields"),
    [
        ("", [], {"name"}),
        ("   ", [], {"name"}),
        ("x" * 101, [], {"name"}),
        ("bell\x07name", [], {"name"}),
        ("tab\tname", [], {"name"}),
        ("evil\u202etxt.exe", [], {"name"}),
        ("zero\u200bwidth", [], {"name"}),
        ("ok name", ["no.such.permission"], {"permissions"}),
        ("ok name", ["records.read", "records.read"], {"permissions"}),
        ("", ["nope"], {"name", "permissions"}),
    ],
    ids=[
        "empty",
        "blank",
        "101-chars",
        "control-char",
        "tab",
        "rtl-override",
        "zero-width",
        "unknown-permission",
        "duplicate-permission",
        "both",
    ],
)
def test_create_validation(
    admin: RakerOneClient, name: str, permissions: list[str], fields: set[str]
) -> None:
    with pytest.raises(e.ValidationError) as info:
        admin.create_key(name, permissions)
    err = info.value
    assert type(err) is e.ValidationError
    assert err.status == 422
    assert err.slug == "validation"
    assert err.request_id
    assert {row.field for row in err.field_errors} == fields
    for field in fields:
        message = err.message_for(field)
        assert message
        assert "\u202e" not in message


def test_idempotent_replay(admin: RakerOneClient) -> None:
    key = str(uuid.uuid4())
    name = _name("Replayed")
    total_before = admin.list_keys(status="all", limit=1).total
    first = admin.create_key(name, ["records.read"], idempotency_key=key)
    again = admin.create_key(name, ["records.read"], idempotency_key=key)
    assert first.secret is not None
    assert again == CreatedKey(api_key=first.api_key, secret=None, replayed=True)
    assert admin.list_keys(status="all", limit=1).total == total_before + 1


def test_replay_shows_the_key_as_it_is_now(admin: RakerOneClient) -> None:
    key = str(uuid.uuid4())
    name = _name("Replay after revoke")
    first = admin.create_key(name, [], idempotency_key=key)
    admin.revoke_key(first.api_key.id)
    again = admin.create_key(name, [], idempotency_key=key)
    assert again.replayed
    assert again.api_key.id == first.api_key.id
    assert again.api_key.is_revoked


@pytest.mark.parametrize(
    "second",
    [
        ("Different name", ["records.read"]),
        (None, ["records.write"]),
        (None, []),
        ("  {name}", ["records.read"]),  # the name as sent, before trimming
    ],
    ids=["name", "permissions", "no-permissions", "untrimmed"],
)
def test_idempotency_mismatch(admin: RakerOneClient, second: tuple[str | None, list[str]]) -> None:
    key = str(uuid.uuid4())
    name = _name("Mismatch")
    admin.create_key(name, ["records.read"], idempotency_key=key)
    other_name = (second[0] or name).replace("{name}", name)
    with pytest.raises(e.IdempotencyMismatchError) as info:
        admin.create_key(other_name, second[1], idempotency_key=key)
    assert info.value.status == 422
    assert info.value.slug == "idempotency-mismatch"
    assert info.value.request_id


def test_idempotency_keys_are_per_create(admin: RakerOneClient) -> None:
    a = admin.create_key(_name("Own key A"), [])
    b = admin.create_key(_name("Own key B"), [])
    assert a.api_key.id != b.api_key.id
    assert a.secret
    assert b.secret


class DropFirstCreateAnswer(HTTPAdapter):
    """Lets the first create reach the server, then loses its answer."""

    def __init__(self) -> None:
        super().__init__()
        self.creates: list[str] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().send(request, *args, **kwargs)
        if request.method == "POST" and request.path_url == "/api/v1/api-keys":
            self.creates.append(request.headers["Idempotency-Key"])
            if len(self.creates) == 1:
                response.close()
                raise requests.exceptions.ConnectionError(
                    urllib3.exceptions.ProtocolError(
                        "Connection aborted.", ConnectionResetError(104, "Connection reset")
                    )
                )
        return response


def test_a_lost_create_answer_makes_one_key_and_says_so(
    admin: RakerOneClient, make_client: ClientFactory, sleeps: list[float]
) -> None:
    adapter = DropFirstCreateAnswer()
    session = requests.Session()
    session.trust_env = False
    session.mount("http://", adapter)
    client = make_client(admin.token, session=session)
    name = _name("Lost answer")
    total_before = admin.list_keys(status="all", limit=1).total

    created = client.create_key(name, ["records.read"])

    assert created.replayed is True
    assert created.secret is None  # gone for good: the caller must offer a fresh key
    assert len(adapter.creates) == 2
    assert adapter.creates[0] == adapter.creates[1]
    assert len(sleeps) == 1
    assert admin.list_keys(status="all", limit=1).total == total_before + 1
    assert admin.get_key(created.api_key.id).name == name
    revoked = admin.revoke_key(created.api_key.id)  # what the app offers next
    assert revoked.is_revoked


# --- revoke --------------------------------------------------------------------------------------


def test_revoke_and_revoke_again(admin: RakerOneClient) -> None:
    created = admin.create_key(_name("To revoke"), [])
    revoked = admin.revoke_key(created.api_key.id)
    assert revoked.is_revoked
    assert revoked.revoked_by is not None
    assert revoked.revoked_by.name == admin.me().name
    assert revoked.revoked_at is not None
    assert revoked.revoked_at >= created.api_key.created_at
    again = admin.revoke_key(created.api_key.id)
    assert again.revoked_at == revoked.revoked_at
    assert again == revoked
    assert admin.get_key(created.api_key.id) == revoked


def test_revoke_unknown_key(admin: RakerOneClient) -> None:
    with pytest.raises(e.NotFoundError) as info:
        admin.revoke_key("key_nope")
    assert info.value.status == 404
    assert info.value.request_id


def test_a_revoked_key_stops_working_at_once(
    admin: RakerOneClient, make_client: ClientFactory
) -> None:
    created = admin.create_key(_name("Short-lived"), [])
    assert created.secret is not None
    as_key = make_client(created.secret)
    assert isinstance(as_key.me(), KeyPrincipal)
    admin.revoke_key(created.api_key.id)
    with pytest.raises(e.UnauthenticatedError) as info:
        as_key.me()
    assert type(info.value) is e.UnauthenticatedError
    assert info.value.status == 401


def test_bulk_revoke_mixed_outcomes(admin: RakerOneClient) -> None:
    a = admin.create_key(_name("Bulk A"), []).api_key.id
    b = admin.create_key(_name("Bulk B"), []).api_key.id
    admin.revoke_key(b)
    results = admin.revoke_keys([a, b, "key_missing", a])
    assert [(r.id, r.outcome) for r in results] == [
        (a, "revoked"),
        (b, "already_revoked"),
        ("key_missing", "not_found"),
        (a, "already_revoked"),
    ]
    assert admin.get_key(a).is_revoked


def test_bulk_revoke_above_the_server_limit_is_chunked(admin: RakerOneClient) -> None:
    real = [admin.create_key(_name("Chunked"), []).api_key.id for _ in range(3)]
    ids = [f"key_none_{n}" for n in range(999)] + real[:1]  # the end of chunk one
    ids += [f"key_none_b{n}" for n in range(1000)] + real[1:]  # chunk two and three
    results = admin.revoke_keys(ids)
    assert [r.id for r in results] == ids
    outcomes = {r.id: r.outcome for r in results}
    assert all(outcomes[i] == "revoked" for i in real)
    assert sum(1 for r in results if r.outcome == "not_found") == len(ids) - 3
    assert all(admin.get_key(i).is_revoked for i in real)


# --- lookup --------------------------------------------------------------------------------------


def test_lookup(admin: RakerOneClient) -> None:
    created = admin.create_key(_name("Leaked"), [])
    assert created.secret is not None
    digest = keyformat.sha256_hex(created.secret)
    found = admin.lookup_key(digest)
    assert found is not None
    assert found.id == created.api_key.id
    assert not found.is_revoked
    admin.revoke_key(created.api_key.id)
    found = admin.lookup_key(digest.upper())
    assert found is not None
    assert found.is_revoked
    assert admin.lookup_key(keyformat.sha256_hex(keyformat.generate_key())) is None


# --- events --------------------------------------------------------------------------------------


def test_events_paging(admin: RakerOneClient, make_client: ClientFactory) -> None:
    created = admin.create_key(_name("Eventful"), [])
    assert created.secret is not None
    as_key = make_client(created.secret)
    for _ in range(4):
        as_key.me()
    admin.revoke_key(created.api_key.id)

    events = []
    cursor: str | None = None
    seen_cursors: set[str] = set()
    while True:
        page = admin.key_events(created.api_key.id, limit=1, cursor=cursor)
        assert len(page.items) == 1
        events.extend(page.items)
        if page.next_cursor is None:
            break
        assert page.next_cursor not in seen_cursors
        seen_cursors.add(page.next_cursor)
        cursor = page.next_cursor
    assert len(seen_cursors) >= 2
    ids = [ev.id for ev in events]
    assert len(ids) == len(set(ids))
    actions = [ev.action for ev in events]
    assert actions[0] == "api_key.revoked"
    assert actions[-1] == "api_key.created"
    assert "api_key.used" in actions
    times = [ev.at for ev in events]
    assert times == sorted(times, reverse=True)
    assert {ev.actor.kind for ev in events} == {"user", "api_key"}
    single = admin.key_events(created.api_key.id, limit=1000)
    assert [ev.id for ev in single.items] == ids
    assert single.next_cursor is None


def test_events_of_an_unknown_key(admin: RakerOneClient) -> None:
    with pytest.raises(e.NotFoundError):
        admin.key_events("key_nope")


def test_events_limit_out_of_range(admin: RakerOneClient) -> None:
    key_id = admin.list_keys(limit=1).items[0].id
    for limit in (0, 1001):
        with pytest.raises(e.ValidationError):
            admin.key_events(key_id, limit=limit)


# --- who may do what -----------------------------------------------------------------------------


def _admin_calls(key_id: str) -> list[tuple[str, Any]]:
    return [
        ("list", lambda c: c.list_keys()),
        ("pages", lambda c: list(c.iter_key_pages())),
        ("get", lambda c: c.get_key(key_id)),
        ("create", lambda c: c.create_key("Not allowed", [])),
        ("revoke", lambda c: c.revoke_key(key_id)),
        ("bulk", lambda c: c.revoke_keys([key_id])),
        ("lookup", lambda c: c.lookup_key("0" * 64)),
        ("events", lambda c: c.key_events(key_id)),
    ]


def test_a_member_is_refused_every_admin_call(
    admin: RakerOneClient, member: RakerOneClient
) -> None:
    key_id = admin.list_keys(limit=1).items[0].id
    for label, call in _admin_calls(key_id):
        with pytest.raises(e.AdminOnlyError) as info:
            call(member)
        err = info.value
        assert err.status == 403, label
        assert err.slug == "admin-only", label
        assert err.request_id, label
        assert err.message == e.AdminOnlyError.default_message
    assert not admin.get_key(key_id).is_revoked


def test_an_api_key_never_manages_keys(admin: RakerOneClient, make_client: ClientFactory) -> None:
    created = admin.create_key(_name("Overreaching"), ["users.impersonate"])
    assert created.secret is not None
    as_key = make_client(created.secret)
    target = created.api_key.id
    for label, call in _admin_calls(target):
        with pytest.raises(e.PermissionDeniedError) as info:
            call(as_key)
        err = info.value
        assert type(err) is e.PermissionDeniedError, label
        assert err.status == 403, label
        assert err.slug == "forbidden", label
        assert err.request_id, label
    with pytest.raises(e.PermissionDeniedError):
        as_key.sign_out()  # /sessions is for people
    assert not admin.get_key(target).is_revoked


# --- transport -----------------------------------------------------------------------------------


def test_every_answer_carries_a_request_id(admin: RakerOneClient) -> None:
    first = admin.with_request_id.permissions()
    second = admin.with_request_id.permissions()
    assert first.request_id
    assert second.request_id
    assert second.request_id != first.request_id
    assert first.value == second.value == admin.permissions()


def test_calls_running_at_once_each_get_their_own_request_id(admin: RakerOneClient) -> None:
    def failing() -> str | None:
        with pytest.raises(e.NotFoundError) as info:
            admin.get_key("key_does_not_exist")
        return info.value.request_id

    with ThreadPoolExecutor(4) as pool:
        answers = [pool.submit(admin.with_request_id.permissions) for _ in range(6)]
        errors = [pool.submit(failing) for _ in range(6)]
        ids = [a.result(timeout=30).request_id for a in answers]
        error_ids = [f.result(timeout=30) for f in errors]
    assert all(ids) and all(error_ids)
    assert len(set(ids) | set(error_ids)) == 12  # no call saw another call's id


def test_base_url_forms(make_client: ClientFactory, sandbox: SandboxProcess) -> None:
    port = sandbox.url.rsplit(":", 1)[1]
    for url in (sandbox.url + "/", sandbox.url + "/api/v1", f"http://localhost:{port}"):
        client = make_client(url=url)
        with pytest.raises(e.UnauthenticatedError):
            client.me()  # not signed in: refused locally
        with pytest.raises(e.WrongCredentialsError):
            client.sign_in("someone@example.com", "x")


def test_nothing_listens(make_client: ClientFactory, sleeps: list[float]) -> None:
    with socket.socket() as probe:  # a free port, closed again: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    retry = RetryPolicy(attempts=2, backoff=0.01)
    client = make_client("tok_anything", url=f"http://127.0.0.1:{port}", retry=retry)
    with pytest.raises(e.ConnectError) as info:
        client.permissions()
    assert info.value.status is None
    assert "refused" in info.value.message
    assert sleeps == [0.01]


# --- nothing secret in the logs ------------------------------------------------------------------


def test_debug_logs_hold_no_secret(
    make_client: ClientFactory, ready: ReadyInfo, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3's connection logs included
    client = make_client()
    assert ready.admin_password is not None
    session = client.sign_in(ready.admin_email, ready.admin_password)
    created = client.create_key(_name("Logged"), ["records.read"])
    assert created.secret is not None
    as_key = make_client(created.secret)
    as_key.me()
    list(client.iter_key_pages(page_size=5))
    client.lookup_key(keyformat.sha256_hex(created.secret))
    client.revoke_key(created.api_key.id)
    with pytest.raises(e.UnauthenticatedError) as info:
        as_key.me()
    with pytest.raises(e.WrongCredentialsError) as wrong:
        make_client().sign_in(ready.admin_email, "a-wrong-password-123")
    client.sign_out()

    assert "urllib3" in {r.name.split(".")[0] for r in caplog.records}, "urllib3 did not log"
    blob = "\n".join(
        [caplog.text, str(info.value), repr(info.value), str(wrong.value), repr(created)]
        + [repr(r.__dict__) for r in caplog.records]
    )
    for needle in (
        ready.admin_password,
        "a-wrong-password-123",
        session.token,
        created.secret,
        created.secret[5:-4],
        "Authorization",
        "Bearer",
    ):
        assert needle not in blob, needle
