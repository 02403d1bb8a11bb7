"""The keys page's empty state (no keys at all), no-match state (none pass the filter)
and the stack that shows one of them or the table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

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


class KeysStack(QStackedWidget):
    """The table, or instead of it the empty or the no-match state (each built the
    first time it is shown); their buttons' requests come out as this stack's signals."""

    createRequested = Signal()
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_state: EmptyState | None = None
        self._no_match: NoMatchState | None = None
        self._read_only = False

    @property
    def empty_state(self) -> EmptyState:
        if self._empty_state is None:
            self._empty_state = EmptyState()
            self._empty_state.create_button.setVisible(not self._read_only)
            self._empty_state.createRequested.connect(self.createRequested.emit)
            self.addWidget(self._empty_state)
        return self._empty_state

    @property
    def no_match(self) -> NoMatchState:
        if self._no_match is None:
            self._no_match = NoMatchState()
            self._no_match.clearRequested.connect(self.clearRequested.emit)
            self.addWidget(self._no_match)
        return self._no_match

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self._empty_state is not None:
            self._empty_state.create_button.setVisible(not read_only)

    def show_state(
        self, table: QWidget, *, shown: int, loaded: int, loaded_once: bool, loading: bool
    ) -> None:
        """``shown`` rows pass the search and filter of the ``loaded`` ones."""
        if shown > 0:
            self.setCurrentWidget(table)
        elif loaded == 0 and loaded_once and not loading:
            self.setCurrentWidget(self.empty_state)
        elif loaded > 0 and not loading:
            self.setCurrentWidget(self.no_match)
        else:
            self.setCurrentWidget(table)
