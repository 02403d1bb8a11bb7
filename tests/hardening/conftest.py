"""Fixtures for the hardening tests: the real app, the real sandbox, a fault proxy.

The app and sandbox fixtures are the UI tests' own (imported, so this folder
gets its own demo sandbox, and the same per-test settings folder and keyring).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.support.faultproxy import FaultProxy
from tests.ui.conftest import (  # noqa: F401 - fixtures, registered by being imported
    admin_api,
    clean_settings_and_keyring,
    demo_sandbox,
    empty_sandbox,
    start_app,
)


@pytest.fixture
def proxy(demo_sandbox) -> Iterator[FaultProxy]:  # noqa: F811
    p = FaultProxy(demo_sandbox.url).start()
    yield p
    p.stop()


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


@pytest.fixture
def heartbeat() -> Iterator[Heartbeat]:
    beat = Heartbeat()
    yield beat
    beat.stop()


def visible_message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
