"""The main window's sidebar: the Admin group and its pages (API keys first).

Its texts are the main window's (translated in the ``MainWindow`` context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rakerone_desktop.ui.theme import icon


class SidebarPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebarPanel")
        self.setMaximumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(2)
        group_label = QLabel(QCoreApplication.translate("MainWindow", "Admin"), self)
        group_label.setObjectName("sidebarGroup")
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(QCoreApplication.translate("MainWindow", "Admin"))
        keys_item = QListWidgetItem(
            icon("key"), QCoreApplication.translate("MainWindow", "API keys")
        )
        self.sidebar.addItem(keys_item)
        self.sidebar.setCurrentItem(keys_item)
        group_label.setBuddy(self.sidebar)
        layout.addWidget(group_label)
        layout.addWidget(self.sidebar, 1)
