"""The audit log page on its own: when it asks for the next page while the person scrolls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer

from rakerone_desktop.api.models import AuditActor, AuditEvent
from rakerone_desktop.models.audit_model import AuditLogModel
from rakerone_desktop.ui.audit_page import AuditLogPage

NEWEST = datetime(2026, 11, 30, 7, 5, 9, tzinfo=UTC)


def _events(first: int, n: int) -> list[AuditEvent]:
    return [
        AuditEvent(
            id=f"evt_{i:05d}",
            at=NEWEST - timedelta(minutes=i),
            action="session.created",
            actor=AuditActor(kind="user", id="usr_1", name="Ada Admin"),
            ip="192.0.2.1",
            summary=f"event {i}",
        )
        for i in range(first, first + n)
    ]


class RowsPainted(QObject):
    """The number of rows the model held at each paint of a widget."""

    def __init__(self, widget, model: AuditLogModel) -> None:
        super().__init__(widget)
        self.model = model
        self.rows: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rows.append(self.model.rowCount())
        return False


@pytest.fixture
def page(qtbot) -> AuditLogPage:
    p = AuditLogPage(AuditLogModel())
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def _land(page: AuditLogPage, first: int, n: int, *, more: bool = True) -> None:
    """A page of events arrives, as the controller hands it over."""
    page.set_loading(False)
    page.model.append(_events(first, n))
    page.page_loaded(n, more)


def test_the_next_page_is_asked_for_once_the_rows_just_added_are_painted(qtbot, page):
    painted = RowsPainted(page.table.viewport(), page.model)
    asked: list[list[int]] = []
    page.moreWanted.connect(lambda: asked.append(list(painted.rows)))
    _land(page, 0, 10)  # fewer than fill the view: more is wanted
    # Not at once: the fetch would run while these rows are painted.
    assert asked == []
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    assert 10 in asked[0]  # the ten rows were on screen before the next page was asked for
    with qtbot.assertNotEmitted(page.moreWanted, wait=100):
        pass
    assert len(asked) == 1


def test_a_table_that_keeps_repainting_still_gets_its_next_page(qtbot, page):
    restless = QTimer(page)  # something asks the table for a paint on every turn
    restless.setInterval(0)
    restless.timeout.connect(page.table.viewport().update)
    restless.start()
    with qtbot.waitSignal(page.moreWanted, timeout=5_000):
        _land(page, 0, 10)
    restless.stop()


def test_the_next_page_is_asked_for_by_the_rows_left_below_the_view(qtbot, page):
    bar = page.table.verticalScrollBar()
    asked: list[int] = []

    def fetch() -> None:  # as the controller answers: loading until the page lands
        asked.append(bar.value())
        page.set_loading(True)

    page.moreWanted.connect(fetch)
    _land(page, 0, 500)
    # The scroll range counts the rows just added: at the top, far from the end.
    assert bar.maximum() > 0
    with qtbot.assertNotEmitted(page.moreWanted, wait=100):
        pass
    # Scrolling near the end asks once, however many steps the scroll took.
    with qtbot.waitSignal(page.moreWanted, timeout=5_000):
        for value in range(bar.maximum() - 100, bar.maximum() + 1, 10):
            bar.setValue(value)
    # While that page is on its way nothing more is asked.
    bar.setValue(bar.maximum() - 1)
    with qtbot.assertNotEmitted(page.moreWanted, wait=100):
        pass
    assert asked == [bar.maximum()]
    # When the last page has come, never.
    _land(page, 500, 5, more=False)
    bar.setValue(bar.maximum())
    with qtbot.assertNotEmitted(page.moreWanted, wait=100):
        pass
    assert len(asked) == 1
