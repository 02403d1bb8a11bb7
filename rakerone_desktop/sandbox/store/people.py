"""Users and their sessions."""

from __future__ import annotations

from collections.abc import Iterable

from rakerone_desktop.sandbox.store import sql
from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.rows import NewAudit, User


class PeopleStore:
    """The organization's users, their passwords and their sessions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_users(self, users: Iterable[tuple[User, str]]) -> None:
        """Insert users with their password hashes."""
        with self._db.write() as conn:
            conn.executemany(
                "INSERT INTO users (id, name, email, role, password_hash) VALUES (?, ?, ?, ?, ?)",
                [(*user, password_hash) for user, password_hash in users],
            )

    def user_by_email(self, email: str) -> tuple[User, str] | None:
        """The user and their password hash; email matching ignores ASCII case."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT id, name, email, role, password_hash FROM users WHERE email = ?", (email,)
            ).fetchone()
        return None if row is None else (User(*row[:4]), row[4])

    def set_password(self, user_id: str, password_hash: str) -> None:
        """Replace a password; the user's sessions end with the old password."""
        with self._db.write() as conn:
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
        with self._db.write() as conn:
            if audit is not None:
                sql.insert_audit(conn, [audit])
            # Sign-in is rare, so it is a fine moment to forget expired sessions.
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (created_at,))
            conn.execute(
                "INSERT INTO sessions (digest, user_id, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (digest, user_id, created_at, expires_at),
            )

    def session_user(self, digest: str, now: float) -> User | None:
        """The user of an unexpired session, or None."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT u.id, u.name, u.email, u.role FROM sessions AS s"
                " JOIN users AS u ON u.id = s.user_id"
                " WHERE s.digest = ? AND s.expires_at > ?",
                (digest, now),
            ).fetchone()
        return None if row is None else User(*row)

    def delete_session(self, digest: str, audit: NewAudit | None = None) -> None:
        with self._db.write() as conn:
            deleted = conn.execute("DELETE FROM sessions WHERE digest = ?", (digest,)).rowcount
            if deleted and audit is not None:
                sql.insert_audit(conn, [audit])

    def user(self, user_id: str) -> User | None:
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT id, name, email, role FROM users WHERE id = ?", (user_id,)
            ).fetchone()
        return None if row is None else User(*row)

    def list_users(self, limit: int, after: str | None) -> list[User]:
        """Users ordered by id, after the cursor's id."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT id, name, email, role FROM users WHERE id > ? ORDER BY id LIMIT ?",
                (after or "", limit),
            ).fetchall()
        return [User(*row) for row in rows]
