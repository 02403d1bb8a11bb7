"""The sandbox's permission catalog: what a key can be allowed to do.

The desktop client hard-codes none of this; it renders whatever the server
sends. The ids follow ``<resource>.<verb>`` so they sort into groups and read
well in audit logs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Permission:
    id: str
    label: str
    description: str
    group: str
    impersonation: bool = False


PERMISSIONS: tuple[Permission, ...] = (
    Permission(
        "playbooks.view",
        "View playbooks",
        "Read playbooks, their steps and the history of their runs.",
        "Playbooks",
    ),
    Permission(
        "playbooks.run",
        "Run playbooks",
        "Start playbook runs, for example from a webhook.",
        "Playbooks",
    ),
    Permission(
        "playbooks.edit",
        "Edit playbooks",
        "Create, change and delete playbooks and their steps.",
        "Playbooks",
    ),
    Permission(
        "records.read",
        "Read records",
        "Read records and search them.",
        "Records",
    ),
    Permission(
        "records.write",
        "Write records",
        "Create records and change their fields, for example from an import job.",
        "Records",
    ),
    Permission(
        "records.delete",
        "Delete records",
        "Delete records for good. Deleted records cannot be restored.",
        "Records",
    ),
    Permission(
        "webhooks.manage",
        "Manage webhooks",
        "Create, change and remove outgoing webhooks and rotate their signing secrets.",
        "Webhooks & integrations",
    ),
    Permission(
        "integrations.manage",
        "Manage integrations",
        "Connect and disconnect integrations with other products and change their settings.",
        "Webhooks & integrations",
    ),
    Permission(
        "users.view",
        "View users",
        "List the people in the organization with their names, emails and roles.",
        "Users",
    ),
    Permission(
        "users.impersonate",
        "Can impersonate",
        "Act as any user in the organization, with that user's access. "
        "Grant it only to a trusted system that needs it.",
        "Users",
        impersonation=True,
    ),
    Permission(
        "audit_log.read",
        "Read the audit log",
        "Read the organization's audit log: who did what, and when.",
        "Audit log",
    ),
)

PERMISSION_IDS: frozenset[str] = frozenset(p.id for p in PERMISSIONS)
# The catalog's order, for sorting ids into a stable display order.
PERMISSION_ORDER: dict[str, int] = {p.id: i for i, p in enumerate(PERMISSIONS)}


def catalog_json() -> dict[str, Any]:
    """The body of ``GET /permissions``."""
    return {"items": [asdict(p) for p in PERMISSIONS]}
