"""One task runner for every blocking call (HTTP, keyring, file I/O).

Work runs on a ``QThreadPool``; its outcome reaches the GUI thread only as a
queued Qt signal. The pattern is superqt's: each job gets a signals object
created on the GUI thread, and the runner keeps every job alive until it has
reported, so a window closed mid-request crashes nothing: its receivers are
gone, the signal finds nobody, the result is dropped.

A job may also report progress (``Task.progress``), e.g. one page of keys at
a time, so the UI can show rows as pages arrive.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class CancelledError(Exception):
    """Raised inside a job when its task was cancelled; never reported."""


class Task(QObject):
    """The handle of one background job, living on the GUI thread.

    ``succeeded(result)`` or ``failed(exception)`` fires once, then
    ``finished()``. ``progressed(value)`` may fire any number of times before.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)
    finished = Signal()
    # The worker's half: queued to this object's own thread (the GUI thread)
    # and re-emitted there as ``progressed``. Emitting ``progressed`` straight
    # from the worker would reach only the receivers connected at that instant,
    # and a job can report its first page before the caller has connected.
    _progress = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancelled = False
        self._progress.connect(self._relay_progress, Qt.ConnectionType.QueuedConnection)

    # Called from the worker thread.
    def progress(self, value: object) -> None:
        if self._cancelled:
            raise CancelledError
        self._progress.emit(value)

    @Slot(object)
    def _relay_progress(self, value: object) -> None:
        if not self._cancelled:
            self.progressed.emit(value)

    def cancel(self) -> None:
        """Ask the job to stop at its next ``progress`` and drop its outcome."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled


class _Job(QRunnable):
    def __init__(self, task: _ReportingTask, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn
        self._args = args

    def run(self) -> None:
        task = self._task
        try:
            if task.cancelled:
                raise CancelledError  # cancelled before it started: do nothing
            result = self._fn(*self._args)
        except CancelledError:
            outcome: tuple[str, object] = ("cancelled", None)
        except Exception as exc:  # every failure is reported, none escapes the thread
            if not isinstance(exc, _EXPECTED):
                log.exception("Background task %r failed", task.name)
            outcome = ("failed", exc)
        else:
            outcome = ("succeeded", result)
        # If the task's owner is gone (the app quit, say), there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            task._report.emit(outcome)


_EXPECTED: tuple[type[BaseException], ...] = ()


def register_expected_errors(*kinds: type[BaseException]) -> None:
    """Errors that are part of normal life (network, server) and need no traceback."""
    global _EXPECTED
    _EXPECTED = tuple({*_EXPECTED, *kinds})


class _ReportingTask(Task):
    """A task that hands its job's outcome to its runner, on the GUI thread."""

    _report = Signal(object)

    def __init__(self, name: str, runner: TaskRunner) -> None:
        super().__init__(name)
        self._runner = runner
        # Emitted on the worker thread, delivered here on this object's (the GUI) thread.
        self._report.connect(self._on_report, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_report(self, outcome: tuple[str, object]) -> None:
        self._runner._finish(self, outcome)


class TaskRunner(QObject):
    """Runs callables in the background and reports on the GUI thread."""

    #: Every failure (task name, exception), after the task's own ``failed``: for diagnostics.
    taskFailed = Signal(str, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()

    def submit(
        self,
        name: str,
        fn: Callable[..., Any],
        *args: Any,
        with_task: bool = False,
    ) -> Task:
        """Run ``fn(*args)`` (or ``fn(task, *args)`` when ``with_task``) in the pool."""
        task = _ReportingTask(name, self)
        self._running.add(task)
        call_args = (task, *args) if with_task else args
        self._pool.start(_Job(task, fn, call_args))
        return task

    def _finish(self, task: Task, outcome: tuple[str, object]) -> None:
        self._running.discard(task)
        kind, value = outcome
        if not task.cancelled:
            if kind == "succeeded":
                task.succeeded.emit(value)
            elif kind == "failed":
                task.failed.emit(value)
                self.taskFailed.emit(task.name, value)
        task.finished.emit()
        task.deleteLater()

    @property
    def active_count(self) -> int:
        return len(self._running)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until every job has run (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 1_000) -> None:
        """Cancel everything and wait briefly; a job stuck in the network is left to
        finish on its own (its outcome is dropped), so quitting never hangs."""
        for task in list(self._running):
            task.cancel()
        self._pool.waitForDone(msecs)
