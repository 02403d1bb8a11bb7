"""The dialogs of the part-2 flows (edit, disable and enable, rotate on the server):
each class is the view one flow talks to (its protocol in that flow's module).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from rakerone_desktop.api.errors import ApiError, KeyInactiveError
from rakerone_desktop.api.models import ApiKey, DisableResult, RotatedKey, User
from rakerone_desktop.flows.disable import DisableFlow
from rakerone_desktop.flows.edit import EditFlow
from rakerone_desktop.flows.rotate import RotateFlow
from rakerone_desktop.models.server_features import ServerFeatures
from rakerone_desktop.ui.dialogs import OneDialog
from rakerone_desktop.ui.flow_views import Messages
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.text import isolate

if TYPE_CHECKING:
    from rakerone_desktop.ui.edit_key_dialog import EditKeyDialog
    from rakerone_desktop.ui.rotate_dialog import RotateKeyDialog

UsersLoader = Callable[[Callable[[list[User]], None], Callable[[ApiError], None]], None]


class EditDialogs(QObject):
    """The Edit key dialog: the view of :class:`EditFlow`."""

    editDialogShown = Signal(object)  # EditKeyDialog
    saved = Signal(object)  # ApiKey
    editFailed = Signal(object)  # ApiError

    def __init__(
        self, window: QWidget, page: KeysPage, messages: Messages, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._page = page
        self._messages = messages
        self.dialog: OneDialog[EditKeyDialog] = OneDialog(self._on_closed)
        self.flow: EditFlow | None = None
        self.features = ServerFeatures()
        self.load_users: UsersLoader | None = None

    def open_edit(self, key: ApiKey) -> None:
        from rakerone_desktop.ui.edit_key_dialog import EditKeyDialog

        assert self.flow is not None
        dialog = EditKeyDialog(key, self._page.model.catalog, self.features, self._window)
        dialog.saveRequested.connect(self.flow.save)
        self.dialog.open(dialog)
        if self.load_users is not None:
            self.load_users(dialog.set_users, dialog.users_failed)
        self.editDialogShown.emit(dialog)

    def raise_edit(self) -> None:
        self.dialog.raise_open()

    def edit_refused(self) -> None:
        self._messages.show(
            self.tr("Edit key"), self.tr("Select one key that isn't revoked, then choose Edit.")
        )

    def edit_waiting(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.status.setText(
                self.tr("Your session has ended. Waiting for you to sign in again…")
            )

    def edit_failed(self, error: ApiError) -> None:
        self.editFailed.emit(error)
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_failure(error)

    def edit_conflict(self, current: ApiKey | None, error: ApiError) -> None:
        self.editFailed.emit(error)
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_conflict(current, error)
        self._page.refresh_details()

    def edit_saved(self, key: ApiKey) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.saved()
        self._page.refresh_details()
        self.saved.emit(key)

    def _on_closed(self, _dialog: EditKeyDialog, _result: int) -> None:
        if self.flow is not None:
            self.flow.closed()


class DisableDialogs(QObject):
    """The question before disabling a key in use, and the outcomes: the view of
    :class:`DisableFlow`."""

    questionShown = Signal(object)  # QMessageBox
    changed = Signal(object, bool)  # tuple[DisableResult, ...], disabled
    disableFailed = Signal(object)  # ApiError

    def __init__(
        self, window: QWidget, page: KeysPage, messages: Messages, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._page = page
        self._messages = messages
        self.flow: DisableFlow | None = None

    def ask_disable(self, _keys: Sequence[ApiKey], recent: Sequence[ApiKey]) -> None:
        assert self.flow is not None
        box = QMessageBox(self._window)
        box.setObjectName("disableKeyQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Disable key"))
        names = ", ".join(f"“{isolate(k.name)}”" for k in recent[:5])
        box.setText(
            self.tr(
                "%1 was used in the last hour. An integration that uses it stops working until "
                "you enable it again."
            ).replace("%1", names)
        )
        yes = box.addButton(self.tr("&Disable"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirmDisableButton")
        no = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(no)
        yes.clicked.connect(self.flow.confirm)
        no.clicked.connect(self.flow.cancel)
        box.rejected.connect(self.flow.cancel)
        self._messages.hold(box)
        self.questionShown.emit(box)

    def disable_busy(self) -> None:
        self._messages.show(
            self.tr("Disable key"),
            self.tr("Another disable or enable is still running. Try again when it's done."),
        )

    def disable_waiting(self) -> None:
        self._messages.show(
            self.tr("Disable key"),
            self.tr("Your session has ended. Sign in again and the change is sent then."),
        )

    def disable_failed(self, error: ApiError, disabled: bool) -> None:
        self.disableFailed.emit(error)
        title = (
            self.tr("The key was not disabled") if disabled else self.tr("The key was not enabled")
        )
        text = str(error)
        if isinstance(error, KeyInactiveError):
            text = self.tr(
                "This key is revoked or has expired: it can't be disabled or enabled any more. %1"
            ).replace("%1", str(error))
        self._messages.show(title, text, critical=True)

    def disable_done(
        self, results: Sequence[DisableResult], _keys: Sequence[ApiKey], disabled: bool
    ) -> None:
        self._page.refresh_details()
        if len(results) > 1:
            self._messages.show(
                self.tr("Disable keys") if disabled else self.tr("Enable keys"),
                self._summary(results, disabled),
            )
        self.changed.emit(tuple(results), disabled)

    def _summary(self, results: Sequence[DisableResult], disabled: bool) -> str:
        words = {
            "disabled": self.tr("disabled") if disabled else self.tr("enabled"),
            "already_disabled": self.tr("was already disabled"),
            "inactive": self.tr("not changed: revoked or expired"),
            "not_found": self.tr("not found"),
        }
        lines = []
        for result in results:
            key = self._page.model.key_by_id(result.id)
            name = isolate(key.name) if key is not None else result.id
            lines.append(f"• {name}: {words.get(result.outcome, result.outcome)}")
        return "\n".join(lines)


class RotateDialogs(QObject):
    """The Rotate dialog (grace period): the view of :class:`RotateFlow`."""

    rotateDialogShown = Signal(object)  # RotateKeyDialog
    rotateFailed = Signal(object)  # ApiError
    rotated = Signal(object)  # RotatedKey

    def __init__(self, window: QWidget, messages: Messages, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._messages = messages
        self.dialog: OneDialog[RotateKeyDialog] = OneDialog(self._on_closed)
        self.flow: RotateFlow | None = None

    def open_rotate(self, key: ApiKey) -> None:
        from rakerone_desktop.ui.rotate_dialog import RotateKeyDialog

        assert self.flow is not None
        dialog = RotateKeyDialog(key, self._window)
        dialog.confirmed.connect(self.flow.confirm)
        self.dialog.open(dialog)
        self.rotateDialogShown.emit(dialog)

    def raise_rotate(self) -> None:
        self.dialog.raise_open()

    def rotate_refused(self) -> None:
        self._messages.show(
            self.tr("Rotate a key"),
            self.tr("Select one active key in the table, then choose Rotate."),
        )

    def rotate_waiting(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.status.setText(
                self.tr("Your session has ended. Waiting for you to sign in again…")
            )

    def rotate_failed(self, error: ApiError) -> None:
        self.rotateFailed.emit(error)
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_failure(error)

    def rotate_succeeded(self, rotated: RotatedKey) -> None:
        dialog = self.dialog.dialog
        if dialog is not None:
            dialog.set_busy(False)
            dialog.accept()
        self.rotated.emit(rotated)

    def _on_closed(self, _dialog: RotateKeyDialog, _result: int) -> None:
        if self.flow is not None:
            self.flow.closed()
