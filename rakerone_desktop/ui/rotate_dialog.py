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
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.flows.rotate import DEFAULT_GRACE, GRACE_CHOICES
from rakerone_desktop.ui.answer_footer import AnswerFooter
from rakerone_desktop.ui.labels import wrapped_label
from rakerone_desktop.ui.text import isolate


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
        self.footer = AnswerFooter(
            self,
            action=self.tr("&Rotate key"),
            action_name="confirmRotateButton",
            error_name="rotateError",
            on_action=self._confirm,
        )
        self.status = self.footer.status
        self.error = self.footer.error
        self.buttons = self.footer.buttons
        self.confirm_button = self.footer.action_button
        heading = wrapped_label(title, "pageTitle")
        heading.setObjectName("rotateTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            wrapped_label(
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
        self.footer.add_to(layout)

    def seconds(self) -> int:
        return int(self.grace.currentData())

    def _confirm(self) -> None:
        if self.busy:
            return
        self.set_busy(True)
        self.footer.hide_error()
        self.confirmed.emit(self.seconds())

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.footer.set_busy(busy, self.tr("Rotating…"))
        self.confirm_button.setEnabled(not busy)
        self.grace.setEnabled(not busy)

    def show_failure(self, error: e.ApiError) -> None:
        self.set_busy(False)
        if isinstance(error, e.KeyInactiveError):
            message = self.tr(
                "This key is revoked, expired or disabled, so it can't be rotated. Enable it "
                "first, or create a new key."
            )
            self.footer.show_error(message, error.request_id)
        else:
            message = self.tr(
                "The key wasn't rotated: %1 Click Rotate key to try again; the server makes "
                "at most one new key."
            ).replace("%1", str(error))
            self.footer.show_error(message)

    def reject(self) -> None:
        if self.busy:
            return  # the answer is on its way; closing now could lose the new key's value
        super().reject()
