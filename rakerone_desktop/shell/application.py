"""The running app: moves between signing in and one signed-in session.

:class:`Application` owns what lives as long as the app (settings, the task
runner, the session controller, the clipboard, the error history) and hands
each concern to its own small object: :class:`SignInScreen`,
:class:`SessionScope` (one per session), :class:`SandboxStart` and
:class:`AboutAndDiagnostics`.
"""

from __future__ import annotations

import argparse
import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.controllers.session import SessionController, SignedIn
from rakerone_desktop.runtime import diagnostics
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.shell.about import AboutAndDiagnostics
from rakerone_desktop.shell.command_line import client_factory
from rakerone_desktop.shell.sandbox_start import SandboxStart
from rakerone_desktop.shell.session_scope import EXPIRY_WARNING_SECONDS, SessionScope
from rakerone_desktop.shell.sign_in import SignInScreen
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.dialogs import OneDialog
from rakerone_desktop.ui.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from rakerone_desktop.runtime.credentials import TokenStore
    from rakerone_desktop.sandbox.launcher import SandboxProcess
    from rakerone_desktop.ui.about_dialog import AboutDialog
    from rakerone_desktop.ui.preferences_dialog import PreferencesDialog

# The object name by which rakerone_desktop.app.application() finds it.
OBJECT_NAME = "rakerOneApplication"


