"""Help → Session…: where this session is, who it is, when it ends and where it is kept.

A small non-modal window; it never calls the API. The app fills it in (the
keyring backend's name arrives later, found in the background) and listens to
``signOutRequested``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.models.timefmt import local_time
from rakerone_desktop.ui.theme import icon


def _value(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # server text is shown as plain text
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SessionPanel(QDialog):
    """Server, user, role, expiry, keyring; and Sign out."""

    signOutRequested = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        *,
        server: str,
        user_name: str,
        email: str,
        role: str,
        expires_at: datetime | None,
        remembered: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionPanel")
        self.setWindowTitle(self.tr("Session"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(420)
        self._expires_at = expires_at
        self._remembered = remembered

        self.server_label = _value("sessionServerLabel")
        self.server_label.setText(server)
        self.user_label = _value("sessionUserLabel")
        self.user_label.setText(f"{user_name} <{email}>" if email else user_name)
        self.role_label = _value("sessionRoleLabel")
        self.role_label.setText(self.tr("Admin") if role == "admin" else self.tr("Member"))
        self.expires_label = _value("sessionExpiresLabel")
        self.keyring_label = _value("sessionKeyringLabel")
        self.keyring_label.setText(self.tr("Looking…") if remembered else self.this_run_only())

        form = QFormLayout()
        for caption, value in (
            (self.tr("Server"), self.server_label),
            (self.tr("Signed in as"), self.user_label),
            (self.tr("Role"), self.role_label),
            (self.tr("Session ends"), self.expires_label),
            (self.tr("Kept in"), self.keyring_label),
        ):
            value.setAccessibleName(caption)
            form.addRow(caption, value)

        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("sessionSignOutButton")
        self.sign_out_button.clicked.connect(self.signOutRequested.emit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.sign_out_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.refresh()

    def set_expires_at(self, expires_at: datetime | None) -> None:
        self._expires_at = expires_at
        self.refresh()

    def this_run_only(self) -> str:
        return self.tr("This run only (not saved on this computer)")

    def refresh(self, now: datetime | None = None) -> None:
        """Say when the session ends, relative to ``now``."""
        expires_at = self._expires_at
        if expires_at is None:
            self.expires_label.setText(self.tr("Unknown"))
            return
        left = int((expires_at - (now or datetime.now(UTC))).total_seconds())
        self.expires_label.setText(f"{local_time(expires_at)} ({self.time_left(left)})")

    def time_left(self, seconds: int) -> str:
        if seconds <= 0:
            return self.tr("ended")
        # Two texts each, as in models/timefmt.py: %n plurals need a catalog even for English.
        minutes = max(1, (seconds + 30) // 60)
        if minutes < 60:
            if minutes == 1:
                return self.tr("in %n minute", "", minutes)
            return self.tr("in %n minutes", "", minutes)
        hours = (seconds + 1800) // 3600
        if hours < 48:
            if hours == 1:
                return self.tr("in %n hour", "", hours)
            return self.tr("in %n hours", "", hours)
        return self.tr("in %n days", "", (seconds + 43200) // 86400)

    def set_keyring(self, backend: str) -> None:
        """The keyring backend's name, or "" when the session is kept for this run only."""
        if self._remembered and backend:
            self.keyring_label.setText(self.tr("The keyring (%1)").replace("%1", backend))
        else:
            self.keyring_label.setText(self.this_run_only())
