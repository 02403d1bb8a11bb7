"""The audit log's Qt model and its controller's paging: a page's cell texts are
worked out on the worker that fetched it, and inserted on the GUI thread in one go."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView, QWidget

from rakerone_desktop.api.models import AuditActor, AuditEvent, AuditEventPage, AuditTarget
from rakerone_desktop.controllers.audit import AuditLogController
from rakerone_desktop.models import timefmt
from rakerone_desktop.models.audit_columns import AuditColumn
from rakerone_desktop.models.audit_model import AuditLogModel, AuditRole
from rakerone_desktop.runtime.tasks import TaskRunner
from tests.support.fake_client import FakeClient

NEWEST = datetime(2026, 11, 30, 7, 5, 9, tzinfo=UTC)
PAGE = 50


def _events(n: int) -> list[AuditEvent]:
    return [
        AuditEvent(
            id=f"evt_{i:05d}",
            at=NEWEST - timedelta(minutes=i),
            action="api_key.revoked" if i % 2 else "session.created",
            actor=AuditActor(kind="user", id="usr_1", name="Ada Admin"),
            ip="192.0.2.1",
            summary=f"event {i}",
            target=AuditTarget(kind="api_key", id=f"key_{i}", name=f"Key {i}") if i % 2 else None,
        )
        for i in range(n)
    ]


class PagedAuditClient(FakeClient):
    """The audit log as a server pages it: ``limit`` events after the cursor."""

    def __init__(self, events: list[AuditEvent]) -> None:
        self.events = events

    def list_audit_events(
        self,
        *,
        limit: int = 100,
        cursor: str | None = None,
        actor_id: str | None = None,
        api_key_id: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> AuditEventPage:
        start = int(cursor or 0)
        items = tuple(self.events[start : start + limit])
        end = start + len(items)
        return AuditEventPage(items=items, next_cursor=str(end) if end < len(self.events) else None)


@pytest.fixture
def owner(qtbot) -> QWidget:
    """Parent of the test's runner, model and controller: they go with it, after the test."""
    holder = QWidget()
    qtbot.addWidget(holder)
    return holder


def _stack(owner: QWidget, events: list[AuditEvent]):
    runner = TaskRunner(owner)
    model = AuditLogModel(owner)
    audit = AuditLogController(
        PagedAuditClient(events), runner, model, parent=owner, page_size=PAGE
    )
    return runner, model, audit


@pytest.fixture
def formatted_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread each local or UTC time of the table was formatted on."""
    threads: list[str] = []

    def recording(fn: Callable[[datetime], str]) -> Callable[[datetime], str]:
        def format_time(dt: datetime) -> str:
            threads.append(threading.current_thread().name)
            return fn(dt)

        return format_time

    monkeypatch.setattr(timefmt, "local_time", recording(timefmt.local_time))
    monkeypatch.setattr(timefmt, "utc_time", recording(timefmt.utc_time))
    return threads


def test_paging_formats_on_the_worker_and_inserts_each_page_once(qtbot, owner, formatted_on):
    events = _events(3 * PAGE)
    runner, model, audit = _stack(owner, events)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    view = QTableView(owner)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)

    with qtbot.waitSignal(audit.pageLoaded, timeout=10_000):
        audit.reload()
    while audit.has_more:
        with qtbot.waitSignal(audit.pageLoaded, timeout=10_000):
            audit.fetch_more()
    view.grab()  # a paint, as the page's would be
    view.scrollToBottom()
    view.grab()

    assert [e.id for e in model.events()] == [e.id for e in events]
    # One insert per page, of the whole page.
    assert inserts == [(0, PAGE - 1), (PAGE, 2 * PAGE - 1), (2 * PAGE, 3 * PAGE - 1)]
    # Every time was formatted once, when its page arrived, and never on the GUI thread
    # (neither when inserting nor when painting).
    main = threading.main_thread().name
    assert len(formatted_on) == 2 * len(events)
    assert main not in formatted_on
    # The cells read as before.
    last = 3 * PAGE - 1
    assert model.index(1, AuditColumn.ACTION).data() == "Key revoked"
    assert model.index(0, AuditColumn.TARGET).data() == ""
    assert model.index(last, AuditColumn.WHEN).data() == timefmt.local_time(events[last].at)
    assert model.index(last, AuditColumn.WHEN).data(Qt.ItemDataRole.ToolTipRole).endswith(" UTC")
    assert model.index(1, AuditColumn.TARGET).data(AuditRole.KEY_ID) == "key_1"
    assert model.index(1, 0).data(AuditRole.EVENT) == events[1]
    assert model.data(QModelIndex()) is None
    assert runner.wait_for_done(10_000)
    del tester


def test_an_answer_to_earlier_filters_is_dropped(qtbot, owner):
    runner, model, audit = _stack(owner, _events(PAGE))
    first = audit.reload()
    second = audit.reload()  # new filters: the first answer must not land
    assert first is not None and second is not None
    with qtbot.waitSignals([first.finished, second.finished], timeout=10_000):
        pass
    assert model.rowCount() == PAGE
    assert len({e.id for e in model.events()}) == PAGE
    assert runner.wait_for_done(10_000)
