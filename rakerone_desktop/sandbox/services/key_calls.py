"""What an API key can do in the sandbox: /me, playbooks, records."""

from __future__ import annotations

import json
from typing import Any

from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.demo_data import PLAYBOOKS
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.services.common import Caller, KeyPrincipal, Principal, key_event
from rakerone_desktop.sandbox.store import KeyCredential, Store


class KeyCallService:
    """What a key may call in the sandbox, each use and refusal an event."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def me_as_key(self, key: KeyCredential, caller: Caller) -> None:
        self._store.events.record_event(
            key_event(key, "api_key.used", caller, "Called GET /api/v1/me")
        )

    def run_playbook(
        self, principal: Principal, playbook_id: str, caller: Caller
    ) -> dict[str, Any]:
        name = PLAYBOOKS.get(playbook_id)
        if isinstance(principal, KeyPrincipal):
            # The permission is checked before the playbook's existence, so a
            # key without it learns nothing about which playbooks exist.
            self._require(
                principal.key,
                "playbooks.run",
                caller,
                f"Denied: running playbook {playbook_id} needs playbooks.run",
            )
        if name is None:
            raise Problem("not-found", "No playbook has this id.")
        run_id = credentials.new_id("run_")
        now = clock.now()
        if isinstance(principal, KeyPrincipal):
            self._store.events.record_event(
                key_event(
                    principal.key,
                    "playbook.run",
                    caller,
                    f"Started a run of “{name}” ({run_id})",
                )
            )
        return {
            "id": run_id,
            "playbook_id": playbook_id,
            "playbook_name": name,
            "status": "queued",
            "created_at": clock.rfc3339(now),
        }

    def create_record(
        self, principal: Principal, title: str, fields: dict[str, Any], caller: Caller
    ) -> dict[str, Any]:
        key = principal.key if isinstance(principal, KeyPrincipal) else None
        if key is not None:
            self._require(
                key, "records.write", caller, "Denied: creating a record needs records.write"
            )
        record_id = credentials.new_id("rec_")
        now = clock.now()
        event = None
        if key is not None:
            shown = title if len(title) <= 60 else title[:59] + "…"
            summary = f"Created record “{shown}” ({record_id})"
            event = key_event(key, "record.created", caller, summary)
        self._store.events.add_record(
            record_id,
            title,
            json.dumps(fields, ensure_ascii=False),
            now,
            key.id if key else None,
            event,
        )
        return {"id": record_id, "title": title, "fields": fields, "created_at": clock.rfc3339(now)}

    def _require(self, key: KeyCredential, permission: str, caller: Caller, summary: str) -> None:
        if permission in key.permissions:
            return
        self._store.events.record_event(key_event(key, "api_key.denied", caller, summary))
        raise Problem("forbidden", f"This API key does not have the {permission} permission.")
