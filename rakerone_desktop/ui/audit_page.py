"""Admin → Audit log: what people did, newest first, paged as the person scrolls.

The page holds no calls: it says what it wants (``filtersChanged``,
``moreWanted``, ``exportTo``) and the audit controller answers into the
model and back through :meth:`AuditLogPage.page_loaded` and friends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.models.audit_columns import ACTIONS, AuditColumn, AuditFilters
from rakerone_desktop.models.audit_model import AuditLogModel
from rakerone_desktop.models.audit_model import tr as model_tr
from rakerone_desktop.ui.banner import ErrorBanner
from rakerone_desktop.ui.dialogs import OneDialog

if TYPE_CHECKING:
    from rakerone_desktop.api.errors import ApiError
    from rakerone_desktop.api.models import User

#: Fetch the next page when fewer than this many rows are left below the view:
#: about a page (the controller fetches 200 at a time), so the next one is on its way
#: while the person still has a page to read.
AHEAD_ROWS = 200

KeyLookup = Callable[[str], "str | None"]


def _day_start(day: QDate) -> datetime:
    """Local midnight at the start of ``day``, as an aware time."""
    local = datetime.combine(date(day.year(), day.month(), day.day()), time()).astimezone()
    return local.astimezone(UTC)


class AuditLogPage(QWidget):
    activated = Signal()  # first shown: start loading
    filtersChanged = Signal(object)  # AuditFilters
    moreWanted = Signal()
    retryRequested = Signal()
    exportTo = Signal(str)  # path
    keyTargetActivated = Signal(str)  # key id

    def __init__(self, model: AuditLogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogPage")
        self.model = model
        self._key_lookup: KeyLookup = lambda _text: None
        self._activated = False
        self._more = False
        self._loading = False
        # "Look whether to fetch ahead", started by each scroll and page (so coalesced),
        # run on a later turn of the event loop than the one that inserted or scrolled.
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.setInterval(0)
        self._ahead_timer.timeout.connect(self._look_ahead)
        self._ahead_deferred = False
        self.file: OneDialog[QFileDialog] = OneDialog()
        title = QLabel(self.tr("Audit log"))
        title.setProperty("role", "pageTitle")
        intro = QLabel(self.tr("What people did to keys and to the organization, newest first."))
        intro.setProperty("role", "intro")
        intro.setWordWrap(True)
        self.banner = ErrorBanner(self)
        self.banner.retryRequested.connect(self.retryRequested.emit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(self._build_filters())
        layout.addWidget(self.banner)
        self.stack = QStackedWidget(self)
        self.table = self._build_table()
        self.empty_label = QLabel(self.tr("No events match these filters."))
        self.empty_label.setObjectName("auditEmptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("role", "intro")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        self._viewport = self.table.viewport()
        self._viewport_paints = 0
        self._viewport.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("auditStatusLabel")
        self.status.setProperty("role", "hint")
        layout.addWidget(self.status)

    # -- building ---------------------------------------------------------------------------

    def _build_filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        dates = QHBoxLayout()
        rows.addLayout(row)
        rows.addLayout(dates)
        self.person_box = QComboBox(self)
        self.person_box.setObjectName("auditPersonFilter")
        self.person_box.setAccessibleName(self.tr("Person"))
        self.person_box.addItem(self.tr("Everyone"), None)
        self.action_box = QComboBox(self)
        self.action_box.setObjectName("auditActionFilter")
        self.action_box.setAccessibleName(self.tr("Action"))
        self.action_box.addItem(self.tr("All actions"), None)
        for name, label in ACTIONS.items():
            self.action_box.addItem(model_tr(label), name)
        self.key_field = QLineEdit(self)
        self.key_field.setObjectName("auditKeyFilter")
        self.key_field.setPlaceholderText(self.tr("Key id or name"))
        self.key_field.setAccessibleName(self.tr("Key"))
        self.key_field.setClearButtonEnabled(True)
        self.since_check = QCheckBox(self.tr("From"), self)
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.since_edit.setObjectName("auditSinceField")
        self.since_edit.setAccessibleName(self.tr("From date"))
        self.until_check = QCheckBox(self.tr("To"), self)
        self.until_edit = QDateEdit(QDate.currentDate(), self)
        self.until_edit.setObjectName("auditUntilField")
        self.until_edit.setAccessibleName(self.tr("To date (inclusive)"))
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.export_button = QPushButton(self.tr("Export as CSV…"), self)
        self.export_button.setObjectName("exportAuditButton")
        row.addWidget(self.person_box)
        row.addWidget(self.action_box)
        row.addWidget(self.key_field, 1)
        for w in (self.since_check, self.since_edit, self.until_check, self.until_edit):
            dates.addWidget(w)
        dates.addStretch(1)
        dates.addWidget(self.export_button)
        self.person_box.currentIndexChanged.connect(self._emit_filters)
        self.action_box.currentIndexChanged.connect(self._emit_filters)
        self.key_field.editingFinished.connect(self._on_key_edited)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        for check in (self.since_check, self.until_check):
            check.toggled.connect(self._emit_filters)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self._emit_filters)
        self.export_button.clicked.connect(self.ask_export_path)
        self._last_key_text = ""
        return rows

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("auditLogTable")
        table.setAccessibleName(self.tr("Audit log"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in (
            (AuditColumn.WHEN, 185),
            (AuditColumn.WHO, 150),
            (AuditColumn.ACTION, 160),
            (AuditColumn.TARGET, 180),
            (AuditColumn.IP, 110),
        ):
            header.resizeSection(col, width)
        bar = table.verticalScrollBar()
        bar.valueChanged.connect(self._check_ahead)
        bar.rangeChanged.connect(self._check_ahead)
        table.doubleClicked.connect(self._on_double_click)
        return table

    # -- filters ------------------------------------------------------------------------------

    def set_key_lookup(self, lookup: KeyLookup) -> None:
        """How a typed key id or name becomes a key id (from the keys model)."""
        self._key_lookup = lookup

    def set_users(self, users: Sequence[User]) -> None:
        current = self.person_box.currentData()
        self.person_box.blockSignals(True)
        self.person_box.clear()
        self.person_box.addItem(self.tr("Everyone"), None)
        for u in sorted(users, key=lambda u: u.name.casefold()):
            self.person_box.addItem(u.name, u.id)  # a combo's items are plain text
        i = self.person_box.findData(current)
        self.person_box.setCurrentIndex(max(0, i))
        self.person_box.blockSignals(False)

    def filters(self) -> AuditFilters:
        since = _day_start(self.since_edit.date()) if self.since_check.isChecked() else None
        until = (
            _day_start(self.until_edit.date()) + timedelta(days=1)
            if self.until_check.isChecked()
            else None
        )
        text = self.key_field.text().strip()
        key_id = (self._key_lookup(text) or text) if text else None
        return AuditFilters(
            actor_id=self.person_box.currentData(),
            api_key_id=key_id,
            action=self.action_box.currentData(),
            since=since,
            until=until,
        )

    def set_key_filter(self, text: str) -> None:
        self.key_field.setText(text)
        self._on_key_edited()

    def _on_key_edited(self) -> None:
        text = self.key_field.text().strip()
        if text != self._last_key_text:
            self._last_key_text = text
            self._emit_filters()

    def _emit_filters(self, *_args: object) -> None:
        if self._activated:
            self.banner.hide()
            self.filtersChanged.emit(self.filters())

    # -- paging -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._activated:
            self._activated = True
            self.activated.emit()

    def set_loading(self, loading: bool) -> None:
        self._loading = loading
        if loading:
            self.status.setText(self.tr("Loading…"))
            self.stack.setCurrentWidget(self.table)
        else:
            self._update_status()

    def page_loaded(self, _rows: int, more: bool) -> None:
        self._more = more
        self.banner.hide()
        self._update_status()
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty_label)
        # Lay the new rows out now rather than on the view's next turn, so the
        # scroll range (what is left below the view) counts them.
        self.table.executeDelayedItemsLayout()
        self._check_ahead()

    def show_error(self, error: ApiError | str) -> None:
        self.banner.show_error(error)
        self._update_status()

    def _update_status(self) -> None:
        n = self.model.rowCount()
        text = self.tr("%1 events shown").replace("%1", f"{n:,}")
        if self._more:
            text += self.tr(" — scroll for more")
        self.status.setText(text)

    def _check_ahead(self, *_args: object) -> None:
        """Fetch the next page when the view nears the end: on a later turn of the event
        loop, once what was just scrolled or added is painted (see :meth:`_look_ahead`).
        Checks coalesce: a drag of the scroll bar makes one."""
        if not self._ahead_timer.isActive():
            self._ahead_timer.start()

    def _look_ahead(self) -> None:
        deferred, self._ahead_deferred = self._ahead_deferred, False
        if not self._more or self._loading or not self.isVisible():
            return
        if self._rows_below_view() >= AHEAD_ROWS:
            return
        # The paint the last scroll or page asked for comes first, on a turn of its
        # own: the next page's fetch (and its decoding, on the worker) then starts
        # while the GUI thread is idle, instead of competing with that paint for
        # the interpreter and having its answer inserted and painted right after.
        # Once only: a table that repaints all the time still gets its next page.
        painted = self._viewport_paints
        QCoreApplication.sendPostedEvents(self.window(), QEvent.Type.UpdateRequest.value)
        if self._viewport_paints != painted and not deferred:
            self._ahead_deferred = True
            self._ahead_timer.start()  # painted just now: fetch on the next turn
            return
        self.moreWanted.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._viewport:
            self._viewport_paints += 1
        return False

    def _rows_below_view(self) -> int:
        """Rows loaded below the last one (even partly) on screen; counted in rows, as the
        scroll bar counts either rows or pixels depending on the view's scroll mode."""
        last = self.table.rowAt(self.table.viewport().height() - 1)
        return 0 if last < 0 else self.model.rowCount() - 1 - last

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.column() != AuditColumn.TARGET:
            return
        key_id = self.model.key_id_at(index.row())
        if key_id is not None:
            self.keyTargetActivated.emit(key_id)

    # -- export ---------------------------------------------------------------------------------

    def ask_export_path(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Export the audit log as CSV"))
        dialog.setObjectName("exportFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("All files (*)")])
        dialog.selectFile("rakerone-audit-log.csv")
        dialog.fileSelected.connect(self.exportTo.emit)
        self.file.open(dialog)
        return dialog

    def show_exported(self, outcome: tuple[str, int, str | None]) -> None:
        path, rows, reason = outcome
        if reason is not None:
            self.banner.show_error(
                self.tr("Couldn't write %1: %2").replace("%1", path).replace("%2", reason),
                retry=False,
            )
        else:
            self.status.setText(
                self.tr("Saved %1 rows to %2").replace("%1", f"{rows:,}").replace("%2", path)
            )
