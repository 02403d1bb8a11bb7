"""The sign-in dialog's choice of certificates: the system trust store or a CA bundle file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget


class CaBundleField(QWidget):
    """Shows the CA bundle in use ("" is the system trust store); Choose… and Use system."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = ""
        self.label = QLabel(self.tr("System trust store"))
        self.label.setProperty("role", "hint")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton(self.tr("Choose CA bundle…"))
        self.choose_button.setAccessibleName(self.tr("Choose a certificate authority bundle"))
        self.choose_button.clicked.connect(self._choose)
        self.clear_button = QPushButton(self.tr("Use system"))
        self.clear_button.setAccessibleName(self.tr("Use the system trust store"))
        self.clear_button.clicked.connect(self._use_system)
        self.clear_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)

    @property
    def path(self) -> str:
        return self._path

    def set_path(self, path: str) -> None:
        self._path = path
        self.label.setText(path or self.tr("System trust store"))
        self.clear_button.setVisible(bool(path))

    def _use_system(self) -> None:
        self.set_path("")

    def _choose(self) -> None:
        dialog = QFileDialog(self.window(), self.tr("Choose a CA bundle for this server"))
        dialog.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.set_path)
        dialog.open()
