"""Icons, the style sheet and the light/dark palettes, loaded in one place.

Resources are compiled into ``_resources_rc`` (see
``packaging/build_resources.py``). The app uses the Fusion style with a
palette that follows the system's colour scheme and changes with it; the
style sheet takes its colours from the palette, so it serves both schemes.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QFile, QIODevice, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from rakerone_desktop.ui import _resources_rc  # noqa: F401 - registers the resources

RESOURCE_ROOT = ":/rakerone"


class Scheme(Enum):
    LIGHT = "light"
    DARK = "dark"
    SYSTEM = "system"


def icon(name: str) -> QIcon:
    return QIcon(f"{RESOURCE_ROOT}/icons/{name}.svg")


def icon_path(name: str) -> str:
    return f"{RESOURCE_ROOT}/icons/{name}.svg"


def style_sheet() -> str:
    f = QFile(f"{RESOURCE_ROOT}/style.qss")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    try:
        return bytes(f.readAll().data()).decode("utf-8")
    finally:
        f.close()


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    if dark:
        colors = {
            role.Window: "#1f2125",
            role.WindowText: "#e8e8ea",
            role.Base: "#17181b",
            role.AlternateBase: "#26282d",
            role.ToolTipBase: "#2b2d32",
            role.ToolTipText: "#e8e8ea",
            role.PlaceholderText: "#9a9ca3",
            role.Text: "#e8e8ea",
            role.Button: "#2b2d32",
            role.ButtonText: "#e8e8ea",
            role.BrightText: "#ff6b6b",
            role.Light: "#3a3d44",
            role.Midlight: "#32353b",
            role.Mid: "#3f4249",
            role.Dark: "#121316",
            role.Shadow: "#000000",
            role.Highlight: "#4a6cd4",
            role.HighlightedText: "#ffffff",
            role.Link: "#8fa8ff",
            role.LinkVisited: "#b79cff",
        }
        disabled = "#6d7078"
    else:
        colors = {
            role.Window: "#f4f5f7",
            role.WindowText: "#1d1f23",
            role.Base: "#ffffff",
            role.AlternateBase: "#eceef2",
            role.ToolTipBase: "#ffffff",
            role.ToolTipText: "#1d1f23",
            role.PlaceholderText: "#5f636b",
            role.Text: "#1d1f23",
            role.Button: "#f8f9fa",
            role.ButtonText: "#1d1f23",
            role.BrightText: "#c62828",
            role.Light: "#ffffff",
            role.Midlight: "#e6e8eb",
            role.Mid: "#c9ccd2",
            role.Dark: "#9ea3ab",
            role.Shadow: "#5a5e66",
            role.Highlight: "#3355cc",
            role.HighlightedText: "#ffffff",
            role.Link: "#2a47aa",
            role.LinkVisited: "#6a3fb5",
        }
        disabled = "#9ea3ab"
    for r, c in colors.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(disabled))
    return p


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


class ThemeManager(QObject):
    """Applies the palette and style sheet, and follows the system's scheme."""

    def __init__(self, app: QApplication, scheme: Scheme = Scheme.SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._scheme = scheme
        app.setStyle("Fusion")
        app.setWindowIcon(icon("app"))
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_changed)
        self.apply()

    def _wants_dark(self) -> bool:
        if self._scheme is Scheme.DARK:
            return True
        if self._scheme is Scheme.LIGHT:
            return False
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def apply(self) -> None:
        self._app.setPalette(_palette(self._wants_dark()))
        self._app.setStyleSheet(style_sheet())

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self.apply()

    def _on_system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._scheme is Scheme.SYSTEM:
            self.apply()
