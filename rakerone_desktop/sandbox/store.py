"""SQLite storage for the sandbox: one connection, one lock, WAL mode.

Why one connection behind a lock rather than one per thread: ``:memory:``
databases are private to their connection, SQLite admits one writer at a time
anyway, and every statement here takes well under a millisecond, so a single
serialised connection is both the simplest correct design and fast enough.

Each public method is one transaction. Methods that change a key also write
the event that records the change, in the same transaction, so the audit trail
can never disagree with the data.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Literal, NamedTuple

# The schema as version 1 made it. A new database is made by running it and
# then every migration, so a new database and an upgraded one are the same
# schema by construction.
_SCHEMA_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    password_hash TEXT NOT NULL
);

-- digest = SHA-256 of the bearer token; the token itself is never stored.
CREATE TABLE sessions (
    digest TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;

-- digest = SHA-256 of the whole key; hint = "rone_" + U+2026 + last 4 characters.
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    permissions TEXT NOT NULL,  -- a JSON array of permission ids
    digest TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    last_used_at INTEGER,
    last_used_ip TEXT,
    last_used_user_agent TEXT,
    revoked_at INTEGER,
    revoked_by TEXT REFERENCES users(id)
);
-- The listing's order (created_at, id descending) for each status filter, so a
-- keyset page is an index range scan whatever the filter.
CREATE INDEX api_keys_all ON api_keys (created_at DESC, id DESC);
CREATE INDEX api_keys_active ON api_keys (created_at DESC, id DESC) WHERE revoked_at IS NULL;
CREATE INDEX api_keys_revoked ON api_keys (created_at DESC, id DESC)
    WHERE revoked_at IS NOT NULL;

-- seq orders events that share a second; actor_name is the name at the time.
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    key_id TEXT NOT NULL REFERENCES api_keys(id),
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'api_key')),
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    ip TEXT,
    summary TEXT NOT NULL
);
CREATE INDEX events_by_key ON events (key_id, at DESC, seq DESC);

CREATE TABLE idempotency (
    user_id TEXT NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
    api_key_id TEXT REFERENCES api_keys(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

INSERT INTO meta (key, value) VALUES ('schema_version', '1');

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_key TEXT REFERENCES api_keys(id)
);
"""

# Version 2: the key lifecycle (expiry, disable, owner, description, tags,
# exposure, an optimistic-locking version) and the organization's key policy.
# Only additions, so an upgrade keeps every row; ``version`` starts at 1.
_MIGRATION_V2 = """
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
ALTER TABLE api_keys ADD COLUMN disabled_at INTEGER;
ALTER TABLE api_keys ADD COLUMN disabled_by TEXT REFERENCES users(id);
ALTER TABLE api_keys ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN owner_id TEXT REFERENCES users(id);
ALTER TABLE api_keys ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';  -- a JSON array
ALTER TABLE api_keys ADD COLUMN exposure_reported_at INTEGER;
ALTER TABLE api_keys ADD COLUMN exposure_source TEXT;
ALTER TABLE api_keys ADD COLUMN exposure_url TEXT;
ALTER TABLE api_keys ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Unrevoked keys are active, disabled or expired depending on the clock; the
-- index carries both columns, so each of those filters (and its count) is
-- answered from the index alone.
DROP INDEX api_keys_active;
CREATE INDEX api_keys_unrevoked ON api_keys (created_at DESC, id DESC, expires_at, disabled_at)
    WHERE revoked_at IS NULL;

-- One row: the sandbox serves one organization.
CREATE TABLE organization (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    max_lifetime_days INTEGER,
    default_lifetime_days INTEGER,
    expiry_warning_days INTEGER NOT NULL DEFAULT 14,
    on_exposure TEXT NOT NULL DEFAULT 'disable'
        CHECK (on_exposure IN ('revoke', 'disable', 'notify'))
);
-- An upgraded database keeps its keys' behaviour: no default lifetime, no maximum.
INSERT INTO organization (id, name) VALUES ('org_example', 'Example Organization');
UPDATE meta SET value = '2' WHERE key = 'schema_version';
"""

