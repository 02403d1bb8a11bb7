"""The part-2 calls that change keys: edit, disable, enable, rotate; and the users list.

Each returns its own :class:`~rakerone_desktop.controllers.call.Call`. A row
changes only from the server's answer (the model's upsert, connected before
the caller's slots), so a call that fails leaves the row as the server last
said. A rotation keeps its ``Idempotency-Key`` for as long as the person
retries the same rotation, so a lost answer never makes two new keys.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, DisableResult, RotatedKey, User
from rakerone_desktop.controllers.call import Call, Guard
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.tasks import TaskRunner

if TYPE_CHECKING:
    from rakerone_desktop.api.protocol import ApiClient

#: A bulk disable of at most this many keys reads each one back; a bigger one refreshes.
READ_BACK_LIMIT = 50

DisableOutcome = tuple[tuple[DisableResult, ...], list[ApiKey]]


class LifecycleController(QObject):
    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        model: ApiKeysModel,
        parent: QObject | None = None,
        *,
        guard: Guard | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.guard = guard
        self.model = model
        self._runner = runner
        self._rotation: tuple[tuple[str, int], str] | None = None

    def _start(self, name: str, job: Any, *args: Any) -> Call:
        return Call(self._runner, name, job, *args, guard=self.guard, parent=self)

    # -- users ---------------------------------------------------------------------

    def list_users(self) -> Call:
        """Every user of the organization (for choosing an owner); answers ``list[User]``."""
        return self._start("list-users", self._users_job).start()

    def _users_job(self) -> list[User]:
        users: list[User] = []
        cursor: str | None = None
        while True:
            page = self.client.list_users(limit=100, cursor=cursor)
            users.extend(page.items)
            if page.next_cursor is None or page.next_cursor == cursor:
                return users
            cursor = page.next_cursor

    # -- edit ----------------------------------------------------------------------

    def update(self, key_id: str, version: int, changes: dict[str, Any]) -> Call:
        """Send ``changes`` (only the changed fields) with ``If-Match: version``."""
        call = self._start("update-key", self._update_job, key_id, version, dict(changes))
        call.succeeded.connect(self.model.upsert_key)
        return call.start()

    def _update_job(self, key_id: str, version: int, changes: dict[str, Any]) -> ApiKey:
        return self.client.update_key(key_id, version=version, **changes)

    def read(self, key_id: str) -> Call:
        """The key as the server has it now (after a ``412``); the row follows."""
        call = self._start("get-key", self.client.get_key, key_id)
        call.succeeded.connect(self.model.upsert_key)
        return call.start()

    # -- disable, enable ----------------------------------------------------------

    def set_disabled(self, key_ids: Sequence[str], disabled: bool) -> Call:
        """Disable or enable keys; answers ``(results, keys read back)``."""
        call = self._start(
            "disable-keys" if disabled else "enable-keys",
            self._disable_job,
            list(key_ids),
            disabled,
        )
        call.succeeded.connect(self._on_disabled)
        return call.start()

    def _disable_job(self, key_ids: list[str], disabled: bool) -> DisableOutcome:
        if len(key_ids) == 1 or not disabled:
            # One key, or enabling (no bulk route): each answer is the key itself.
            results: list[DisableResult] = []
            keys: list[ApiKey] = []
            for key_id in key_ids:
                try:
                    key = (
                        self.client.disable_key(key_id)
                        if disabled
                        else self.client.enable_key(key_id)
                    )
                except ApiError:
                    if len(key_ids) == 1:
                        raise
                    results.append(DisableResult(id=key_id, outcome="inactive"))
                    continue
                keys.append(key)
                results.append(DisableResult(id=key_id, outcome="disabled"))
            return tuple(results), keys
        answer = self.client.disable_keys(key_ids)
        changed = [r.id for r in answer if r.outcome in ("disabled", "already_disabled")]
        read_back: list[ApiKey] = []
        if len(changed) <= READ_BACK_LIMIT:
            for key_id in changed:
                with contextlib.suppress(ApiError):  # else the next refresh shows it
                    read_back.append(self.client.get_key(key_id))
        return answer, read_back

    def _on_disabled(self, outcome: DisableOutcome) -> None:
        for key in outcome[1]:
            self.model.upsert_key(key)

    # -- rotate --------------------------------------------------------------------

    def rotation_key_for(self, key_id: str, grace_seconds: int) -> str:
        """The Idempotency-Key of this rotation, the same on every retry of it."""
        body = (key_id, grace_seconds)
        if self._rotation is None or self._rotation[0] != body:
            self._rotation = (body, str(uuid.uuid4()))
        return self._rotation[1]

    def rotate(self, key_id: str, grace_seconds: int) -> Call:
        """Rotate on the server in one call; answers the :class:`RotatedKey`."""
        idem = self.rotation_key_for(key_id, grace_seconds)
        call = self._start("rotate-key", self._rotate_job, key_id, grace_seconds, idem)
        call.succeeded.connect(self._on_rotated)
        return call.start()

    def _rotate_job(self, key_id: str, grace_seconds: int, idem: str) -> RotatedKey:
        return self.client.rotate_key(
            key_id, old_key_expires_in=grace_seconds, idempotency_key=idem
        )

    def _on_rotated(self, rotated: RotatedKey) -> None:
        self._rotation = None  # the next rotation is a new one
        self.model.upsert_key(rotated.old_api_key)
        self.model.upsert_key(rotated.api_key)
        self.model.mark_rotated([rotated.old_api_key.id])
