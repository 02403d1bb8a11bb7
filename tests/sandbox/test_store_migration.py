"""A database made by the previous version opens, upgrades in place, and loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rakerone_desktop.sandbox import credentials
from rakerone_desktop.sandbox.store import SCHEMA_VERSION, AuditFilter, Store

V1_SCHEMA = (Path(__file__).parent / "fixtures" / "schema_v1.sql").read_text(encoding="utf-8")


def _make_v1_database(path: Path) -> None:
    """A version-1 database with a user, a session, two keys (one revoked),
    their events, an idempotency claim and a record."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.executescript(
        """
        INSERT INTO meta (key, value) VALUES ('seeded', 'demo'), ('admin_email', 'a@example.com');
        INSERT INTO users VALUES ('usr_a', 'Ada Admin', 'a@example.com', 'admin', 'scrypt$x');
        INSERT INTO users VALUES ('usr_m', 'Max Member', 'm@example.com', 'member', 'scrypt$y');
        INSERT INTO sessions VALUES ('d1', 'usr_a', 100.5, 9999999999.0);
        INSERT INTO api_keys VALUES ('key_live', 'Live key', '["records.read"]', 'digest-live',
            'rone_…AAAA', 1000, 'usr_a', 2000, '192.0.2.1', 'agent/1', NULL, NULL);
        INSERT INTO api_keys VALUES ('key_gone', 'Gone key', '[]', 'digest-gone',
            'rone_…BBBB', 900, 'usr_a', NULL, NULL, NULL, 1500, 'usr_a');
        INSERT INTO events (id, key_id, at, action, actor_kind, actor_id, actor_name, ip, summary)
            VALUES ('evt_1', 'key_live', 1000, 'api_key.created', 'user', 'usr_a', 'Ada Admin',
                    '192.0.2.1', 'Created by Ada Admin');
        INSERT INTO idempotency VALUES ('usr_a', 'idem-1', 'fp', 'done', 'key_live', 1000);
        INSERT INTO records VALUES ('rec_1', 'A record', '{}', 1200, 'key_live');
        """
    )
    conn.commit()
    conn.close()


def _dump(path: Path, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        conn.close()


def test_a_version_1_database_upgrades_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _make_v1_database(db)
    before = {t: _dump(db, t) for t in ("meta", "users", "sessions", "events", "records")}
    old_keys = _dump(db, "api_keys")

    store = Store(str(db))
    try:
        assert not store.is_new
        assert store.schema_version == SCHEMA_VERSION == 4
        live = store.keys.key("key_live")
        gone = store.keys.key("key_gone")
        assert live is not None and gone is not None
        # Every old column kept its value ...
        assert tuple(live[:13]) == (
            "key_live", "Live key", '["records.read"]', "rone_…AAAA", 1000, "usr_a",
            "Ada Admin", 2000, "192.0.2.1", "agent/1", None, None, None,
        )  # fmt: skip
        # ... and the new ones say "nothing yet".
        assert live.expires_at is None and live.disabled_at is None
        assert live.description == "" and live.owner_id is None and live.tags == "[]"
        assert live.version == 1
        assert live.status(3000) == "active" and gone.status(3000) == "revoked"
        policy = store.policy.organization()
        assert (policy.max_lifetime_days, policy.default_lifetime_days) == (None, None)
        assert (policy.expiry_warning_days, policy.on_exposure) == (14, "disable")
        rows, total = store.keys.list_keys("all", 10, None, 3000)
        assert [r.id for r in rows] == ["key_live", "key_gone"] and total == 2
        assert store.keys.list_keys("active", 10, None, 3000)[1] == 1
        assert store.events.list_events("key_live", 10, None)[0].id == "evt_1"
        # The history a person made is in the audit log too, with its key as the target.
        (audit,) = store.events.list_audit(AuditFilter(), 10, None)
        assert (audit.id, audit.action, audit.actor_id) == ("evt_1", "api_key.created", "usr_a")
        assert (audit.target_kind, audit.target_id, audit.target_name) == (
            "api_key", "key_live", "Live key",
        )  # fmt: skip
        assert store.idempotency.claim_idempotency("usr_a", "idem-1", "fp", 1001, 10**9) == (
            "replay",
            "key_live",
        )
    finally:
        store.close()

    for table, rows in before.items():
        after = _dump(db, table)
        if table == "meta":
            rows = [(k, "4" if k == "schema_version" else v) for k, v in rows]  # type: ignore[misc]
        assert after == rows, table
    assert [row[:12] for row in _dump(db, "api_keys")] == old_keys

    # Reopening an upgraded database changes nothing more.
    again = Store(str(db))
    try:
        assert again.schema_version == SCHEMA_VERSION
        assert again.keys.key("key_live") == live
    finally:
        again.close()


def test_a_new_database_matches_an_upgraded_one(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    _make_v1_database(old)
    Store(str(old)).close()
    Store(str(tmp_path / "new.db")).close()

    def schema(path: Path) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute(
                "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
            ).fetchall()
        finally:
            conn.close()

    assert schema(old) == schema(tmp_path / "new.db")


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    Store(str(db)).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ValueError, match="newer sandbox"):
        Store(str(db))


def test_disabled_and_expired_keys_are_not_credentials(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _make_v1_database(db)
    store = Store(str(db))
    try:
        assert store.keys.active_key_credential("digest-live", 3000) is not None
        assert store.keys.active_key_credential("digest-gone", 3000) is None
        store.keys.change_keys(["key_live"], lambda row: _columns(expires_at=2500))
        assert store.keys.active_key_credential("digest-live", 2499) is not None
        assert store.keys.active_key_credential("digest-live", 2500) is None
        assert store.keys.key("key_live").version == 2  # type: ignore[union-attr]
        store.keys.change_keys(
            ["key_live"], lambda row: _columns(expires_at=None, disabled_at=2600)
        )
        assert store.keys.active_key_credential("digest-live", 3000) is None
        assert store.keys.list_keys("disabled", 10, None, 3000)[1] == 1
        assert store.keys.list_keys("expired", 10, None, 3000)[1] == 0
    finally:
        store.close()
    assert credentials  # the module under test derives digests the same way


def _columns(**columns: object):  # type: ignore[no-untyped-def]
    from rakerone_desktop.sandbox.store import KeyChange

    return KeyChange(columns)
