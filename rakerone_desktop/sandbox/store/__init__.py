"""SQLite storage for the sandbox: one database, a store per area.

:class:`Database` owns the one connection, its lock and the schema (with its
migrations); each area's store (keys, people, events and the audit log,
exposure reports, the organization, idempotency claims) runs its transactions
on that connection, under that lock. :class:`Store` opens the database and
holds one store of each area.

Each public method of an area's store is one transaction. Methods that change
a key also write the event that records the change, in the same transaction,
so the audit trail can never disagree with the data.
"""

from __future__ import annotations

from rakerone_desktop.sandbox.store.database import Database
from rakerone_desktop.sandbox.store.events import EventStore
from rakerone_desktop.sandbox.store.exposure import ExposureStore
from rakerone_desktop.sandbox.store.idempotency import IdempotencyStore
from rakerone_desktop.sandbox.store.keys import KeyStore
from rakerone_desktop.sandbox.store.organization import OrganizationStore
from rakerone_desktop.sandbox.store.people import PeopleStore
from rakerone_desktop.sandbox.store.rows import (
    AuditFilter,
    AuditRow,
    EventRow,
    IdempotencyClaim,
    KeyChange,
    KeyCredential,
    KeyRow,
    NewAudit,
    NewEvent,
    NewKey,
    Organization,
    RevokeOutcome,
    Status,
    User,
    permissions_json,
    tags_json,
)
from rakerone_desktop.sandbox.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AuditFilter",
    "AuditRow",
    "Database",
    "EventRow",
    "EventStore",
    "ExposureStore",
    "IdempotencyClaim",
    "IdempotencyStore",
    "KeyChange",
    "KeyCredential",
    "KeyRow",
    "KeyStore",
    "NewAudit",
    "NewEvent",
    "NewKey",
    "Organization",
    "OrganizationStore",
    "PeopleStore",
    "RevokeOutcome",
    "Status",
    "Store",
    "User",
    "permissions_json",
    "tags_json",
]


class Store:
    """The sandbox's database: opens it, and holds one store per area, all on
    the same connection and lock. Thread-safe."""

    def __init__(self, path: str) -> None:
        self.db = Database(path)
        self.keys = KeyStore(self.db)
        self.people = PeopleStore(self.db)
        self.events = EventStore(self.db)
        self.exposures = ExposureStore(self.db)
        self.policy = OrganizationStore(self.db)
        self.idempotency = IdempotencyStore(self.db)

    @property
    def is_new(self) -> bool:
        """Whether opening made the database (rather than finding one)."""
        return self.db.is_new

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    def get_meta(self, key: str) -> str | None:
        return self.db.get_meta(key)

    def set_meta(self, key: str, value: str) -> None:
        self.db.set_meta(key, value)

    def close(self) -> None:
        self.db.close()
