"""``rakerone-desktop --self-check``: does this build start and draw its window?

Opens the main window over an empty model (no server, no keyring, no
settings written), waits for its first paint, closes it, and prints one JSON
line: what was checked and how long it took. The exit code is 0 when every
check passed. CI runs it against the packaged build, where a missing Qt
plugin (the SVG icon engine, a platform plugin), resource or library shows up
here instead of on a user's desktop.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication

from rakerone_desktop import __version__
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.i18n import available_languages
from rakerone_desktop.ui.main_window import MainWindow
from rakerone_desktop.ui.theme import icon, style_sheet

SELF_CHECK_SERVER = "https://self-check.invalid"
TIMEOUT_MS = 30_000


class SelfCheck(QObject):
    """Runs the check; ``finished(exit_code)`` when done. Parented to the app."""

    finished = Signal(int)

    def __init__(
        self, app: QApplication, *, language: str | None = None, timeout_ms: int = TIMEOUT_MS
    ) -> None:
        super().__init__(app)
        self._app = app
        self._timeout_ms = timeout_ms
        self._started = 0.0
        self._done = False
        self.window: MainWindow | None = None
        self.report: dict[str, Any] = {
            "version": __version__,
            "frozen": bool(getattr(sys, "frozen", False)),
            "platform": app.platformName(),
            "desktop_file_name": app.desktopFileName(),
            "language": language,
        }
        self.checks: dict[str, bool] = {}

    def start(self) -> None:
        self._started = time.perf_counter()
        self._check_resources()
        self._check_local_socket()
        self._check_api_stack()
        self._check_keyring()
        self.window = MainWindow(ApiKeysModel(), SELF_CHECK_SERVER, "self-check")
        self.window.installEventFilter(self)
        self.window.show()
        QTimer.singleShot(self._timeout_ms, self._on_timeout)

    # -- checks that need no window ------------------------------------------------------

    def _check_resources(self) -> None:
        app_icon = icon("app")
        # Needs the SVG icon engine plugin: without it, no icon anywhere.
        self.checks["svg_icon"] = not app_icon.pixmap(64, 64).isNull()
        self.checks["window_icon"] = not self._app.windowIcon().isNull()
        self.checks["style_sheet"] = bool(style_sheet())
        languages = available_languages()
        self.report["translations"] = languages
        self.checks["translations"] = "de" in languages

    def _check_local_socket(self) -> None:
        server = QLocalServer()
        name = f"rakerone-self-check-{id(self):x}-{time.monotonic_ns()}"
        self.checks["local_socket"] = server.listen(name)
        server.close()

    def _check_api_stack(self) -> None:
        try:
            from rakerone_desktop.api.client import RakerOneClient

            client = RakerOneClient(base_url=SELF_CHECK_SERVER)
            client.close()
        except Exception as exc:  # a missing module in a build is exactly what to report
            self.report["api_stack_error"] = f"{type(exc).__name__}: {exc}"
            self.checks["api_stack"] = False
        else:
            self.checks["api_stack"] = True

    def _check_keyring(self) -> None:
        # Informational: which backends this build can use here (none on a bare CI box).
        try:
            from keyring.backend import get_all_keyring

            self.report["keyring_backends"] = sorted(
                f"{type(b).__module__}.{type(b).__name__}" for b in get_all_keyring()
            )
        except Exception as exc:
            self.report["keyring_backends"] = [f"error: {type(exc).__name__}"]

    # -- the window ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint and not self._done:
            self.report["first_paint_ms"] = round((time.perf_counter() - self._started) * 1000, 1)
            self.checks["window_painted"] = True
            QTimer.singleShot(0, self._finish)
        return False

    def _on_timeout(self) -> None:
        if not self._done:
            self.checks["window_painted"] = False
            self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        if self.window is not None:
            self.window.removeEventFilter(self)
            self.window.close()
            self.window.deleteLater()
            self.window = None
        ok = all(self.checks.values())
        self.report["checks"] = self.checks
        self.report["ok"] = ok
        if sys.stdout is not None:  # a windowed build on Windows has none
            sys.stdout.write(json.dumps(self.report, sort_keys=True) + "\n")
            sys.stdout.flush()
        self.finished.emit(0 if ok else 1)
