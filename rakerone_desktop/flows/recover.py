"""A create whose answer was lost: revoke the key nobody can use, create a fresh one."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import CreatedKey
from rakerone_desktop.controllers.call import Call
from rakerone_desktop.flows.create import CreateFlow, LostKey


class RecoverState(enum.Enum):
    IDLE = "idle"
    ASKING = "asking"  # the person is asked whether to revoke and create afresh
    REVOKING = "revoking"
    CREATING = "creating"


class RecoverActions(Protocol):
    @property
    def creating(self) -> bool: ...
    @property
    def revoking(self) -> bool: ...
    def revoke(self, key_ids: Sequence[str]) -> Call | None: ...
    def create(self, name: str, permissions: Sequence[str]) -> Call | None: ...
    def forget_attempt(self) -> None: ...


class RecoverView(Protocol):
    def recover_refused(self) -> None: ...
    def recover_revoke_failed(self, error: ApiError) -> None: ...
    def recover_create_failed(self, error: ApiError) -> None: ...
    def revoked_elsewhere(self, results: object) -> None: ...


class RecoverFlow(QObject):
    """Started by :class:`CreateFlow`'s ``lost``; gives the new key back to it."""

    stateChanged = Signal(object)  # RecoverState

    def __init__(
        self,
        actions: RecoverActions,
        create: CreateFlow,
        view: RecoverView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._create = create
        self._view = view
        self._state = RecoverState.IDLE
        self._lost: LostKey | None = None
        create.lost.connect(self._on_lost)

    @property
    def state(self) -> RecoverState:
        return self._state

    def busy(self) -> bool:
        """Revoking the lost key or creating its successor."""
        return self._state in (RecoverState.REVOKING, RecoverState.CREATING)

    def _set(self, state: RecoverState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _on_lost(self, lost: LostKey) -> None:
        # A rotation whose new key lost its value carries on with the key made instead.
        self._lost = lost
        self._set(RecoverState.ASKING)

    def keep(self) -> None:
        """The person keeps the key without a value, for now."""
        if self._state is RecoverState.ASKING:
            self._lost = None
            self._set(RecoverState.IDLE)
            self._create.recovery_ended()

    def recover(self) -> None:
        """Revoke the lost key, then create one with the same name and permissions."""
        lost = self._lost
        if self._state is not RecoverState.ASKING or lost is None:
            return
        if self._actions.revoking or self._actions.creating:
            self._view.recover_refused()
            return
        call = self._actions.revoke([lost.key.id])
        if call is None:
            self._view.recover_refused()
            return
        self._set(RecoverState.REVOKING)
        self._create.recovery_started()
        call.succeeded.connect(self._on_revoked)
        call.failed.connect(self._on_revoke_failed)

    def _on_revoked(self, result: object) -> None:
        lost = self._lost
        if lost is None:
            return
        self._view.revoked_elsewhere(result)
        self._actions.forget_attempt()  # a fresh key, not a replay of the lost one
        call = self._actions.create(lost.key.name, list(lost.key.permissions))
        if call is None:
            self._end_with(self._view.recover_create_failed, ApiError())
            return
        self._set(RecoverState.CREATING)
        call.succeeded.connect(self._on_created)
        call.failed.connect(self._on_create_failed)

    def _on_revoke_failed(self, error: ApiError) -> None:
        self._end_with(self._view.recover_revoke_failed, error)

    def _on_create_failed(self, error: ApiError) -> None:
        self._end_with(self._view.recover_create_failed, error)

    def _end_with(self, report: Callable[[ApiError], None], error: ApiError) -> None:
        self._lost = None
        self._set(RecoverState.IDLE)
        self._create.recovery_ended()
        report(error)

    def _on_created(self, created: CreatedKey) -> None:
        lost = self._lost
        self._lost = None
        self._set(RecoverState.IDLE)
        self._create.deliver(created, lost.rotating if lost is not None else None)
