"""The error banner: one clear message, the request id, and Retry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rakerone_desktop.ui.lazy import BuiltOnFirstUse
from rakerone_desktop.ui.theme import icon

if TYPE_CHECKING:
    from rakerone_desktop.api.errors import ApiError


class ErrorBanner(BuiltOnFirstUse, QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "errorBanner") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        kind = self.tr("Error") if object_name == "errorBanner" else self.tr("Notice")
        self.setAccessibleName(kind)
        self.hide()
        # Hidden until the first message: its parts are built then.
        self.parts_pending()

    def _build_parts(self) -> None:
        notice = self.objectName() != "errorBanner"
        kind = self.accessibleName()
        glyph = QLabel()
        glyph.setPixmap(icon("warning" if notice else "error").pixmap(20, 20))
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

    def show_error(self, error: ApiError | str, *, retry: bool = True) -> None:
        from rakerone_desktop.api.errors import ApiError

        self.ensure_built()
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
