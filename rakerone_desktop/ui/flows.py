"""The dialogs of the flows that change keys, and the one object the window calls.

:class:`KeyFlows` is the view of the flows in :mod:`rakerone_desktop.flows`
(create → copy, rotate, recover a lost create, revoke, find by value): it opens
their dialogs with ``open()``/``show()`` and reports what the dialogs say back
to the flow objects, which decide what happens next. Exports (ask for a path,
write in the background, say so) live here too.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, RevokeResult
from rakerone_desktop.controllers.key_actions import ExportOutcome, KeyActionsController
from rakerone_desktop.flows.create import CreateFlow, Refusal, rotated_name
from rakerone_desktop.flows.find import FindFlow, Found
from rakerone_desktop.flows.recover import RecoverFlow
from rakerone_desktop.flows.revoke import RevokeFlow
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog
from rakerone_desktop.ui.create_wizard import CreateKeyWizard
from rakerone_desktop.ui.dialogs import DialogSet, OneDialog
from rakerone_desktop.ui.find_key_dialog import FindKeyDialog, Probe
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.revoke_dialog import RevokeDialog
from rakerone_desktop.ui.text import isolate

log = logging.getLogger(__name__)

__all__ = ["ROTATE_NOTE", "KeyFlows", "rotated_name"]

ROTATE_NOTE = (
    "Switch your integration over to this new key, then revoke the old one. Until you do, the "
    "old key's row shows that a rotation is in progress."
)


class KeyFlows(QObject):
    copyDialogShown = Signal(object)  # CopyKeyDialog
    wizardShown = Signal(object)  # CreateKeyWizard
    revokeDialogShown = Signal(object)  # RevokeDialog
    lostSecretShown = Signal(object)  # QMessageBox
    messageShown = Signal(object)  # QMessageBox
    findDialogShown = Signal(object)  # FindKeyDialog
    fileDialogShown = Signal(object)  # QFileDialog
    refreshNeeded = Signal()
    # What the flows did, for the window's status and for tests and scripts:
    created = Signal(object)  # ApiKey, made by a create of these flows
    createFailed = Signal(object)  # ApiError
    revoked = Signal(object)  # tuple[RevokeResult, ...], of a revoke of these flows
    revokeFailed = Signal(object)  # ApiError
    lookedUp = Signal(object)  # Found
    exported = Signal(str, int)  # path, rows written

    def __init__(
        self,
        window: QWidget,
        page: KeysPage,
        actions: KeyActionsController,
        clipboard: SecretClipboard,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.page = page
        self.actions = actions
        self.clipboard = clipboard
        self.read_only = False
        self._wizard: OneDialog[CreateKeyWizard] = OneDialog(self._on_wizard_closed)
        self._copy: OneDialog[CopyKeyDialog] = OneDialog(self._on_copy_closed)
        self._revoke: OneDialog[RevokeDialog] = OneDialog(self._on_revoke_closed)
        self._find: OneDialog[FindKeyDialog] = OneDialog(self._on_find_closed)
        self._file: OneDialog[QFileDialog] = OneDialog()
        self._boxes = DialogSet()
        self.create_flow = CreateFlow(actions, self, self)
        self.recover_flow = RecoverFlow(actions, self.create_flow, self, self)
        self.revoke_flow = RevokeFlow(actions, self, self, busy_elsewhere=self.recover_flow.busy)
        self.revoke_flow.refreshNeeded.connect(self.refreshNeeded)
        self.find_flow = FindFlow(actions, self, self)

    # -- the open dialogs ------------------------------------------------------------------

    @property
    def wizard(self) -> CreateKeyWizard | None:
        return self._wizard.dialog

    @property
    def copy_dialog(self) -> CopyKeyDialog | None:
        return self._copy.dialog

    @property
    def revoke_dialog(self) -> RevokeDialog | None:
        return self._revoke.dialog

    @property
    def find_dialog(self) -> FindKeyDialog | None:
        return self._find.dialog

    @property
    def file_dialog(self) -> QFileDialog | None:
        return self._file.dialog

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only

    # -- create and rotate (flows.create) ------------------------------------------------------

    def create(self) -> CreateKeyWizard | None:
        if self.read_only:
            return None
        self.create_flow.open()
        return self.wizard

    def rotate(self, key: ApiKey | None = None) -> CreateKeyWizard | None:
        if self.read_only:
            return None
        catalog_ids = {p.id for p in self.page.model.catalog.values()}
        self.create_flow.rotate(key or self.page.current_key(), catalog_ids)
        return self.wizard

    def open_wizard(self, name: str, permissions: Sequence[str], rotating: ApiKey | None) -> None:
        title = (
            self.tr("Rotate “%1”").replace("%1", isolate(rotating.name))
            if rotating is not None
            else None
        )
        wizard = CreateKeyWizard(
            list(self.page.model.catalog.values()),
            self.page.model.names_in_use(),
            self.window,
            name=name,
            permissions=permissions,
            title=title,
        )
        wizard.createRequested.connect(self.create_flow.submit)
        self._wizard.open(wizard)
        self.wizardShown.emit(wizard)

    def wizard_open(self) -> bool:
        return self._wizard.dialog is not None

    def raise_wizard(self) -> None:
        self._wizard.raise_open()

    def raise_copy(self) -> None:
        self._copy.raise_open()

    def refuse(self, why: Refusal) -> None:
        if why is Refusal.NOTHING_TO_ROTATE:
            self._message(
                self.tr("Rotate a key"),
                self.tr("Select one active key in the table, then choose Rotate."),
            )
        else:
            self._message(
                self.tr("Create key"),
                self.tr("A key is still being created. Try again when it's done."),
            )

    def create_running_elsewhere(self) -> None:
        if self.wizard is not None:
            self.wizard.creation_failed(
                ApiError(self.tr("Another key is still being created. Try again in a moment."))
            )

    def creation_waiting(self) -> None:
        if self.wizard is not None:
            self.wizard.review_page.status.setText(self._waiting_text())

    def creation_failed(self, error: ApiError) -> None:
        if self.wizard is not None:
            self.wizard.creation_failed(error)
        self.createFailed.emit(error)

    def creation_succeeded(self, key: ApiKey) -> None:
        if self.wizard is not None:
            self.wizard.creation_succeeded()
        self.page.show_all_for(key.id)
        self.created.emit(key)

    def _on_wizard_closed(self, _wizard: CreateKeyWizard, result: int) -> None:
        self.create_flow.wizard_closed(result == 1)

    def show_value(self, secret: str, name: str, rotation: bool) -> None:
        note = self.tr(ROTATE_NOTE) if rotation else ""
        dialog = CopyKeyDialog(secret, name, self.clipboard, self.window, note=note)
        self._copy.open(dialog)
        self.copyDialogShown.emit(dialog)

    def _on_copy_closed(self, _dialog: CopyKeyDialog, _result: int) -> None:
        self.create_flow.value_closed()

    # -- a create whose answer was lost (flows.recover) ------------------------------------------

    def ask_recover(self, key: ApiKey) -> None:
        box = QMessageBox(self.window)
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
        self._boxes.open(box)
        self.lostSecretShown.emit(box)

    def recover_refused(self) -> None:
        self._message(
            self.tr("The key's value was lost"),
            self.tr("Another change is still running. Try again when it's done."),
        )

    def recover_revoke_failed(self, error: ApiError) -> None:
        self.revokeFailed.emit(error)
        self._message(self.tr("The key was not revoked"), str(error), critical=True)

    def recover_create_failed(self, error: ApiError) -> None:
        self.createFailed.emit(error)
        self._message(
            self.tr("The new key wasn't created"),
            self.tr("The old key was revoked, but the new one wasn't created: %1").replace(
                "%1", str(error)
            ),
            critical=True,
        )

    def revoked_elsewhere(self, result: object) -> None:
        self.page.refresh_details()
        if self.find_dialog is not None:
            self.find_dialog.refresh_after_revoke()
        if isinstance(result, tuple):
            self.revoked.emit(result[0])

    # -- revoke (flows.revoke) ---------------------------------------------------------------------

    def revoke_selected(self) -> RevokeDialog | None:
        keys = [k for k in self.page.selected_keys() if k.revoked_at is None]
        if not keys:
            self._message(
                self.tr("Revoke"), self.tr("Select one or more active keys in the table first.")
            )
            return None
        return self.revoke(keys)

    def revoke_ids(self, key_ids: list[str]) -> RevokeDialog | None:
        keys = [self.page.model.key_by_id(k) for k in key_ids]
        return self.revoke([k for k in keys if k is not None and k.revoked_at is None])

    def revoke_shown(self) -> RevokeDialog | None:
        """Incident revoke: every active key the current filter and search show."""
        keys = [k for k in self.page.model.visible_keys() if k.revoked_at is None]
        if not keys:
            self._message(self.tr("Revoke"), self.tr("No active keys are shown."))
            return None
        return self.revoke(keys)

    def revoke(self, keys: Sequence[ApiKey]) -> RevokeDialog | None:
        if not keys or self.read_only:
            return None
        self.revoke_flow.start(keys)
        return self.revoke_dialog

    def open_revoke(self, keys: Sequence[ApiKey]) -> None:
        dialog = RevokeDialog(keys, self.window)
        dialog.confirmed.connect(self.revoke_flow.confirm)
        dialog.saveResultsRequested.connect(self._save_revoke_results)
        self._revoke.open(dialog)
        self.revokeDialogShown.emit(dialog)

    def raise_revoke(self) -> None:
        if self._revoke.dialog is not None:
            self._revoke.dialog.raise_()

    def revoke_refused(self) -> None:
        self._message(
            self.tr("Revoke"), self.tr("A revoke is still running. Try again when it's done.")
        )

    def revoke_running_elsewhere(self) -> None:
        if self.revoke_dialog is not None:
            self.revoke_dialog.show_failure(
                ApiError(self.tr("Another revoke is still running. Try again in a moment."))
            )

    def revoke_waiting(self) -> None:
        if self.revoke_dialog is not None:
            self.revoke_dialog.status.setText(self._waiting_text())

    def revoke_failed(self, error: ApiError) -> None:
        self.revokeFailed.emit(error)
        if self.revoke_dialog is not None:
            self.revoke_dialog.show_failure(error)
        else:
            self._message(self.tr("The key was not revoked"), str(error), critical=True)

    def revoke_succeeded(self, results: Sequence[RevokeResult]) -> None:
        if self.revoke_dialog is not None:
            self.revoke_dialog.show_results(results)
        self.page.refresh_details()
        if self.find_dialog is not None:
            self.find_dialog.refresh_after_revoke()
        self.revoked.emit(tuple(results))

    def _on_revoke_closed(self, _dialog: RevokeDialog, _result: int) -> None:
        self.revoke_flow.closed()

    # -- find by value (flows.find) ------------------------------------------------------------

    def find(self) -> FindKeyDialog:
        self.find_flow.open()
        dialog = self.find_dialog
        assert dialog is not None
        return dialog

    def open_find(self) -> None:
        dialog = FindKeyDialog(self.window, read_only=self.read_only)
        dialog.lookupRequested.connect(self._lookup)
        dialog.revokeRequested.connect(self.revoke)
        self._find.open(dialog, modeless=True)
        dialog.prefill_from_clipboard()
        self.findDialogShown.emit(dialog)

    def raise_find(self) -> None:
        self._find.raise_open()

    def _lookup(self, probes: list[Probe]) -> None:
        self.find_flow.lookup([p.sha256 for p in probes])

    def show_found(self, results: Found) -> None:
        if self.find_dialog is not None:
            self.find_dialog.show_results(results)
        self.lookedUp.emit(results)

    def lookup_failed(self, error: ApiError) -> None:
        if self.find_dialog is not None:
            self.find_dialog.show_failure(error)

    def lookup_waiting(self) -> None:
        if self.find_dialog is not None:
            self.find_dialog.message.setText(self._waiting_text())

    def _on_find_closed(self, dialog: FindKeyDialog, _result: int) -> None:
        dialog.field.clear()
        self.find_flow.closed()

    def _waiting_text(self) -> str:
        return self.tr("Your session has ended. Waiting for you to sign in again…")

    # -- exports ---------------------------------------------------------------------------

    def export_keys(self) -> QFileDialog:
        keys = self.page.model.visible_keys()
        return self._ask_path(
            self.tr("Export keys as CSV"),
            "rakerone-api-keys.csv",
            functools.partial(self._export_keys_to, keys),
        )

    def _export_keys_to(self, keys: Sequence[ApiKey], path: str) -> None:
        self.actions.export_keys(path, keys).succeeded.connect(self._on_exported)

    def export_activity(self, key: ApiKey | None = None) -> QFileDialog | None:
        key = key or self.page.details.key
        if key is None:
            self._message(self.tr("Export activity"), self.tr("Select a key first."))
            return None
        return self._ask_path(
            self.tr("Export the activity of “%1” as CSV").replace("%1", isolate(key.name)),
            f"rakerone-activity-{key.id}.csv",
            functools.partial(self._export_events_to, key.id),
        )

    def _export_events_to(self, key_id: str, path: str) -> None:
        self.actions.export_events(path, key_id).succeeded.connect(self._on_exported)

    def _save_revoke_results(self, text: str) -> None:
        self._ask_path(
            self.tr("Save revoke results"),
            "rakerone-revoke-results.csv",
            functools.partial(self._export_text_to, text),
        )

    def _export_text_to(self, text: str, path: str) -> None:
        rows = text.count("\r\n") - 1
        self.actions.export_text(path, text, rows).succeeded.connect(self._on_exported)

    def _ask_path(self, title: str, default_name: str, then: Callable[[str], None]) -> QFileDialog:
        parent = self.revoke_dialog or self.window
        dialog = QFileDialog(parent, title)
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("All files (*)")])
        dialog.selectFile(default_name)
        dialog.fileSelected.connect(then)
        self._file.open(dialog)
        self.fileDialogShown.emit(dialog)
        return dialog

    def _on_exported(self, outcome: ExportOutcome) -> None:
        path, rows, reason = outcome
        if reason is not None:
            self._message(
                self.tr("The file wasn't saved"),
                self.tr("Couldn't write %1: %2").replace("%1", path).replace("%2", reason),
                critical=True,
            )
            return
        self.window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Saved %1 rows to %2").replace("%1", f"{rows:,}").replace("%2", path), 10_000
        )
        self.exported.emit(path, rows)

    # -- messages ----------------------------------------------------------------------------

    def _message(self, title: str, text: str, *, critical: bool = False) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setObjectName("flowMessageBox")
        box.setIcon(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        self._boxes.open(box)
        self.messageShown.emit(box)
        return box

    def close_all(self) -> None:
        for dialog in (self.wizard, self.copy_dialog, self.revoke_dialog, self.find_dialog):
            if dialog is not None:
                dialog.hide()
        if self.copy_dialog is not None:
            self.copy_dialog.finish()
