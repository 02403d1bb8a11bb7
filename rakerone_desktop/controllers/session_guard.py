"""When the session ends mid-flow: sign in again, then finish what was started.

A controller whose call fails with ``UnauthenticatedError`` (the token
expired or was revoked) hands the guard two callables: how to run the call
again, and how to report the failure if the person gives up. The first such
failure asks the app for a sign-in; once it succeeds, every waiting call runs
again, with the very input it had (a create keeps its Idempotency-Key).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import UnauthenticatedError


class SessionGuard(QObject):
    expired = Signal()  # ask the person to sign in again
    resumed = Signal()
    abandoned = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: list[tuple[Callable[[], object], Callable[[], None]]] = []

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def intercept(
        self, error: object, retry: Callable[[], object], give_up: Callable[[], None]
    ) -> bool:
        """True if ``error`` is a lost session: the call waits for a new sign-in."""
        if not isinstance(error, UnauthenticatedError):
            return False
        first = not self._waiting
        self._waiting.append((retry, give_up))
        if first:
            self.expired.emit()
        return True

    def resume(self) -> None:
        """Signed in again: run every waiting call."""
        waiting, self._waiting = self._waiting, []
        self.resumed.emit()
        for retry, _give_up in waiting:
            retry()

    def abandon(self) -> None:
        """The person gave up signing in: every waiting call fails as it would have."""
        waiting, self._waiting = self._waiting, []
        self.abandoned.emit()
        for _retry, give_up in waiting:
            give_up()
