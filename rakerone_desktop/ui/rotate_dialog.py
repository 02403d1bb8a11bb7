"""Rotate on the server: how long the old key keeps working, then one call.

Rotate key (``confirmRotateButton``) emits ``confirmed(seconds)``; the dialog
stays open with the choice made until the server answers, then closes (the
copy-once dialog follows) or says what happened, with the request id.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.flows.rotate import DEFAULT_GRACE, GRACE_CHOICES
from rakerone_desktop.ui.text import isolate


def _plain(text: str = "", role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class RotateKeyDialog(QDialog):
    confirmed = Signal(int)  # seconds the old key keeps working

    def __init__(self, key: ApiKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotateKeyDialog")
        title = self.tr("Rotate “%1”").replace("%1", isolate(key.name))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(480)
        self.key = key
        self.busy = False
        texts = {
            0: self.tr("Immediately"),
            3600: self.tr("1 hour"),
            86400: self.tr("24 hours"),
            604800: self.tr("7 days"),
        }
        self.grace = QComboBox()
        self.grace.setObjectName("oldKeyGraceField")
        self.grace.setAccessibleName(self.tr("The old key keeps working"))
        for seconds in GRACE_CHOICES:
            self.grace.addItem(texts[seconds], seconds)
        self.grace.setCurrentIndex(GRACE_CHOICES.index(DEFAULT_GRACE))
        grace_label = QLabel(self.tr("The old key keeps &working"))
        grace_label.setBuddy(self.grace)
        form = QFormLayout()
        form.addRow(grace_label, self.grace)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(self.tr("Rotating key"))
        self.progress.hide()
        self.status = _plain("", "hint")
        self.error = _plain("", "fieldError")
        self.error.setObjectName("rotateError")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = QPushButton(self.tr("&Rotate key"))
        self.confirm_button.setObjectName("confirmRotateButton")
        self.confirm_button.setDefault(True)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)
        heading = _plain(title, "pageTitle")
        heading.setObjectName("rotateTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            _plain(
                self.tr(
                    "RakerOne makes a new key with the same permissions, description, owner and "
                    "tags, and shows its value once. The old key keeps working for the time you "
                    "choose, so your integration can switch over without downtime; then it "
                    "expires."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def seconds(self) -> int:
        return int(self.grace.currentData())

    def _confirm(self) -> None:
        if self.busy:
            return
        self.set_busy(True)
        self.error.hide()
        self.confirmed.emit(self.seconds())

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.status.setText(self.tr("Rotating…") if busy else "")
        self.confirm_button.setEnabled(not busy)
        self.grace.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)

    def show_failure(self, error: e.ApiError) -> None:
        self.set_busy(False)
        if isinstance(error, e.KeyInactiveError):
            message = self.tr(
                "This key is revoked, expired or disabled, so it can't be rotated. Enable it "
                "first, or create a new key."
            )
            if error.request_id:
                message += " " + self.tr("(request id %1)").replace("%1", error.request_id)
        else:
            message = self.tr(
                "The key wasn't rotated: %1 Click Rotate key to try again; the server makes "
                "at most one new key."
            ).replace("%1", str(error))
        self.error.setText(message)
        self.error.show()

    def reject(self) -> None:
        if self.busy:
            return  # the answer is on its way; closing now could lose the new key's value
        super().reject()
