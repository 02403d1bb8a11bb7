"""The composition root: command line, QApplication, settings, logging, wiring.

``main(argv) -> int`` is the entry point for people, scripts, tests and
assistive tools. It reuses a running ``QApplication`` (and then returns at
once, leaving the windows to the caller's event loop) or creates one and runs
it until the app quits. No window or dialog ever runs a nested event loop.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rakerone_desktop import __version__
from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import User
from rakerone_desktop.controllers.key_actions import KeyActionsController
from rakerone_desktop.controllers.keys import KeysController
from rakerone_desktop.controllers.session import SessionController, SignedIn, SignInRequest
from rakerone_desktop.controllers.session_guard import SessionGuard
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime import diagnostics, log_file
from rakerone_desktop.runtime.i18n import Translations
from rakerone_desktop.runtime.logging_setup import install_masking_filter, setup_logging
from rakerone_desktop.runtime.settings import APPLICATION, ORGANIZATION, Options, Settings
from rakerone_desktop.runtime.single_instance import SingleInstance, server_name
from rakerone_desktop.runtime.tasks import TaskRunner, register_expected_errors
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from rakerone_desktop.ui.about_dialog import AboutDialog
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.flows import KeyFlows
from rakerone_desktop.ui.main_window import AdminOnlyWindow, MainWindow
from rakerone_desktop.ui.preferences_dialog import PreferencesDialog
from rakerone_desktop.ui.sign_in_dialog import SignInDialog
from rakerone_desktop.ui.theme import Scheme, ThemeManager

if TYPE_CHECKING:
    from rakerone_desktop.api.client import RakerOneClient
    from rakerone_desktop.runtime.credentials import TokenStore

log = logging.getLogger(__name__)

APP_ID = "com.rakerone.Desktop"


class ArgumentError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ArgumentError(f"{self.prog}: {message}\nTry '{self.prog} --help'.", 2)

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise ArgumentError("", status)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 3600, not {text}")
    return value


def client_factory(args: argparse.Namespace) -> Callable[..., RakerOneClient]:
    """How the session makes its API client: with the command line's timeouts.

    The HTTP stack (requests, urllib3) is imported on the first call, in a
    background job, rather than before the first window is on screen.
    """
    read = getattr(args, "read_timeout", None)

    def make(**kwargs: Any) -> RakerOneClient:
        from rakerone_desktop.api.client import RakerOneClient, Timeouts

        if read is not None:
            kwargs.setdefault("timeouts", Timeouts(read=read))
        return RakerOneClient(**kwargs)

    return make


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rakerone-desktop",
        description="RakerOne Desktop: manage your organization's RakerOne API keys.",
    )
    parser.add_argument("--version", action="version", version=f"RakerOne Desktop {__version__}")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="start a local sandbox server with demo data and sign in to it as its admin",
    )
    parser.add_argument(
        "--sandbox-seed",
        default="demo",
        metavar="demo|empty|N",
        help="what the sandbox starts with (default: demo)",
    )
    parser.add_argument("--server", metavar="URL", help="the server to sign in to")
    parser.add_argument(
        "--read-timeout",
        type=_positive_seconds,
        metavar="SECONDS",
        help="give up on a server answer after this long (default: 30)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="hide every action that changes keys (for staff who should only look)",
    )
    parser.add_argument(
        "--color-scheme",
        choices=[s.value for s in Scheme],
        default=Scheme.SYSTEM.value,
        help="light, dark, or follow the system (default)",
    )
    parser.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        default="warning",
        help="how much to log to stderr (default: warning)",
    )
    parser.add_argument(
        "--new-instance",
        action="store_true",
        help="start even if the app is already running (normally a second launch raises it)",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="open the main window without a server, close it after its first paint, and "
        "print a JSON report (for checking a build)",
    )
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    args = build_parser().parse_args(list(argv))
    seed = args.sandbox_seed
    if seed not in ("demo", "empty") and not (seed.isdigit() and int(seed) >= 0):
        raise ArgumentError(
            f"rakerone-desktop: --sandbox-seed must be demo, empty or a number, not {seed!r}", 2
        )
    return args


@dataclass
class SessionWindows:
    signed_in: SignedIn
    window: QWidget
    keys: KeysController | None = None
    actions: KeyActionsController | None = None
    flows: KeyFlows | None = None
    guard: SessionGuard | None = None


class AppController(QObject):
    """Owns the app's objects and moves between sign-in and the main window."""

    mainWindowShown = Signal(object)  # MainWindow | AdminOnlyWindow
    signInShown = Signal(object)  # SignInDialog
    quitting = Signal()
    sandboxFailed = Signal(str)

    def __init__(
        self,
        app: QApplication,
        args: argparse.Namespace,
        *,
        settings: Settings | None = None,
        tokens: TokenStore | None = None,
        owns_app: bool = True,
    ) -> None:
        super().__init__()
        self.app = app
        self.args = args
        self.owns_app = owns_app
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.sandbox: SandboxProcess | None = None
        self.sandbox_info: ReadyInfo | None = None
        self.read_only = bool(args.read_only)
        self.session = SessionController(
            self.runner,
            self.settings,
            tokens,
            parent=self,
            remember_allowed=not args.sandbox,
            client_factory=client_factory(args),
        )
        self.session.signedIn.connect(self._on_signed_in)
        self.session.signInFailed.connect(self._on_sign_in_failed)
        self.session.restoreFinished.connect(self._on_restore_finished)
        self.session.restoreFailed.connect(self._on_restore_failed)
        self.session.signedOut.connect(self._on_signed_out)
        self._pending_notice: str | None = None
        self.session.keyringNotice.connect(self._show_notice)
        self.mainWindowShown.connect(self._flush_notice)  # a notice from signing in
        self.session.reauthenticated.connect(self._on_reauthenticated)
        self.session.reauthFailed.connect(self._on_reauth_failed)
        self.reauth_dialog: SignInDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.current: SessionWindows | None = None
        self._stopped = False
        self._boxes: set[QMessageBox] = set()
        self.clipboard = SecretClipboard(
            self, clear_after_seconds=self.settings.get(Options.clipboard_clear_seconds)
        )
        self.errors = diagnostics.ErrorHistory()
        self.runner.taskFailed.connect(self.errors.record)
        self.language: str | None = None  # the loaded translation, for the diagnostics
        self.about_dialog: AboutDialog | None = None

    # -- start ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.args.sandbox:
            self._start_sandbox()
        elif self.args.server:
            self.show_sign_in(server=self.args.server)
        elif self.settings.get(Options.remembered_server):
            # Something on screen at once: the sign-in dialog, busy, while the
            # remembered session is checked with the server in the background.
            dialog = self.show_sign_in(server=self.settings.get(Options.remembered_server))
            dialog.set_busy(True, self.tr("Opening your remembered session…"))
            self.session.restore()
        else:
            self.session.restore()

    def _start_sandbox(self) -> None:
        seed = self.args.sandbox_seed
        extra = ["--simulate-traffic"] if seed == "demo" else []
        # --stop-with-parent: if this app dies without quitting, the sandbox stops too.
        self.sandbox = SandboxProcess("--seed", seed, *extra, "--stop-with-parent")
        task = self.runner.submit("start-sandbox", self.sandbox.start)
        task.succeeded.connect(self._on_sandbox_ready)
        task.failed.connect(self._on_sandbox_failed)

    def _on_sandbox_ready(self, info: ReadyInfo) -> None:
        self.sandbox_info = info
        log.info("Sandbox ready at %s", info.url)
        self.session.sign_in(
            SignInRequest(info.url, info.admin_email, info.admin_password or "", remember=False)
        )

    def _on_sandbox_failed(self, error: object) -> None:
        message = self.tr("The sandbox server didn't start: %1").replace("%1", str(error))
        log.error("%s", message)
        self.sandboxFailed.emit(message)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("RakerOne Desktop"), message)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("sandboxFailedBox")
        box.finished.connect(self.quit)
        box.open()
        self._keep(box)

    def _on_restore_finished(self, result: SignedIn | None) -> None:
        if result is None:
            self.show_sign_in().set_busy(False)
        else:
            self._close_sign_in()
            self._enter(result)

    def _on_restore_failed(self, server: str, error: ApiError) -> None:
        dialog = self.show_sign_in(server=server)
        dialog.set_busy(False)
        dialog.show_error(error)

    # -- sign in ---------------------------------------------------------------------------

    def show_sign_in(self, server: str | None = None) -> SignInDialog:
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.show()
            self.sign_in_dialog.raise_()
            return self.sign_in_dialog
        dialog = SignInDialog(
            server=server or self.settings.get(Options.last_server),
            email=self.settings.get(Options.last_email),
            allow_remember=not self.args.sandbox,
        )
        dialog.signInRequested.connect(self._on_sign_in_requested)
        dialog.caBundleLookup.connect(self._on_ca_lookup)
        dialog.rejected.connect(self._on_sign_in_rejected)
        try:
            from rakerone_desktop.api.addresses import normalize_base_url

            dialog.set_ca_bundle(
                self.session.ca_bundle_for(normalize_base_url(dialog.server_field.text())) or ""
            )
        except ApiError:
            pass
        self.sign_in_dialog = dialog
        dialog.show()
        self.signInShown.emit(dialog)
        return dialog

    def _on_ca_lookup(self, server: str) -> None:
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.set_ca_bundle(self.session.ca_bundle_for(server) or "")

    def _on_sign_in_requested(
        self, server: str, email: str, password: str, remember: bool, ca_bundle: str
    ) -> None:
        self.session.set_ca_bundle(server, ca_bundle or None)
        self.session.sign_in(SignInRequest(server, email, password, remember), ca_bundle or None)

    def _on_sign_in_failed(self, error: ApiError) -> None:
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.show_error(error)
        elif self.args.sandbox:
            self._on_sandbox_failed(error)

    def _on_sign_in_rejected(self) -> None:
        if self.current is None:
            self.quit()

    def _on_signed_in(self, signed_in: SignedIn) -> None:
        self._close_sign_in()
        self._enter(signed_in)

    def _close_sign_in(self) -> None:
        if self.sign_in_dialog is not None:
            dialog = self.sign_in_dialog
            self.sign_in_dialog = None
            dialog.rejected.disconnect(self._on_sign_in_rejected)
            dialog.password_field.clear()
            dialog.accept()
            dialog.deleteLater()

    # -- the signed-in windows ---------------------------------------------------------------

    def _enter(self, signed_in: SignedIn) -> None:
        self._leave()
        user: User = signed_in.user
        if not user.is_admin:
            window = AdminOnlyWindow(signed_in.server, user.name)
            window.signOutRequested.connect(self.sign_out)
            window.closed.connect(self._on_window_closed)
            self.current = SessionWindows(signed_in, window)
            window.show()
            self.mainWindowShown.emit(window)
            return
        model = ApiKeysModel()
        main = MainWindow(model, signed_in.server, user.name)
        guard = SessionGuard(main)
        guard.expired.connect(self.show_reauth)
        keys = KeysController(signed_in.client, self.runner, model, parent=main, guard=guard)
        actions = KeyActionsController(
            signed_in.client, self.runner, model, self.settings, parent=main, guard=guard
        )
        flows = KeyFlows(main, main.keys_page, actions, self.clipboard, self.settings, parent=main)
        self.current = SessionWindows(signed_in, main, keys, actions, flows, guard)
        self._wire_main(main, keys, actions, flows)
        self._apply_read_only(main, flows)
        main.restore_layout(self.settings)
        main.show()
        keys.set_auto_refresh(self.settings.get(Options.auto_refresh_seconds))
        keys.refresh()
        self.mainWindowShown.emit(main)

    def _wire_main(
        self,
        main: MainWindow,
        keys: KeysController,
        actions: KeyActionsController,
        flows: KeyFlows,
    ) -> None:
        # the keys: loading, the table, the details' activity
        main.refreshRequested.connect(keys.refresh)
        main.activityRequested.connect(keys.load_events)
        keys.loadingChanged.connect(main.set_loading)
        keys.loaded.connect(main.show_loaded)
        keys.loadFailed.connect(main.show_load_error)
        keys.catalogLoaded.connect(main.refresh_details)
        keys.eventsLoaded.connect(main.show_events)
        keys.eventsFailed.connect(main.show_events_error)
        keys.loaded.connect(lambda _when: actions.prune_rotations())
        # the flows
        main.createKeyRequested.connect(flows.create)
        main.rotateRequested.connect(flows.rotate)
        main.revokeSelectedRequested.connect(flows.revoke_selected)
        main.revokeRequested.connect(flows.revoke_ids)
        main.findKeyRequested.connect(flows.find)
        main.exportRequested.connect(flows.export_keys)
        main.revokeShownRequested.connect(flows.revoke_shown)
        main.exportActivityRequested.connect(flows.export_activity)
        flows.refreshNeeded.connect(keys.refresh)
        # the app
        main.signOutRequested.connect(self.sign_out)
        main.switchServerRequested.connect(self.switch_server)
        main.quitRequested.connect(self.quit)
        main.closed.connect(self._on_window_closed)
        main.preferencesRequested.connect(self.show_preferences)
        main.aboutRequested.connect(self.show_about)
        main.copyDiagnosticsRequested.connect(self.copy_diagnostics)
        main.readOnlyToggled.connect(self._on_read_only_toggled)

    # -- the session ended mid-flow: sign in again, then carry on --------------------------------

    def show_reauth(self) -> SignInDialog | None:
        current = self.current
        if current is None:
            return None
        if self.reauth_dialog is not None:
            self.reauth_dialog.raise_()
            return self.reauth_dialog
        dialog = SignInDialog(
            current.window,
            server=current.signed_in.server,
            email=current.signed_in.user.email,
            allow_remember=False,
        )
        dialog.set_reauth_mode(
            self.tr(
                "Your session has ended. Sign in again to finish what you were doing; "
                "nothing you entered is lost."
            )
        )
        dialog.signInRequested.connect(
            lambda _server, _email, password, _remember, _ca: self.session.reauthenticate(password)
        )
        dialog.rejected.connect(self._on_reauth_cancelled)
        self.reauth_dialog = dialog
        dialog.open()
        self.signInShown.emit(dialog)
        return dialog

    def _on_reauthenticated(self) -> None:
        dialog = self.reauth_dialog
        self.reauth_dialog = None
        if dialog is not None:
            dialog.rejected.disconnect(self._on_reauth_cancelled)
            dialog.password_field.clear()
            dialog.accept()
            dialog.deleteLater()
        if self.current is not None and self.current.guard is not None:
            self.current.guard.resume()

    def _on_reauth_failed(self, error: ApiError) -> None:
        if self.reauth_dialog is not None:
            self.reauth_dialog.show_error(error)

    def _on_reauth_cancelled(self) -> None:
        dialog = self.reauth_dialog
        self.reauth_dialog = None
        if dialog is not None:
            dialog.deleteLater()
        if self.current is not None and self.current.guard is not None:
            self.current.guard.abandon()

    # -- read-only mode and the remembered view ---------------------------------------------

    def _apply_read_only(self, main: MainWindow, flows: KeyFlows) -> None:
        on = self.read_only or self.settings.get(Options.read_only)
        main.set_read_only(on, locked=self.read_only)
        flows.set_read_only(on)

    def _on_read_only_toggled(self, on: bool) -> None:
        if self.read_only:
            return  # the command line said read-only: it stays on
        self.settings.set(Options.read_only, on)
        current = self.current
        if current is not None and isinstance(current.window, MainWindow) and current.flows:
            self._apply_read_only(current.window, current.flows)

    def show_preferences(self) -> PreferencesDialog:
        parent = self.current.window if self.current else None
        dialog = PreferencesDialog(
            self.settings.get(Options.clipboard_clear_seconds),
            self.settings.get(Options.auto_refresh_seconds),
            parent,
        )
        dialog.saved.connect(self._on_preferences_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_preferences_saved(self, clear_seconds: int, refresh_seconds: int) -> None:
        self.settings.set(Options.clipboard_clear_seconds, clear_seconds)
        self.settings.set(Options.auto_refresh_seconds, refresh_seconds)
        self.clipboard.clear_after_seconds = clear_seconds
        if self.current is not None and self.current.keys is not None:
            self.current.keys.set_auto_refresh(refresh_seconds)

    def show_about(self) -> AboutDialog:
        if self.about_dialog is not None:
            self.about_dialog.raise_()
            return self.about_dialog
        dialog = AboutDialog(self.current.window if self.current else None)
        dialog.copyDiagnosticsRequested.connect(self.copy_diagnostics)
        dialog.finished.connect(self._on_about_finished)
        self.about_dialog = dialog
        dialog.open()
        return dialog

    def _on_about_finished(self) -> None:
        if self.about_dialog is not None:
            self.about_dialog.deleteLater()
            self.about_dialog = None

    def diagnostics_text(self) -> str:
        current = self.current
        signed_in = current.signed_in if current is not None else None
        return diagnostics.collect(
            server=signed_in.server if signed_in is not None else None,
            role=(
                ("admin" if signed_in.user.is_admin else "member")
                if signed_in is not None
                else None
            ),
            errors=self.errors.entries(),
            platform_name=self.app.platformName(),
            language=self.language,
            settings_file=self.settings.file_name,
            log_file=str(path) if (path := log_file.current()) is not None else None,
            read_only=self.read_only or self.settings.get(Options.read_only),
        )

    def copy_diagnostics(self) -> str:
        """Put the diagnostics on the clipboard (plain text, nothing secret) and say so."""
        text = self.diagnostics_text()
        QGuiApplication.clipboard().setText(text)
        if self.current is not None and isinstance(self.current.window, MainWindow):
            self.current.window.statusBar().showMessage(
                self.tr("Diagnostics copied to the clipboard"), 5000
            )
        return text

    def activate(self, _argv: object = None) -> None:
        """Another launch asked for the app: bring its window to the front."""
        window: QWidget | None = self.sign_in_dialog
        if window is None and self.current is not None:
            window = self.current.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def _keep(self, box: QMessageBox) -> None:
        """Hold a parentless message box until it is closed (open() doesn't block)."""
        self._boxes.add(box)
        box.finished.connect(lambda _r, b=box: self._boxes.discard(b))

    def _show_notice(self, text: str) -> None:
        """A notice, not an error: shown in the window, or as soon as there is one
        (the keyring's is sent while signing in, before the window exists)."""
        self._pending_notice = text
        self._flush_notice()

    def _flush_notice(self, *_args: object) -> None:
        text = self._pending_notice
        window = self.current.window if self.current is not None else None
        if text is None or window is None:
            return
        self._pending_notice = None
        if isinstance(window, (MainWindow, AdminOnlyWindow)):
            window.show_notice(text)

    def _leave(self) -> None:
        if self.about_dialog is not None:
            self.about_dialog.close()  # finished → forgotten, before its parent goes
        current = self.current
        self.current = None
        if current is None:
            return
        if current.flows is not None:
            current.flows.close_all()
        if current.keys is not None:
            current.keys.shutdown()
        window = current.window
        with contextlib.suppress(RuntimeError, TypeError):
            window.closed.disconnect(self._on_window_closed)  # type: ignore[attr-defined]
        window.close()  # the main window saves its layout as it closes
        window.deleteLater()

    def _on_window_closed(self) -> None:
        self.quit()

    # -- sign out, switch, quit ----------------------------------------------------------------

    def sign_out(self) -> None:
        self._leave()
        self.session.sign_out()

    def _on_signed_out(self) -> None:
        if not self._stopped:
            self.show_sign_in()

    def switch_server(self) -> None:
        self.sign_out()

    def quit(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.quitting.emit()
        self._leave()
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.close()
            self.sign_in_dialog.deleteLater()
            self.sign_in_dialog = None
        self.clipboard.clear_if_ours()
        self.runner.shutdown()
        self.stop_sandbox()
        self.settings.sync()
        if self in _controllers:
            _controllers.remove(self)
        if self.owns_app:
            self.app.quit()

    def stop_sandbox(self) -> None:
        if self.sandbox is not None:
            sandbox = self.sandbox
            self.sandbox = None
            sandbox.stop()


_controllers: list[AppController] = []


def current_controller() -> AppController | None:
    """The most recent controller started by :func:`main` (for tests and tools)."""
    return _controllers[-1] if _controllers else None


def main(argv: Sequence[str] | None = None) -> int:
    """Build and run the app. ``argv`` excludes the program name."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_args(argv)
    except ArgumentError as exc:
        if str(exc):
            sys.stderr.write(str(exc) + "\n")
        return exc.code
    if args.sandbox and getattr(sys, "frozen", False):
        sys.stderr.write(
            "rakerone-desktop: this build doesn't include the sandbox server; run the app "
            "from source for --sandbox (see the README)\n"
        )
        return 2

    existing = QApplication.instance()
    owns_app = existing is None
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    if owns_app:
        setup_logging(getattr(logging, args.log_level.upper()), route_qt=True)
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationVersion(__version__)
        app.setDesktopFileName(APP_ID)
        app.setQuitOnLastWindowClosed(False)
    else:
        # Whoever owns the logging, key-shaped and bearer values are masked.
        install_masking_filter()
    # Translations, the log file and single-instance only for an app of our own:
    # a test or script that brings its QApplication keeps its own language and files.
    language = Translations(app).install() if owns_app else None
    instance: SingleInstance | None = None
    if owns_app and not args.self_check:
        if not args.new_instance:
            instance = SingleInstance(server_name(APP_ID), app)
            if not instance.acquire(argv):
                sys.stderr.write("RakerOne Desktop is already running: its window was raised.\n")
                return 0
        _start_log_file()
    register_expected_errors(ApiError)
    ThemeManager(app, Scheme(args.color_scheme))
    if args.self_check:
        return _self_check(app, owns_app, language)

    controller = AppController(app, args, owns_app=owns_app)
    controller.language = language
    _controllers.append(controller)
    if instance is not None:
        instance.activated.connect(controller.activate)
        controller.quitting.connect(instance.release)
    controller.start()
    if not owns_app:
        return 0

    # Python handles Ctrl+C only when it runs; a short timer gives it the chance.
    wake = QTimer()
    wake.start(200)
    wake.timeout.connect(lambda: None)
    previous = signal.signal(signal.SIGINT, lambda *_: controller.quit())
    sigterm = signal.signal(signal.SIGTERM, lambda *_: controller.quit())
    try:
        code = app.exec()
    finally:
        controller.quit()  # stops the sandbox child even when exec() raised
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, sigterm)
    if controller.runner.active_count:
        # A request stuck in the network would hold the exit until its read
        # timeout (the thread pool waits for its threads). Every window is
        # closed, the sandbox stopped and the clipboard cleared by now.
        log.info("Leaving %d background request(s) behind", controller.runner.active_count)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(code))
    return int(code)


def _start_log_file() -> None:
    try:
        path = log_file.install()
    except OSError as exc:
        log.warning("No log file: %s", exc)
    else:
        log.info("RakerOne Desktop %s started; logging to %s", __version__, path)


def _self_check(app: QApplication, owns_app: bool, language: str | None) -> int:
    from rakerone_desktop.self_check import SelfCheck

    check = SelfCheck(app, language=language)
    if owns_app:
        check.finished.connect(app.exit)
    check.start()
    return int(app.exec()) if owns_app else 0


def run() -> None:
    """Console entry point."""
    sys.exit(main())
