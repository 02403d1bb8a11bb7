"""SQL shared by the stores of several areas; each helper runs inside the
caller's transaction, on the connection it is given."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from rakerone_desktop.sandbox.store.rows import KeyChange, KeyRow, NewAudit, NewEvent, Organization

# Each filter takes "now" (whole seconds) as its one parameter, if any. The
# status of a key: revoked wins, then expired, then disabled, else active.
# ``k.revoked_at IS NULL`` is written out in each so the partial index applies.
STATUS_FILTER: dict[str, str] = {
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

KEY_COLUMNS = """
    k.id, k.name, k.permissions, k.hint, k.created_at, k.created_by, cu.name,
    k.last_used_at, k.last_used_ip, k.last_used_user_agent,
    k.revoked_at, coalesce(k.revoked_by, k.revoked_by_scanner), coalesce(ru.name, rs.name),
    k.expires_at, k.disabled_at, coalesce(k.disabled_by, k.disabled_by_scanner),
    coalesce(du.name, ds.name), k.description, k.owner_id, ou.name,
    k.tags, k.exposure_reported_at, k.exposure_source, k.exposure_url, k.version
"""
KEY_FROM = """
    FROM api_keys AS k
    JOIN users AS cu ON cu.id = k.created_by
    LEFT JOIN users AS ru ON ru.id = k.revoked_by
    LEFT JOIN users AS du ON du.id = k.disabled_by
    LEFT JOIN users AS ou ON ou.id = k.owner_id
    LEFT JOIN scanners AS rs ON rs.id = k.revoked_by_scanner
    LEFT JOIN scanners AS ds ON ds.id = k.disabled_by_scanner
"""

# The columns a key change may set (see ``KeyStore.change_keys``).
CHANGEABLE = frozenset(
    {
        "name", "permissions", "description", "owner_id", "tags", "expires_at",
        "disabled_at", "disabled_by", "revoked_at", "revoked_by",
        "disabled_by_scanner", "revoked_by_scanner",
        "exposure_reported_at", "exposure_source", "exposure_url",
    }
)  # fmt: skip

INSERT_KEY = (
    "INSERT INTO api_keys (id, name, permissions, digest, hint, created_at, created_by,"
    " last_used_at, last_used_ip, last_used_user_agent, revoked_at, revoked_by,"
    " expires_at, disabled_at, disabled_by, description, owner_id, tags)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def fetch_key(conn: sqlite3.Connection, key_id: str) -> KeyRow | None:
    row = conn.execute(
        f"SELECT {KEY_COLUMNS} {KEY_FROM} WHERE k.id = ?",
        (key_id,),
    ).fetchone()
    return None if row is None else KeyRow._make(row)


def fetch_organization(conn: sqlite3.Connection) -> Organization:
    row = conn.execute(
        "SELECT id, name, max_lifetime_days, default_lifetime_days, expiry_warning_days,"
        " on_exposure FROM organization LIMIT 1"
    ).fetchone()
    return Organization._make(row)


def insert_events(
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
        insert_audit(
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


def insert_audit(conn: sqlite3.Connection, events: Iterable[NewAudit]) -> None:
    conn.executemany(
        "INSERT INTO audit_events (id, at, action, actor_kind, actor_id, actor_name, ip,"
        " summary, target_kind, target_id, target_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )


def apply_key_change(conn: sqlite3.Connection, key_id: str, change: KeyChange) -> None:
    """Write one key's change inside the caller's transaction."""
    unknown = set(change.columns) - CHANGEABLE
    if unknown:
        raise ValueError(f"not a changeable key column: {sorted(unknown)}")
    if change.insert:
        conn.executemany(INSERT_KEY, change.insert)
    if change.columns:
        # Column names come from CHANGEABLE only; values are parameters.
        assignments = ", ".join(f"{column} = :{column}" for column in change.columns)
        conn.execute(
            f"UPDATE api_keys SET {assignments}, version = version + 1 WHERE id = :key_id",  # noqa: S608
            {**change.columns, "key_id": key_id},
        )
    insert_events(conn, change.events)
    if change.claim is not None:
        user_id, idempotency_key, api_key_id = change.claim
        conn.execute(
            "UPDATE idempotency SET state = 'done', api_key_id = ? WHERE user_id = ? AND key = ?",
            (api_key_id, user_id, idempotency_key),
        )
