"""The sandbox's pure parts, without a server: throttle, cursors, secrets, store, schemas."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import credentials
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxError
from rakerone_desktop.sandbox.problems import Problem, validation_errors
from rakerone_desktop.sandbox.render import (
    decode_event_cursor,
    decode_key_cursor,
    encode_cursor,
)
from rakerone_desktop.sandbox.schemas import CreateApiKey
from rakerone_desktop.sandbox.seed import parse_seed, prepare
from rakerone_desktop.sandbox.server import is_loopback
from rakerone_desktop.sandbox.service import Caller, Sandbox, body_fingerprint
from rakerone_desktop.sandbox.store import Store
from rakerone_desktop.sandbox.throttle import LoginThrottle

# -- throttle


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_locks_after_five_failures_and_tells_when() -> None:
    clock = FakeClock()
    throttle = LoginThrottle(clock=clock)
    for i in range(5):
        assert throttle.retry_after("a@example.com") is None
        throttle.record_failure("a@example.com")
        clock.now += 2 if i < 4 else 0
    # The oldest failure (t=1000) is a minute old at t=1060; now t=1008.
    assert throttle.retry_after("A@Example.com ") == 52
    clock.now = 1059.5
    assert throttle.retry_after("a@example.com") == 1
    clock.now = 1060.0
    assert throttle.retry_after("a@example.com") is None
    assert throttle.retry_after("b@example.com") is None


def test_throttle_forgets_old_failures() -> None:
    clock = FakeClock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(4):
        throttle.record_failure("a@example.com")
    clock.now += 61
    throttle.record_failure("a@example.com")
    assert throttle.retry_after("a@example.com") is None


# -- cursors


def test_cursors_round_trip() -> None:
    assert decode_key_cursor(encode_cursor(1795553221, "key_abc")) == (1795553221, "key_abc")
    assert decode_event_cursor(encode_cursor(5, 42)) == (5, 42)


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "x",
        "!!!",
        encode_cursor(5, "key_a") + "=",  # padded: not what the server sends
        encode_cursor(5, "evt_a"),  # not a key id
        "MDA1LmtleV9h",  # "005.key_a": not canonical
        "é",
        "A" * 500,
    ],
)
def test_bad_key_cursors(cursor: str) -> None:
    with pytest.raises(Problem) as caught:
        decode_key_cursor(cursor)
    assert caught.value.status == 422
    assert caught.value.errors == [
        {"field": "cursor", "message": caught.value.errors[0]["message"]}
    ]


def test_bad_event_cursor() -> None:
    with pytest.raises(Problem):
        decode_event_cursor(encode_cursor(5, "key_a"))


# -- secrets


def test_bulk_keys_are_valid_and_distinct() -> None:
    keys = credentials.generate_keys(2000)
    assert all(keyformat.is_valid_key(k) for k in keys)
    assert len(set(keys)) == 2000


def test_random_base62_uses_the_whole_alphabet() -> None:
    text = credentials.random_base62(20_000)
    assert set(text) == set(keyformat.ALPHABET)


def test_session_tokens_never_look_like_keys() -> None:
    for _ in range(100):
        assert not credentials.new_session_token().startswith(keyformat.PREFIX)


def test_passwords() -> None:
    stored = credentials.hash_password("correct horse")
    assert "correct horse" not in stored
    assert credentials.verify_password("correct horse", stored)
    assert not credentials.verify_password("wrong", stored)
    assert not credentials.verify_password("correct horse", None)
    assert not credentials.verify_password("x", "garbage")
    assert credentials.hash_password("same") != credentials.hash_password("same")  # salted


# -- request validation


def test_body_fingerprint_ignores_member_order_only() -> None:
    a = body_fingerprint({"name": "x", "permissions": ["a", "b"]})
    assert a == body_fingerprint({"permissions": ["a", "b"], "name": "x"})
    assert a != body_fingerprint({"name": "x", "permissions": ["b", "a"]})
    assert a != body_fingerprint({"name": "x ", "permissions": ["a", "b"]})


def test_create_model_keeps_the_name_as_sent() -> None:
    model = CreateApiKey.model_validate({"name": "  spaced  ", "permissions": []})
    assert model.name == "  spaced  "


def test_create_model_reports_every_field_once() -> None:
    with pytest.raises(ValidationError) as caught:
        CreateApiKey.model_validate({"name": "", "permissions": [1, 2, "nope"]})
    rows = validation_errors([{**e, "loc": ("body", *e["loc"])} for e in caught.value.errors()])
    assert [row["field"] for row in rows] == ["name", "permissions"]


def test_validation_errors_name_headers_and_queries() -> None:
    rows = validation_errors(
        [
            {"type": "string_pattern_mismatch", "loc": ("header", "idempotency-key"), "msg": ""},
            {"type": "greater_than_equal", "loc": ("query", "limit"), "ctx": {"ge": 1}},
            {"type": "extra_forbidden", "loc": ("query", "stauts")},
            {"type": "json_invalid", "loc": ("body", 3), "ctx": {"error": "Expecting value"}},
        ]
    )
    assert rows == [
        {"field": "Idempotency-Key", "message": "Must be 1 to 255 printable ASCII characters."},
        {"field": "limit", "message": "Must be at least 1."},
        {"field": "stauts", "message": "Unknown query parameter."},
        {"field": "body", "message": "Malformed JSON: Expecting value."},
    ]


# -- store and seeds


def test_idempotency_claims() -> None:
    store = Store(":memory:")
    prepare(store, "empty", "pw", "pw")
    user = "usr_alex"
    assert store.idempotency.claim_idempotency(user, "k", "fp", 100, 86400) == ("claimed", None)
    assert store.idempotency.claim_idempotency(user, "k", "fp", 101, 86400) == ("in_progress", None)
    assert store.idempotency.claim_idempotency(user, "k", "other", 101, 86400) == ("mismatch", None)
    assert store.idempotency.claim_idempotency("usr_priya", "k", "fp", 101, 86400) == (
        "claimed",
        None,
    )
    store.idempotency.release_idempotency(user, "k")
    assert store.idempotency.claim_idempotency(user, "k", "fp2", 102, 86400) == ("claimed", None)


def test_seeding_happens_once(tmp_path: Path) -> None:
    db = str(tmp_path / "once.db")
    store = Store(db)
    first = prepare(store, 7, None, None)
    assert first.admin_password
    assert len(first.traffic_secrets) == 3
    store.close()
    store = Store(db)
    again = prepare(store, "demo", None, None)
    assert again.admin_password is None
    assert again.traffic_secrets == {}
    rows, total = store.keys.list_keys("all", 100, None)
    assert total == 7
    assert len(rows) == 7
    store.close()


def test_demo_seed_secrets_match_their_keys() -> None:
    store = Store(":memory:")
    seeded = prepare(store, "demo", None, None)
    assert seeded.traffic_secrets
    for key_id, secret in seeded.traffic_secrets.items():
        row = store.keys.key_by_digest(keyformat.sha256_hex(secret))
        assert row is not None
        assert row.id == key_id
    assert "rone_" not in repr(seeded)


@pytest.mark.parametrize(
    ("value", "expected"), [("demo", "demo"), ("empty", "empty"), ("0", 0), ("100000", 100000)]
)
def test_parse_seed(value: str, expected: object) -> None:
    assert parse_seed(value) == expected


@pytest.mark.parametrize("value", ["-1", "lots", "1e5", "\u0661"])
def test_parse_seed_refuses(value: str) -> None:
    with pytest.raises(ValueError, match="--seed"):
        parse_seed(value)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.com", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# -- launcher


def test_ready_info_hides_passwords() -> None:
    line = json.dumps(
        {
            "url": "http://127.0.0.1:1",
            "admin_email": "a@example.com",
            "admin_password": "hunter2",
            "member_email": "m@example.com",
            "member_password": None,
        }
    )
    info = ReadyInfo.from_line(line)
    assert info.admin_password == "hunter2"
    assert "hunter2" not in repr(info)


@pytest.mark.parametrize("line", ["not json", "{}", '{"url": 5}', "[]"])
def test_ready_info_rejects_bad_lines(line: str) -> None:
    with pytest.raises(SandboxError):
        ReadyInfo.from_line(line)


def test_launcher_needs_no_fastapi() -> None:
    # The desktop app imports the launcher without the sandbox extra installed.
    code = (
        "import sys, rakerone_desktop.sandbox.launcher; "
        "assert not {'fastapi', 'uvicorn', 'starlette', 'pydantic'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- authentication ----------------------------------------------------------------------


class ExplodingStore:
    """Any database work at all is a test failure."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the store was used: {name}")


@pytest.mark.parametrize(
    "token",
    [
        keyformat.generate_key()[:-1] + "!",
        "rone_" + "a" * 42,  # right shape, wrong checksum
        "rone_",
        "rone_" + "a" * 100,
    ],
)
def test_malformed_keys_are_refused_before_any_database_work(token: str) -> None:
    sandbox = Sandbox(ExplodingStore(), Settings())  # type: ignore[arg-type]
    with pytest.raises(Problem) as caught:
        sandbox.sessions.authenticate(token, Caller(ip="127.0.0.1", user_agent=None))
    assert caught.value.slug == "unauthenticated"
