"""Admin → Overview: key hygiene at a glance, for a security review.

Each count is a button that shows the API keys page with the matching
filter; the chart shows keys by last use; **Save report…** writes the same
as one self-contained HTML file and the counts as CSV beside it. The page
computes nothing: the overview controller hands it an ``Overview``.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.models import timefmt
from rakerone_desktop.models.overview import (
    ACTIVE,
    BUCKETS,
    COUNT_FILTERS,
    COUNTS,
    DISABLED,
    EXPIRING_SOON,
    EXPOSED,
    IMPERSONATE,
    NEVER,
    NEVER_USED,
    NO_EXPIRY,
    OLDER,
    THIS_MONTH,
    THIS_WEEK,
    TODAY,
    UNUSED,
    Overview,
)
from rakerone_desktop.models.overview_report import ReportTexts
from rakerone_desktop.ui.bar_chart import BarChart
from rakerone_desktop.ui.dialogs import OneDialog


class OverviewPage(QWidget):
    filterRequested = Signal(str)  # a keys-page filter name
    visibilityChanged = Signal(bool)  # on screen or not: counted only when looked at
    saveTo = Signal(str, object)  # path, ReportTexts

    def __init__(self, server: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self._server = server
        self._unused_days = 90
        self.overview: Overview | None = None
        self.file: OneDialog[QFileDialog] = OneDialog()
        title = QLabel(self.tr("Overview"))
        title.setProperty("role", "pageTitle")
        intro = QLabel(
            self.tr(
                "Key hygiene for a security review. Each count shows its keys on the API keys page."
            )
        )
        intro.setProperty("role", "intro")
        intro.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.count_buttons: dict[str, QPushButton] = {}
        for i, name in enumerate(COUNTS):
            button = QPushButton(self)
            button.setObjectName(f"overviewCount_{name}")
            button.setProperty("role", "link")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Show these keys on the API keys page"))
            button.setProperty("keysFilter", COUNT_FILTERS[name])
            # Each button names its own filter: no asking who sent the click.
            button.clicked.connect(functools.partial(self._on_count_clicked, COUNT_FILTERS[name]))
            button.setMinimumWidth(200)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.hide()
            self.grid.addWidget(button, i // 2, i % 2)
            self.count_buttons[name] = button
        self.grid.setColumnStretch(2, 1)
        chart_title = QLabel(self.tr("Keys by last use"))
        chart_title.setProperty("role", "sectionTitle")
        self.chart = BarChart(self)
        self.chart.setObjectName("lastUseChart")
        self.chart.setAccessibleName(self.tr("Keys by last use"))
        self.chart.setMaximumWidth(760)
        chart_title.setBuddy(self.chart)
        self.status = QLabel(self.tr("Counting when the keys have loaded…"))
        self.status.setObjectName("overviewStatusLabel")
        self.status.setProperty("role", "hint")
        self.save_button = QPushButton(self.tr("Save report…"), self)
        self.save_button.setObjectName("saveReportButton")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.ask_save_path)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(self.grid)
        layout.addSpacing(12)
        layout.addWidget(chart_title)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def _on_count_clicked(self, keys_filter: str, _checked: bool = False) -> None:
        self.filterRequested.emit(keys_filter)

    # -- labels -------------------------------------------------------------------------------

    def set_unused_days(self, days: int) -> None:
        self._unused_days = days
        if self.overview is not None:
            self.show_overview(self.overview)

    def labels(self) -> dict[str, str]:
        return {
            ACTIVE: self.tr("Active keys"),
            NEVER_USED: self.tr("Never used"),
            UNUSED: self.tr("Not used in %1 days").replace("%1", str(self._unused_days)),
            IMPERSONATE: self.tr("Can impersonate"),
            NO_EXPIRY: self.tr("No expiry"),
            EXPIRING_SOON: self.tr("Expiring soon"),
            DISABLED: self.tr("Disabled"),
            EXPOSED: self.tr("Exposed"),
            TODAY: self.tr("Today"),
            THIS_WEEK: self.tr("This week"),
            THIS_MONTH: self.tr("This month"),
            OLDER: self.tr("Older"),
            NEVER: self.tr("Never"),
        }

    # -- what the controller tells the page -------------------------------------------------

    def show_computing(self) -> None:
        if self.overview is None:
            self.status.setText(self.tr("Counting…"))

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        labels = self.labels()
        for name, button in self.count_buttons.items():
            value = overview.counts.get(name)
            button.setVisible(value is not None)
            if value is not None:
                button.setText(f"{value:,}  {labels[name]}")
                button.setAccessibleName(f"{labels[name]}: {value:,}")
        self.chart.set_bars([(labels[b], overview.buckets[b]) for b in BUCKETS])
        when = timefmt.local_time(overview.computed_at)
        self.status.setText(
            self.tr("%1 keys not revoked, counted at %2")
            .replace("%1", f"{overview.total:,}")
            .replace("%2", when)
        )
        self.save_button.setEnabled(True)

    # -- the report ---------------------------------------------------------------------------

    def report_texts(self) -> ReportTexts:
        return ReportTexts(
            title=self.tr("RakerOne API keys: overview"),
            server=self.tr("Server: %1").replace("%1", self._server),
            generated=self.tr("Generated %1 (UTC)"),
            counts_heading=self.tr("Counts"),
            chart_heading=self.tr("Keys by last use"),
            review_heading=self.tr("Keys to review"),
            review_more=self.tr("… and %1 more"),
            name=self.tr("Name"),
            hint=self.tr("Key"),
            created_by=self.tr("Created by"),
            reasons=self.tr("Why"),
            count=self.tr("Count"),
            labels=self.labels(),
        )

    def ask_save_path(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Save the overview report"))
        dialog.setObjectName("saveReportDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("html")
        dialog.setNameFilters([self.tr("HTML files (*.html)"), self.tr("All files (*)")])
        dialog.selectFile("rakerone-overview.html")
        dialog.fileSelected.connect(self._on_path)
        self.file.open(dialog)
        return dialog

    def _on_path(self, path: str) -> None:
        self.saveTo.emit(path, self.report_texts())

    def show_saved(self, outcome: tuple[str, int, str | None]) -> None:
        path, _rows, reason = outcome
        if reason is not None:
            self.status.setText(
                self.tr("Couldn't write %1: %2").replace("%1", path).replace("%2", reason)
            )
        else:
            self.status.setText(
                self.tr("Saved the report to %1 (and the counts as CSV)").replace("%1", path)
            )
