"""Strict decoding of API answers: round trips, and garbage becomes ProtocolError."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rakerone_desktop.api.client import decode
from rakerone_desktop.api.errors import ProtocolError
from rakerone_desktop.api.models import (
    ApiKey,
    ApiKeyPage,
    AuditEventPage,
    BulkDisableResults,
    BulkRevokeResults,
    CreatedKey,
    EventPage,
    KeyPrincipal,
    Me,
    Organization,
    PermissionCatalog,
    RotatedKey,
    Session,
    User,
    UserPage,
)
from rakerone_desktop.domain import keyformat
from tests.api import apidocs as d

# Examples are fast, but other suites may share the machine: no per-example deadline.
relaxed = settings(deadline=None)

# Every kind the client decodes, with a strategy for its valid documents.
KINDS: list[tuple[Any, st.SearchStrategy[dict[str, Any]]]] = [
    (Session, d.sessions),
    (Me, d.users | d.key_principals),
    (PermissionCatalog, d.catalogs),
    (ApiKey, d.api_keys),
    (ApiKeyPage, d.key_pages),
    (CreatedKey, d.fresh_creates | d.replayed_creates),
    (BulkRevokeResults, d.revoke_results),
    (EventPage, d.event_pages),
]
KIND_IDS = ["Session", "Me", "PermissionCatalog", "ApiKey", "ApiKeyPage", "CreatedKey",
            "BulkRevokeResults", "EventPage"]  # fmt: skip
ALL_KINDS = [k for k, _ in KINDS]

# Fields with a default: leaving them out is allowed.
OPTIONAL_FIELDS = {"replayed"}
# msgspec checks a struct's tag where one is given but needs it only inside a
# union: the user of a session can only be a user, so its "kind" may be left out.
NESTED_USER_TAG = ("user", "kind")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _decodes_or_protocol_error(kind: Any, body: bytes) -> None:
    """Any other exception escapes and fails the test."""
    error: ProtocolError | None = None
    try:
        decode(kind, body)
    except ProtocolError as exc:
        error = exc
    if error is not None:
        assert error.message.startswith("The server's answer")
        assert error.status is None


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value`` (dict keys and list indexes)."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((*prefix, key))
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append((*prefix, index))
            found.extend(_paths(child, (*prefix, index)))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


def _wrong_type_for(value: Any) -> Any:
    """A JSON value of a type the schema never accepts where ``value`` was."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, dict):
        return 7
    if isinstance(value, list):
        return "x"
    if isinstance(value, int):
        return "7"
    return 7  # str, and None where a nullable field held null


# --- round trips -----------------------------------------------------------------


@pytest.mark.parametrize(("kind", "docs"), KINDS, ids=KIND_IDS)
@relaxed
@given(data=st.data())
def test_round_trip(kind: Any, docs: st.SearchStrategy[dict[str, Any]], data: Any) -> None:
    doc = data.draw(docs)
    decoded = decode(kind, msgspec.json.encode(doc))
    expected = dict(doc)
    if kind is CreatedKey:
        expected.setdefault("replayed", False)
    assert isinstance(decoded, kind if isinstance(kind, type) else (User, KeyPrincipal))
    # Back to plain JSON values (tuples become lists) and compare field by field.
    assert msgspec.json.decode(msgspec.json.encode(decoded)) == expected


@relaxed
@given(d.api_keys)
def test_api_key_fields_are_typed(doc: dict[str, Any]) -> None:
    key = decode(ApiKey, msgspec.json.encode(doc))
    assert isinstance(key.created_at, datetime)
    assert key.created_at.tzinfo is not None
    assert key.created_at.utcoffset() == UTC.utcoffset(None)
    assert d.stamp(key.created_at) == doc["created_at"]
    assert isinstance(key.permissions, tuple)
    assert key.permissions == tuple(doc["permissions"])
    assert key.is_revoked == (doc["revoked_at"] is not None)
    assert key.hint == doc["hint"]
    with pytest.raises(AttributeError):
        key.name = "changed"  # type: ignore[misc]


