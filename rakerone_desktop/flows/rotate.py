"""Rotate on the server (when offered): choose the old key's grace period, rotate
in one call, show the new key's value once.

A lost answer is retried with the same Idempotency-Key (the controller keeps
it): the server answers the replay without the secret, and the flow hands the
new key over as a lost create (:mod:`.recover`: say so, offer to revoke it).
"""

from __future__ import annotations

import enum
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, CreatedKey, RotatedKey
from rakerone_desktop.controllers.call import Call

#: The grace periods offered, in seconds: immediately, 1 hour, 24 hours, 7 days.
GRACE_CHOICES = (0, 3600, 86400, 604800)
DEFAULT_GRACE = 86400


class RotateState(enum.Enum):
    IDLE = "idle"
    CHOOSING = "choosing"  # the dialog asks for the grace period
    ROTATING = "rotating"  # the call is running (or waiting for a sign-in)


class RotateActions(Protocol):
    def rotate(self, key_id: str, grace_seconds: int) -> Call: ...


class RotateView(Protocol):
    def open_rotate(self, key: ApiKey) -> None: ...
    def raise_rotate(self) -> None: ...
    def rotate_refused(self) -> None: ...
    def rotate_waiting(self) -> None: ...
    def rotate_failed(self, error: ApiError) -> None: ...
    def rotate_succeeded(self, rotated: RotatedKey) -> None: ...


class RotateFlow(QObject):
    stateChanged = Signal(object)  # RotateState
    #: The new key, as a create's answer, for the copy-once dialog (or, its
    #: secret lost, the recovery), and the old key it replaces.
    delivered = Signal(object, object)  # CreatedKey, ApiKey

    def __init__(
        self, actions: RotateActions, view: RotateView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._state = RotateState.IDLE
        self._key: ApiKey | None = None

    @property
    def state(self) -> RotateState:
        return self._state

    def _set(self, state: RotateState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def open(self, key: ApiKey | None) -> bool:
        if self._state is not RotateState.IDLE:
            self._view.raise_rotate()
            return False
        if key is None or key.revoked_at is not None or key.status not in (None, "active"):
            self._view.rotate_refused()
            return False
        self._key = key
        self._set(RotateState.CHOOSING)
        self._view.open_rotate(key)
        return True

    def confirm(self, grace_seconds: int) -> None:
        if self._key is None or self._state is not RotateState.CHOOSING:
            return
        self._set(RotateState.ROTATING)
        call = self._actions.rotate(self._key.id, grace_seconds)
        call.succeeded.connect(self._on_rotated)
        call.failed.connect(self._on_failed)
        call.waiting.connect(self._view.rotate_waiting)

    def _on_rotated(self, rotated: RotatedKey) -> None:
        self._key = None
        self._set(RotateState.IDLE)
        self._view.rotate_succeeded(rotated)
        created = CreatedKey(api_key=rotated.api_key, secret=rotated.secret)
        self.delivered.emit(created, rotated.old_api_key)

    def _on_failed(self, error: ApiError) -> None:
        self._set(RotateState.CHOOSING)
        self._view.rotate_failed(error)

    def closed(self) -> None:
        if self._state is RotateState.CHOOSING:
            self._key = None
            self._set(RotateState.IDLE)
