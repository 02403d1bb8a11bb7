"""Help → About: the version, what it runs on, and the licences of what it ships."""

from __future__ import annotations

import platform
from dataclasses import dataclass

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSysInfo, Qt, Signal, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop import __version__
from rakerone_desktop.ui.theme import icon

APP_LICENSE = "MIT"


@dataclass(frozen=True)
class Component:
    name: str
    license: str
    distribution: str | None = None  # the installed distribution to read the version from
    version: str | None = None  # or a version known otherwise

    def installed_version(self) -> str | None:
        if self.version is not None:
            return self.version
        from importlib import metadata  # ~25 ms to import: only when About is opened

        try:
            return metadata.version(self.distribution or self.name)
        except metadata.PackageNotFoundError:
            return None


def components() -> list[Component]:
    """What the app runs on, with its licence; platform-only libraries when present."""
    listed = [
        Component("Qt", "LGPL-3.0-only", version=qVersion()),
        Component("PySide6", "LGPL-3.0-only", "PySide6-Essentials"),
        Component("Shiboken6", "LGPL-3.0-only", "shiboken6"),
        Component("Python", "PSF-2.0", version=platform.python_version()),
        Component("requests", "Apache-2.0"),
        Component("urllib3", "MIT"),
        Component("certifi", "MPL-2.0"),
        Component("idna", "BSD-3-Clause"),
        Component("charset-normalizer", "MIT"),
        Component("truststore", "MIT"),
        Component("msgspec", "BSD-3-Clause"),
        Component("keyring", "MIT"),
        Component("jaraco.classes", "MIT"),
        Component("jaraco.context", "MIT"),
        Component("jaraco.functools", "MIT"),
        Component("more-itertools", "MIT"),
        Component("backports.tarfile", "MIT"),
        Component("importlib-metadata", "Apache-2.0"),
        Component("zipp", "MIT"),
        Component("SecretStorage", "BSD-3-Clause"),
        Component("jeepney", "MIT"),
        Component("cryptography", "Apache-2.0 OR BSD-3-Clause"),
        Component("cffi", "MIT-0"),
        Component("pywin32-ctypes", "BSD-3-Clause"),
    ]
    return [c for c in listed if c.installed_version() is not None]


class AboutDialog(QDialog):
    """Opens with ``open()``; "Copy diagnostics" is handled by whoever listens."""

    copyDiagnosticsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About RakerOne Desktop"))
        self.resize(560, 520)

        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(64, 64))
        logo.setAccessibleName(self.tr("RakerOne Desktop logo"))
        title = QLabel("RakerOne Desktop")
        title.setProperty("role", "pageTitle")
        self.version_label = QLabel(self.tr("Version %1").replace("%1", __version__))
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tagline = QLabel(self.tr("The administration client for RakerOne API keys."))
        tagline.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.version_label)
        heading.addWidget(tagline)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.runtime_label = QLabel(
            self.tr("Qt %1 · PySide6 %2 · Python %3 · %4")
            .replace("%1", qVersion())
            .replace("%2", pyside_version)
            .replace("%3", platform.python_version())
            .replace("%4", QSysInfo.prettyProductName())
        )
        self.runtime_label.setObjectName("aboutRuntime")
        self.runtime_label.setTextFormat(Qt.TextFormat.PlainText)
        self.runtime_label.setWordWrap(True)
        self.runtime_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        licence = QLabel(
            self.tr(
                "RakerOne Desktop is free software under the %1 licence. It is built with Qt "
                "and PySide6, used under the GNU Lesser General Public License version 3: a "
                "packaged build keeps their libraries as separate files, which you may replace "
                "with your own builds. The source of Qt and PySide6 is available from the Qt "
                "Project."
            ).replace("%1", APP_LICENSE)
        )
        licence.setObjectName("aboutLicence")
        licence.setWordWrap(True)
        licence.setTextFormat(Qt.TextFormat.PlainText)

        listed = components()
        self.components_table = QTableWidget(len(listed), 3)
        self.components_table.setObjectName("aboutComponents")
        self.components_table.setAccessibleName(self.tr("Components and their licences"))
        self.components_table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        for row, component in enumerate(listed):
            values = (component.name, component.installed_version() or "", component.license)
            for col, value in enumerate(values):
                self.components_table.setItem(row, col, QTableWidgetItem(value))
        self.components_table.verticalHeader().hide()
        self.components_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.components_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.components_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        components_label = QLabel(self.tr("&Components"))
        components_label.setProperty("role", "sectionTitle")
        components_label.setBuddy(self.components_table)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy &diagnostics"))
        self.copy_button.setObjectName("copyDiagnosticsButton")
        self.copy_button.setToolTip(
            self.tr("Versions, server and recent errors for a support ticket; never a secret")
        )
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copyDiagnosticsRequested.emit)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.runtime_label)
        layout.addWidget(licence)
        layout.addWidget(components_label)
        layout.addWidget(self.components_table, 1)
        layout.addWidget(buttons)
