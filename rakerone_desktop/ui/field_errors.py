"""Inline form errors: a hidden label under each field, shown with what went wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


def error_label(buddy: QWidget) -> QLabel:
    """A hidden, plain-text, word-wrapped error label named after ``buddy``."""
    label = QLabel()
    label.setProperty("role", "fieldError")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    label.setAccessibleName(buddy.accessibleName() + " error")
    return label


class FieldErrors:
    """The error labels of one form; typing in a field hides its error."""

    def __init__(self) -> None:
        self._rows: list[tuple[QLabel, QLineEdit | None]] = []

    def add(self, field: QLineEdit) -> QLabel:
        """The error label of ``field`` (to be placed under it)."""
        label = error_label(field)
        field.textEdited.connect(label.hide)
        self._rows.append((label, field))
        return label

    def add_general(self, buddy: QWidget) -> QLabel:
        """An error label about the whole form."""
        label = error_label(buddy)
        self._rows.append((label, None))
        return label

    @staticmethod
    def show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

    def clear(self) -> None:
        for label, _field in self._rows:
            label.clear()
            label.hide()

    def focus_first(self) -> None:
        """Focus the first field that has an error."""
        for label, field in self._rows:
            if field is not None and (label.isVisible() or label.text()):
                field.setFocus()
                return
