"""Preferences: clipboard clear delay and the automatic refresh interval."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class PreferencesDialog(QDialog):
    saved = Signal(int, int)  # clipboard clear seconds (0 = off), auto-refresh seconds (0 = off)

    def __init__(self, clear_seconds: int, refresh_seconds: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.clear_spin = QSpinBox()
        self.clear_spin.setObjectName("clipboardClearSpin")
        self.clear_spin.setRange(0, 600)
        self.clear_spin.setSuffix(self.tr(" s"))
        self.clear_spin.setSpecialValueText(self.tr("Off (clear when the app quits)"))
        self.clear_spin.setValue(clear_seconds)
        self.clear_spin.setAccessibleName(self.tr("Clear the clipboard after"))
        self.refresh_spin = QSpinBox()
        self.refresh_spin.setObjectName("autoRefreshSpin")
        self.refresh_spin.setRange(0, 3600)
        self.refresh_spin.setSingleStep(15)
        self.refresh_spin.setSuffix(self.tr(" s"))
        self.refresh_spin.setSpecialValueText(self.tr("Off"))
        self.refresh_spin.setValue(refresh_seconds)
        self.refresh_spin.setAccessibleName(self.tr("Refresh Last used every"))
        form = QFormLayout()
        clear_label = QLabel(self.tr("&Clear a copied key after"))
        clear_label.setBuddy(self.clear_spin)
        refresh_label = QLabel(self.tr("&Refresh the keys every"))
        refresh_label.setBuddy(self.refresh_spin)
        form.addRow(clear_label, self.clear_spin)
        form.addRow(refresh_label, self.refresh_spin)
        hint = QLabel(
            self.tr(
                "A copied key is cleared only if the clipboard still holds it, and always when "
                "the app quits."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.saved.emit(self.clear_spin.value(), self.refresh_spin.value())
        self.accept()
