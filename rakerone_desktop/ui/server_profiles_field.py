"""The remembered servers of the sign-in dialog: a list to pick from, and Forget."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget


class ServerProfilesField(QWidget):
    """Remembered servers (address, email, CA bundle); it only reports what is picked."""

    picked = Signal(object)  # dict[str, str]: the profile picked (server, email, ca_bundle)
    forgetRequested = Signal(str)  # the server address of the profile to forget

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles: list[dict[str, str]] = []
        self.combo = QComboBox()
        self.combo.setObjectName("serverProfileField")
        self.combo.setAccessibleName(self.tr("Remembered servers"))
        self.forget_button = QPushButton(self.tr("Forget"))
        self.forget_button.setObjectName("forgetServerButton")
        self.forget_button.setAccessibleName(self.tr("Forget this server"))
        self.forget_button.clicked.connect(self._forget)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.forget_button)
        self.combo.activated.connect(self._picked)

    @property
    def has_profiles(self) -> bool:
        return bool(self._profiles)

    def set_profiles(self, profiles: list[dict[str, str]], current_server: str) -> None:
        """Fill the list (profiles without an address are left out); select ``current_server``."""
        self._profiles = [p for p in profiles if p.get("server")]
        self.combo.clear()
        for profile in self._profiles:
            email = profile.get("email", "")
            text = f"{profile['server']} — {email}" if email else profile["server"]
            self.combo.addItem(text, profile["server"])
        self.select(current_server)

    def select(self, server: str) -> None:
        """Select the profile of ``server`` (none when it isn't remembered)."""
        index = next((i for i, p in enumerate(self._profiles) if p.get("server") == server), -1)
        self.combo.setCurrentIndex(index)
        self.forget_button.setEnabled(self.combo.currentIndex() >= 0)

    def _picked(self, index: int) -> None:
        if not 0 <= index < len(self._profiles):
            return
        self.forget_button.setEnabled(True)
        self.picked.emit(dict(self._profiles[index]))

    def _forget(self) -> None:
        index = self.combo.currentIndex()
        if 0 <= index < len(self._profiles):
            self.forgetRequested.emit(self._profiles[index]["server"])
