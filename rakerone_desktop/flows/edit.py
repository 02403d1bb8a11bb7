"""Edit a key in place: only the changed fields, sent with ``If-Match``.

On ``412`` (someone else changed the key) the flow reads the key as it is now
and hands it to the view beside what the person typed, which stays; saving
again goes over the new version. Nothing typed is lost on any error.
"""

from __future__ import annotations

import enum
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError, PreconditionFailedError
from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.controllers.call import Call


class EditState(enum.Enum):
    IDLE = "idle"
    EDITING = "editing"  # the dialog is open, nothing sent
    SAVING = "saving"  # the edit is running (or waiting for a sign-in)
    CONFLICT = "conflict"  # 412: the current values are shown beside the person's


class EditActions(Protocol):
    def update(self, key_id: str, version: int, changes: dict[str, Any]) -> Call: ...
    def read(self, key_id: str) -> Call: ...


class EditView(Protocol):
    def open_edit(self, key: ApiKey) -> None: ...
    def raise_edit(self) -> None: ...
    def edit_refused(self) -> None: ...
    def edit_waiting(self) -> None: ...
    def edit_failed(self, error: ApiError) -> None: ...
    def edit_conflict(self, current: ApiKey | None, error: ApiError) -> None: ...
    def edit_saved(self, key: ApiKey) -> None: ...


class EditFlow(QObject):
    stateChanged = Signal(object)  # EditState
    saved = Signal(object)  # ApiKey

    def __init__(self, actions: EditActions, view: EditView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._state = EditState.IDLE
        self._key: ApiKey | None = None

    @property
    def state(self) -> EditState:
        return self._state

    @property
    def key(self) -> ApiKey | None:
        """The key as the server last said (its version is the one sent next)."""
        return self._key

    def _set(self, state: EditState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def open(self, key: ApiKey | None) -> bool:
        if self._state is not EditState.IDLE:
            self._view.raise_edit()
            return False
        if key is None or key.revoked_at is not None or key.version is None:
            self._view.edit_refused()
            return False
        self._key = key
        self._set(EditState.EDITING)
        self._view.open_edit(key)
        return True

    def save(self, changes: dict[str, Any]) -> None:
        """The dialog's Save: ``changes`` holds only what differs from :attr:`key`."""
        key = self._key
        if key is None or key.version is None or self._state is EditState.SAVING:
            return
        self._set(EditState.SAVING)
        call = self._actions.update(key.id, key.version, changes)
        call.succeeded.connect(self._on_saved)
        call.failed.connect(self._on_failed)
        call.waiting.connect(self._view.edit_waiting)

    def _on_saved(self, key: ApiKey) -> None:
        self._key = key
        self._set(EditState.EDITING)
        self._view.edit_saved(key)
        self.saved.emit(key)

    def _on_failed(self, error: ApiError) -> None:
        if isinstance(error, PreconditionFailedError) and self._key is not None:
            self._set(EditState.CONFLICT)
            call = self._actions.read(self._key.id)
            call.succeeded.connect(lambda current: self._on_current(current, error))
            call.failed.connect(lambda _e: self._view.edit_conflict(None, error))
            return
        self._set(EditState.EDITING)
        self._view.edit_failed(error)

    def _on_current(self, current: ApiKey, error: ApiError) -> None:
        self._key = current  # the next save goes over the version just read
        self._view.edit_conflict(current, error)

    def closed(self) -> None:
        self._key = None
        self._set(EditState.IDLE)
