"""Exposure reports from secret scanners."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rakerone_desktop.sandbox.store import sql
from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.rows import KeyChange, KeyRow, NewAudit, Organization


class ExposureStore:
    """Scanners and the (key, URL) pairs they reported."""

    def __init__(self, db: Database) -> None:
        self._db = db

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
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO scanners (id, name) VALUES (?, ?)"
                " ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                scanner,
            )
            policy = sql.fetch_organization(conn)
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
                row = sql.fetch_key(conn, key_id[0])
                assert row is not None
                columns, audit = decide(row, policy, url, source)
                sql.apply_key_change(conn, row.id, KeyChange(columns))
                sql.insert_audit(conn, [audit])
        return known
