"""Revoke one or many keys: confirm, revoke, show each key's outcome."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, RevokeResult
from rakerone_desktop.controllers.call import Call

#: A revoke of more keys than this refreshes the whole list afterwards.
REFRESH_ABOVE = 50


class RevokeState(enum.Enum):
    IDLE = "idle"
    CONFIRMING = "confirming"  # the dialog asks; nothing sent
    REVOKING = "revoking"  # the call is running (or waiting for a sign-in)
    DONE = "done"  # the dialog shows each key's outcome


class RevokeActions(Protocol):
    @property
    def revoking(self) -> bool: ...
    def revoke(self, key_ids: Sequence[str]) -> Call | None: ...


class RevokeView(Protocol):
    def open_revoke(self, keys: Sequence[ApiKey]) -> None: ...
    def raise_revoke(self) -> None: ...
    def revoke_refused(self) -> None: ...
    def revoke_running_elsewhere(self) -> None: ...
    def revoke_waiting(self) -> None: ...
    def revoke_failed(self, error: ApiError) -> None: ...
    def revoke_succeeded(self, results: Sequence[RevokeResult]) -> None: ...


class RevokeFlow(QObject):
    """One revoke dialog, one revoke call at a time."""

    stateChanged = Signal(object)  # RevokeState
    refreshNeeded = Signal()  # so many keys changed that the whole list is read again
    revoked = Signal(object)  # tuple[RevokeResult, ...], of this flow's own call

    def __init__(
        self,
        actions: RevokeActions,
        view: RevokeView,
        parent: QObject | None = None,
        *,
        busy_elsewhere: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._busy_elsewhere = busy_elsewhere or (lambda: False)
        self._state = RevokeState.IDLE

    @property
    def state(self) -> RevokeState:
        return self._state

    def _set(self, state: RevokeState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def start(self, keys: Sequence[ApiKey]) -> bool:
        """Ask to revoke ``keys`` (active ones); raise the dialog if one is open."""
        if not keys:
            return False
        if self._state is not RevokeState.IDLE:
            self._view.raise_revoke()
            return True
        if self._actions.revoking or self._busy_elsewhere():
            self._view.revoke_refused()
            return False
        self._set(RevokeState.CONFIRMING)
        self._view.open_revoke(keys)
        return True

    def confirm(self, key_ids: Sequence[str]) -> None:
        """The dialog's Revoke: one revoke at a time."""
        if self._state is RevokeState.REVOKING:
            self._view.revoke_running_elsewhere()
            return
        call = self._actions.revoke(key_ids)
        if call is None:
            self._view.revoke_running_elsewhere()
            return
        self._set(RevokeState.REVOKING)
        call.succeeded.connect(self._on_revoked)
        call.failed.connect(self._on_failed)
        call.waiting.connect(self._on_waiting)

    def _on_revoked(self, result: tuple[tuple[RevokeResult, ...], list[ApiKey]]) -> None:
        results = result[0]
        if self._state is RevokeState.REVOKING:
            self._set(RevokeState.DONE)
        self._view.revoke_succeeded(results)
        if len(results) > REFRESH_ABOVE:
            self.refreshNeeded.emit()
        self.revoked.emit(results)

    def _on_waiting(self) -> None:
        self._view.revoke_waiting()

    def _on_failed(self, error: ApiError) -> None:
        if self._state is RevokeState.REVOKING:
            self._set(RevokeState.CONFIRMING)
        self._view.revoke_failed(error)

    def closed(self) -> None:
        """The dialog closed; a revoke still running reports to nobody's dialog."""
        self._set(RevokeState.IDLE)
