"""The sign-in dialog's "Sign in with your browser" part: the button, the wait and its Cancel,
the address to open by hand when no browser could be opened, and the error when it failed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from rakerone_desktop.ui.field_errors import error_label
from rakerone_desktop.ui.theme import icon


class BrowserSignInPanel(QWidget):
    """Shows the browser sign-in's state; it only reports Start and Cancel."""

    startRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._waiting = False
        self.button = QPushButton(self.tr("Sign in with your browser"))
        self.button.setObjectName("signInWithBrowserButton")
        self.button.setIcon(icon("app"))
        self.button.clicked.connect(self.startRequested.emit)
        self.button.hide()
        self.status = QLabel()
        self.status.setObjectName("browserSignInStatus")
        self.status.setProperty("role", "hint")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.hide()
        self.url_field = QLineEdit()
        self.url_field.setObjectName("browserSignInUrlField")
        self.url_field.setReadOnly(True)
        self.url_field.setAccessibleName(self.tr("Sign-in page address"))
        self.url_field.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelBrowserSignInButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel signing in with the browser"))
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self.cancel_button.hide()
        self.error = error_label(self.button)
        self.error.setObjectName("browserSignInError")
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(self.status, 1)
        waiting_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addLayout(waiting_row)
        layout.addWidget(self.url_field)
        layout.addWidget(self.error)
        self._fit()

    @property
    def waiting(self) -> bool:
        return self._waiting

    def set_offered(self, offered: bool) -> None:
        """Whether the server offers signing in with the browser (the button shows)."""
        self.button.setVisible(offered)
        self._fit()

    def show_waiting(self) -> None:
        """Waiting for the person to sign in in their browser; Cancel stops it."""
        self._waiting = True
        self.error.hide()
        self.button.setEnabled(False)
        self.status.setText(self.tr("Waiting for your browser…"))
        self.status.show()
        self.cancel_button.show()
        self.url_field.hide()
        self._fit()

    def show_url(self, url: str) -> None:
        """The browser could not be opened: the address to open by hand."""
        self.status.setText(
            self.tr("Your browser could not be opened. Copy this address into a browser:")
        )
        self.url_field.setText(url)
        self.url_field.show()
        self._fit()
        # All selected, ready to copy, showing its beginning.
        self.url_field.setSelection(len(url), -len(url))
        self.url_field.setFocus()

    def end_wait(self, error: str = "") -> None:
        """The browser sign-in ended: cancelled, failed (``error``) or signed in."""
        self._waiting = False
        self.button.setEnabled(True)
        self.status.hide()
        self.cancel_button.hide()
        self.url_field.hide()
        self.url_field.clear()
        if error:
            self.error.setText(error)
            self.error.show()
        self._fit()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self._fit()

    def _fit(self) -> None:
        # Shown only while a part of it is, so that it takes no room (nor spacing) in
        # the dialog when the server offers no browser sign-in.
        parts = (self.button, self.status, self.cancel_button, self.url_field, self.error)
        self.setVisible(not all(part.isHidden() for part in parts))
