"""Reading what happened: the audit log and a key's events."""

from __future__ import annotations

from rakerone_desktop.sandbox.services.keys import KeyService
from rakerone_desktop.sandbox.store import AuditFilter, AuditRow, EventRow, Store


class AuditService:
    """The audit log, and each key's own events."""

    def __init__(self, store: Store, keys: KeyService) -> None:
        self._store = store
        self._keys = keys

    def audit_events(
        self, where: AuditFilter, limit: int, after: tuple[int, int] | None
    ) -> tuple[list[AuditRow], AuditRow | None]:
        rows = self._store.events.list_audit(where, limit + 1, after)
        page = rows[:limit]
        return page, (page[-1] if len(rows) > limit else None)

    def events(
        self, key_id: str, limit: int, after: tuple[int, int] | None
    ) -> tuple[list[EventRow], EventRow | None]:
        self._keys.get_key(key_id)  # 404 for an unknown key, not an empty list
        rows = self._store.events.list_events(key_id, limit + 1, after)
        more = len(rows) > limit
        page = rows[:limit]
        return page, (page[-1] if more else None)