def test_me_distinguishes_users_from_keys() -> None:
    user = decode(Me, msgspec.json.encode(d.user_doc(role="member")))
    assert isinstance(user, User)
    assert not user.is_admin
    principal = decode(
        Me,
        msgspec.json.encode({"kind": "api_key", "id": "key_1", "name": "n", "permissions": ["a"]}),
    )
    assert isinstance(principal, KeyPrincipal)
    assert principal.permissions == ("a",)


def test_unknown_extra_fields_are_ignored() -> None:
    doc = d.api_key_doc(future_field={"nested": [1, 2]}, another=None)
    key = decode(ApiKey, msgspec.json.encode(doc))
    assert key.id == "key_1"


def test_other_utc_offsets_are_accepted_and_kept() -> None:
    doc = d.api_key_doc(created_at="2026-11-26T16:03:12+02:00")
    key = decode(ApiKey, msgspec.json.encode(doc))
    assert key.created_at == datetime(2026, 11, 26, 14, 3, 12, tzinfo=UTC)


def test_replayed_create() -> None:
    created = decode(CreatedKey, msgspec.json.encode(d.created_doc(replayed=True)))
    assert created.secret is None
    assert created.replayed is True


# --- secrets stay out of reprs ----------------------------------------------------


@relaxed
@given(d.fresh_creates)
def test_created_key_repr_hides_the_secret(doc: dict[str, Any]) -> None:
    created = decode(CreatedKey, msgspec.json.encode(doc))
    secret = doc["secret"]
    assert created.secret == secret
    for text in (repr(created), str(created), f"{created!r}", repr([created])):
        assert secret not in text
        assert secret[5:-4] not in text
    assert "<hidden>" in repr(created)
    rich = dict(created.__rich_repr__())
    assert secret not in repr(rich)


@relaxed
@given(d.sessions)
def test_session_repr_hides_the_token(doc: dict[str, Any]) -> None:
    # A token of a few characters could occur by chance in the rest of the repr.
    doc = {**doc, "token": "tok_" + doc["token"] + "_Q9z8Y7"}
    session = decode(Session, msgspec.json.encode(doc))
    assert session.token == doc["token"]
    for text in (repr(session), str(session), repr((session,))):
        assert doc["token"] not in text
    assert doc["token"] not in repr(dict(session.__rich_repr__()))


# --- garbage in, ProtocolError out ---------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS, ids=KIND_IDS)
@relaxed
@given(body=st.binary(max_size=200))
def test_arbitrary_bytes(kind: Any, body: bytes) -> None:
    _decodes_or_protocol_error(kind, body)


@pytest.mark.parametrize("kind", ALL_KINDS, ids=KIND_IDS)
@relaxed
@given(value=json_values)
def test_arbitrary_json_values(kind: Any, value: Any) -> None:
    _decodes_or_protocol_error(kind, msgspec.json.encode(value))


