"""API keys: listing, creating, revoking and changing them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from rakerone_desktop.sandbox.store import sql
from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.rows import (
    KeyChange,
    KeyCredential,
    KeyRow,
    NewEvent,
    NewKey,
    RevokeOutcome,
    Status,
)


class KeyStore:
    """The API keys. A change to a key writes its events in the same transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_keys(self, keys: Iterable[NewKey], events: Iterable[NewEvent]) -> None:
        """Bulk insert (the seeds); one transaction, ``executemany`` throughout.

        The secondary indexes of the three tables (not their unique
        constraints) are dropped for the insert and built again after it, in
        the same transaction: one sorted build is cheaper than 100,000 updates.
        """
        keys = list(keys)
        with self._db.write() as conn:
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                " AND tbl_name IN ('api_keys', 'events', 'audit_events')"
            ).fetchall()
            for name, _sql in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            conn.executemany(sql.INSERT_KEY, keys)
            sql.insert_events(conn, events, {key.id: key.name for key in keys})
            for _name, index_sql in indexes:
                conn.execute(index_sql)

    def key(self, key_id: str) -> KeyRow | None:
        with self._db.read() as conn:
            return sql.fetch_key(conn, key_id)

    def key_by_digest(self, digest: str) -> KeyRow | None:
        with self._db.read() as conn:
            row = conn.execute(
                f"SELECT {sql.KEY_COLUMNS} {sql.KEY_FROM} WHERE k.digest = ?",
                (digest,),
            ).fetchone()
        return None if row is None else KeyRow._make(row)

    def active_key_credential(self, digest: str, now: int) -> KeyCredential | None:
        """The usable key (not revoked, disabled or expired) with this digest, or None."""
        with self._db.read() as conn:
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
        where = sql.STATUS_FILTER[status]
        params: dict[str, object] = {"now": now, "limit": limit}
        if after is not None:
            where += " AND (k.created_at, k.id) < (:after_at, :after_id)"
            params["after_at"], params["after_id"] = after
        page_sql = (
            f"SELECT {sql.KEY_COLUMNS} {sql.KEY_FROM} WHERE {where}"
            " ORDER BY k.created_at DESC, k.id DESC LIMIT :limit"
        )
        # Every piece of SQL built here is one of the sql module's constants;
        # values always travel as parameters.
        count_sql = f"SELECT count(*) FROM api_keys AS k WHERE {sql.STATUS_FILTER[status]}"  # noqa: S608
        with self._db.read() as conn:
            rows = [KeyRow._make(row) for row in conn.execute(page_sql, params)]
            total = conn.execute(count_sql, {"now": now}).fetchone()[0]
        return rows, int(total)

    def create_key(
        self, key: NewKey, event: NewEvent, idempotency: tuple[str, str] | None = None
    ) -> KeyRow:
        """Insert a key and its creation event; complete its idempotency claim
        (user id, Idempotency-Key) in the same transaction, so a crash can never
        leave a created key behind a claim that a retry would not replay."""
        with self._db.write() as conn:
            conn.execute(sql.INSERT_KEY, key)
            sql.insert_events(conn, [event])
            if idempotency is not None:
                conn.execute(
                    "UPDATE idempotency SET state = 'done', api_key_id = ?"
                    " WHERE user_id = ? AND key = ?",
                    (key.id, *idempotency),
                )
            row = sql.fetch_key(conn, key.id)
        assert row is not None
        return row

    def revoke_keys(
        self, key_ids: Sequence[str], revoked_by: str, at: int, events: Sequence[NewEvent]
    ) -> list[RevokeOutcome]:
        """Revoke each id in order; ``events[i]`` is recorded only if key i is revoked now."""
        outcomes: list[RevokeOutcome] = []
        with self._db.write() as conn:
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
            sql.insert_events(conn, to_record)
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
        with self._db.write() as conn:
            for key_id in key_ids:
                row = sql.fetch_key(conn, key_id)
                change = decide(row)
                if change is not None and row is not None:
                    sql.apply_key_change(conn, row.id, change)
                    row = sql.fetch_key(conn, key_id)
                result.append(row)
        return result

    def touch_key(
        self, key_id: str, at: int, ip: str | None, user_agent: str | None, cutoff: int
    ) -> None:
        """Record a use, unless the recorded one is more recent than ``cutoff``.

        The condition in SQL keeps "at most once per interval" true even when
        two requests race past the caller's own check.
        """
        with self._db.write() as conn:
            conn.execute(
                "UPDATE api_keys SET last_used_at = ?, last_used_ip = ?, last_used_user_agent = ?"
                " WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                (at, ip, user_agent, key_id, cutoff),
            )
