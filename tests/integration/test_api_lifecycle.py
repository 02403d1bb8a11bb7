"""The client's part-2 calls against the real sandbox: organization, edit, disable, rotate."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import requests
from requests.adapters import HTTPAdapter

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.api.models import FEATURE_KEY_DISABLE, FEATURE_KEY_ROTATE
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from tests.integration.conftest import start_sandbox

pytestmark = pytest.mark.integration

ClientFactory = Callable[..., RakerOneClient]


def _name(prefix: str = "Lifecycle") -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def _bearer(client_factory: ClientFactory, secret: str) -> RakerOneClient:
    return client_factory(secret)


def test_organization_and_users(admin: RakerOneClient, member: RakerOneClient) -> None:
    org = admin.get_organization()
    assert org is not None
    assert org.has(FEATURE_KEY_DISABLE) and org.has(FEATURE_KEY_ROTATE)
    assert org.key_policy.default_lifetime_days == 365  # the demo policy
    assert org.key_policy.max_lifetime_days is None
    assert member.get_organization() == org
    users = admin.list_users(limit=2)
    assert len(users.items) == 2 and users.next_cursor is not None
    rest = admin.list_users(cursor=users.next_cursor)
    assert {u.name for u in users.items + rest.items} >= {"Alex Admin", "Sam Rivera"}
    with pytest.raises(e.AdminOnlyError):
        member.list_users()


def test_create_with_the_new_fields_and_edit(admin: RakerOneClient) -> None:
    expires = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    created = admin.create_key(
        _name(),
        ["records.read", "records.write"],
        expires_at=expires,
        description="For the CRM",
        owner_id="usr_sam",
        tags=["Prod", "crm"],
    )
    key = created.api_key
    assert key.expires_at == expires and key.owner is not None and key.owner.id == "usr_sam"
    assert key.tags == ("prod", "crm") and key.description == "For the CRM"
    assert key.version == 1 and key.lifecycle_status == "active"
    # The demo policy's default lifetime applies when expires_at is left out.
    default = admin.create_key(_name(), []).api_key
    assert default.expires_at is not None
    assert timedelta(days=364) < default.expires_at - datetime.now(UTC) <= timedelta(days=365)
    assert admin.create_key(_name(), [], expires_at=None).api_key.expires_at is None

    edited = admin.update_key(
        key.id,
        version=key.version or 0,
        permissions=["records.read"],
        tags=["prod"],
        owner_id=None,
        expires_at=expires - timedelta(days=10),
    )
    assert edited.version == 2 and edited.permissions == ("records.read",)
    assert edited.owner is None and edited.tags == ("prod",)
    # A stale version: 412, nothing changed, a readable message.
    with pytest.raises(e.PreconditionFailedError) as stale:
        admin.update_key(key.id, version=1, name="Overwrite")
    assert stale.value.status == 412 and "changed this key" in stale.value.message
    assert admin.get_key(key.id).name == key.name
    # Narrowing only: the server's exact words land on the field.
    with pytest.raises(e.ValidationError) as wider:
        admin.update_key(key.id, version=2, permissions=["records.read", "records.delete"])
    assert wider.value.message_for("permissions") == (
        "Permissions can only be removed. Create a new key to grant more."
    )
    with pytest.raises(ValueError, match="time zone"):
        admin.update_key(key.id, version=2, expires_at=datetime(2030, 1, 1))


def test_disable_enable_and_the_credential(
    admin: RakerOneClient, make_client: ClientFactory
) -> None:
    created = admin.create_key(_name(), [])
    assert created.secret is not None
    bearer = _bearer(make_client, created.secret)
    assert bearer.me().id == created.api_key.id
    disabled = admin.disable_key(created.api_key.id)
    assert disabled.lifecycle_status == "disabled" and disabled.disabled_by is not None
    with pytest.raises(e.UnauthenticatedError):
        bearer.me()
    assert admin.disable_key(created.api_key.id).version == disabled.version
    assert admin.enable_key(created.api_key.id).lifecycle_status == "active"
    assert bearer.me().id == created.api_key.id
    admin.revoke_key(created.api_key.id)
    with pytest.raises(e.KeyInactiveError) as inactive:
        admin.disable_key(created.api_key.id)
    assert inactive.value.status == 409 and inactive.value.slug == "key-inactive"
    assert "revoked" in inactive.value.message
    other = admin.create_key(_name(), []).api_key.id
    results = admin.disable_keys([other, created.api_key.id, "key_nope"])
    assert [r.outcome for r in results] == ["disabled", "inactive", "not_found"]


class _LoseFirstAnswer(HTTPAdapter):
    """Delivers the request, then drops its answer once: a lost rotation."""

    def __init__(self) -> None:
        super().__init__()
        self.lost = 0

    def send(self, request: requests.PreparedRequest, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        response = super().send(request, *args, **kwargs)  # type: ignore[arg-type]
        if request.method == "POST" and "/rotate" in (request.url or "") and not self.lost:
            self.lost += 1
            raise requests.exceptions.ConnectionError("connection reset after the answer")
        return response


def test_rotate_survives_a_lost_answer(
    admin: RakerOneClient, make_client: ClientFactory, ready: ReadyInfo
) -> None:
    old = admin.create_key(_name("Rotate"), ["records.read"], tags=["ci"]).api_key
    session = requests.Session()
    adapter = _LoseFirstAnswer()
    session.mount("http://", adapter)
    client = make_client(session=session)
    assert ready.admin_password is not None
    client.sign_in(ready.admin_email, ready.admin_password)
    rotated = client.rotate_key(old.id, old_key_expires_in=3600)
    assert adapter.lost == 1
    # The first answer was lost; the retry with the same Idempotency-Key replays.
    assert rotated.replayed and rotated.secret is None
    assert rotated.api_key.tags == ("ci",) and rotated.api_key.id != old.id
    assert rotated.old_api_key.expires_at is not None
    keys = [k for k in admin.list_keys(status="all", limit=1000).items if k.tags == ("ci",)]
    assert len([k for k in keys if k.created_at >= old.created_at]) == 2  # not three


def test_rotate_gives_the_secret_once(admin: RakerOneClient) -> None:
    old = admin.create_key(_name("Rotate"), []).api_key
    rotated = admin.rotate_key(old.id, old_key_expires_in=0, name="Renamed")
    assert rotated.secret is not None and not rotated.replayed
    assert rotated.api_key.name == "Renamed"
    assert rotated.old_api_key.lifecycle_status == "expired"
    with pytest.raises(e.KeyInactiveError):
        admin.rotate_key(old.id, old_key_expires_in=0)
    with pytest.raises(ValueError, match="604800"):
        admin.rotate_key(old.id, old_key_expires_in=604801)


@pytest.fixture
def fresh_admin(fresh_sandbox: SandboxProcess, make_client: ClientFactory) -> RakerOneClient:
    client = make_client(url=fresh_sandbox.url)
    ready = fresh_sandbox.ready
    assert ready.admin_password is not None
    client.sign_in(ready.admin_email, ready.admin_password)
    return client


def test_key_policy(fresh_admin: RakerOneClient) -> None:
    org = fresh_admin.update_key_policy(max_lifetime_days=30, default_lifetime_days=7)
    assert (org.key_policy.max_lifetime_days, org.key_policy.default_lifetime_days) == (30, 7)
    with pytest.raises(e.ValidationError) as bad:
        fresh_admin.update_key_policy(default_lifetime_days=60)
    assert bad.value.message_for("default_lifetime_days")
    with pytest.raises(e.ValidationError) as never:
        fresh_admin.create_key(_name(), [], expires_at=None)
    assert "30 days" in (never.value.message_for("expires_at") or "")
    org = fresh_admin.update_key_policy(max_lifetime_days=None, expiry_warning_days=3)
    assert org.key_policy.max_lifetime_days is None
    assert org.key_policy.default_lifetime_days == 7
    assert org.key_policy.expiry_warning_days == 3


def test_a_part_1_server(make_client: ClientFactory) -> None:
    process = start_sandbox("--seed", "demo", "--api-part", "1")
    try:
        client = make_client(url=process.url)
        ready = process.ready
        assert ready.admin_password is not None
        client.sign_in(ready.admin_email, ready.admin_password)
        assert client.get_organization() is None
        page = client.list_keys(status="all", limit=1000)
        assert page.items and all(k.version is None for k in page.items)
        assert {k.lifecycle_status for k in page.items} == {"active", "revoked"}
        created = client.create_key(_name(), [])
        assert created.api_key.version is None and created.api_key.tags == ()
        with pytest.raises(e.NotFoundError):
            client.disable_key(created.api_key.id)
    finally:
        assert process.stop() == 0


def test_audit_log(admin: RakerOneClient) -> None:
    key = admin.create_key(_name("Audited"), []).api_key
    admin.disable_key(key.id)
    page = admin.list_audit_events(api_key_id=key.id)
    assert [ev.action for ev in page.items] == ["api_key.disabled", "api_key.created"]
    assert page.items[0].target is not None and page.items[0].target.id == key.id
    assert page.items[0].actor.name == "Alex Admin"
    mine = admin.list_audit_events(action="session.created", limit=5)
    assert mine.items and all(ev.target and ev.target.kind == "session" for ev in mine.items)
    later = admin.list_audit_events(since=datetime.now(UTC) + timedelta(days=1))
    assert later.items == () and later.next_cursor is None
    first = admin.list_audit_events(limit=2)
    assert first.next_cursor is not None
    second = admin.list_audit_events(limit=2, cursor=first.next_cursor)
    assert {ev.id for ev in first.items}.isdisjoint(ev.id for ev in second.items)
