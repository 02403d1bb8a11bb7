"""The calls that change keys: create, revoke (one or many), find by value, export.

Every call runs through the task runner and returns its own handle (a
:class:`~rakerone_desktop.controllers.call.Call`, or a ``Task`` for exports):
whoever starts a call hears its answer, and nobody else. One create and one
revoke run at a time; a second one is refused (``None``) with nothing sent.

A create carries an ``Idempotency-Key`` that is reused for as long as the
person retries the same name and permissions, so however often they click
Create key after a lost answer, the server makes one key and the app learns
which.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, CreatedKey, Event, RevokeResult
from rakerone_desktop.api.wire import UNSET
from rakerone_desktop.controllers.call import Call, Guard
from rakerone_desktop.controllers.rotations import PendingRotations
from rakerone_desktop.domain import csv_export
from rakerone_desktop.flows.create import KeyExtras
from rakerone_desktop.keytable.export import keys_csv
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.settings import Settings
from rakerone_desktop.runtime.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from rakerone_desktop.api.protocol import ApiClient

log = logging.getLogger(__name__)

#: A revoke of at most this many keys reads each one back; a bigger one refreshes.
READ_BACK_LIMIT = 50

RevokeOutcome = tuple[tuple[RevokeResult, ...], list[ApiKey]]
#: An export's outcome: the path, the rows written, and why it failed (None: it didn't).
ExportOutcome = tuple[str, int, str | None]


def _reason(error: object) -> str:
    if isinstance(error, ApiError):
        return str(error)
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return type(error).__name__


class KeyActionsController(QObject):
    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        model: ApiKeysModel,
        settings: Settings,
        parent: QObject | None = None,
        *,
        guard: Guard | None = None,
    ) -> None:
        super().__init__(parent)
        self.guard = guard
        self.client = client
        self._runner = runner
        self.model = model
        self.rotations = PendingRotations(settings, model, self)
        self._attempt: tuple[tuple[str, tuple[str, ...], KeyExtras | None], str] | None = None
        self._create: Call | None = None
        self._revoke: Call | None = None

    # -- create ----------------------------------------------------------------------

    def idempotency_key_for(
        self, name: str, permissions: Sequence[str], extras: KeyExtras | None = None
    ) -> str:
        return self._same_attempt(name, permissions, extras)[1]

    def _same_attempt(
        self, name: str, permissions: Sequence[str], extras: KeyExtras | None
    ) -> tuple[KeyExtras | None, str]:
        """The Idempotency-Key of this body, and its extras as first sent (the same
        expiry time on every retry of the same choices)."""
        body = (name, tuple(permissions), extras)
        if self._attempt is None or self._attempt[0] != body:
            self._attempt = (body, str(uuid.uuid4()))
        return self._attempt[0][2], self._attempt[1]

    def forget_attempt(self) -> None:
        """The next create is a new key, even with the same name and permissions."""
        self._attempt = None

    @property
    def creating(self) -> bool:
        return self._create is not None

    def create(
        self, name: str, permissions: Sequence[str], extras: KeyExtras | None = None
    ) -> Call | None:
        """Start a create; None (and nothing sent) while another one is running."""
        if self._create is not None:
            return None
        sent, idem = self._same_attempt(name, permissions, extras)
        call = Call(
            self._runner,
            "create-key",
            self._create_job,
            name,
            list(permissions),
            idem,
            sent,
            guard=self.guard,
            parent=self,
        )
        # Connected before the caller's: the model has the key when they hear of it.
        call.succeeded.connect(self._on_created)
        call.finished.connect(self._on_create_finished)
        self._create = call
        return call.start()

    def _create_job(
        self, name: str, permissions: list[str], idem: str, extras: KeyExtras | None
    ) -> CreatedKey:
        if extras is None:
            return self.client.create_key(name, permissions, idempotency_key=idem)
        return self.client.create_key(
            name,
            permissions,
            idempotency_key=idem,
            expires_at=UNSET if extras.expiry_choice is None else extras.expires_at,
            description=extras.description,
            owner_id=extras.owner_id,
            tags=extras.tags,
        )

    def _on_created(self, result: CreatedKey) -> None:
        self._attempt = None  # the next create is a new key
        self.model.upsert_key(result.api_key)

    def start_rotation(self, old_id: str, new_id: str) -> None:
        """The new key of a rotation exists: the old one shows "rotation in progress"."""
        self.rotations.start(old_id, new_id)

    def _on_create_finished(self) -> None:
        self._create = None

    # -- revoke ----------------------------------------------------------------------

    @property
    def revoking(self) -> bool:
        return self._revoke is not None

    def revoke(self, key_ids: Sequence[str]) -> Call | None:
        """Start a revoke; None (and nothing sent) while another one is running.

        The call answers ``(results, keys read back)``.
        """
        if self._revoke is not None or not key_ids:
            return None
        call = Call(
            self._runner,
            "revoke-keys",
            self._revoke_job,
            list(key_ids),
            guard=self.guard,
            parent=self,
        )
        call.succeeded.connect(self._on_revoked)
        call.finished.connect(self._on_revoke_finished)
        self._revoke = call
        return call.start()

    def _revoke_job(self, key_ids: list[str]) -> RevokeOutcome:
        if len(key_ids) == 1:
            # The client confirms the revocation from the server's answer.
            key = self.client.revoke_key(key_ids[0])
            return (RevokeResult(id=key.id, outcome="revoked"),), [key]
        results = self.client.revoke_keys(key_ids)
        # The bulk answer carries outcomes, not keys: read back what changed so
        # each row updates from the server's own record (small sets only; a big
        # incident revoke refreshes the whole list instead).
        changed = [r.id for r in results if r.outcome != "not_found"]
        keys: list[ApiKey] = []
        if len(changed) <= READ_BACK_LIMIT:
            for key_id in changed:
                try:
                    keys.append(self.client.get_key(key_id))
                except ApiError as exc:
                    log.info("Could not read back a revoked key: %s", exc)
        return results, keys

    def _on_revoked(self, result: RevokeOutcome) -> None:
        results, keys = result
        for key in keys:
            self.model.upsert_key(key)
        self.rotations.finish(r.id for r in results if r.outcome in ("revoked", "already_revoked"))

    def _on_revoke_finished(self) -> None:
        self._revoke = None

    # -- find by value ------------------------------------------------------------------

    def lookup(self, digests: Sequence[str]) -> Call:
        """Which keys have these SHA-256 digests? Only digests ever reach this code.

        The call answers ``[(digest, ApiKey | None), ...]`` in the order asked.
        """
        call = Call(
            self._runner,
            "lookup-keys",
            self._lookup_job,
            list(digests),
            guard=self.guard,
            parent=self,
        )
        return call.start()

    def _lookup_job(self, digests: list[str]) -> list[tuple[str, ApiKey | None]]:
        seen: dict[str, ApiKey | None] = {}
        for digest in digests:
            if digest not in seen:
                seen[digest] = self.client.lookup_key(digest)
        return [(d, seen[d]) for d in digests]

    # -- exports: each task answers an ExportOutcome, failures included ---------------------

    def export_keys(self, path: str, keys: Sequence[ApiKey]) -> Task:
        labels = {p.id: p.label for p in self.model.catalog.values()}
        return self._write_in_background(path, lambda: (keys_csv(keys, labels), len(keys)))

    def export_events(self, path: str, key_id: str) -> Task:
        def build() -> tuple[str, int]:
            events: list[Event] = []
            cursor: str | None = None
            while True:
                page = self.client.key_events(key_id, limit=100, cursor=cursor)
                events.extend(page.items)
                if page.next_cursor is None or page.next_cursor == cursor:
                    break
                cursor = page.next_cursor
            return csv_export.events_csv(events), len(events)

        return self._write_in_background(path, build)

    def export_text(self, path: str, text: str, rows: int) -> Task:
        return self._write_in_background(path, lambda: (text, rows))

    def _write_in_background(self, path: str, build: Callable[[], tuple[str, int]]) -> Task:
        def job() -> ExportOutcome:
            # Failures come back as a result: one slot handles both outcomes.
            try:
                text, rows = build()
                # newline="" keeps the CSV's own CRLF line ends.
                with open(path, "w", encoding="utf-8-sig", newline="") as f:
                    f.write(text)
            except (ApiError, OSError) as exc:
                return path, 0, _reason(exc)
            return path, rows, None

        return self._runner.submit("export", job)
