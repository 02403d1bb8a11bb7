"""The calls that change keys: create, revoke (one or many), and rotations.

Every call runs through the task runner. A create carries an
``Idempotency-Key`` that is reused for as long as the person retries the same
name and permissions, so however often they click Create key after a lost
answer, the server makes one key and the app learns which.

Pending rotations (old key id → new key id) live in the settings, as ids
only, so the "rotation in progress" row survives a restart.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError, ProtocolError
from rakerone_desktop.api.models import ApiKey, CreatedKey, Event, RevokeResult
from rakerone_desktop.controllers.session_guard import SessionGuard
from rakerone_desktop.domain import csv_export
from rakerone_desktop.keytable.export import keys_csv
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.runtime.tasks import TaskRunner

if TYPE_CHECKING:
    from rakerone_desktop.api.client import RakerOneClient

log = logging.getLogger(__name__)


def _reason(error: object) -> str:
    if isinstance(error, ApiError):
        return str(error)
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return type(error).__name__


def _as_api_error(error: object) -> ApiError:
    if isinstance(error, ApiError):
        return error
    log.error("Unexpected failure: %s", type(error).__name__)
    return ApiError("Something went wrong. Nothing was changed by the app.")


class KeyActionsController(QObject):
    created = Signal(object)  # CreatedKey
    createFailed = Signal(object)  # ApiError
    revoked = Signal(object)  # tuple[RevokeResult, ...]
    revokeFailed = Signal(object)  # ApiError
    rotationsChanged = Signal(object)  # dict old id -> new id
    waitingForSignIn = Signal(str)  # what is waiting: "create", "revoke", "lookup"
    lookedUp = Signal(object)  # list[(sha256, ApiKey | None)]
    lookupFailed = Signal(object)  # ApiError
    exported = Signal(str, int)  # path, rows written
    exportFailed = Signal(str, str)  # path, reason

    def __init__(
        self,
        client: RakerOneClient,
        runner: TaskRunner,
        model: ApiKeysModel,
        settings: Settings,
        parent: QObject | None = None,
        *,
        guard: SessionGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self.guard = guard
        self.client = client
        self._runner = runner
        self.model = model
        self._settings = settings
        self._attempt: tuple[tuple[str, tuple[str, ...]], str] | None = None
        self._creating = False
        self._revoking = False
        self._last_create: tuple[str, list[str]] = ("", [])
        self._last_revoke: list[str] = []
        self._last_lookup: list[str] = []
        self.model.set_rotations(self.rotations())

    # -- create ----------------------------------------------------------------------

    def idempotency_key_for(self, name: str, permissions: Sequence[str]) -> str:
        body = (name, tuple(permissions))
        if self._attempt is None or self._attempt[0] != body:
            self._attempt = (body, str(uuid.uuid4()))
        return self._attempt[1]

    def forget_attempt(self) -> None:
        self._attempt = None

    @property
    def creating(self) -> bool:
        return self._creating

    def create(self, name: str, permissions: Sequence[str]) -> bool:
        """Start a create; False (and nothing sent) while another one is running."""
        if self._creating:
            return False
        self._creating = True
        idem = self.idempotency_key_for(name, permissions)
        self._last_create = (name, list(permissions))
        task = self._runner.submit("create-key", self._create_job, name, list(permissions), idem)
        task.succeeded.connect(self._on_created)
        task.failed.connect(self._on_create_failed)
        return True

    def _create_job(self, name: str, permissions: list[str], idem: str) -> CreatedKey:
        return self.client.create_key(name, permissions, idempotency_key=idem)

    def _on_created(self, result: CreatedKey) -> None:
        self._creating = False
        self._attempt = None  # the next create is a new key
        self.model.upsert_key(result.api_key)
        self.created.emit(result)

    def _on_create_failed(self, error: object) -> None:
        self._creating = False
        err = _as_api_error(error)
        name, permissions = self._last_create
        # Signed in again, the same create runs with the same Idempotency-Key.
        if self._wait_for_sign_in(
            "create",
            err,
            lambda: self.create(name, permissions),
            lambda: self.createFailed.emit(err),
        ):
            return
        self.createFailed.emit(err)

    def _wait_for_sign_in(
        self, what: str, err: ApiError, retry: Callable[[], object], give_up: Callable[[], None]
    ) -> bool:
        if self.guard is not None and self.guard.intercept(err, retry, give_up):
            self.waitingForSignIn.emit(what)
            return True
        return False

    # -- revoke ----------------------------------------------------------------------

    @property
    def revoking(self) -> bool:
        return self._revoking

    def revoke(self, key_ids: Sequence[str]) -> bool:
        """Start a revoke; False (and nothing sent) while another one is running."""
        if self._revoking or not key_ids:
            return False
        self._revoking = True
        self._last_revoke = list(key_ids)
        task = self._runner.submit("revoke-keys", self._revoke_job, list(key_ids))
        task.succeeded.connect(self._on_revoked)
        task.failed.connect(self._on_revoke_failed)
        return True

    def _revoke_job(self, key_ids: list[str]) -> tuple[tuple[RevokeResult, ...], list[ApiKey]]:
        if len(key_ids) == 1:
            key = self.client.revoke_key(key_ids[0])
            if key.revoked_at is None or key.id != key_ids[0]:
                # Revocation is confirmed by the server's answer, never assumed.
                raise ProtocolError(
                    "The server answered the revoke without revoking the key.",
                    request_id=self.client.last_request_id,
                )
            return (RevokeResult(id=key.id, outcome="revoked"),), [key]
        results = self.client.revoke_keys(key_ids)
        # The bulk answer carries outcomes, not keys: read back what changed so
        # each row updates from the server's own record (small sets only; a big
        # incident revoke refreshes the whole list instead).
        changed = [r.id for r in results if r.outcome != "not_found"]
        keys: list[ApiKey] = []
        if len(changed) <= 50:
            for key_id in changed:
                try:
                    keys.append(self.client.get_key(key_id))
                except ApiError as exc:
                    log.info("Could not read back a revoked key: %s", exc)
        return results, keys

    def _on_revoked(self, result: tuple[tuple[RevokeResult, ...], list[ApiKey]]) -> None:
        self._revoking = False
        results, keys = result
        for key in keys:
            self.model.upsert_key(key)
        confirmed = {r.id for r in results if r.outcome in ("revoked", "already_revoked")}
        self._finish_rotations(confirmed)
        self.revoked.emit(results)

    def _on_revoke_failed(self, error: object) -> None:
        self._revoking = False
        err = _as_api_error(error)
        ids = self._last_revoke
        if self._wait_for_sign_in(
            "revoke", err, lambda: self.revoke(ids), lambda: self.revokeFailed.emit(err)
        ):
            return
        self.revokeFailed.emit(err)

    # -- find by value ------------------------------------------------------------------

    def lookup(self, digests: Sequence[str]) -> None:
        """Which keys have these SHA-256 digests? Only digests ever reach this code."""
        self._last_lookup = list(digests)
        task = self._runner.submit("lookup-keys", self._lookup_job, list(digests))
        task.succeeded.connect(self.lookedUp.emit)
        task.failed.connect(self._on_lookup_failed)

    def _lookup_job(self, digests: list[str]) -> list[tuple[str, ApiKey | None]]:
        seen: dict[str, ApiKey | None] = {}
        for digest in digests:
            if digest not in seen:
                seen[digest] = self.client.lookup_key(digest)
        return [(d, seen[d]) for d in digests]

    def _on_lookup_failed(self, error: object) -> None:
        err = _as_api_error(error)
        digests = self._last_lookup
        if self._wait_for_sign_in(
            "lookup", err, lambda: self.lookup(digests), lambda: self.lookupFailed.emit(err)
        ):
            return
        self.lookupFailed.emit(err)

    # -- exports ------------------------------------------------------------------------

    def export_keys(self, path: str, keys: Sequence[ApiKey]) -> None:
        labels = {p.id: p.label for p in self.model.catalog.values()}
        self._write_in_background(path, lambda: (keys_csv(keys, labels), len(keys)))

    def export_events(self, path: str, key_id: str) -> None:
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

        self._write_in_background(path, build)

    def export_text(self, path: str, text: str, rows: int) -> None:
        self._write_in_background(path, lambda: (text, rows))

    def _write_in_background(self, path: str, build: Callable[[], tuple[str, int]]) -> None:
        def job() -> tuple[str, int, str | None]:
            # Failures come back as a result, so one bound slot (cut by Qt when
            # this controller goes) handles both outcomes.
            try:
                text, rows = build()
                # newline="" keeps the CSV's own CRLF line ends.
                with open(path, "w", encoding="utf-8-sig", newline="") as f:
                    f.write(text)
            except (ApiError, OSError) as exc:
                return path, 0, _reason(exc)
            return path, rows, None

        task = self._runner.submit("export", job)
        task.succeeded.connect(self._on_exported)

    def _on_exported(self, result: tuple[str, int, str | None]) -> None:
        path, rows, reason = result
        if reason is None:
            self.exported.emit(path, rows)
        else:
            self.exportFailed.emit(path, reason)

    # -- rotations -------------------------------------------------------------------

    def rotations(self) -> dict[str, str]:
        return self._settings.get(Options.pending_rotations)

    def start_rotation(self, old_id: str, new_id: str) -> None:
        rotations = self.rotations()
        rotations[old_id] = new_id
        self._store_rotations(rotations)

    def prune_rotations(self) -> None:
        """Forget rotations whose old key is gone or revoked (after a refresh)."""
        rotations = self.rotations()
        keep = {}
        for old, new in rotations.items():
            key = self.model.key_by_id(old)
            if key is not None and key.revoked_at is None:
                keep[old] = new
        if keep != rotations:
            self._store_rotations(keep)

    def _finish_rotations(self, revoked_ids: set[str]) -> None:
        rotations = self.rotations()
        keep = {old: new for old, new in rotations.items() if old not in revoked_ids}
        if keep != rotations:
            self._store_rotations(keep)

    def _store_rotations(self, rotations: dict[str, str]) -> None:
        self._settings.set(Options.pending_rotations, rotations)
        self.model.set_rotations(rotations)
        self.rotationsChanged.emit(rotations)
