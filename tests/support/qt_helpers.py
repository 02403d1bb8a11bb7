"""Watching the GUI thread and the windows a test has open."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class Heartbeat:
    """Measures how long the GUI thread ever went without running its event loop.

    A 10 ms timer notes when it fires; the largest gap between two firings is
    the longest the window was frozen. Only the event loop runs it, so a
    blocking call on the GUI thread (a socket read, a keyring prompt) shows up
    as a gap as long as the call.
    """

    def __init__(self, interval_ms: int = 10) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.max_gap = 0.0
        self.ticks = 0

    def start(self) -> Heartbeat:
        self._last = time.perf_counter()
        self.max_gap = 0.0
        self.ticks = 0
        self._timer.start()
        return self

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now
        self.ticks += 1

    def stop(self) -> float:
        self._timer.stop()
        return self.max_gap


#: The longest the GUI thread may go without handling events (generous for slow CI).
MAX_FREEZE_S = 1.0


def visible_message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
