"""A fake key-actions controller and a recording view, for the flows' state machines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, CreatedKey, RevokeResult
from tests.support.factories import make_key


class FakeCall(QObject):
    """Stands in for ``controllers.call.Call``; the test decides its answer."""

    succeeded = Signal(object)
    failed = Signal(object)
    waiting = Signal()
    finished = Signal()

    def __init__(self, name: str, *args: Any) -> None:
        super().__init__()
        self.name = name
        self.args = args
        self.done = False

    def succeed(self, result: object) -> None:
        self.done = True
        self.succeeded.emit(result)
        self.finished.emit()

    def fail(self, error: ApiError) -> None:
        self.done = True
        self.failed.emit(error)
        self.finished.emit()


class FakeActions:
    """One create and one revoke at a time, like the real controller."""

    def __init__(self) -> None:
        self.calls: list[FakeCall] = []
        self.rotations: list[tuple[str, str]] = []
        self.forgotten = 0
        self._create: FakeCall | None = None
        self._revoke: FakeCall | None = None

    @property
    def creating(self) -> bool:
        return self._create is not None and not self._create.done

    @property
    def revoking(self) -> bool:
        return self._revoke is not None and not self._revoke.done

    def _call(self, name: str, *args: Any) -> FakeCall:
        call = FakeCall(name, *args)
        self.calls.append(call)
        return call

    def create(self, name: str, permissions: Sequence[str]) -> FakeCall | None:
        if self.creating:
            return None
        self._create = self._call("create", name, list(permissions))
        return self._create

    def revoke(self, key_ids: Sequence[str]) -> FakeCall | None:
        if self.revoking or not key_ids:
            return None
        self._revoke = self._call("revoke", list(key_ids))
        return self._revoke

    def lookup(self, digests: Sequence[str]) -> FakeCall:
        return self._call("lookup", list(digests))

    def forget_attempt(self) -> None:
        self.forgotten += 1

    def start_rotation(self, old_id: str, new_id: str) -> None:
        self.rotations.append((old_id, new_id))

    def named(self, name: str) -> list[FakeCall]:
        return [c for c in self.calls if c.name == name]


class RecordingView:
    """Every view method records its call; the open dialogs are flags the test sets."""

    def __init__(self) -> None:
        self.seen: list[tuple[Any, ...]] = []
        self.wizard = False

    def wizard_open(self) -> bool:
        return self.wizard

    def open_wizard(self, *args: Any) -> None:
        self.wizard = True
        self.seen.append(("open_wizard", *args))

    def creation_succeeded(self, *args: Any) -> None:
        self.wizard = False  # the real wizard closes itself on success
        self.seen.append(("creation_succeeded", *args))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)

        def record(*args: Any) -> None:
            self.seen.append((name, *args))

        return record

    def names(self) -> list[str]:
        return [s[0] for s in self.seen]

    def count(self, name: str) -> int:
        return self.names().count(name)


def key(key_id: str = "key_1", *, revoked_at: datetime | None = None, **kw: Any) -> ApiKey:
    return msgspec.structs.replace(make_key(revoked=revoked_at, **kw), id=key_id)


def created(key_id: str = "key_new", secret: str | None = "rk_live_secret") -> CreatedKey:
    return CreatedKey(api_key=key(key_id), secret=secret, replayed=secret is None)


def revoked(*ids: str) -> tuple[tuple[RevokeResult, ...], list[ApiKey]]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return tuple(RevokeResult(id=i, outcome="revoked") for i in ids), [
        key(i, revoked_at=now) for i in ids
    ]
