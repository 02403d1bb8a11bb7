"""The details pane's recent activity of one key, a page at a time.

Its texts are the details pane's (translated in the ``DetailsPane`` context)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.models import timefmt
from rakerone_desktop.ui.text import isolate, plain_tooltip

if TYPE_CHECKING:
    from rakerone_desktop.api.models import Event, EventPage


class ActivityList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_cursor: str | None = None
        activity_title = QLabel(QCoreApplication.translate("DetailsPane", "Recent activity"))
        activity_title.setProperty("role", "sectionTitle")
        self.events = QListWidget()
        self.events.setObjectName("eventsList")
        self.events.setAccessibleName(QCoreApplication.translate("DetailsPane", "Recent activity"))
        self.events.setWordWrap(True)
        self.events.setAlternatingRowColors(True)
        self.events.setMinimumHeight(160)
        self.events_status = QLabel()
        self.events_status.setProperty("role", "hint")
        self.events_status.setTextFormat(Qt.TextFormat.PlainText)
        self.more_button = QPushButton(
            QCoreApplication.translate("DetailsPane", "Load more activity")
        )
        self.more_button.hide()
        self.export_button = QPushButton(
            QCoreApplication.translate("DetailsPane", "Export activity…")
        )
        self.export_button.setObjectName("exportActivityButton")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(activity_title)
        layout.addWidget(self.events, 1)
        layout.addWidget(self.events_status)
        layout.addWidget(self.more_button)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)

    def reset(self) -> None:
        """Another key: its activity is on its way."""
        self.events.clear()
        self.next_cursor = None
        self.more_button.hide()
        self.events_status.setText(QCoreApplication.translate("DetailsPane", "Loading activity…"))

    def show_page(self, page: EventPage, append: bool) -> None:
        if not append:
            self.events.clear()
        for event in page.items:
            self.events.addItem(self._event_item(event))
        self.next_cursor = page.next_cursor
        self.more_button.setVisible(page.next_cursor is not None)
        count = self.events.count()
        self.events_status.setText(
            QCoreApplication.translate("DetailsPane", "No activity yet.") if count == 0 else ""
        )
        self.events_status.setVisible(count == 0)

    def show_error(self, message: str) -> None:
        self.events_status.setText(
            QCoreApplication.translate("DetailsPane", "Activity couldn't be loaded: %1").replace(
                "%1", message
            )
        )
        self.events_status.show()

    @staticmethod
    def _event_item(event: Event) -> QListWidgetItem:
        what = event.summary or event.action
        who = isolate(event.actor.name)
        where = f" · {event.ip}" if event.ip else ""
        when = timefmt.local_time(event.at)
        # QListWidgetItem text is always plain; the tooltip is escaped.
        item = QListWidgetItem(f"{what}\n{when} · {who}{where}")
        item.setData(Qt.ItemDataRole.UserRole, event.id)
        item.setToolTip(
            plain_tooltip(
                f"{event.action}\n{timefmt.utc_time(event.at)}\n"
                f"{event.actor.kind}: {event.actor.name}{where}"
            )
        )
        return item
