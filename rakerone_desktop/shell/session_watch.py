"""One session's panel (Help → Session…) and the warning a few minutes before it ends.

The same for an admin and for a member: the session scope shows the panel over
its window and the warning as the window's notice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from rakerone_desktop.controllers.session import SessionController, SignedIn
from rakerone_desktop.ui.dialogs import OneDialog

if TYPE_CHECKING:  # the panel's module is imported when it is first shown
    from rakerone_desktop.ui.session_panel import SessionPanel


class SessionWatch(QObject):
    """Knows when the session ends: warns before it does, follows a renewal."""

    signOutRequested = Signal()  # from the session panel
    noticeWanted = Signal(str)  # the warning, for the window to show
    warningWithdrawn = Signal()  # signed in again: the warning was about the old session

    def __init__(
        self,
        signed_in: SignedIn,
        session: SessionController,
        *,
        expiry_warning_seconds: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed_in = signed_in
        self._session = session
        self._panel: OneDialog[SessionPanel] = OneDialog()
        self._expiry_warning_seconds = expiry_warning_seconds
        self._expiry_timer = QTimer(self)
        self._expiry_timer.setSingleShot(True)
        self._expiry_timer.timeout.connect(self._warn_expiry)
        self.expiry_warned = False
        session.sessionRenewed.connect(self._on_renewed)

    @property
    def session_panel(self) -> SessionPanel | None:
        return self._panel.dialog

    def show_session_panel(self, window: QWidget) -> SessionPanel:
        from rakerone_desktop.ui.session_panel import SessionPanel

        dialog = self._panel.raise_open()
        if dialog is not None:
            dialog.refresh()
            return dialog
        signed_in = self.signed_in
        user = signed_in.user
        dialog = SessionPanel(
            window,
            server=signed_in.server,
            user_name=user.name,
            email=user.email,
            role=user.role,
            expires_at=signed_in.expires_at,
            remembered=signed_in.remembered,
        )
        dialog.signOutRequested.connect(self.signOutRequested)
        if signed_in.remembered:
            task = self._session.keyring_backend()
            task.succeeded.connect(dialog.set_keyring)
        return self._panel.open(dialog, modeless=True)

    def _on_renewed(self, signed_in: SignedIn) -> None:
        """Signed in again: the session ends later, the warning waits for that."""
        if signed_in.client is not self.signed_in.client:
            return
        self.signed_in = signed_in
        if self.expiry_warned:
            self.warningWithdrawn.emit()
        self.expiry_warned = False
        self._expiry_timer.stop()
        self.schedule_expiry_warning()
        panel = self._panel.dialog
        if panel is not None:
            panel.set_expires_at(signed_in.expires_at)

    def schedule_expiry_warning(self) -> None:
        expires_at = self.signed_in.expires_at
        if expires_at is None:
            return
        left = (expires_at - datetime.now(UTC)).total_seconds()
        delay_ms = int(max(0.0, left - self._expiry_warning_seconds) * 1000)
        self._expiry_timer.start(min(delay_ms, 2**31 - 1))

    def _warn_expiry(self) -> None:
        expires_at = self.signed_in.expires_at
        if expires_at is None:
            return
        if (expires_at - datetime.now(UTC)).total_seconds() > self._expiry_warning_seconds + 1:
            self.schedule_expiry_warning()  # a very long session: the timer's range ran out
            return
        self.expiry_warned = True
        self.noticeWanted.emit(
            self.tr(
                "Your session on this server ends at %1. Save what you are doing; "
                "you will be asked to sign in again."
            ).replace("%1", expires_at.astimezone().strftime("%H:%M"))
        )

    def close(self) -> None:
        """Stop the warning and close the panel."""
        self._expiry_timer.stop()
        panel = self._panel.dialog
        if panel is not None:
            self._panel.forget()
            panel.close()
