"""Signing in: the sign-in dialog before a session, and signing in again during one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import AuthMethods
from rakerone_desktop.controllers.session import SessionController, SignedIn, SignInRequest
from rakerone_desktop.flows.reauth import ReauthFlow
from rakerone_desktop.runtime.loopback import DEFAULT_TIMEOUT_MS
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.ui.dialogs import OneDialog
from rakerone_desktop.ui.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from rakerone_desktop.api.protocol import ApiClient
    from rakerone_desktop.flows.browser_sign_in import BrowserSignIn, Opener


class BrowserSignInView(QObject):
    """Runs one :class:`BrowserSignIn` for a sign-in dialog and shows its steps there."""

    signedIn = Signal(object, int)  # the client now holding the session, expires_in
    ended = Signal()

    def __init__(
        self,
        dialog: SignInDialog,
        flow: BrowserSignIn,
        client: object,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.dialog = dialog
        self.flow = flow
        self._client = client
        flow.openUrlFailed.connect(dialog.show_browser_url)
        flow.failed.connect(self._on_failed)
        flow.cancelled.connect(self._on_cancelled)
        flow.signedIn.connect(self._on_signed_in)
        dialog.browserCancelRequested.connect(flow.cancel)

    def start(self) -> None:
        self.dialog.show_browser_waiting()
        self.flow.start()

    def _on_failed(self, message: str) -> None:
        self.dialog.end_browser_wait(message)
        self.ended.emit()

    def _on_cancelled(self) -> None:
        self.dialog.end_browser_wait()
        self.ended.emit()

    def _on_signed_in(self, _token: str, expires_in: int) -> None:
        self.dialog.end_browser_wait()
        self.dialog.set_busy(True)
        self.signedIn.emit(self._client, expires_in)


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
        runner: TaskRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._allow_remember = allow_remember
        self._runner = runner
        self._dialog: OneDialog[SignInDialog] = OneDialog(self._on_closed)
        # Opens the sign-in page (the system browser unless replaced, in tests).
        self.opener: Opener | None = None
        self.browser_timeout_ms = DEFAULT_TIMEOUT_MS
        self.browser: BrowserSignInView | None = None
        self._browser_remember = False
        self.methods_asked = 0  # answers to older questions are ignored
        self.methods: AuthMethods | None = None
        session.rememberedMissing.connect(self._on_remembered_missing)

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
        dialog.set_profiles(self._settings.get(Options.server_profiles))
        dialog.signInRequested.connect(self._on_requested)
        dialog.caBundleLookup.connect(self._on_ca_lookup)
        dialog.serverEntered.connect(self.ask_methods)
        dialog.browserSignInRequested.connect(self._on_browser_requested)
        dialog.profileForgotten.connect(self._on_forget_profile)
        dialog.profileChosen.connect(self._on_profile_chosen)
        server_url = dialog.server
        if server_url:
            dialog.set_ca_bundle(self._session.ca_bundle_for(server_url) or "")
        self._dialog.open(dialog, modeless=True)
        if server_url:
            self.ask_methods(server_url)
        self.shown.emit(dialog)
        return dialog

    def show_error(self, error: ApiError) -> bool:
        """Show a failed sign-in in the dialog; False if there is no dialog."""
        if self.dialog is None:
            return False
        if self.browser is not None:  # the browser's session failed at GET /me
            self._drop_browser()
            self.dialog.set_busy(False)
            self.dialog.end_browser_wait(error.message)
            return True
        self.dialog.show_error(error)
        return True

    # -- how the server signs people in ------------------------------------------------------

    def ask_methods(self, server: str) -> None:
        """Ask ``server`` (in the background) whether it offers browser sign-in."""
        if self.dialog is None or self._runner is None or not server:
            return
        self.methods_asked += 1
        asked = self.methods_asked
        self.methods = None
        self.dialog.set_sign_in_methods(True, False)
        task = self._session.auth_methods(server, self._session.ca_bundle_for(server))
        task.succeeded.connect(lambda methods: self._on_methods(asked, server, methods))
        task.failed.connect(lambda _error: self._on_methods(asked, server, None))

    def _on_methods(self, asked: int, server: str, methods: object) -> None:
        dialog = self.dialog
        if dialog is None or asked != self.methods_asked or dialog.server != server:
            return
        if not isinstance(methods, AuthMethods):  # an older server, or no answer
            dialog.set_sign_in_methods(True, False)
            return
        self.methods = methods
        dialog.set_sign_in_methods(methods.password, methods.oauth is not None)

    # -- sign in with the browser ------------------------------------------------------------

    def _on_browser_requested(self, server: str, remember: bool, ca_bundle: str) -> None:
        from rakerone_desktop.flows.browser_sign_in import BrowserSignIn

        dialog = self.dialog
        if dialog is None or self._runner is None or self.browser is not None:
            return
        self._session.set_ca_bundle(server, ca_bundle or None)
        client = self._session.new_client(server, ca_bundle or None)
        flow = BrowserSignIn(
            client,
            self._runner,
            opener=self.opener,
            timeout_ms=self.browser_timeout_ms,
            parent=self,
        )
        view = BrowserSignInView(dialog, flow, client, self)
        view.signedIn.connect(self._on_browser_signed_in)
        view.ended.connect(self._on_browser_ended)
        self.browser = view
        self._browser_remember = remember
        view.start()

    def _on_browser_signed_in(self, client: object, expires_in: int) -> None:
        session_client = cast("ApiClient", client)
        task = self._session.sign_in_with_token(session_client, expires_in, self._browser_remember)
        if task is None and self.dialog is not None:
            self._drop_browser()
            self.dialog.set_busy(False)
            self.dialog.end_browser_wait(
                self.tr("Another sign-in is running. Try again when it has finished.")
            )

    def _on_browser_ended(self) -> None:
        self._drop_browser()

    def _drop_browser(self) -> None:
        view, self.browser = self.browser, None
        if view is not None:  # its listener is closed; the flow and view go
            view.flow.deleteLater()
            view.deleteLater()

    def _on_profile_chosen(self, server: str, email: str) -> None:
        """A remembered server picked: its remembered session, if any, opens at once."""
        dialog = self.dialog
        if dialog is None or not server or not self._session.has_remembered(server, email):
            return
        if self._session.open_remembered(server, email) is not None:
            dialog.set_busy(True, self.tr("Opening your remembered session…"))

    def _on_remembered_missing(self) -> None:
        if self.dialog is not None:
            self.dialog.set_busy(False)

    def _on_forget_profile(self, server: str) -> None:
        kept = self._settings.get(Options.server_profiles)
        for profile in kept:
            if profile.get("server") == server:
                self._session.forget_server(server, profile.get("email", ""))
        profiles = [p for p in kept if p.get("server") != server]
        self._settings.set(Options.server_profiles, profiles)
        if self.dialog is not None:
            self.dialog.set_profiles(profiles)

    def close(self) -> None:
        """Signed in: the dialog closes, and its password is forgotten."""
        dialog = self.dialog
        self._drop_browser()
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
    """The view of one session's :class:`ReauthFlow`: a sign-in dialog for the password,
    or for the browser when the server offers it."""

    shown = Signal(object)  # SignInDialog

    def __init__(
        self,
        signed_in: SignedIn,
        window: QWidget,
        *,
        session: SessionController | None = None,
        runner: TaskRunner | None = None,
        opener: Opener | None = None,
        browser_timeout_ms: int = DEFAULT_TIMEOUT_MS,
    ) -> None:
        super().__init__(window)
        self._signed_in = signed_in
        self._window = window
        self._session = session
        self._runner = runner
        self._opener = opener
        self._browser_timeout_ms = browser_timeout_ms
        self._dialog: OneDialog[SignInDialog] = OneDialog(self._on_closed)
        self.flow: ReauthFlow | None = None
        self.browser: BrowserSignInView | None = None

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
        dialog.browserSignInRequested.connect(self._on_browser_requested)
        self._dialog.open(dialog)
        self._ask_methods()
        self.shown.emit(dialog)

    def _ask_methods(self) -> None:
        if self._session is None or self._runner is None:
            return
        server = self._signed_in.server
        task = self._session.auth_methods(server, self._session.ca_bundle_for(server))
        task.succeeded.connect(self._on_methods)

    def _on_methods(self, methods: object) -> None:
        dialog = self.dialog
        if dialog is not None and isinstance(methods, AuthMethods):
            dialog.set_sign_in_methods(methods.password, methods.oauth is not None)

    def _on_browser_requested(self, _server: str, _remember: bool, _ca: str) -> None:
        from rakerone_desktop.flows.browser_sign_in import BrowserSignIn

        dialog = self.dialog
        if dialog is None or self._runner is None or self.browser is not None:
            return
        client = self._signed_in.client  # the same client gets the new session
        flow = BrowserSignIn(
            client,
            self._runner,
            opener=self._opener,
            timeout_ms=self._browser_timeout_ms,
            parent=self,
        )
        view = BrowserSignInView(dialog, flow, client, self)
        view.signedIn.connect(self._on_browser_signed_in)
        view.ended.connect(self._on_browser_ended)
        self.browser = view
        view.start()

    def _on_browser_signed_in(self, _client: object, expires_in: int) -> None:
        self.browser = None
        if self._session is not None:
            self._session.renewed_by_browser(expires_in)
        if self.flow is not None:
            self.flow.signed_in_elsewhere()

    def _on_browser_ended(self) -> None:
        self.browser = None

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
