"""Idempotency-Key claims for creates and rotations."""

from __future__ import annotations

from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.rows import IdempotencyClaim


class IdempotencyStore:
    """Claims of Idempotency-Keys; a claim is completed by the key's own change."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def claim_idempotency(
        self, user_id: str, key: str, fingerprint: str, now: int, ttl: int
    ) -> tuple[IdempotencyClaim, str | None]:
        """Claim ``key`` for a create, or say why not.

        Returns ``("claimed", None)`` when the caller should create the key,
        ``("replay", api_key_id)`` for a finished identical request,
        ``("mismatch", None)`` or ``("in_progress", None)`` otherwise.
        A claim older than ``ttl`` seconds is forgotten.
        """
        with self._db.write() as conn:
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
        with self._db.write() as conn:
            conn.execute(
                "DELETE FROM idempotency WHERE user_id = ? AND key = ? AND state = 'in_progress'",
                (user_id, key),
            )
