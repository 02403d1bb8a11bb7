"""Disable or enable keys: immediate, reversible, no typing.

Disabling asks first only when a key was used within the last hour (an
integration is probably relying on it right now); enabling never asks. Rows
change only from the server's answer (the controller upserts it).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, DisableResult
from rakerone_desktop.controllers.call import Call

#: A key used this recently is probably in use now: disabling it asks first.
RECENT_USE = timedelta(hours=1)


class DisableState(enum.Enum):
    IDLE = "idle"
    CONFIRMING = "confirming"  # a key was used in the last hour: the person is asked
    WORKING = "working"  # the call is running (or waiting for a sign-in)


class DisableActions(Protocol):
    def set_disabled(self, key_ids: Sequence[str], disabled: bool) -> Call: ...


class DisableView(Protocol):
    def ask_disable(self, keys: Sequence[ApiKey], recent: Sequence[ApiKey]) -> None: ...
    def disable_busy(self) -> None: ...
    def disable_waiting(self) -> None: ...
    def disable_failed(self, error: ApiError, disabled: bool) -> None: ...
    def disable_done(
        self, results: Sequence[DisableResult], keys: Sequence[ApiKey], disabled: bool
    ) -> None: ...


def used_recently(key: ApiKey, now: datetime) -> bool:
    return key.last_used_at is not None and now - key.last_used_at < RECENT_USE


class DisableFlow(QObject):
    """One disable or enable at a time."""

    stateChanged = Signal(object)  # DisableState
    done = Signal(object, bool)  # tuple[DisableResult, ...], disabled

    def __init__(
        self,
        actions: DisableActions,
        view: DisableView,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._clock = clock or (lambda: datetime.now(UTC))
        self._state = DisableState.IDLE
        self._pending: list[ApiKey] = []

    @property
    def state(self) -> DisableState:
        return self._state

    def _set(self, state: DisableState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def disable(self, keys: Sequence[ApiKey]) -> bool:
        """Disable the active ones of ``keys``; ask first if any was used in the last hour."""
        targets = [k for k in keys if k.revoked_at is None and k.status in (None, "active")]
        if not targets:
            return False
        if self._state is not DisableState.IDLE:
            self._view.disable_busy()
            return False
        now = self._clock()
        recent = [k for k in targets if used_recently(k, now)]
        if recent:
            self._pending = targets
            self._set(DisableState.CONFIRMING)
            self._view.ask_disable(targets, recent)
            return True
        self._send(targets, True)
        return True

    def confirm(self) -> None:
        """The person said yes to disabling a key in use."""
        if self._state is DisableState.CONFIRMING:
            keys, self._pending = self._pending, []
            self._send(keys, True)

    def cancel(self) -> None:
        if self._state is DisableState.CONFIRMING:
            self._pending = []
            self._set(DisableState.IDLE)

    def enable(self, keys: Sequence[ApiKey]) -> bool:
        targets = [k for k in keys if k.revoked_at is None and k.status == "disabled"]
        if not targets:
            return False
        if self._state is not DisableState.IDLE:
            self._view.disable_busy()
            return False
        self._send(targets, False)
        return True

    def _send(self, keys: Sequence[ApiKey], disabled: bool) -> None:
        self._set(DisableState.WORKING)
        call = self._actions.set_disabled([k.id for k in keys], disabled)
        call.succeeded.connect(lambda outcome: self._on_done(outcome, disabled))
        call.failed.connect(lambda error: self._on_failed(error, disabled))
        call.waiting.connect(self._view.disable_waiting)

    def _on_done(
        self, outcome: tuple[tuple[DisableResult, ...], list[ApiKey]], disabled: bool
    ) -> None:
        self._set(DisableState.IDLE)
        results, keys = outcome
        self._view.disable_done(results, keys, disabled)
        self.done.emit(results, disabled)

    def _on_failed(self, error: ApiError, disabled: bool) -> None:
        self._set(DisableState.IDLE)
        self._view.disable_failed(error, disabled)
