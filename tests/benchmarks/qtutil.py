"""Qt helpers for the in-process measures: the app, waiting on signals, paints, ticks."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from rakerone_desktop.ui.theme import Scheme, ThemeManager


class BenchmarkTimeout(RuntimeError):
    pass


_app: QApplication | None = None


def app() -> QApplication:
    """The benchmark's QApplication, styled as the real app is."""
    global _app
    if _app is None:
        existing = QApplication.instance()
        _app = existing if isinstance(existing, QApplication) else QApplication(["benchmark"])
        ThemeManager(_app, Scheme.LIGHT)
    return _app


def wait_for(
    signal: SignalInstance, timeout_s: float = 120.0, what: str = "a signal"
) -> tuple[Any, ...]:
    """Run an event loop until ``signal`` fires; its arguments. No sleeping."""
    loop = QEventLoop()
    received: list[tuple[Any, ...]] = []

    def on_signal(*args: Any) -> None:
        received.append(args)
        loop.quit()

    signal.connect(on_signal)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    try:
        loop.exec()
    finally:
        timer.stop()
        signal.disconnect(on_signal)
    if not received:
        raise BenchmarkTimeout(f"waited {timeout_s:g} s for {what}")
    return received[0]


def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0, what: str = "") -> None:
    """Process events until ``condition()`` holds (checked after every event batch)."""
    deadline = time.monotonic() + timeout_s
    qapp = app()
    while not condition():
        if time.monotonic() > deadline:
            raise BenchmarkTimeout(f"waited {timeout_s:g} s for {what or 'a condition'}")
        qapp.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


class PaintProbe(QObject):
    """Watches a widget's Paint events: ``painted`` fires once a paint during which
    ``condition()`` held has ended; ``when`` is the perf_counter at that moment."""

    painted = Signal()

    def __init__(self, widget: QWidget, condition: Callable[[], bool] = lambda: True) -> None:
        super().__init__()
        self._widget = widget
        self.condition = condition
        self.when: float | None = None
        self.armed = True
        widget.installEventFilter(self)

    def arm(self, condition: Callable[[], bool] | None = None) -> None:
        if condition is not None:
            self.condition = condition
        self.when = None
        self.armed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.armed
            and watched is self._widget
            and event.type() == QEvent.Type.Paint
            and self.condition()
        ):
            self.armed = False
            # Queued: it runs once this paint (and the flush of its window) has ended.
            QTimer.singleShot(0, self._after_paint)
        return False

    def _after_paint(self) -> None:
        self.when = time.perf_counter()
        self.painted.emit()

    def remove(self) -> None:
        self._widget.removeEventFilter(self)


class TickMonitor(QObject):
    """A 10 ms precise timer on the GUI thread; the largest gap between ticks is a stall."""

    def __init__(self, interval_ms: int = 10) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._ticks: list[float] = []
        self._cpu: list[float] = []  # the GUI thread's own CPU time at each tick

    def start(self) -> None:
        self._ticks = [time.perf_counter()]
        self._cpu = [time.thread_time()]
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._ticks.append(time.perf_counter())
        self._cpu.append(time.thread_time())

    def _tick(self) -> None:
        self._ticks.append(time.perf_counter())
        self._cpu.append(time.thread_time())

    @property
    def ticks(self) -> int:
        return len(self._ticks)

    def worst_stall_ms(self) -> float:
        """The longest gap between two ticks beyond the interval, in ms."""
        t = self._ticks
        gaps = [b - a for a, b in itertools.pairwise(t)]
        worst = max(gaps, default=0.0) * 1000.0
        return max(0.0, worst - self.interval_ms)

    def worst_busy_cpu_ms(self) -> float:
        """The most CPU time the GUI thread itself used between two ticks, in ms: the
        work in a stall, without the time the thread waited for a core (or for the
        interpreter) on a busy machine. The kernel accounts a thread's CPU time a
        scheduler tick at a time, so each gap's figure is capped at the gap's length."""
        cpu = (b - a for a, b in itertools.pairwise(self._cpu))
        wall = (b - a for a, b in itertools.pairwise(self._ticks))
        return max((min(c, w) for c, w in zip(cpu, wall, strict=True)), default=0.0) * 1000.0