# Version 3: the audit log: what people (and, later, scanners) did, across all
# keys and beyond them (the key policy, sessions). Newest first by (at, seq);
# one index per filter, each ending in the order, so every filtered page is an
# index range scan. The history of earlier versions is copied in: every event
# a person caused (keys created and revoked) becomes an audit event too.
_MIGRATION_V3 = """
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    ip TEXT,
    summary TEXT NOT NULL,
    target_kind TEXT CHECK (target_kind IN ('api_key', 'organization', 'session')),
    target_id TEXT,
    target_name TEXT
);
CREATE INDEX audit_by_time ON audit_events (at DESC, seq DESC);
CREATE INDEX audit_by_actor ON audit_events (actor_id, at DESC, seq DESC);
CREATE INDEX audit_by_target ON audit_events (target_id, at DESC, seq DESC);
CREATE INDEX audit_by_action ON audit_events (action, at DESC, seq DESC);
INSERT INTO audit_events (id, at, action, actor_kind, actor_id, actor_name, ip, summary,
                          target_kind, target_id, target_name)
    SELECT e.id, e.at, e.action, e.actor_kind, e.actor_id, e.actor_name, e.ip, e.summary,
           'api_key', e.key_id, k.name
    FROM events AS e JOIN api_keys AS k ON k.id = e.key_id
    WHERE e.actor_kind = 'user'
    ORDER BY e.at, e.seq;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
"""

# Version 4: exposure reports from secret scanning. A scanner (named by its
# public key's identifier) may disable or revoke a key, so a key's
# ``disabled_by``/``revoked_by`` may name a scanner instead of a user; and each
# (key, URL) reported is kept, so a repeated report changes nothing.
_MIGRATION_V4 = """
CREATE TABLE scanners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE api_keys ADD COLUMN disabled_by_scanner TEXT REFERENCES scanners(id);
ALTER TABLE api_keys ADD COLUMN revoked_by_scanner TEXT REFERENCES scanners(id);
CREATE TABLE exposure_reports (
    key_id TEXT NOT NULL REFERENCES api_keys(id),
    url TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    scanner_id TEXT NOT NULL REFERENCES scanners(id),
    PRIMARY KEY (key_id, url)
) WITHOUT ROWID;
UPDATE meta SET value = '4' WHERE key = 'schema_version';
"""

# _MIGRATIONS[i] takes a database from version i + 1 to i + 2.
_MIGRATIONS: tuple[str, ...] = (_MIGRATION_V2, _MIGRATION_V3, _MIGRATION_V4)
SCHEMA_VERSION = len(_MIGRATIONS) + 1

Status = Literal["active", "disabled", "expired", "revoked", "all"]
RevokeOutcome = Literal["revoked", "already_revoked", "not_found"]
IdempotencyClaim = Literal["claimed", "replay", "mismatch", "in_progress"]

# Each filter takes "now" (whole seconds) as its one parameter, if any. The
# status of a key: revoked wins, then expired, then disabled, else active.
# ``k.revoked_at IS NULL`` is written out in each so the partial index applies.
_STATUS_FILTER: dict[str, str] = {
    "active": "k.revoked_at IS NULL AND k.disabled_at IS NULL"
    " AND (k.expires_at IS NULL OR k.expires_at > :now)",
    "disabled": "k.revoked_at IS NULL AND k.disabled_at IS NOT NULL"
    " AND (k.expires_at IS NULL OR k.expires_at > :now)",
    "expired": "k.revoked_at IS NULL AND k.expires_at <= :now",
    "revoked": "k.revoked_at IS NOT NULL",
    "all": "1",
    # Part 1's "active": not revoked, whatever the rest says.
    "unrevoked": "k.revoked_at IS NULL",
}

_KEY_COLUMNS = """
    k.id, k.name, k.permissions, k.hint, k.created_at, k.created_by, cu.name,
    k.last_used_at, k.last_used_ip, k.last_used_user_agent,
    k.revoked_at, coalesce(k.revoked_by, k.revoked_by_scanner), coalesce(ru.name, rs.name),
    k.expires_at, k.disabled_at, coalesce(k.disabled_by, k.disabled_by_scanner),
    coalesce(du.name, ds.name), k.description, k.owner_id, ou.name,
    k.tags, k.exposure_reported_at, k.exposure_source, k.exposure_url, k.version
"""
_KEY_FROM = """
    FROM api_keys AS k
    JOIN users AS cu ON cu.id = k.created_by
    LEFT JOIN users AS ru ON ru.id = k.revoked_by
    LEFT JOIN users AS du ON du.id = k.disabled_by
    LEFT JOIN users AS ou ON ou.id = k.owner_id
    LEFT JOIN scanners AS rs ON rs.id = k.revoked_by_scanner
    LEFT JOIN scanners AS ds ON ds.id = k.disabled_by_scanner
"""