@pytest.mark.parametrize("kind", ALL_KINDS, ids=KIND_IDS)
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b" ",
        b"null",
        b"[]",
        b"{}",
        b"0",
        b'"text"',
        b"{",
        b'{"items": [}',
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b"\xff\xfe\x00",
        b'{"a": 1} trailing',
        b"[" * 100_000,
        b'{"ignored": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"ignored": ' + b"[" * 100_000,
    ],
    ids=lambda b: repr(b[:20]),
)
def test_hand_picked_garbage(kind: Any, body: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode(kind, body)


@pytest.mark.parametrize(("kind", "docs"), KINDS, ids=KIND_IDS)
@relaxed
@given(data=st.data())
def test_a_missing_field(kind: Any, docs: st.SearchStrategy[dict[str, Any]], data: Any) -> None:
    doc = data.draw(docs)
    removable = [
        p
        for p in _paths(doc)
        if isinstance(p[-1], str) and p[-1] not in OPTIONAL_FIELDS and p != NESTED_USER_TAG
    ]
    path = data.draw(st.sampled_from(removable))
    broken = copy.deepcopy(doc)
    del _parent(broken, path)[path[-1]]
    with pytest.raises(ProtocolError):
        decode(kind, msgspec.json.encode(broken))


@pytest.mark.parametrize(("kind", "docs"), KINDS, ids=KIND_IDS)
@relaxed
@given(data=st.data())
def test_a_field_of_the_wrong_type(
    kind: Any, docs: st.SearchStrategy[dict[str, Any]], data: Any
) -> None:
    doc = data.draw(docs)
    path = data.draw(st.sampled_from(_paths(doc)))
    broken = copy.deepcopy(doc)
    parent = _parent(broken, path)
    parent[path[-1]] = _wrong_type_for(parent[path[-1]])
    with pytest.raises(ProtocolError) as info:
        decode(kind, msgspec.json.encode(broken))
    assert "contract" in info.value.message


@pytest.mark.parametrize(
    ("kind", "doc", "field"),
    [
        (ApiKeyPage, d.page_doc([d.api_key_doc()]), "items"),
        (EventPage, {"items": [d.event_doc()], "next_cursor": None}, "items"),
        (ApiKey, d.api_key_doc(), "permissions"),
        (BulkRevokeResults, {"results": [{"id": "k", "outcome": "revoked"}]}, "results"),
        (PermissionCatalog, {"items": [d.permission_doc()]}, "items"),
    ],
)
def test_null_where_a_list_belongs(kind: Any, doc: dict[str, Any], field: str) -> None:
    decode(kind, msgspec.json.encode(doc))  # valid as given
    with pytest.raises(ProtocolError, match=field):
        decode(kind, msgspec.json.encode({**doc, field: None}))


@pytest.mark.parametrize(
    "field", ["created_at", "last_used_at", "revoked_at"], ids=lambda f: f"ApiKey.{f}"
)
@pytest.mark.parametrize(
    "value",
    [
        "2026-11-26T14:03:12",  # naive
        "2026-11-26 14:03:12",
        "2026-11-26",
        "14:03:12Z",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "yesterday",
        "",
        1764165792,
    ],
)
def test_bad_times(field: str, value: Any) -> None:
    doc = d.api_key_doc(**{field: value})
    with pytest.raises(ProtocolError, match=field):
        decode(ApiKey, msgspec.json.encode(doc))


@relaxed
@given(times=d.times)
def test_naive_times_are_refused_everywhere(times: str) -> None:
    naive = times.removesuffix("Z")
    for kind, doc in [
        (Session, d.session_doc(expires_at=naive)),
        (ApiKey, d.api_key_doc(created_at=naive)),
        (EventPage, {"items": [d.event_doc(at=naive)], "next_cursor": None}),
    ]:
        with pytest.raises(ProtocolError):
            decode(kind, msgspec.json.encode(doc))


@pytest.mark.parametrize(
    "hint",
    [
        "rone_…Xy9Za",  # five characters: part of the key leaks
        "rone_…" + keyformat.generate_key()[-20:],
        keyformat.generate_key(),  # the whole key
        "rone_…Xy9",  # too short
        "rone_...Xy9Z",  # three dots, not U+2026
        "rone…Xy9Z",
        "xone_…Xy9Z",
        "rone_…Xy Z",
        "rone_…Xy\nZ",
        "",
    ],
)
def test_bad_hints(hint: str) -> None:
    with pytest.raises(ProtocolError, match="hint"):
        decode(ApiKey, msgspec.json.encode(d.api_key_doc(hint=hint)))
    page = d.page_doc([d.api_key_doc(), d.api_key_doc("key_2", hint=hint)])
    with pytest.raises(ProtocolError, match="hint"):
        decode(ApiKeyPage, msgspec.json.encode(page))


@relaxed
@given(extra=st.text(alphabet=keyformat.ALPHABET, min_size=1, max_size=42))
def test_longer_hints_never_pass(extra: str) -> None:
    doc = d.api_key_doc(hint="rone_…Xy9Z" + extra)
    with pytest.raises(ProtocolError):
        decode(ApiKey, msgspec.json.encode(doc))


@pytest.mark.parametrize(
    ("kind", "doc"),
    [
        (Me, d.user_doc(role="owner")),
        (Me, d.user_doc(kind="robot")),
        (Me, {k: v for k, v in d.user_doc().items() if k != "kind"}),
        (ApiKeyPage, d.page_doc([], total=-1)),
        (ApiKeyPage, d.page_doc([], total=1.5)),
        (ApiKeyPage, d.page_doc([], total=True)),
        (ApiKeyPage, d.page_doc([], total=10**30)),
        (BulkRevokeResults, {"results": [{"id": "k", "outcome": "deleted"}]}),
        (EventPage, {"items": [d.event_doc(actor={"kind": "robot", "id": "x", "name": "y"})],
                     "next_cursor": None}),
        (CreatedKey, {"api_key": d.api_key_doc(), "secret": 12345}),
        (CreatedKey, {"api_key": None, "secret": "rone_x"}),
        (ApiKey, d.api_key_doc(permissions=["ok", None])),
        (ApiKey, d.api_key_doc(created_by=None)),
        (ApiKey, d.api_key_doc(id=None)),
        (Session, d.session_doc(user={"kind": "api_key", "id": "k", "name": "n",
                                      "permissions": []})),
    ],
)  # fmt: skip
def test_contract_breaks(kind: Any, doc: Any) -> None:
    with pytest.raises(ProtocolError):
        decode(kind, msgspec.json.encode(doc))


def test_protocol_error_message_is_clipped_and_names_the_path() -> None:
    huge = "x" * 100_000
    body = msgspec.json.encode({"results": [{"id": "k", "outcome": huge}]})
    with pytest.raises(ProtocolError) as info:
        decode(BulkRevokeResults, body)
    assert len(info.value.message) < 500
    assert info.value.message.endswith("at `$.results[0].outcome`.")


def test_request_id_is_carried() -> None:
    with pytest.raises(ProtocolError) as info:
        decode(ApiKey, b"{}", request_id="req-42")
    assert info.value.request_id == "req-42"
    assert "req-42" in str(info.value)


# --- part 2: the key lifecycle -----------------------------------------------------

PART2_KEY = {
    "status": "disabled",
    "expires_at": "2027-01-01T00:00:00Z",
    "disabled_at": "2026-11-27T10:00:00Z",
    "disabled_by": {"id": "usr_1", "name": "Ada Admin"},
    "description": "Feeds the CRM.\nAsk the data team.",
    "owner": {"id": "usr_2", "name": "Sam Rivera"},
    "tags": ["prod", "team:data"],
    "exposure": {"reported_at": "2026-11-28T09:00:00Z", "source": "github", "url": None},
    "version": 4,
}


def test_a_part_1_key_decodes_with_part_2_defaults() -> None:
    key = decode(ApiKey, msgspec.json.encode(d.api_key_doc()))
    assert key.status is None and key.version is None and key.if_match is None
    assert (key.expires_at, key.disabled_at, key.disabled_by, key.owner, key.exposure) == (
        None, None, None, None, None,
    )  # fmt: skip
    assert key.description == "" and key.tags == ()
    assert key.lifecycle_status == "active" and key.is_usable
    revoked = decode(ApiKey, msgspec.json.encode(d.api_key_doc(revoked_at=d.T0, revoked_by=None)))
    assert revoked.lifecycle_status == "revoked" and not revoked.is_usable
    # A part-1 page and create decode too.
    page = decode(ApiKeyPage, msgspec.json.encode(d.page_doc([d.api_key_doc()])))
    assert page.items[0].version is None


def test_a_part_2_key_decodes_every_field() -> None:
    key = decode(ApiKey, msgspec.json.encode(d.api_key_doc(**PART2_KEY)))
    assert key.status == key.lifecycle_status == "disabled" and not key.is_usable
    assert key.expires_at == datetime(2027, 1, 1, tzinfo=UTC)
    assert key.disabled_by is not None and key.disabled_by.name == "Ada Admin"
    assert key.owner is not None and key.owner.name == "Sam Rivera"
    assert key.tags == ("prod", "team:data")
    assert key.exposure is not None and key.exposure.source == "github"
    assert key.version == 4 and key.if_match == '"4"'


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "paused"),
        ("status", None),
        ("tags", None),
        ("tags", [1]),
        ("version", "4"),
        ("expires_at", "2027-01-01T00:00:00"),
        ("owner", {"id": "usr_2"}),
        ("description", None),
        ("exposure", {"source": "github"}),
    ],
)
def test_part_2_contract_breaks(field: str, value: Any) -> None:
    doc = d.api_key_doc(**{**PART2_KEY, field: value})
    if field == "status" and value is None:
        # null is how an absent status decodes: allowed, it means "part 1".
        assert decode(ApiKey, msgspec.json.encode(doc)).status is None
        return
    with pytest.raises(ProtocolError, match=field):
        decode(ApiKey, msgspec.json.encode(doc))


