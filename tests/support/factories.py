"""Plain API objects for widget and model tests (no server needed)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from rakerone_desktop.api.models import ApiKey, Permission, PersonRef

_ids = itertools.count(1)

NOW = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)

CATALOG = (
    Permission("playbooks.view", "View playbooks", "See playbooks.", "Playbooks", False),
    Permission("playbooks.run", "Run playbooks", "Start playbook runs.", "Playbooks", False),
    Permission("records.write", "Write records", "Create and change records.", "Records", False),
    Permission("users.impersonate", "Can impersonate", "Act as any user.", "Users", True),
)


def make_key(
    name: str = "Data import service",
    *,
    permissions: tuple[str, ...] = ("records.write",),
    created: datetime | None = None,
    last_used: datetime | None = None,
    revoked: datetime | None = None,
    creator: str = "Alex Admin",
    ip: str | None = None,
    user_agent: str | None = None,
) -> ApiKey:
    n = next(_ids)
    return ApiKey(
        id=f"key_{n:06d}",
        name=name,
        permissions=permissions,
        hint=f"rone_…{n:04d}"[-10:] if n < 10000 else "rone_…abcd",
        created_at=created or NOW - timedelta(days=n),
        created_by=PersonRef("usr_1", creator),
        last_used_at=last_used,
        last_used_ip=ip if last_used else None,
        last_used_user_agent=user_agent if last_used else None,
        revoked_at=revoked,
        revoked_by=PersonRef("usr_1", creator) if revoked else None,
    )
