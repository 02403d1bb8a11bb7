"""The error banner: one clear message, the request id, and Retry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.ui.theme import icon


class ErrorBanner(QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "errorBanner") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        kind = self.tr("Error") if object_name == "errorBanner" else self.tr("Notice")
        self.setAccessibleName(kind)
        glyph = QLabel()
        glyph.setPixmap(icon("error" if object_name == "errorBanner" else "warning").pixmap(20, 20))
        glyph.setAccessibleName(kind)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # server text is never markup
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.request_id = QLabel()
        self.request_id.setTextFormat(Qt.TextFormat.PlainText)
        self.request_id.setProperty("role", "hint")
        self.request_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retryRequested.emit)
        self.dismiss_button = QPushButton("✕")
        self.dismiss_button.setFlat(True)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.hide)

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.message)
        texts.addWidget(self.request_id)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_error(self, error: ApiError | str, *, retry: bool = True) -> None:
        if isinstance(error, ApiError):
            text = error.message
            if error.status is not None and error.status >= 500:
                text = f"{text} (HTTP {error.status})"
            rid = error.request_id
        else:
            text, rid = error, None
        self.message.setText(text)
        self.request_id.setText(self.tr("Request id: %1").replace("%1", rid) if rid else "")
        self.request_id.setVisible(bool(rid))
        self.retry_button.setVisible(retry)
        self.setAccessibleDescription(text)
        self.show()
