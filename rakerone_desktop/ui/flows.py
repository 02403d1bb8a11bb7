"""The flows that change keys, from the first click to the server's answer.

Create (wizard → copy once), a create whose answer was lost (revoke it and
create a fresh one, in one click), revoke one or several keys, and rotate
(new key with the same permissions first, copy, switch, then revoke the old
one). Dialogs open with ``open()``/``show()`` and report through signals; the
calls themselves go through :class:`KeyActionsController`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, CreatedKey, RevokeResult
from rakerone_desktop.controllers.key_actions import KeyActionsController
from rakerone_desktop.runtime.settings import Settings
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog
from rakerone_desktop.ui.create_wizard import CreateKeyWizard
from rakerone_desktop.ui.find_key_dialog import FindKeyDialog, Probe
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.revoke_dialog import RevokeDialog
from rakerone_desktop.ui.text import isolate

log = logging.getLogger(__name__)

ROTATE_NOTE = (
    "Switch your integration over to this new key, then revoke the old one. Until you do, the "
    "old key's row shows that a rotation is in progress."
)


def rotated_name(name: str, today: date | None = None) -> str:
    stamp = (today or date.today()).isoformat()
    base = name.split(" (rotated ", 1)[0]
    suffix = f" (rotated {stamp})"
    return (base[: 100 - len(suffix)] + suffix).strip()


class KeyFlows(QObject):
    copyDialogShown = Signal(object)  # CopyKeyDialog
    wizardShown = Signal(object)  # CreateKeyWizard
    revokeDialogShown = Signal(object)  # RevokeDialog
    lostSecretShown = Signal(object)  # QMessageBox
    messageShown = Signal(object)  # QMessageBox
    findDialogShown = Signal(object)  # FindKeyDialog
    refreshNeeded = Signal()
    fileDialogShown = Signal(object)  # QFileDialog

    def __init__(
        self,
        window: QWidget,
        page: KeysPage,
        actions: KeyActionsController,
        clipboard: SecretClipboard,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.page = page
        self.actions = actions
        self.clipboard = clipboard
        self.settings = settings
        self.wizard: CreateKeyWizard | None = None
        self.copy_dialog: CopyKeyDialog | None = None
        self.revoke_dialog: RevokeDialog | None = None
        self._rotating: ApiKey | None = None
        # A lost create's "revoke it and make a new one": (name, permissions,
        # the key being rotated if any); then whether that new create is running.
        self._recreate: tuple[str, list[str], ApiKey | None] | None = None
        self._recreating = False
        self._lost_rotation: ApiKey | None = None
        self._boxes: set[QMessageBox] = set()
        self.find_dialog: FindKeyDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.read_only = False
        actions.created.connect(self._on_created)
        actions.lookedUp.connect(self._on_looked_up)
        actions.waitingForSignIn.connect(self._on_waiting_for_sign_in)
        actions.lookupFailed.connect(self._on_lookup_failed)
        actions.exported.connect(self._on_exported)
        actions.exportFailed.connect(self._on_export_failed)
        actions.createFailed.connect(self._on_create_failed)
        actions.revoked.connect(self._on_revoked)
        actions.revokeFailed.connect(self._on_revoke_failed)

    # -- create ------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only

    def create(self) -> CreateKeyWizard | None:
        if self.read_only:
            return None
        return self._open_wizard()

    def rotate(self, key: ApiKey | None = None) -> CreateKeyWizard | None:
        if self.read_only:
            return None
        key = key or self.page.current_key()
        if key is None or key.revoked_at is not None:
            self._message(
                self.tr("Rotate a key"),
                self.tr("Select one active key in the table, then choose Rotate."),
            )
            return None
        self._rotating = key
        catalog_ids = {p.id for p in self.page.model.catalog.values()}
        return self._open_wizard(
            name=rotated_name(key.name),
            permissions=[p for p in key.permissions if p in catalog_ids],
            title=self.tr("Rotate “%1”").replace("%1", isolate(key.name)),
        )

    def _open_wizard(
        self, *, name: str = "", permissions: Sequence[str] = (), title: str | None = None
    ) -> CreateKeyWizard | None:
        if self.copy_dialog is not None:
            # A key is waiting to be copied: nothing else starts until it is.
            self.copy_dialog.raise_()
            self.copy_dialog.activateWindow()
            return None
        if self.wizard is None and (self.actions.creating or self._recreate is not None):
            self._message(
                self.tr("Create key"),
                self.tr("A key is still being created. Try again when it's done."),
            )
            return None
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        catalog = list(self.page.model.catalog.values())
        wizard = CreateKeyWizard(
            catalog,
            self.page.model.names_in_use(),
            self.window,
            name=name,
            permissions=permissions,
            title=title,
        )
        wizard.createRequested.connect(self._start_create)
        wizard.finished.connect(self._on_wizard_finished)
        self.wizard = wizard
        wizard.open()
        self.wizardShown.emit(wizard)
        return wizard

    def _start_create(self, name: str, permissions: list[str]) -> None:
        if not self.actions.create(name, permissions) and self.wizard is not None:
            self.wizard.creation_failed(
                ApiError(self.tr("Another key is still being created. Try again in a moment."))
            )

    def _on_wizard_finished(self, result: int) -> None:
        wizard = self.wizard
        self.wizard = None
        if wizard is not None:
            wizard.deleteLater()
        if result != 1:  # cancelled: a rotation that never made its new key is no rotation
            self._rotating = None

    def _on_created(self, created: CreatedKey) -> None:
        self._recreating = False
        if self.wizard is not None:
            self.wizard.creation_succeeded()
        self.page.show_all_for(created.api_key.id)
        if created.secret is None:
            self._show_lost_secret(created.api_key)
            return
        note = ""
        rotating = self._rotating
        self._rotating = None
        if rotating is not None:
            self.actions.start_rotation(rotating.id, created.api_key.id)
            note = self.tr(ROTATE_NOTE)
        self._show_copy(created.secret, created.api_key.name, note)

    def _show_copy(self, secret: str, name: str, note: str) -> None:
        dialog = CopyKeyDialog(secret, name, self.clipboard, self.window, note=note)
        dialog.finished.connect(self._on_copy_finished)
        self.copy_dialog = dialog
        dialog.open()
        self.copyDialogShown.emit(dialog)

    def _on_copy_finished(self, _result: int) -> None:
        dialog = self.copy_dialog
        self.copy_dialog = None
        if dialog is not None:
            dialog.deleteLater()

    def _on_create_failed(self, error: ApiError) -> None:
        if self._recreating:
            self._recreating = False
            self._rotating = None
            self._message(
                self.tr("The new key wasn't created"),
                self.tr("The old key was revoked, but the new one wasn't created: %1").replace(
                    "%1", str(error)
                ),
                critical=True,
            )
        elif self.wizard is not None:
            self.wizard.creation_failed(error)

    # -- a create whose answer was lost ------------------------------------------------------

    def _show_lost_secret(self, key: ApiKey) -> None:
        # A rotation whose new key lost its value carries on with the key made instead.
        self._lost_rotation = self._rotating
        self._rotating = None
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
        box.buttonClicked.connect(
            lambda button, k=key: self._revoke_and_recreate(k) if button is recreate else None
        )
        self._hold(box)
        box.open()
        self.lostSecretShown.emit(box)

    def _revoke_and_recreate(self, key: ApiKey) -> None:
        if self.actions.revoking or self.actions.creating:
            self._message(
                self.tr("The key's value was lost"),
                self.tr("Another change is still running. Try again when it's done."),
            )
            return
        self._recreate = (key.name, list(key.permissions), self._lost_rotation)
        self._lost_rotation = None
        self.actions.revoke([key.id])

    # -- revoke ------------------------------------------------------------------------------

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
        if self.revoke_dialog is None and (self.actions.revoking or self._recreate is not None):
            self._message(
                self.tr("Revoke"), self.tr("A revoke is still running. Try again when it's done.")
            )
            return None
        if self.revoke_dialog is not None:
            self.revoke_dialog.raise_()
            return self.revoke_dialog
        dialog = RevokeDialog(keys, self.window)
        dialog.confirmed.connect(self._confirm_revoke)
        dialog.saveResultsRequested.connect(self._save_revoke_results)
        dialog.finished.connect(self._on_revoke_dialog_finished)
        self.revoke_dialog = dialog
        dialog.open()
        self.revokeDialogShown.emit(dialog)
        return dialog

    def _confirm_revoke(self, key_ids: list[str]) -> None:
        if not self.actions.revoke(key_ids) and self.revoke_dialog is not None:
            self.revoke_dialog.show_failure(
                ApiError(self.tr("Another revoke is still running. Try again in a moment."))
            )

    def _on_revoke_dialog_finished(self, _result: int) -> None:
        dialog = self.revoke_dialog
        self.revoke_dialog = None
        if dialog is not None:
            dialog.deleteLater()

    def _on_revoked(self, results: tuple[RevokeResult, ...]) -> None:
        if self.revoke_dialog is not None:
            self.revoke_dialog.show_results(results)
        self.page.refresh_details()
        if self.find_dialog is not None:
            self.find_dialog.refresh_after_revoke()
        if len(results) > 50:
            self.refreshNeeded.emit()
        if self._recreate is not None:
            name, permissions, rotating = self._recreate
            self._recreate = None
            self._rotating = rotating
            self.actions.forget_attempt()
            self._recreating = self.actions.create(name, permissions)

    def _on_revoke_failed(self, error: ApiError) -> None:
        if self.revoke_dialog is not None:
            self.revoke_dialog.show_failure(error)
        else:
            self._recreate = None
            self._message(self.tr("The key was not revoked"), str(error), critical=True)

    def _on_waiting_for_sign_in(self, what: str) -> None:
        text = self.tr("Your session has ended. Waiting for you to sign in again…")
        if what == "create" and self.wizard is not None:
            self.wizard.review_page.status.setText(text)
        elif what == "revoke" and self.revoke_dialog is not None:
            self.revoke_dialog.status.setText(text)
        elif what == "lookup" and self.find_dialog is not None:
            self.find_dialog.message.setText(text)

    # -- find by value ------------------------------------------------------------------

    def find(self) -> FindKeyDialog:
        if self.find_dialog is not None:
            self.find_dialog.show()
            self.find_dialog.raise_()
            self.find_dialog.activateWindow()
            return self.find_dialog
        dialog = FindKeyDialog(self.window, read_only=self.read_only)
        dialog.lookupRequested.connect(self._lookup)
        dialog.revokeRequested.connect(self.revoke)
        dialog.finished.connect(self._on_find_finished)
        self.find_dialog = dialog
        dialog.show()
        dialog.prefill_from_clipboard()
        self.findDialogShown.emit(dialog)
        return dialog

    def _lookup(self, probes: list[Probe]) -> None:
        self.actions.lookup([p.sha256 for p in probes])

    def _on_looked_up(self, results: list[tuple[str, ApiKey | None]]) -> None:
        if self.find_dialog is not None:
            self.find_dialog.show_results(results)

    def _on_lookup_failed(self, error: ApiError) -> None:
        if self.find_dialog is not None:
            self.find_dialog.show_failure(error)

    def _on_find_finished(self, _result: int) -> None:
        dialog = self.find_dialog
        self.find_dialog = None
        if dialog is not None:
            dialog.field.clear()
            dialog.deleteLater()

    # -- exports ---------------------------------------------------------------------------

    def export_keys(self) -> QFileDialog:
        keys = self.page.model.visible_keys()
        return self._ask_path(
            self.tr("Export keys as CSV"),
            "rakerone-api-keys.csv",
            lambda path: self.actions.export_keys(path, keys),
        )

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
        self.actions.export_events(path, key_id)

    def _save_revoke_results(self, text: str) -> None:
        rows = text.count("\r\n") - 1
        self._ask_path(
            self.tr("Save revoke results"),
            "rakerone-revoke-results.csv",
            lambda path: self.actions.export_text(path, text, rows),
        )

    def _ask_path(self, title: str, default_name: str, then: Callable[[str], None]) -> QFileDialog:
        parent = self.revoke_dialog or self.window
        dialog = QFileDialog(parent, title)
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("All files (*)")])
        dialog.selectFile(default_name)
        dialog.fileSelected.connect(then)
        dialog.finished.connect(self._on_file_dialog_finished)
        self.file_dialog = dialog
        dialog.open()
        self.fileDialogShown.emit(dialog)
        return dialog

    def _on_file_dialog_finished(self, _result: int) -> None:
        dialog = self.file_dialog
        self.file_dialog = None
        if dialog is not None:
            dialog.deleteLater()

    def _on_exported(self, path: str, rows: int) -> None:
        self.window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Saved %1 rows to %2").replace("%1", f"{rows:,}").replace("%2", path), 10_000
        )

    def _on_export_failed(self, path: str, reason: str) -> None:
        self._message(
            self.tr("The file wasn't saved"),
            self.tr("Couldn't write %1: %2").replace("%1", path).replace("%2", reason),
            critical=True,
        )

    # -- messages ----------------------------------------------------------------------------

    def _message(self, title: str, text: str, *, critical: bool = False) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setObjectName("flowMessageBox")
        box.setIcon(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        self._hold(box)
        box.open()
        self.messageShown.emit(box)
        return box

    def _hold(self, box: QMessageBox) -> None:
        self._boxes.add(box)
        box.finished.connect(lambda _r, b=box: self._release(b))

    def _release(self, box: QMessageBox) -> None:
        self._boxes.discard(box)
        box.deleteLater()

    def close_all(self) -> None:
        for dialog in (self.wizard, self.copy_dialog, self.revoke_dialog, self.find_dialog):
            if dialog is not None:
                dialog.hide()
        if self.copy_dialog is not None:
            self.copy_dialog.finish()