def test_organization_and_users() -> None:
    org = decode(
        Organization,
        msgspec.json.encode(
            {
                "id": "org_1",
                "name": "Example",
                "features": ["key_expiry", "key_rotate", "something_new"],
                "key_policy": {
                    "max_lifetime_days": None,
                    "default_lifetime_days": 365,
                    "expiry_warning_days": 14,
                    "on_exposure": "disable",
                },
            }
        ),
    )
    assert org.has("key_rotate") and not org.has("key_disable")
    assert org.key_policy.default_lifetime_days == 365
    bare = decode(Organization, b'{"id": "org_1", "name": "Example"}')
    assert bare.features == () and bare.key_policy.expiry_warning_days == 14
    with pytest.raises(ProtocolError, match="on_exposure"):
        decode(
            Organization,
            b'{"id": "o", "name": "n", "key_policy": {"on_exposure": "explode"}}',
        )
    users = decode(
        UserPage,
        msgspec.json.encode({"items": [d.user_doc()], "next_cursor": None}),
    )
    assert users.items[0].is_admin in (True, False)


def test_rotation_and_bulk_disable() -> None:
    secret = keyformat.generate_key()
    rotated = decode(
        RotatedKey,
        msgspec.json.encode(
            {
                "api_key": d.api_key_doc("key_new", **PART2_KEY),
                "secret": secret,
                "old_api_key": d.api_key_doc("key_old", **PART2_KEY),
                "replayed": False,
            }
        ),
    )
    assert rotated.api_key.id == "key_new" and rotated.old_api_key.id == "key_old"
    assert secret not in repr(rotated)
    results = decode(
        BulkDisableResults,
        b'{"results": [{"id": "k1", "outcome": "disabled"}, {"id": "k2", "outcome": "inactive"}]}',
    )
    assert [r.outcome for r in results.results] == ["disabled", "inactive"]
    with pytest.raises(ProtocolError):
        decode(BulkDisableResults, b'{"results": [{"id": "k", "outcome": "revoked"}]}')


def test_audit_events_accept_new_actor_and_target_kinds() -> None:
    page = decode(
        AuditEventPage,
        msgspec.json.encode(
            {
                "items": [
                    {
                        "id": "evt_1",
                        "at": d.T0,
                        "action": "api_key.exposed",
                        "actor": {"kind": "scanner", "id": "gh", "name": "GitHub"},
                        "ip": None,
                        "summary": "Reported exposed",
                        "target": {"kind": "api_key", "id": "key_1", "name": "K"},
                    },
                    {
                        "id": "evt_2",
                        "at": d.T0,
                        "action": "something.new",
                        "actor": {"kind": "user", "id": "usr_1", "name": "Ada"},
                        "ip": "192.0.2.1",
                        "summary": "",
                        "target": None,
                    },
                ],
                "next_cursor": None,
            }
        ),
    )
    assert page.items[0].actor.kind == "scanner" and page.items[1].target is None
    with pytest.raises(ProtocolError, match="missing required field"):
        decode(AuditEventPage, b'{"items": [{"id": "e", "at": "' + d.T0.encode() + b'"}]}')
