"""The entry point: command line, QApplication, logging, then the :class:`Application`.

``main(argv) -> int`` is the entry point for people, scripts, tests and
assistive tools. It reuses a running ``QApplication`` (and then returns at
once, leaving the windows to the caller's event loop) or creates one and runs
it until the app quits. No window or dialog ever runs a nested event loop.

:func:`application` answers the running :class:`Application` (for tests and
scripts that called ``main`` with their own ``QApplication``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rakerone_desktop import __version__
from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.runtime import log_file
from rakerone_desktop.runtime.i18n import Translations
from rakerone_desktop.runtime.logging_setup import install_masking_filter, setup_logging
from rakerone_desktop.runtime.settings import APPLICATION, ORGANIZATION
from rakerone_desktop.runtime.single_instance import SingleInstance, server_name
from rakerone_desktop.runtime.tasks import register_expected_errors
from rakerone_desktop.shell.application import OBJECT_NAME, Application
from rakerone_desktop.shell.command_line import (
    ArgumentError,
    build_parser,
    client_factory,
    parse_args,
)
from rakerone_desktop.ui.theme import Scheme, ThemeManager

__all__ = [
    "APP_ID",
    "Application",
    "ArgumentError",
    "application",
    "build_parser",
    "client_factory",
    "main",
    "parse_args",
    "run",
]

log = logging.getLogger(__name__)

APP_ID = "com.rakerone.Desktop"


def application() -> Application | None:
    """The :class:`Application` that :func:`main` started most recently and that
    hasn't quit, or None.

    For tests and scripts that bring their own ``QApplication``: ``main(argv)``
    returns at once, and this hands over the app it started. It is looked up
    in the ``QApplication``'s object tree, not kept in a module global.
    """
    qapp = QApplication.instance()
    if qapp is None:
        return None
    running = [a for a in qapp.findChildren(Application, OBJECT_NAME) if not a.stopped]
    return running[-1] if running else None


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

    controller = Application(app, args, owns_app=owns_app)
    controller.language = language
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
