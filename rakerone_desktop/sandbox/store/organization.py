"""The organization and its key policy."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rakerone_desktop.sandbox.store import sql
from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.rows import NewAudit, Organization


class OrganizationStore:
    """The one organization the sandbox serves, and its key policy."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def organization(self) -> Organization:
        with self._db.read() as conn:
            return sql.fetch_organization(conn)

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
        with self._db.write() as conn:
            before = sql.fetch_organization(conn)
            changes = dict(decide(before))
            if set(changes) - allowed:
                raise ValueError(f"not a key policy column: {sorted(set(changes) - allowed)}")
            if changes:
                assignments = ", ".join(f"{column} = :{column}" for column in changes)
                conn.execute(f"UPDATE organization SET {assignments}", changes)  # noqa: S608
            after = sql.fetch_organization(conn)
            if changes and audit is not None:
                sql.insert_audit(conn, [audit(before, after)])
        return before, after
