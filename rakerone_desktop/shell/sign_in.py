"""Signing in: the sign-in dialog before a session, and signing in again during one."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.controllers.session import SessionController, SignedIn, SignInRequest
from rakerone_desktop.flows.reauth import ReauthFlow
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.ui.dialogs import OneDialog
from rakerone_desktop.ui.sign_in_dialog import SignInDialog


class SignInScreen(QObject):
    """The one sign-in dialog: asks, hands the request to the session, shows errors."""

    shown = Signal(object)  # SignInDialog
    cancelled = Signal()  # the person closed it

    def __init__(
        self,
        session: SessionController,
        settings: Settings,
        *,
        allow_remember: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._allow_remember = allow_remember
        self._dialog: OneDialog[SignInDialog] = OneDialog(self._on_closed)

    @property
    def dialog(self) -> SignInDialog | None:
        return self._dialog.dialog

    def show(self, server: str | None = None) -> SignInDialog:
        dialog = self._dialog.raise_open()
        if dialog is not None:
            return dialog
        dialog = SignInDialog(
            server=server or self._settings.get(Options.last_server),
            email=self._settings.get(Options.last_email),
            allow_remember=self._allow_remember,
        )
        dialog.signInRequested.connect(self._on_requested)
        dialog.caBundleLookup.connect(self._on_ca_lookup)
        try:
            from rakerone_desktop.api.addresses import normalize_base_url

            server_url = normalize_base_url(dialog.server_field.text())
            dialog.set_ca_bundle(self._session.ca_bundle_for(server_url) or "")
        except ApiError:
            pass
        self._dialog.open(dialog, modeless=True)
        self.shown.emit(dialog)
        return dialog

    def show_error(self, error: ApiError) -> bool:
        """Show a failed sign-in in the dialog; False if there is no dialog."""
        if self.dialog is None:
            return False
        self.dialog.show_error(error)
        return True

    def close(self) -> None:
        """Signed in: the dialog closes, and its password is forgotten."""
        dialog = self.dialog
        if dialog is not None:
            self._dialog.forget()
            dialog.password_field.clear()
            dialog.accept()

    def _on_ca_lookup(self, server: str) -> None:
        if self.dialog is not None:
            self.dialog.set_ca_bundle(self._session.ca_bundle_for(server) or "")

    def _on_requested(
        self, server: str, email: str, password: str, remember: bool, ca_bundle: str
    ) -> None:
        self._session.set_ca_bundle(server, ca_bundle or None)
        self._session.sign_in(SignInRequest(server, email, password, remember), ca_bundle or None)

    def _on_closed(self, _dialog: SignInDialog, _result: int) -> None:
        self.cancelled.emit()


class ReauthPrompt(QObject):
    """The view of one session's :class:`ReauthFlow`: a sign-in dialog for the password."""

    shown = Signal(object)  # SignInDialog

    def __init__(self, signed_in: SignedIn, window: QWidget) -> None:
        super().__init__(window)
        self._signed_in = signed_in
        self._window = window
        self._dialog: OneDialog[SignInDialog] = OneDialog(self._on_closed)
        self.flow: ReauthFlow | None = None

    @property
    def dialog(self) -> SignInDialog | None:
        return self._dialog.dialog

    def ask_password(self) -> None:
        if self._dialog.raise_open() is not None:
            return
        dialog = SignInDialog(
            self._window,
            server=self._signed_in.server,
            email=self._signed_in.user.email,
            allow_remember=False,
        )
        dialog.set_reauth_mode(
            self.tr(
                "Your session has ended. Sign in again to finish what you were doing; "
                "nothing you entered is lost."
            )
        )
        dialog.signInRequested.connect(self._on_requested)
        self._dialog.open(dialog)
        self.shown.emit(dialog)

    def reauth_failed(self, error: ApiError) -> None:
        if self.dialog is not None:
            self.dialog.show_error(error)

    def reauth_done(self) -> None:
        dialog = self.dialog
        if dialog is not None:
            self._dialog.forget()
            dialog.password_field.clear()
            dialog.accept()

    def close(self) -> None:
        self._dialog.forget()

    def _on_requested(
        self, _server: str, _email: str, password: str, _remember: bool, _ca: str
    ) -> None:
        if self.flow is not None:
            self.flow.submit(password)

    def _on_closed(self, _dialog: SignInDialog, _result: int) -> None:
        if self.flow is not None:
            self.flow.cancel()
