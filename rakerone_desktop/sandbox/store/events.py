"""What happened: each key's events, the audit log, and the records keys write."""

from __future__ import annotations

from rakerone_desktop.sandbox.store import sql
from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.rows import AuditFilter, AuditRow, EventRow, NewEvent


class EventStore:
    """Key events, the audit log and records (what keys write in the sandbox)."""

    def __init__(self, db: Database) -> None:
        self._db = db

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
        with self._db.read() as conn:
            return [AuditRow._make(row) for row in conn.execute(sql, params)]

    def record_event(self, event: NewEvent) -> None:
        with self._db.write() as conn:
            sql.insert_events(conn, [event])

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
        with self._db.read() as conn:
            return [EventRow._make(row) for row in conn.execute(sql, params)]

    def add_record(
        self,
        record_id: str,
        title: str,
        fields: str,
        at: int,
        key_id: str | None,
        event: NewEvent | None,
    ) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO records (id, title, fields, created_at, created_by_key)"
                " VALUES (?, ?, ?, ?, ?)",
                (record_id, title, fields, at, key_id),
            )
            if event is not None:
                sql.insert_events(conn, [event])
