"""P1 (refresh → every key in the model), P2 (first rows on screen), P3 (GUI stalls).

Everything runs in this process, offscreen, through the app's own classes: a
real ``RakerOneClient`` signed in to the sandbox, the ``TaskRunner``, the
``KeysController`` and the ``ApiKeysModel``, and for P2/P3 the ``MainWindow``.
Each repetition builds them afresh, so every load is a first load after sign-in.
"""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QEventLoop, QTimer

from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.controllers.keys import KeysController
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.ui.main_window import MainWindow
from tests.benchmarks.qtutil import PaintProbe, TickMonitor, app, wait_for, wait_until
from tests.benchmarks.sandbox import BenchSandbox

LOAD_TIMEOUT_S = 300.0
#: How long the tick monitor keeps running after ``loaded``: the last repaints count too.
SETTLE_MS = 250


def settle(ms: int) -> None:
    """Run the event loop for ``ms`` (timers and paints keep going; nothing sleeps)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class Stack:
    """Client, runner, model and controller, as the app builds them after sign-in."""

    def __init__(self, sb: BenchSandbox) -> None:
        app()
        self.client = RakerOneClient(base_url=sb.url, token=sb.token)
        self.runner = TaskRunner()
        self.model = ApiKeysModel()
        self.controller = KeysController(self.client, self.runner, self.model)

    def refresh_and_wait(self) -> float:
        """Seconds from ``refresh()`` to ``loaded`` (every key in the model)."""
        started = time.perf_counter()
        self.controller.refresh()
        wait_for(self.controller.loaded, LOAD_TIMEOUT_S, "the keys to load")
        return time.perf_counter() - started

    def wait_for_catalog(self) -> None:
        wait_until(lambda: bool(self.model.catalog), 30.0, "the permission catalog")

    def close(self) -> None:
        self.controller.shutdown()
        self.runner.shutdown()
        self.client.close()
        self.controller.deleteLater()
        self.runner.deleteLater()
        app().processEvents()


def p1_once(sb: BenchSandbox, expected: int) -> float:
    stack = Stack(sb)
    try:
        seconds = stack.refresh_and_wait()
        if stack.model.total_loaded != expected:
            raise RuntimeError(
                f"P1: the model holds {stack.model.total_loaded} keys, the server {expected}"
            )
        stack.wait_for_catalog()
        return seconds
    finally:
        stack.close()
        del stack
        gc.collect()


@dataclass
class P1Samples:
    seconds: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


def measure_p1(sb: BenchSandbox, repeat: int, expected: int) -> P1Samples:
    """Interleaved: the floor, then the app, per repetition (same noise for both)."""
    out = P1Samples()
    for rep in range(repeat + 1):
        floor = sb.raw_fetch_all().seconds
        seconds = p1_once(sb, expected)
        if rep > 0:  # the first pair is the warm-up
            out.floor.append(floor)
            out.seconds.append(seconds)
    return out


class WindowSession(Stack):
    """The stack plus the main window, shown and painted once (empty) before loading."""

    def __init__(self, sb: BenchSandbox) -> None:
        super().__init__(sb)
        self.window = MainWindow(self.model, sb.url, "Benchmark Admin")
        self.table = self.window.keys_page.table
        self.viewport = self.table.viewport()
        self.probe = PaintProbe(self.viewport)
        self.window.show()
        wait_for(self.probe.painted, 30.0, "the first paint of the empty window")

    def close(self) -> None:
        self.probe.remove()
        self.window.close()
        self.window.deleteLater()
        super().close()


@dataclass
class WindowLoad:
    to_first_rows_s: float  # refresh → first paint of the table with rows
    first_page_raw_s: float  # the same run's raw fetch of the first page
    load_s: float  # refresh → loaded, with the window shown
    stall_ms: float  # the longest GUI stall during the first load
    refresh_stall_ms: float  # ... during a later refresh (every key again, one swap)
    ticks: int


def window_load(session: WindowSession, sb: BenchSandbox) -> WindowLoad:
    # The median of three, just before: one fetch alone is too noisy a yardstick.
    first_page_raw = statistics.median(sb.raw_fetch_first_page() for _ in range(3))
    model = session.model
    session.probe.arm(lambda: model.rowCount() > 0)
    ticks = TickMonitor()
    ticks.start()
    started = time.perf_counter()
    session.controller.refresh()
    wait_for(session.controller.loaded, LOAD_TIMEOUT_S, "the keys to load")
    load_s = time.perf_counter() - started
    if session.probe.when is None:
        wait_for(session.probe.painted, 30.0, "the first paint with rows")
    assert session.probe.when is not None
    to_rows = session.probe.when - started
    session.wait_for_catalog()
    settle(SETTLE_MS)
    ticks.stop()
    stall = ticks.worst_stall_ms()
    count = ticks.ticks

    # A later refresh (auto-refresh, F5): every key fetched again and swapped in.
    ticks = TickMonitor()
    ticks.start()
    session.controller.refresh()
    wait_for(session.controller.loaded, LOAD_TIMEOUT_S, "the keys to reload")
    settle(SETTLE_MS)
    ticks.stop()
    return WindowLoad(to_rows, first_page_raw, load_s, stall, ticks.worst_stall_ms(), count)
