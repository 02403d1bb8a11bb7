"""The bottom of a dialog that sends one change and waits for the server's answer
(Edit key, Rotate): a status line, the server's error, Cancel and the action button.

Its texts are translated in the ``AnswerFooter`` context."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QDialogButtonBox, QPushButton

from rakerone_desktop.ui.labels import wrapped_label


class AnswerFooter:
    """Cancel (the dialog's ``reject``) and the action (``on_action``); while the answer
    is on its way, the status says so and Cancel is off."""

    def __init__(
        self,
        dialog: QDialog,
        *,
        action: str,
        action_name: str,
        error_name: str,
        on_action: Callable[[], None],
    ) -> None:
        self.status = wrapped_label("", "hint")
        self.error = wrapped_label("", "fieldError")
        self.error.setObjectName(error_name)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = QPushButton(action)
        self.action_button.setObjectName(action_name)
        self.buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(dialog.reject)
        self.action_button.clicked.connect(on_action)

    def add_to(self, layout: QBoxLayout) -> None:
        """Put the footer at the end of the dialog's ``layout``."""
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Once in the dialog: made default before, the action lost that to Cancel
        # when the dialog was shown, and Enter cancelled.
        self.action_button.setDefault(True)

    def set_busy(self, busy: bool, status: str) -> None:
        """While waiting: ``status`` shown, Cancel off (the action is the dialog's to set)."""
        self.status.setText(status if busy else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)

    def show_error(self, message: str, request_id: str | None = None) -> None:
        if request_id:
            message += " " + QCoreApplication.translate("AnswerFooter", "(request id %1)").replace(
                "%1", request_id
            )
        self.error.setText(message)
        self.error.show()

    def hide_error(self) -> None:
        self.error.hide()
