"""Find keys by value: digests only go out; only the newest lookup's answer counts."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.controllers.call import Call

Found = list[tuple[str, ApiKey | None]]


class FindState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"  # the dialog is open, no lookup running
    LOOKING_UP = "looking up"


class FindActions(Protocol):
    def lookup(self, digests: Sequence[str]) -> Call: ...


class FindView(Protocol):
    def open_find(self) -> None: ...
    def raise_find(self) -> None: ...
    def show_found(self, results: Found) -> None: ...
    def lookup_failed(self, error: ApiError) -> None: ...
    def lookup_waiting(self) -> None: ...


class FindFlow(QObject):
    stateChanged = Signal(object)  # FindState
    found = Signal(object)  # Found: the newest lookup's answer

    def __init__(self, actions: FindActions, view: FindView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._state = FindState.CLOSED
        self._call: Call | None = None

    @property
    def state(self) -> FindState:
        return self._state

    def _set(self, state: FindState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def open(self) -> None:
        if self._state is FindState.CLOSED:
            self._set(FindState.OPEN)
            self._view.open_find()
        else:
            self._view.raise_find()

    def lookup(self, digests: Sequence[str]) -> None:
        """Look these digests up; an earlier lookup still running is no longer heard."""
        self._forget_call()
        call = self._actions.lookup(digests)
        self._call = call
        self._set(FindState.LOOKING_UP)
        call.succeeded.connect(self._on_found)
        call.failed.connect(self._on_failed)
        call.waiting.connect(self._on_waiting)

    def _forget_call(self) -> None:
        call, self._call = self._call, None
        if call is not None and not call.done:
            # Its answer, late, reaches nobody.
            call.succeeded.disconnect(self._on_found)
            call.failed.disconnect(self._on_failed)
            call.waiting.disconnect(self._on_waiting)

    def _on_found(self, results: Found) -> None:
        self._call = None
        self._set(FindState.OPEN)
        self._view.show_found(results)
        self.found.emit(results)

    def _on_waiting(self) -> None:
        self._view.lookup_waiting()

    def _on_failed(self, error: ApiError) -> None:
        self._call = None
        self._set(FindState.OPEN)
        self._view.lookup_failed(error)

    def closed(self) -> None:
        self._forget_call()
        self._set(FindState.CLOSED)
