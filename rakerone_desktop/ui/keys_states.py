"""The keys page's empty state (no keys at all) and no-match state (none pass the filter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from rakerone_desktop.ui.theme import icon


class EmptyState(QWidget):
    createRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        art = QLabel()
        art.setPixmap(icon("empty").pixmap(96, 96))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        art.setAccessibleName(self.tr("No API keys"))
        self.title = QLabel(self.tr("No API keys yet"))
        self.title.setProperty("role", "pageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt = QLabel(
            self.tr(
                "Create a key to let an outside system — a script, an integration, or another "
                "app — work with RakerOne on its own."
            )
        )
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setProperty("role", "intro")
        self.create_button = QPushButton(icon("add"), self.tr("Create key"))
        self.create_button.setObjectName("emptyStateCreateButton")
        self.create_button.setProperty("role", "primary")
        self.create_button.clicked.connect(self.createRequested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(art)
        layout.addWidget(self.title)
        layout.addWidget(self.prompt)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


class NoMatchState(QWidget):
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noMatchState")
        self.label = QLabel(self.tr("No keys match this search and filter."))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setProperty("role", "intro")
        button = QPushButton(self.tr("Show all keys"))
        button.clicked.connect(self.clearRequested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
