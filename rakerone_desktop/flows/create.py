"""Create a key and show its value once; rotate a key (the same, remembering the old one)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, CreatedKey
from rakerone_desktop.controllers.call import Call


@dataclass(frozen=True, slots=True)
class KeyExtras:
    """A new key's part-2 fields (only those the server offers are sent).

    ``expiry_choice`` is what the person chose ("30 days", a date, never);
    ``expires_at`` the time it gave when first sent. Two attempts with the same
    choices are the same request (equality ignores ``expires_at``), so a retry
    reuses the first attempt's time and its Idempotency-Key.
    """

    description: str | None = None
    owner_id: str | None = None
    tags: tuple[str, ...] | None = None
    expiry_choice: object = None  # None: expiry not offered, nothing sent
    expires_at: datetime | None = field(default=None, compare=False)


def rotated_name(name: str, today: date | None = None) -> str:
    stamp = (today or date.today()).isoformat()
    base = name.split(" (rotated ", 1)[0]
    suffix = f" (rotated {stamp})"
    return (base[: 100 - len(suffix)] + suffix).strip()


class CreateState(enum.Enum):
    IDLE = "idle"
    EDITING = "editing"  # the wizard is open, nothing sent
    CREATING = "creating"  # the create call is running (or waiting for a sign-in)
    COPYING = "copying"  # the new key's value is shown, once
    LOST_VALUE = "lost value"  # the key was made but its value was lost on the way
    RECOVERING = "recovering"  # revoking that key and creating a fresh one


class Refusal(enum.Enum):
    BUSY = "a key is still being created"
    NOTHING_TO_ROTATE = "no active key is selected"


class CreateActions(Protocol):
    @property
    def creating(self) -> bool: ...
    def create(
        self, name: str, permissions: Sequence[str], extras: KeyExtras | None = None
    ) -> Call | None: ...
    def start_rotation(self, old_id: str, new_id: str) -> None: ...


class CreateView(Protocol):
    def open_wizard(
        self, name: str, permissions: Sequence[str], rotating: ApiKey | None
    ) -> None: ...
    def wizard_open(self) -> bool: ...
    def raise_wizard(self) -> None: ...
    def raise_copy(self) -> None: ...
    def refuse(self, why: Refusal) -> None: ...
    def create_running_elsewhere(self) -> None: ...
    def creation_waiting(self) -> None: ...
    def creation_failed(self, error: ApiError) -> None: ...
    def creation_succeeded(self, key: ApiKey) -> None: ...
    def show_value(self, secret: str, name: str, rotation: bool) -> None: ...
    def ask_recover(self, key: ApiKey) -> None: ...


@dataclass(frozen=True, slots=True)
class LostKey:
    """A key made without its value reaching us: what a recovery needs."""

    key: ApiKey
    rotating: ApiKey | None  # the key a rotation was replacing, if any


class CreateFlow(QObject):
    """Wizard → create call → copy once; or, when the value was lost, hand over."""

    stateChanged = Signal(object)  # CreateState
    lost = Signal(object)  # LostKey: the key exists, its value is gone

    def __init__(
        self, actions: CreateActions, view: CreateView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._view = view
        self._state = CreateState.IDLE
        self._rotating: ApiKey | None = None

    @property
    def state(self) -> CreateState:
        return self._state

    @property
    def rotating(self) -> ApiKey | None:
        return self._rotating

    def _set(self, state: CreateState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    # -- starting --------------------------------------------------------------------

    def open(self) -> bool:
        """Open the wizard for a new key (raise what is open); False if refused."""
        return self._open("", (), None)

    def rotate(self, key: ApiKey | None, catalog_ids: set[str]) -> bool:
        """A new key like ``key`` (same permissions, a dated name), then switch over."""
        if self._state is CreateState.COPYING:
            self._view.raise_copy()
            return False
        if key is None or key.revoked_at is not None:
            self._view.refuse(Refusal.NOTHING_TO_ROTATE)
            return False
        permissions = [p for p in key.permissions if p in catalog_ids]
        return self._open(rotated_name(key.name), permissions, key)

    def _open(self, name: str, permissions: Sequence[str], rotating: ApiKey | None) -> bool:
        if self._state is CreateState.COPYING:
            # A key is waiting to be copied: nothing else starts until it is.
            self._view.raise_copy()
            return False
        if self._view.wizard_open():
            self._view.raise_wizard()
            return True
        busy = (CreateState.EDITING, CreateState.CREATING, CreateState.RECOVERING)
        if self._state in busy or self._actions.creating:
            self._view.refuse(Refusal.BUSY)
            return False
        self._rotating = rotating
        self._set(CreateState.EDITING)
        self._view.open_wizard(name, permissions, rotating)
        return True

    # -- the wizard's requests -----------------------------------------------------------

    def submit(
        self, name: str, permissions: Sequence[str], extras: KeyExtras | None = None
    ) -> None:
        """The wizard's Create key: one create at a time."""
        if self._state is CreateState.CREATING:
            self._view.create_running_elsewhere()
            return
        call = (
            self._actions.create(name, permissions)
            if extras is None
            else self._actions.create(name, permissions, extras)
        )
        if call is None:
            self._view.create_running_elsewhere()
            return
        self._set(CreateState.CREATING)
        call.succeeded.connect(self._on_created)
        call.failed.connect(self._on_failed)
        call.waiting.connect(self._on_waiting)

    def wizard_closed(self, accepted: bool) -> None:
        if not accepted:  # a rotation that never made its new key is no rotation
            self._rotating = None
        if self._state is CreateState.EDITING:
            self._set(CreateState.IDLE)

    def _on_waiting(self) -> None:
        self._view.creation_waiting()

    def _on_failed(self, error: ApiError) -> None:
        self._set(CreateState.EDITING if self._view.wizard_open() else CreateState.IDLE)
        self._view.creation_failed(error)

    def _on_created(self, created: CreatedKey) -> None:
        self.deliver(created, self._rotating)

    # -- the new key -------------------------------------------------------------------------

    def deliver(self, created: CreatedKey, rotating: ApiKey | None) -> None:
        """Show a new key's value once (also for a key a recovery made)."""
        self._rotating = None
        self._view.creation_succeeded(created.api_key)
        if created.secret is None:
            self._set(CreateState.LOST_VALUE)
            self.lost.emit(LostKey(created.api_key, rotating))
            self._view.ask_recover(created.api_key)
            return
        if rotating is not None:
            self._actions.start_rotation(rotating.id, created.api_key.id)
        self._set(CreateState.COPYING)
        self._view.show_value(created.secret, created.api_key.name, rotating is not None)

    def deliver_rotated(self, created: CreatedKey) -> bool:
        """A rotation on the server made ``created``: show its value once.

        The old key expires on its own (the server set its grace period), so no
        rotation is left in progress. A replayed answer (the first was lost)
        carries no value: the recovery offers to revoke the new key and create
        a fresh one. False (nothing shown) while another key waits to be copied.
        """
        if self._state not in (CreateState.IDLE, CreateState.EDITING):
            return False
        if created.secret is None:
            self._set(CreateState.LOST_VALUE)
            self.lost.emit(LostKey(created.api_key, None))
            self._view.ask_recover(created.api_key)
            return True
        self._set(CreateState.COPYING)
        self._view.show_value(created.secret, created.api_key.name, False)
        return True

    def value_closed(self) -> None:
        """The copy dialog closed (the value is gone from the app)."""
        if self._state is CreateState.COPYING:
            self._set(CreateState.IDLE)

    def recovery_started(self) -> None:
        """A recovery revokes the lost key and creates afresh: no other create meanwhile."""
        self._set(CreateState.RECOVERING)

    def recovery_ended(self) -> None:
        """The recovery failed, or the person kept the key: nothing is running."""
        if self._state in (CreateState.LOST_VALUE, CreateState.RECOVERING):
            self._set(CreateState.IDLE)
