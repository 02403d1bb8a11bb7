"""P8 (the audit log page: first rows, GUI stalls while paging in) and P9 (the overview,
computed off the GUI thread).

Both run in this process, offscreen, through the app's own classes: the main
window, the audit log controller paging from the sandbox (``--seed N`` makes
about N audit events), and the overview controller counting the keys model's keys.

How cost grows with N: the audit log page fetches one page (200 events) at a
time as the person scrolls, so its first rows and each page-in cost the same
at any N; only the rows scrolled past are held. The overview is one pass over
the keys, O(N), on a worker thread; the GUI thread copies the list of keys
(a pointer copy) and shows eight numbers and five bars.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.controllers.audit import PAGE_SIZE, AuditLogController
from rakerone_desktop.controllers.overview import OverviewController
from rakerone_desktop.models.audit_columns import AuditFilters
from tests.benchmarks.load import LOAD_TIMEOUT_S, SETTLE_MS, Stack, WindowSession, settle
from tests.benchmarks.qtutil import PaintProbe, TickMonitor, wait_for, wait_until
from tests.benchmarks.sandbox import BenchSandbox

AUDIT_PATH = "/api/v1/audit-events"
#: Pages scrolled in per repetition (each page-in is the same work at any N).
SCROLL_PAGES = 25


def raw_first_audit_page(sb: BenchSandbox) -> float:
    """The P8 floor: a fresh connection, the first page of the audit log, ``json.loads``."""
    with sb.session() as http:
        started = time.perf_counter()
        resp = http.get(sb.url + AUDIT_PATH, params={"limit": PAGE_SIZE}, timeout=60)
        resp.raise_for_status()
        json.loads(resp.content)
        return time.perf_counter() - started


@dataclass
class AuditScroll:
    to_first_rows_s: float
    first_page_raw_s: float
    stall_ms: float  # the longest GUI stall while scrolling pages in
    rows: int
    idle_stall_ms: float  # the longest gap with nothing to do, just before
    busy_cpu_ms: float  # the most GUI-thread CPU time between two ticks while scrolling


class _Done(QObject):
    reached = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._fired = False

    def fire(self) -> None:
        if not self._fired:
            self._fired = True
            self.reached.emit()


def audit_scroll(sb: BenchSandbox) -> AuditScroll:
    session = WindowSession(sb)
    try:
        window = session.window
        page = window.audit_page
        audit = AuditLogController(session.client, session.runner, page.model, parent=window)
        page.moreWanted.connect(audit.fetch_more)
        audit.loadingChanged.connect(page.set_loading)
        audit.pageLoaded.connect(page.page_loaded)
        window.sidebar_items["auditLogPage"].setHidden(False)
        window.show_page("auditLogPage")
        viewport = page.table.viewport()
        probe = PaintProbe(viewport)
        settle(100)
        first_raw = statistics.median(raw_first_audit_page(sb) for _ in range(3))
        probe.arm(lambda: page.model.rowCount() > 0)
        started = time.perf_counter()
        audit.set_filters(AuditFilters())
        wait_for(probe.painted, 30.0, "the first audit rows painted")
        assert probe.when is not None
        to_rows = probe.when - started
        wait_until(lambda: not audit.busy, 30.0, "the first page ahead")
        bar = page.table.verticalScrollBar()
        target = PAGE_SIZE * SCROLL_PAGES
        idle = TickMonitor()  # the machine's own noise, just before, for comparison
        idle.start()
        settle(500)
        idle.stop()
        ticks = TickMonitor()
        done = _Done()

        def to_the_end(*_args: object) -> None:
            # The person keeps the scroll bar at the end: each page in brings the next.
            if page.model.rowCount() >= target or not audit.has_more:
                done.fire()
            else:
                bar.setValue(bar.maximum())

        audit.pageLoaded.connect(to_the_end)
        ticks.start()
        if page.model.rowCount() < target and audit.has_more:
            bar.setValue(bar.maximum())
            wait_for(done.reached, LOAD_TIMEOUT_S, "the audit log to page in")
        settle(SETTLE_MS)
        ticks.stop()
        probe.remove()
        return AuditScroll(
            to_rows,
            first_raw,
            ticks.worst_stall_ms(),
            page.model.rowCount(),
            idle.worst_stall_ms(),
            ticks.worst_busy_cpu_ms(),
        )
    finally:
        session.close()


@dataclass
class OverviewRun:
    seconds: float  # recompute() → computed
    stall_ms: float  # the longest GUI stall meanwhile
    idle_stall_ms: float  # the longest gap with nothing to do, just before


def overview_runs(sb: BenchSandbox, repeat: int, expected: int) -> list[OverviewRun]:
    """The keys loaded once; then the overview counted ``repeat`` + 1 times (1 warm-up)."""
    stack = Stack(sb)
    try:
        stack.refresh_and_wait()
        stack.wait_for_catalog()
        if stack.model.total_loaded != expected:
            raise RuntimeError(f"P9: the model holds {stack.model.total_loaded} keys")
        overview = OverviewController(stack.runner, stack.model)
        out: list[OverviewRun] = []
        for rep in range(repeat + 1):
            idle = TickMonitor()
            idle.start()
            settle(500)
            idle.stop()
            ticks = TickMonitor()
            ticks.start()
            started = time.perf_counter()
            overview.recompute()
            wait_for(overview.computed, 60.0, "the overview")
            seconds = time.perf_counter() - started
            settle(50)
            ticks.stop()
            if rep > 0:
                out.append(OverviewRun(seconds, ticks.worst_stall_ms(), idle.worst_stall_ms()))
        overview.deleteLater()
        return out
    finally:
        stack.close()