class Application(QObject):
    """The app, from its first dialog to quitting."""

    mainWindowShown = Signal(object)  # MainWindow | AdminOnlyWindow
    signInShown = Signal(object)  # SignInDialog (signing in, or again mid-session)
    quitting = Signal()

    def __init__(
        self,
        app: QApplication,
        args: argparse.Namespace,
        *,
        settings: Settings | None = None,
        tokens: TokenStore | None = None,
        owns_app: bool = True,
    ) -> None:
        # A child of the QApplication, so that scripts and tests can find it.
        super().__init__(app)
        self.setObjectName(OBJECT_NAME)
        self.app = app
        self.args = args
        self.owns_app = owns_app
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.read_only = bool(args.read_only)
        self.session = SessionController(
            self.runner,
            self.settings,
            tokens,
            parent=self,
            remember_allowed=not args.sandbox,
            client_factory=client_factory(args),
        )
        self.clipboard = SecretClipboard(
            self, clear_after_seconds=self.settings.get(Options.clipboard_clear_seconds)
        )
        self.errors = diagnostics.ErrorHistory()
        self.runner.taskFailed.connect(self.errors.record)
        self.sign_in = SignInScreen(
            self.session,
            self.settings,
            allow_remember=not args.sandbox,
            runner=self.runner,
            parent=self,
        )
        self.sign_in.shown.connect(self.signInShown)
        self.sign_in.cancelled.connect(self._on_sign_in_cancelled)
        self.sandbox_start = SandboxStart(self.runner, self.session, self)
        self.sandbox_start.gaveUp.connect(self.quit)
        self.about = AboutAndDiagnostics(
            app,
            self.settings,
            self.errors,
            session=self._signed_in,
            window=self._window,
            read_only_locked=self.read_only,
            parent=self,
        )
        self.session.signedIn.connect(self._enter)
        self.session.signInFailed.connect(self._on_sign_in_failed)
        self.session.restoreFinished.connect(self._on_restore_finished)
        self.session.restoreFailed.connect(self._on_restore_failed)
        self.session.signedOut.connect(self._on_signed_out)
        self.session.keyringNotice.connect(self._show_notice)
        self.current: SessionScope | None = None
        self._preferences: OneDialog[PreferencesDialog] = OneDialog()
        self._pending_notice: str | None = None
        self._stopped = False
        # How long before a session ends the window warns (tests shorten the wait).
        self.expiry_warning_seconds = EXPIRY_WARNING_SECONDS

    # -- what tests, scripts and the single-instance hand-over look at --------------------------

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def language(self) -> str | None:
        return self.about.language

    @language.setter
    def language(self, value: str | None) -> None:
        self.about.language = value

    @property
    def sign_in_dialog(self) -> SignInDialog | None:
        return self.sign_in.dialog

    @property
    def reauth_dialog(self) -> SignInDialog | None:
        current = self.current
        return current.reauth.dialog if current is not None and current.reauth else None

    @property
    def about_dialog(self) -> AboutDialog | None:
        return self.about.dialog

    @property
    def sandbox(self) -> SandboxProcess | None:
        return self.sandbox_start.process

    def _signed_in(self) -> SignedIn | None:
        return self.current.signed_in if self.current is not None else None

    def _window(self) -> QWidget | None:
        return self.current.window if self.current is not None else None

    # -- start and sign in --------------------------------------------------------------------

    def start(self) -> None:
        if self.args.sandbox:
            self.sandbox_start.start(self.args.sandbox_seed)
        elif self.args.server:
            self.show_sign_in(server=self.args.server)
        elif server := self.settings.get(Options.remembered_server):
            # Something on screen at once: the sign-in dialog, busy, while the
            # remembered session is checked with the server in the background.
            dialog = self.show_sign_in(server=server)
            dialog.set_busy(True, self.tr("Opening your remembered session…"))
            self.session.restore()
        else:
            self.session.restore()

    def show_sign_in(self, server: str | None = None) -> SignInDialog:
        return self.sign_in.show(server)

    def _on_restore_finished(self, result: SignedIn | None) -> None:
        if result is None:
            self.show_sign_in().set_busy(False)
        else:
            self._enter(result)

    def _on_restore_failed(self, server: str, error: ApiError) -> None:
        dialog = self.show_sign_in(server=server)
        dialog.set_busy(False)
        dialog.show_error(error)

    def _on_sign_in_failed(self, error: ApiError) -> None:
        if not self.sign_in.show_error(error) and self.args.sandbox:
            self.sandbox_start.fail(error)

    def _on_sign_in_cancelled(self) -> None:
        if self.current is None:
            self.quit()

    # -- the signed-in session -------------------------------------------------------------------

    def _enter(self, signed_in: SignedIn) -> None:
        self.sign_in.close()
        self._leave()
        scope = SessionScope(
            signed_in,
            runner=self.runner,
            session=self.session,
            settings=self.settings,
            clipboard=self.clipboard,
            read_only_locked=self.read_only,
            expiry_warning_seconds=self.expiry_warning_seconds,
            browser_opener=self.sign_in.opener,
            browser_timeout_ms=self.sign_in.browser_timeout_ms,
        )
        self.current = scope
        scope.signOutRequested.connect(self.sign_out)
        window = scope.window
        window.signOutRequested.connect(self.sign_out)  # type: ignore[attr-defined]
        window.closed.connect(self.quit)  # type: ignore[attr-defined]
        window.switchServerRequested.connect(self.switch_server)  # type: ignore[attr-defined]
        if scope.reauth is not None:
            scope.reauth.shown.connect(self.signInShown)
        main = scope.main_window
        if main is not None:
            main.quitRequested.connect(self.quit)
            main.preferencesRequested.connect(self.show_preferences)
            main.aboutRequested.connect(self.show_about)
            main.copyDiagnosticsRequested.connect(self.copy_diagnostics)
        scope.start()
        window.raise_()  # back in front of the browser after signing in there
        window.activateWindow()
        self.mainWindowShown.emit(window)
        self._flush_notice()  # a notice from signing in

    def _leave(self) -> None:
        self.about.close()  # finished → forgotten, before its parent goes
        current, self.current = self.current, None
        if current is None:
            return
        with contextlib.suppress(RuntimeError, TypeError):
            current.window.closed.disconnect(self.quit)  # type: ignore[attr-defined]
        current.close()

    def _show_notice(self, text: str) -> None:
        """A notice, not an error: shown in the window, or as soon as there is one
        (the keyring's is sent while signing in, before the window exists)."""
        self._pending_notice = text
        self._flush_notice()

    def _flush_notice(self) -> None:
        text = self._pending_notice
        if text is None or self.current is None:
            return
        self._pending_notice = None
        self.current.show_notice(text)

    # -- preferences, About, diagnostics -----------------------------------------------------------

    def show_preferences(self) -> PreferencesDialog:
        from rakerone_desktop.ui.preferences_dialog import PreferencesDialog

        dialog = self._preferences.raise_open()
        if dialog is not None:
            return dialog
        dialog = PreferencesDialog(
            self.settings.get(Options.clipboard_clear_seconds),
            self.settings.get(Options.auto_refresh_seconds),
            self._window(),
        )
        dialog.saved.connect(self._on_preferences_saved)
        return self._preferences.open(dialog)

    def _on_preferences_saved(self, clear_seconds: int, refresh_seconds: int) -> None:
        self.settings.set(Options.clipboard_clear_seconds, clear_seconds)
        self.settings.set(Options.auto_refresh_seconds, refresh_seconds)
        self.clipboard.clear_after_seconds = clear_seconds
        if self.current is not None:
            self.current.set_auto_refresh(refresh_seconds)

    def show_about(self) -> AboutDialog:
        return self.about.show()

    def diagnostics_text(self) -> str:
        return self.about.text()

    def copy_diagnostics(self) -> str:
        return self.about.copy()

    def activate(self, _argv: object = None) -> None:
        """Another launch asked for the app: bring its window to the front."""
        window: QWidget | None = self.sign_in_dialog or self._window()
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    # -- sign out, switch, quit ----------------------------------------------------------------

    def sign_out(self) -> None:
        self._leave()
        self.session.sign_out()

    def _on_signed_out(self) -> None:
        if not self._stopped:
            self.show_sign_in()

    def switch_server(self) -> SignInDialog:
        """Close this session's window and pick another server, without quitting.

        Nothing is signed out: a remembered session stays in the keyring (one entry
        per server and account), for coming back to that server later.
        """
        self._leave()
        self.session.leave()
        return self.show_sign_in()

    def quit(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.quitting.emit()
        self._leave()
        dialog = self.sign_in.dialog
        if dialog is not None:
            self.sign_in.close()
            dialog.close()
        self.clipboard.clear_if_ours()
        self.runner.shutdown()
        self.sandbox_start.stop()
        self.settings.sync()
        if self.owns_app:
            self.app.quit()

    def stop_sandbox(self) -> None:
        self.sandbox_start.stop()
