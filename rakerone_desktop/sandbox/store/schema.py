"""The database's schema: version 1 as it was made, and each migration since."""

from __future__ import annotations

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
