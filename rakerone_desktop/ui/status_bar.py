"""The main window's status bar: keys shown, the last refresh, who is signed in.

Its texts are the main window's (translated in the ``MainWindow`` context)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class KeysStatusBar(QStatusBar):
    def __init__(self, user_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_label = QLabel()
        self.count_label.setObjectName("keyCountLabel")
        self.refresh_label = QLabel()
        self.refresh_label.setObjectName("lastRefreshLabel")
        self.user_label = QLabel(
            QCoreApplication.translate("MainWindow", "Signed in as %1").replace("%1", user_name)
        )
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.addWidget(self.count_label)
        self.addPermanentWidget(self.refresh_label)
        self.addPermanentWidget(self.user_label)

    def show_counts(self, shown: int, never: int) -> None:
        self.count_label.setText(
            QCoreApplication.translate("MainWindow", "%1 keys shown, %2 never used")
            .replace("%1", f"{shown:,}")
            .replace("%2", f"{never:,}")
        )

    def set_last_refresh(self, when: datetime) -> None:
        local = when.astimezone().strftime("%H:%M:%S")
        self.refresh_label.setText(
            QCoreApplication.translate("MainWindow", "Last refreshed %1").replace("%1", local)
        )
