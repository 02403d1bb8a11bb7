"""One controller call, from its first request to its answer.

A controller method that talks to the server returns a :class:`Call`: that
call's own result (``succeeded``) or error (``failed``), so whoever started it
connects to it and to nothing else: no broadcasts to filter, no matching of
answers to requests. If the session ended on the way, the call waits for the
person to sign in again (``waiting``) and then runs once more with the very
same input, which it keeps itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError, as_api_error
from rakerone_desktop.runtime.tasks import TaskRunner


class Guard(Protocol):
    """Who holds calls whose session ended until the person signs in again."""

    @property
    def epoch(self) -> int:
        """Read when a call starts, handed back with its failure (``started``)."""
        ...

    def intercept(
        self,
        error: object,
        retry: Callable[[], object],
        give_up: Callable[[], None],
        started: int | None = None,
    ) -> bool:
        """True if ``error`` is a lost session: ``retry`` or ``give_up`` runs later.
        False for a call ``started`` before the person gave up signing in again."""
        ...


class Call(QObject):
    """The handle of one call; ``succeeded`` or ``failed`` fires once, then ``finished``."""

    succeeded = Signal(object)  # the job's result
    failed = Signal(object)  # ApiError
    waiting = Signal()  # the session ended: waiting for a new sign-in, then runs again
    finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        name: str,
        job: Callable[..., Any],
        *args: Any,
        guard: Guard | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._runner = runner
        self._job = job
        self._args = args
        self._guard = guard
        self._done = False
        self._epoch = 0

    @property
    def done(self) -> bool:
        return self._done

    def start(self) -> Call:
        self._epoch = self._guard.epoch if self._guard is not None else 0
        task = self._runner.submit(self.name, self._job, *self._args)
        task.succeeded.connect(self._on_succeeded)
        task.failed.connect(self._on_failed)
        return self

    def _on_succeeded(self, result: object) -> None:
        self._done = True
        self.succeeded.emit(result)
        self.finished.emit()
        self.deleteLater()

    def _on_failed(self, error: object) -> None:
        err = as_api_error(error)
        give_up = functools.partial(self._give_up, err)
        if self._guard is not None and self._guard.intercept(
            err, self.start, give_up, started=self._epoch
        ):
            self.waiting.emit()
            return
        self._give_up(err)

    def _give_up(self, err: ApiError) -> None:
        self._done = True
        self.failed.emit(err)
        self.finished.emit()
        self.deleteLater()