# The columns a key change may set (see ``Store.change_keys``).
_CHANGEABLE = frozenset(
    {
        "name", "permissions", "description", "owner_id", "tags", "expires_at",
        "disabled_at", "disabled_by", "revoked_at", "revoked_by",
        "disabled_by_scanner", "revoked_by_scanner",
        "exposure_reported_at", "exposure_source", "exposure_url",
    }
)  # fmt: skip

_INSERT_KEY = (
    "INSERT INTO api_keys (id, name, permissions, digest, hint, created_at, created_by,"
    " last_used_at, last_used_ip, last_used_user_agent, revoked_at, revoked_by,"
    " expires_at, disabled_at, disabled_by, description, owner_id, tags)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class User(NamedTuple):
    id: str
    name: str
    email: str
    role: str


class KeyRow(NamedTuple):
    """One API key as the listing reads it (column order = ``_KEY_COLUMNS``)."""

    id: str
    name: str
    permissions: str
    hint: str
    created_at: int
    created_by_id: str
    created_by_name: str
    last_used_at: int | None
    last_used_ip: str | None
    last_used_user_agent: str | None
    revoked_at: int | None
    revoked_by_id: str | None
    revoked_by_name: str | None
    expires_at: int | None
    disabled_at: int | None
    disabled_by_id: str | None
    disabled_by_name: str | None
    description: str
    owner_id: str | None
    owner_name: str | None
    tags: str  # JSON array
    exposure_reported_at: int | None
    exposure_source: str | None
    exposure_url: str | None
    version: int

    def status(self, now: int) -> str:
        """revoked wins, then expired, then disabled; else active."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        if self.disabled_at is not None:
            return "disabled"
        return "active"


class Organization(NamedTuple):
    id: str
    name: str
    max_lifetime_days: int | None
    default_lifetime_days: int | None
    expiry_warning_days: int
    on_exposure: str


class KeyChange(NamedTuple):
    """What one key's change writes, in the transaction that read the key.

    ``columns`` are set on the key and its version goes up by one; ``insert``
    adds keys (a rotation's new key); ``claim`` completes an idempotency claim
    (user id, Idempotency-Key, the key id to replay).
    """

    columns: Mapping[str, object]
    events: Sequence[NewEvent] = ()
    insert: Sequence[NewKey] = ()
    claim: tuple[str, str, str] | None = None


class KeyCredential(NamedTuple):
    """What authenticating with a key needs, and nothing more."""

    id: str
    name: str
    permissions: tuple[str, ...]
    last_used_at: int | None


class EventRow(NamedTuple):
    seq: int
    id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str


class NewKey(NamedTuple):
    """A key to insert; the field order is the table's column order."""

    id: str
    name: str
    permissions: str  # JSON, see permissions_json()
    digest: str
    hint: str
    created_at: int
    created_by: str
    last_used_at: int | None = None
    last_used_ip: str | None = None
    last_used_user_agent: str | None = None
    revoked_at: int | None = None
    revoked_by: str | None = None
    expires_at: int | None = None
    disabled_at: int | None = None
    disabled_by: str | None = None
    description: str = ""
    owner_id: str | None = None
    tags: str = "[]"  # JSON, see tags_json()


class AuditRow(NamedTuple):
    seq: int
    id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str
    target_kind: str | None
    target_id: str | None
    target_name: str | None


class NewAudit(NamedTuple):
    """An audit event that is about no key (the key policy, a session)."""

    id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str
    target_kind: str | None
    target_id: str | None
    target_name: str | None


class AuditFilter(NamedTuple):
    actor_id: str | None = None
    api_key_id: str | None = None
    action: str | None = None
    since: int | None = None  # inclusive
    until: int | None = None  # exclusive


class NewEvent(NamedTuple):
    """An event to insert; the field order is the table's column order."""

    id: str
    key_id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str


def permissions_json(permissions: Iterable[str]) -> str:
    return json.dumps(list(permissions))


def _create_private(path: str) -> None:
    """Create the database file readable by its owner only (0600), if it is new.

    It holds password hashes and key digests. SQLite gives its ``-wal`` and
    ``-shm`` files the database file's permissions, so they are private too.
    """
    if path in {"", ":memory:"} or path.startswith("file:"):
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def tags_json(tags: Iterable[str]) -> str:
    return json.dumps(list(tags))


class Store:
    """The sandbox's database. Thread-safe; every method is one transaction."""

    def __init__(self, path: str) -> None:
        _create_private(path)
        # isolation_level=None: no implicit transactions; ``_write`` opens its own.
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a crash of the process (the sandbox's
            # restart guarantee); it gives up only the last commits on power loss,
            # and saves an fsync per request.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self.is_new = self._create_schema_if_missing()
            self._migrate()
            # A claim left 'in_progress' belongs to a process that died mid-create.
            self._conn.execute("DELETE FROM idempotency WHERE state = 'in_progress'")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # One lock for reads too: the connection is shared, and a read inside a
        # consistent snapshot needs its statements to run back to back.
        with self._lock:
            if self._conn.in_transaction:
                # A read inside a change's transaction (``change_keys``'s
                # ``decide`` looking up a user or the policy) joins it.
                yield self._conn
                return
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def _create_schema_if_missing(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if row is not None:
            return False
        if self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            # Never add our tables to somebody else's database.
            raise ValueError("this SQLite file is not a sandbox database")
        # executescript commits any open transaction first, so it brings its own.
        self._conn.executescript(f"BEGIN IMMEDIATE;{_SCHEMA_V1}PRAGMA user_version = 1;COMMIT;")
        return True

    def _migrate(self) -> None:
        """Bring a database of an earlier version up to date, in place.

        Version 1 predates ``PRAGMA user_version`` (it reads 0 there); each
        step runs in its own transaction with the version it reaches, so an
        interrupted upgrade resumes where it stopped and loses nothing.
        """
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0]) or 1
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"this database was made by a newer sandbox (schema {version}; "
                f"this one knows up to {SCHEMA_VERSION})"
            )
        for step in range(version, SCHEMA_VERSION):
            script = _MIGRATIONS[step - 1]
            self._conn.executescript(
                f"BEGIN IMMEDIATE;{script}PRAGMA user_version = {step + 1};COMMIT;"
            )

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    # -- meta -----------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- users and sessions -----------------------------------------------------

    def add_users(self, users: Iterable[tuple[User, str]]) -> None:
        """Insert users with their password hashes."""
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO users (id, name, email, role, password_hash) VALUES (?, ?, ?, ?, ?)",
                [(*user, password_hash) for user, password_hash in users],
            )

    def user_by_email(self, email: str) -> tuple[User, str] | None:
        """The user and their password hash; email matching ignores ASCII case."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT id, name, email, role, password_hash FROM users WHERE email = ?", (email,)
            ).fetchone()
        return None if row is None else (User(*row[:4]), row[4])

    def set_password(self, user_id: str, password_hash: str) -> None:
        """Replace a password; the user's sessions end with the old password."""
        with self._write() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id)
            )
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))

    def add_session(
        self,
        digest: str,
        user_id: str,
        created_at: float,
        expires_at: float,
        audit: NewAudit | None = None,
    ) -> None:
        with self._write() as conn:
            if audit is not None:
                _insert_audit(conn, [audit])
            # Sign-in is rare, so it is a fine moment to forget expired sessions.
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (created_at,))
            conn.execute(
                "INSERT INTO sessions (digest, user_id, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (digest, user_id, created_at, expires_at),
            )

    def session_user(self, digest: str, now: float) -> User | None:
        """The user of an unexpired session, or None."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT u.id, u.name, u.email, u.role FROM sessions AS s"
                " JOIN users AS u ON u.id = s.user_id"
                " WHERE s.digest = ? AND s.expires_at > ?",
                (digest, now),
            ).fetchone()
        return None if row is None else User(*row)

    def delete_session(self, digest: str, audit: NewAudit | None = None) -> None:
        with self._write() as conn:
            deleted = conn.execute("DELETE FROM sessions WHERE digest = ?", (digest,)).rowcount
            if deleted and audit is not None:
                _insert_audit(conn, [audit])

    def list_audit(
        self, where: AuditFilter, limit: int, after: tuple[int, int] | None
    ) -> list[AuditRow]:
        """Audit events newest first, (at, seq) descending, after the cursor."""
        clauses: list[str] = []
        params: list[object] = []
        for column, value in (
            ("actor_id", where.actor_id),
            ("target_id", where.api_key_id),
            ("action", where.action),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if where.api_key_id is not None:
            clauses.append("target_kind = 'api_key'")
        if where.since is not None:
            clauses.append("at >= ?")
            params.append(where.since)
        if where.until is not None:
            clauses.append("at < ?")
            params.append(where.until)
        if after is not None:
            clauses.append("(at, seq) < (?, ?)")
            params.extend(after)
        params.append(limit)
        # Column names are this function's constants; values are parameters.
        sql = (
            "SELECT seq, id, at, action, actor_kind, actor_id, actor_name, ip, summary,"  # noqa: S608
            " target_kind, target_id, target_name FROM audit_events"
            f" WHERE {' AND '.join(clauses) or '1'} ORDER BY at DESC, seq DESC LIMIT ?"
        )
        with self._read() as conn:
            return [AuditRow._make(row) for row in conn.execute(sql, params)]

    # -- keys -----------------------------------------------------------------

    def add_keys(self, keys: Iterable[NewKey], events: Iterable[NewEvent]) -> None:
        """Bulk insert (the seeds); one transaction, ``executemany`` throughout.

        The secondary indexes of the three tables (not their unique
        constraints) are dropped for the insert and built again after it, in
        the same transaction: one sorted build is cheaper than 100,000 updates.
        """
        keys = list(keys)
        with self._write() as conn:
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                " AND tbl_name IN ('api_keys', 'events', 'audit_events')"
            ).fetchall()
            for name, _sql in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            conn.executemany(_INSERT_KEY, keys)
            _insert_events(conn, events, {key.id: key.name for key in keys})
            for _name, sql in indexes:
                conn.execute(sql)

    def key(self, key_id: str) -> KeyRow | None:
        with self._read() as conn:
            return _fetch_key(conn, key_id)

    def key_by_digest(self, digest: str) -> KeyRow | None:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {_KEY_COLUMNS} {_KEY_FROM} WHERE k.digest = ?",
                (digest,),
            ).fetchone()
        return None if row is None else KeyRow._make(row)

    def active_key_credential(self, digest: str, now: int) -> KeyCredential | None:
        """The usable key (not revoked, disabled or expired) with this digest, or None."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT id, name, permissions, last_used_at FROM api_keys"
                " WHERE digest = ? AND revoked_at IS NULL AND disabled_at IS NULL"
                " AND (expires_at IS NULL OR expires_at > ?)",
                (digest, now),
            ).fetchone()
        if row is None:
            return None
        return KeyCredential(row[0], row[1], tuple(json.loads(row[2])), row[3])

    def list_keys(
        self,
        status: Status | Literal["unrevoked"],
        limit: int,
        after: tuple[int, str] | None,
        now: int | None = None,
    ) -> tuple[list[KeyRow], int]:
        """Up to ``limit`` keys after the cursor position, and the status's total
        (disabled and expired are judged at ``now``, default the clock's now)."""
        now = int(time.time()) if now is None else now
        where = _STATUS_FILTER[status]
        params: dict[str, object] = {"now": now, "limit": limit}
        if after is not None:
            where += " AND (k.created_at, k.id) < (:after_at, :after_id)"
            params["after_at"], params["after_id"] = after
        sql = (
            f"SELECT {_KEY_COLUMNS} {_KEY_FROM} WHERE {where}"
            " ORDER BY k.created_at DESC, k.id DESC LIMIT :limit"
        )
        # Every piece of SQL built here is one of this module's constants;
        # values always travel as parameters.
        count_sql = f"SELECT count(*) FROM api_keys AS k WHERE {_STATUS_FILTER[status]}"  # noqa: S608
        with self._read() as conn:
            rows = [KeyRow._make(row) for row in conn.execute(sql, params)]
            total = conn.execute(count_sql, {"now": now}).fetchone()[0]
        return rows, int(total)

    def create_key(
        self, key: NewKey, event: NewEvent, idempotency: tuple[str, str] | None = None
    ) -> KeyRow:
        """Insert a key and its creation event; complete its idempotency claim
        (user id, Idempotency-Key) in the same transaction, so a crash can never
        leave a created key behind a claim that a retry would not replay."""
        with self._write() as conn:
            conn.execute(_INSERT_KEY, key)
            _insert_events(conn, [event])
            if idempotency is not None:
                conn.execute(
                    "UPDATE idempotency SET state = 'done', api_key_id = ?"
                    " WHERE user_id = ? AND key = ?",
                    (key.id, *idempotency),
                )
            row = _fetch_key(conn, key.id)
        assert row is not None
        return row

    def revoke_keys(
        self, key_ids: Sequence[str], revoked_by: str, at: int, events: Sequence[NewEvent]
    ) -> list[RevokeOutcome]:
        """Revoke each id in order; ``events[i]`` is recorded only if key i is revoked now."""
        outcomes: list[RevokeOutcome] = []
        with self._write() as conn:
            to_record = []
            for key_id, event in zip(key_ids, events, strict=True):
                changed = conn.execute(
                    "UPDATE api_keys SET revoked_at = ?, revoked_by = ?, version = version + 1"
                    " WHERE id = ? AND revoked_at IS NULL",
                    (at, revoked_by, key_id),
                ).rowcount
                if changed:
                    outcomes.append("revoked")
                    to_record.append(event)
                elif conn.execute("SELECT 1 FROM api_keys WHERE id = ?", (key_id,)).fetchone():
                    outcomes.append("already_revoked")
                else:
                    outcomes.append("not_found")
            _insert_events(conn, to_record)
        return outcomes

    def change_keys(
        self, key_ids: Sequence[str], decide: Callable[[KeyRow | None], KeyChange | None]
    ) -> list[KeyRow | None]:
        """Read each key, let ``decide`` judge it, apply its change; one transaction.

        ``decide`` gets the key as it is inside the transaction (None for an
        unknown id) and returns the change, or None to change nothing. It may
        raise to refuse: then nothing of the whole call is written. Returns
        each key as it is afterwards (None for an unknown id), in order.
        """
        result: list[KeyRow | None] = []
        with self._write() as conn:
            for key_id in key_ids:
                row = _fetch_key(conn, key_id)
                change = decide(row)
                if change is not None and row is not None:
                    self._apply(conn, row.id, change)
                    row = _fetch_key(conn, key_id)
                result.append(row)
        return result

    @staticmethod
    def _apply(conn: sqlite3.Connection, key_id: str, change: KeyChange) -> None:
        unknown = set(change.columns) - _CHANGEABLE
        if unknown:
            raise ValueError(f"not a changeable key column: {sorted(unknown)}")
        if change.insert:
            conn.executemany(_INSERT_KEY, change.insert)
        if change.columns:
            # Column names come from _CHANGEABLE only; values are parameters.
            assignments = ", ".join(f"{column} = :{column}" for column in change.columns)
            conn.execute(
                f"UPDATE api_keys SET {assignments}, version = version + 1 WHERE id = :key_id",  # noqa: S608
                {**change.columns, "key_id": key_id},
            )
        _insert_events(conn, change.events)
        if change.claim is not None:
            user_id, idempotency_key, api_key_id = change.claim
            conn.execute(
                "UPDATE idempotency SET state = 'done', api_key_id = ?"
                " WHERE user_id = ? AND key = ?",
                (api_key_id, user_id, idempotency_key),
            )

    def report_exposures(
        self,
        scanner: tuple[str, str],
        reports: Sequence[tuple[str, str, str]],
        at: int,
        decide: Callable[[KeyRow, Organization, str, str], tuple[Mapping[str, object], NewAudit]],
    ) -> list[bool]:
        """Apply exposure reports, one transaction for the lot.

        ``scanner`` is (id, name); each report is (key digest, url, source).
        Returns, per report, whether the digest is a key of this server. A
        (key, URL) reported before changes nothing; otherwise ``decide`` gets
        the key, the policy, the URL and the source and returns the columns to
        set (the version goes up by one) and the audit event.
        """
        known: list[bool] = []
        with self._write() as conn:
            conn.execute(
                "INSERT INTO scanners (id, name) VALUES (?, ?)"
                " ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                scanner,
            )
            policy = _fetch_organization(conn)
            for digest, url, source in reports:
                found = conn.execute("SELECT id FROM api_keys WHERE digest = ?", (digest,))
                key_id = found.fetchone()
                known.append(key_id is not None)
                if key_id is None:
                    continue
                new = conn.execute(
                    "INSERT OR IGNORE INTO exposure_reports"
                    " (key_id, url, reported_at, source, scanner_id) VALUES (?, ?, ?, ?, ?)",
                    (key_id[0], url, at, source, scanner[0]),
                ).rowcount
                if not new:
                    continue
                row = _fetch_key(conn, key_id[0])
                assert row is not None
                columns, audit = decide(row, policy, url, source)
                self._apply(conn, row.id, KeyChange(columns))
                _insert_audit(conn, [audit])
        return known

    def user(self, user_id: str) -> User | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT id, name, email, role FROM users WHERE id = ?", (user_id,)
            ).fetchone()
        return None if row is None else User(*row)

    def list_users(self, limit: int, after: str | None) -> list[User]:
        """Users ordered by id, after the cursor's id."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, name, email, role FROM users WHERE id > ? ORDER BY id LIMIT ?",
                (after or "", limit),
            ).fetchall()
        return [User(*row) for row in rows]

    # -- the organization ---------------------------------------------------------

    def organization(self) -> Organization:
        with self._read() as conn:
            return _fetch_organization(conn)

    def update_key_policy(
        self,
        decide: Callable[[Organization], Mapping[str, object]],
        audit: Callable[[Organization, Organization], NewAudit] | None = None,
    ) -> tuple[Organization, Organization]:
        """Change the key policy with what ``decide`` returns for the current one
        (it may raise to refuse). Returns the policy before and after; a real
        change is recorded with ``audit(before, after)``."""
        allowed = {
            "max_lifetime_days",
            "default_lifetime_days",
            "expiry_warning_days",
            "on_exposure",
        }
        with self._write() as conn:
            before = _fetch_organization(conn)
            changes = dict(decide(before))
            if set(changes) - allowed:
                raise ValueError(f"not a key policy column: {sorted(set(changes) - allowed)}")
            if changes:
                assignments = ", ".join(f"{column} = :{column}" for column in changes)
                conn.execute(f"UPDATE organization SET {assignments}", changes)  # noqa: S608
            after = _fetch_organization(conn)
            if changes and audit is not None:
                _insert_audit(conn, [audit(before, after)])
        return before, after

    def touch_key(
        self, key_id: str, at: int, ip: str | None, user_agent: str | None, cutoff: int
    ) -> None:
        """Record a use, unless the recorded one is more recent than ``cutoff``.

        The condition in SQL keeps "at most once per interval" true even when
        two requests race past the caller's own check.
        """
        with self._write() as conn:
            conn.execute(
                "UPDATE api_keys SET last_used_at = ?, last_used_ip = ?, last_used_user_agent = ?"
                " WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                (at, ip, user_agent, key_id, cutoff),
            )

    # -- events ---------------------------------------------------------------

    def record_event(self, event: NewEvent) -> None:
        with self._write() as conn:
            _insert_events(conn, [event])

    def list_events(self, key_id: str, limit: int, after: tuple[int, int] | None) -> list[EventRow]:
        where = "key_id = ?"
        params: list[object] = [key_id]
        if after is not None:
            where += " AND (at, seq) < (?, ?)"
            params.extend(after)
        params.append(limit)
        sql = (
            "SELECT seq, id, at, action, actor_kind, actor_id, actor_name, ip, summary FROM events"  # noqa: S608
            f" WHERE {where} ORDER BY at DESC, seq DESC LIMIT ?"
        )
        with self._read() as conn:
            return [EventRow._make(row) for row in conn.execute(sql, params)]

    # -- idempotency ------------------------------------------------------------

    def claim_idempotency(
        self, user_id: str, key: str, fingerprint: str, now: int, ttl: int
    ) -> tuple[IdempotencyClaim, str | None]:
        """Claim ``key`` for a create, or say why not.

        Returns ``("claimed", None)`` when the caller should create the key,
        ``("replay", api_key_id)`` for a finished identical request,
        ``("mismatch", None)`` or ``("in_progress", None)`` otherwise.
        A claim older than ``ttl`` seconds is forgotten.
        """
        with self._write() as conn:
            conn.execute(
                "DELETE FROM idempotency WHERE created_at <= ? AND state = 'done'", (now - ttl,)
            )
            row = conn.execute(
                "SELECT fingerprint, state, api_key_id FROM idempotency"
                " WHERE user_id = ? AND key = ?",
                (user_id, key),
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO idempotency (user_id, key, fingerprint, state, created_at)"
                    " VALUES (?, ?, ?, 'in_progress', ?)",
                    (user_id, key, fingerprint, now),
                )
                return "claimed", None
        stored_fingerprint, state, api_key_id = row
        if stored_fingerprint != fingerprint:
            return "mismatch", None
        if state == "in_progress":
            return "in_progress", None
        return "replay", api_key_id

    def release_idempotency(self, user_id: str, key: str) -> None:
        """Forget a claim whose create failed, so a retry can go ahead."""
        with self._write() as conn:
            conn.execute(
                "DELETE FROM idempotency WHERE user_id = ? AND key = ? AND state = 'in_progress'",
                (user_id, key),
            )

    # -- records (what keys write in the sandbox) -------------------------------

    def add_record(
        self,
        record_id: str,
        title: str,
        fields: str,
        at: int,
        key_id: str | None,
        event: NewEvent | None,
    ) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO records (id, title, fields, created_at, created_by_key)"
                " VALUES (?, ?, ?, ?, ?)",
                (record_id, title, fields, at, key_id),
            )
            if event is not None:
                _insert_events(conn, [event])


def _fetch_key(conn: sqlite3.Connection, key_id: str) -> KeyRow | None:
    row = conn.execute(
        f"SELECT {_KEY_COLUMNS} {_KEY_FROM} WHERE k.id = ?",
        (key_id,),
    ).fetchone()
    return None if row is None else KeyRow._make(row)


def _fetch_organization(conn: sqlite3.Connection) -> Organization:
    row = conn.execute(
        "SELECT id, name, max_lifetime_days, default_lifetime_days, expiry_warning_days,"
        " on_exposure FROM organization LIMIT 1"
    ).fetchone()
    return Organization._make(row)


def _insert_events(
    conn: sqlite3.Connection,
    events: Iterable[NewEvent],
    key_names: Mapping[str, str] | None = None,
) -> None:
    """A key's events; what a person did to it goes to the audit log as well,
    with the key (its name as it is now) as the target. ``key_names``, when the
    caller has them (a seed), saves looking each name up."""
    events = list(events)
    conn.executemany(
        "INSERT INTO events (id, key_id, at, action, actor_kind, actor_id, actor_name, ip,"
        " summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    if key_names is not None:
        _insert_audit(
            conn,
            (
                NewAudit(
                    e.id,
                    e.at,
                    e.action,
                    e.actor_kind,
                    e.actor_id,
                    e.actor_name,
                    e.ip,
                    e.summary,
                    "api_key",
                    e.key_id,
                    key_names[e.key_id],
                )
                for e in events
                if e.actor_kind == "user"
            ),
        )
        return
    conn.executemany(
        "INSERT INTO audit_events (id, at, action, actor_kind, actor_id, actor_name, ip,"
        " summary, target_kind, target_id, target_name)"
        " SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'api_key', k.id, k.name FROM api_keys AS k"
        " WHERE k.id = ?",
        [
            (
                e.id,
                e.at,
                e.action,
                e.actor_kind,
                e.actor_id,
                e.actor_name,
                e.ip,
                e.summary,
                e.key_id,
            )
            for e in events
            if e.actor_kind == "user"
        ],
    )


def _insert_audit(conn: sqlite3.Connection, events: Iterable[NewAudit]) -> None:
    conn.executemany(
        "INSERT INTO audit_events (id, at, action, actor_kind, actor_id, actor_name, ip,"
        " summary, target_kind, target_id, target_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
