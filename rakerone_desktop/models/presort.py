"""Sorting the keys by every column ahead of time, in the background, one step per job.

After a first load (pages inserted as they came) the model's rows are sorted
by each column off the GUI thread (``KeyTable.sort_work``), so a click on a
header is a lookup; a refresh sorts in its own load job before the swap
(``PreparedKeys.finish``). The work is a
series of short steps; each runs as its own background job and hands its
result back through the task runner's signal, and the next step starts only
when the GUI thread has taken that answer: painting and input always come
first. While the table is being painted (its model served ``data()`` within
the last ``QUIET_MS``), the next step waits that long, so a scroll never
competes with sorting ahead.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from rakerone_desktop.keytable.sort import SortWork
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.tasks import TaskRunner

QUIET_MS = 30


def _step(work: SortWork) -> tuple[SortWork, bool]:
    return work, work.step()


class BackgroundSorter(QObject):
    def __init__(self, model: ApiKeysModel, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._model = model
        self._runner = runner
        self._work: SortWork | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._submit)

    def start(self) -> None:
        """Sort what the model's rows need now (a newer start replaces an older one)."""
        self._work = self._model.sort_work()
        self._later.stop()
        if self._work is not None:
            self._submit()

    def stop(self) -> None:
        self._work = None
        self._later.stop()

    @property
    def running(self) -> bool:
        return self._work is not None

    def _submit(self) -> None:
        if self._work is not None:
            task = self._runner.submit("sort-keys", _step, self._work)
            task.succeeded.connect(self._on_step)
            task.failed.connect(self._on_failed)

    def _on_failed(self, _error: object) -> None:
        self.stop()  # the failure is logged by the runner; a click still sorts

    def _on_step(self, answer: tuple[SortWork, bool]) -> None:
        work, done = answer
        if work is not self._work:
            return  # stopped, or replaced by a newer start
        if done:
            self._work = None
            self._model.adopt_sorted(work)
        elif (time.perf_counter() - self._model.painted_at) * 1000 < QUIET_MS:
            self._later.start(QUIET_MS)
        else:
            self._submit()
