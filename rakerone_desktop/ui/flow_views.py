"""The dialogs of the flows in :mod:`rakerone_desktop.flows`: each class is the
view one flow talks to (its protocol in that flow's module). The flows decide;
these open dialogs with ``open()``/``show()`` and pass on what people answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, RevokeResult
from rakerone_desktop.flows.create import CreateFlow, Refusal
from rakerone_desktop.flows.find import FindFlow, Found
from rakerone_desktop.flows.recover import RecoverFlow
from rakerone_desktop.flows.revoke import RevokeFlow
from rakerone_desktop.models.server_features import PART_ONE, ServerFeatures
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.dialogs import DialogSet, OneDialog
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.text import isolate

if TYPE_CHECKING:
    from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog
    from rakerone_desktop.ui.create_wizard import CreateKeyWizard
    from rakerone_desktop.ui.find_key_dialog import FindKeyDialog, Probe
    from rakerone_desktop.ui.revoke_dialog import RevokeDialog

ROTATE_NOTE = (
    "Switch your integration over to this new key, then revoke the old one. Until you do, the "
    "old key's row shows that a rotation is in progress."
)


class Messages(QObject):
    """Plain-text message boxes over the window, each held until closed."""

    shown = Signal(object)  # QMessageBox

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._boxes = DialogSet()

    def show(self, title: str, text: str, *, critical: bool = False) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setObjectName("flowMessageBox")
        box.setIcon(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        self.hold(box)
        self.shown.emit(box)
        return box

    def hold(self, box: QMessageBox) -> None:
        self._boxes.open(box)


class CreateDialogs(QObject):
    """The wizard, the copy-once dialog and the lost-value question: the view of
    :class:`CreateFlow` and :class:`RecoverFlow`."""

    wizardShown = Signal(object)  # CreateKeyWizard
    copyDialogShown = Signal(object)  # CopyKeyDialog
    lostSecretShown = Signal(object)  # QMessageBox
    created = Signal(object)  # ApiKey
    createFailed = Signal(object)  # ApiError
    revoked = Signal(object)  # tuple[RevokeResult, ...] (a lost key, revoked)
    revokeFailed = Signal(object)  # ApiError
    keysChanged = Signal()  # a lost key was revoked

    def __init__(
        self,
        window: QWidget,
        page: KeysPage,
        clipboard: SecretClipboard,
        messages: Messages,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._page = page
        self._clipboard = clipboard
        self._messages = messages
        self.wizard: OneDialog[CreateKeyWizard] = OneDialog(self._on_wizard_closed)
        self.copy: OneDialog[CopyKeyDialog] = OneDialog(self._on_copy_closed)
        self.flow: CreateFlow | None = None
        self.recover_flow: RecoverFlow | None = None
        #: What the server offers: the wizard shows those fields only.
        self.features: ServerFeatures = PART_ONE
        #: Told of each new wizard (to fill its owner list in the background).
        self.wizard_opened: Callable[[CreateKeyWizard], None] | None = None

    def open_wizard(self, name: str, permissions: Sequence[str], rotating: ApiKey | None) -> None:
        from rakerone_desktop.ui.create_wizard import CreateKeyWizard

        assert self.flow is not None
        title = (
            self.tr("Rotate “%1”").replace("%1", isolate(rotating.name))
            if rotating is not None
            else None
        )
        wizard = CreateKeyWizard(
            list(self._page.model.catalog.values()),
            self._page.model.names_in_use(),
            self._window,
            name=name,
            permissions=permissions,
            title=title,
            features=self.features,
        )
        flow = self.flow
        wizard.createRequested.connect(
            lambda name, perms: flow.submit(name, perms, wizard.extras())
        )
        self.wizard.open(wizard)
        if self.wizard_opened is not None:
            self.wizard_opened(wizard)
        self.wizardShown.emit(wizard)

    def wizard_open(self) -> bool:
        return self.wizard.dialog is not None

    def raise_wizard(self) -> None:
        self.wizard.raise_open()

    def raise_copy(self) -> None:
        self.copy.raise_open()

    def refuse(self, why: Refusal) -> None:
        if why is Refusal.NOTHING_TO_ROTATE:
            self._messages.show(
                self.tr("Rotate a key"),
                self.tr("Select one active key in the table, then choose Rotate."),
            )
        else:
            self._messages.show(
                self.tr("Create key"),
                self.tr("A key is still being created. Try again when it's done."),
            )

    def create_running_elsewhere(self) -> None:
        if self.wizard.dialog is not None:
            self.wizard.dialog.creation_failed(
                ApiError(self.tr("Another key is still being created. Try again in a moment."))
            )

    def creation_waiting(self) -> None:
        if self.wizard.dialog is not None:
            self.wizard.dialog.review_page.status.setText(
                self.tr("Your session has ended. Waiting for you to sign in again…")
            )

    def creation_failed(self, error: ApiError) -> None:
        if self.wizard.dialog is not None:
            self.wizard.dialog.creation_failed(error)
        self.createFailed.emit(error)

    def creation_succeeded(self, key: ApiKey) -> None:
        if self.wizard.dialog is not None:
            self.wizard.dialog.creation_succeeded()
        self._page.show_all_for(key.id)
        self.created.emit(key)

    def _on_wizard_closed(self, _wizard: CreateKeyWizard, result: int) -> None:
        if self.flow is not None:
            self.flow.wizard_closed(result == 1)

    def show_value(self, secret: str, name: str, rotation: bool) -> None:
        from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog

        note = self.tr(ROTATE_NOTE) if rotation else ""
        dialog = CopyKeyDialog(secret, name, self._clipboard, self._window, note=note)
        self.copy.open(dialog)
        self.copyDialogShown.emit(dialog)

    def _on_copy_closed(self, _dialog: CopyKeyDialog, _result: int) -> None:
        if self.flow is not None:
            self.flow.value_closed()

    # -- a create whose answer was lost ------------------------------------------------------

    def ask_recover(self, key: ApiKey) -> None:
        assert self.recover_flow is not None
        box = QMessageBox(self._window)
        box.setObjectName("lostSecretBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("The key's value was lost"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "The key “%1” (%2) was created, but the answer carrying its value was lost on "
                "the way. RakerOne can’t show the value again, so nobody can use this key."
            )
            .replace("%1", isolate(key.name))
            .replace("%2", key.hint)
        )
        box.setInformativeText(
            self.tr("Revoke it and create a fresh one with the same name and permissions?")
        )
        recreate = box.addButton(
            self.tr("Revoke it and create a new key"), QMessageBox.ButtonRole.AcceptRole
        )
        recreate.setObjectName("revokeAndRecreateButton")
        keep = box.addButton(self.tr("Keep it for now"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepOrphanButton")
        box.setDefaultButton(recreate)
        recreate.clicked.connect(self.recover_flow.recover)
        keep.clicked.connect(self.recover_flow.keep)
        box.rejected.connect(self.recover_flow.keep)
        self._messages.hold(box)
        self.lostSecretShown.emit(box)

    def recover_refused(self) -> None:
        self._messages.show(
            self.tr("The key's value was lost"),
            self.tr("Another change is still running. Try again when it's done."),
        )

    def recover_revoke_failed(self, error: ApiError) -> None:
        self.revokeFailed.emit(error)
        self._messages.show(self.tr("The key was not revoked"), str(error), critical=True)

    def recover_create_failed(self, error: ApiError) -> None:
        self.createFailed.emit(error)
        self._messages.show(
            self.tr("The new key wasn't created"),
            self.tr("The old key was revoked, but the new one wasn't created: %1").replace(
                "%1", str(error)
            ),
            critical=True,
        )

    def revoked_elsewhere(self, result: object) -> None:
        self.keysChanged.emit()
        if isinstance(result, tuple):
            self.revoked.emit(result[0])


class RevokeDialogs(QObject):
    """The revoke dialog: the view of :class:`RevokeFlow`."""

    revokeDialogShown = Signal(object)  # RevokeDialog
    revoked = Signal(object)  # tuple[RevokeResult, ...]
    revokeFailed = Signal(object)  # ApiError
    keysChanged = Signal()
    saveResultsRequested = Signal(str)  # CSV text

    def __init__(self, window: QWidget, messages: Messages, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._messages = messages
        self.dialog: OneDialog[RevokeDialog] = OneDialog(self._on_closed)
        self.flow: RevokeFlow | None = None

    def open_revoke(self, keys: Sequence[ApiKey]) -> None:
        from rakerone_desktop.ui.revoke_dialog import RevokeDialog

        assert self.flow is not None
        dialog = RevokeDialog(keys, self._window)
        dialog.confirmed.connect(self.flow.confirm)
        dialog.saveResultsRequested.connect(self.saveResultsRequested)
        self.dialog.open(dialog)
        self.revokeDialogShown.emit(dialog)

    def raise_revoke(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.raise_()

    def revoke_refused(self) -> None:
        self._messages.show(
            self.tr("Revoke"), self.tr("A revoke is still running. Try again when it's done.")
        )

    def revoke_running_elsewhere(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_failure(
                ApiError(self.tr("Another revoke is still running. Try again in a moment."))
            )

    def revoke_waiting(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.status.setText(
                self.tr("Your session has ended. Waiting for you to sign in again…")
            )

    def revoke_failed(self, error: ApiError) -> None:
        self.revokeFailed.emit(error)
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_failure(error)
        else:
            self._messages.show(self.tr("The key was not revoked"), str(error), critical=True)

    def revoke_succeeded(self, results: Sequence[RevokeResult]) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_results(results)
        self.keysChanged.emit()
        self.revoked.emit(tuple(results))

    def _on_closed(self, _dialog: RevokeDialog, _result: int) -> None:
        if self.flow is not None:
            self.flow.closed()


class FindDialogs(QObject):
    """The find-by-value dialog: the view of :class:`FindFlow`."""

    findDialogShown = Signal(object)  # FindKeyDialog
    lookedUp = Signal(object)  # Found
    revokeRequested = Signal(list)  # list[ApiKey]
    disableRequested = Signal(list)  # list[ApiKey]

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self.dialog: OneDialog[FindKeyDialog] = OneDialog(self._on_closed)
        self.flow: FindFlow | None = None
        self.read_only = False
        self.offer_disable = False

    def open_find(self) -> None:
        from rakerone_desktop.ui.find_key_dialog import FindKeyDialog

        dialog = FindKeyDialog(self._window, read_only=self.read_only)
        dialog.lookupRequested.connect(self._lookup)
        dialog.revokeRequested.connect(self.revokeRequested)
        dialog.disableRequested.connect(self.disableRequested)
        dialog.offer_disable = self.offer_disable and not self.read_only
        self.dialog.open(dialog, modeless=True)
        dialog.prefill_from_clipboard()
        self.findDialogShown.emit(dialog)

    def raise_find(self) -> None:
        self.dialog.raise_open()

    def _lookup(self, probes: list[Probe]) -> None:
        if self.flow is not None:
            self.flow.lookup([p.sha256 for p in probes])

    def show_found(self, results: Found) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_results(results)
        self.lookedUp.emit(results)

    def lookup_failed(self, error: ApiError) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.show_failure(error)

    def lookup_waiting(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.message.setText(
                self.tr("Your session has ended. Waiting for you to sign in again…")
            )

    def refresh_after_revoke(self) -> None:
        if self.dialog.dialog is not None:
            self.dialog.dialog.refresh_after_revoke()

    def _on_closed(self, dialog: FindKeyDialog, _result: int) -> None:
        dialog.field.clear()
        if self.flow is not None:
            self.flow.closed()
