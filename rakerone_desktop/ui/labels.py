"""Labels for text that may come from the server: plain text, word-wrapped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def wrapped_label(text: str = "", role: str | None = None) -> QLabel:
    """A plain-text, word-wrapped label (server text is never read as rich text);
    ``role`` is its style sheet role ("hint", "fieldError", "pageTitle"…)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label
