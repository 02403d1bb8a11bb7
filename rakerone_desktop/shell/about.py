"""The About dialog and the diagnostics a person can copy for support."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from rakerone_desktop.controllers.session import SignedIn
from rakerone_desktop.runtime import diagnostics, log_file
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.ui.dialogs import OneDialog
from rakerone_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from rakerone_desktop.ui.about_dialog import AboutDialog


class AboutAndDiagnostics(QObject):
    """One About dialog at a time; diagnostics text with nothing secret in it."""

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        errors: diagnostics.ErrorHistory,
        *,
        session: Callable[[], SignedIn | None],
        window: Callable[[], QWidget | None],
        read_only_locked: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._settings = settings
        self._errors = errors
        self._session = session
        self._window = window
        self._read_only_locked = read_only_locked
        self._about: OneDialog[AboutDialog] = OneDialog()
        self.language: str | None = None  # the loaded translation

    @property
    def dialog(self) -> AboutDialog | None:
        return self._about.dialog

    def show(self) -> AboutDialog:
        from rakerone_desktop.ui.about_dialog import AboutDialog

        dialog = self._about.raise_open()
        if dialog is not None:
            return dialog
        dialog = AboutDialog(self._window())
        dialog.copyDiagnosticsRequested.connect(self.copy)
        return self._about.open(dialog)

    def close(self) -> None:
        """Close the dialog (before the window it belongs to goes)."""
        if self._about.dialog is not None:
            self._about.dialog.close()  # finished → forgotten

    def text(self) -> str:
        signed_in = self._session()
        return diagnostics.collect(
            server=signed_in.server if signed_in is not None else None,
            role=(
                ("admin" if signed_in.user.is_admin else "member")
                if signed_in is not None
                else None
            ),
            errors=self._errors.entries(),
            platform_name=self._app.platformName(),
            language=self.language,
            settings_file=self._settings.file_name,
            log_file=str(path) if (path := log_file.current()) is not None else None,
            read_only=self._read_only_locked or self._settings.get(Options.read_only),
        )

    def copy(self) -> str:
        """Put the diagnostics on the clipboard (plain text, nothing secret) and say so."""
        text = self.text()
        QGuiApplication.clipboard().setText(text)
        window = self._window()
        if isinstance(window, MainWindow):
            window.statusBar().showMessage(self.tr("Diagnostics copied to the clipboard"), 5000)
        return text
