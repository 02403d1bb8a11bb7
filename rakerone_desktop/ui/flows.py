"""The one object the main window calls to change keys, and what it reports.

:class:`KeyFlows` builds the flows of :mod:`rakerone_desktop.flows` (create
and rotate, recover a lost create, revoke, find by value) with their views
(:mod:`rakerone_desktop.ui.flow_views`) and the exports
(:mod:`rakerone_desktop.ui.exports`), and says what they did in its signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.controllers.key_actions import KeyActionsController
from rakerone_desktop.controllers.lifecycle import LifecycleController
from rakerone_desktop.flows.create import CreateFlow, rotated_name
from rakerone_desktop.flows.find import FindFlow
from rakerone_desktop.flows.recover import RecoverFlow
from rakerone_desktop.flows.revoke import RevokeFlow
from rakerone_desktop.models.server_features import KEY_DISABLE, KEY_ROTATE, ServerFeatures
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.exports import ExportDialogs
from rakerone_desktop.ui.flow_views import (
    ROTATE_NOTE,
    CreateDialogs,
    FindDialogs,
    Messages,
    RevokeDialogs,
)
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.lifecycle_flows import LifecycleFlows

if TYPE_CHECKING:
    from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog
    from rakerone_desktop.ui.create_wizard import CreateKeyWizard
    from rakerone_desktop.ui.find_key_dialog import FindKeyDialog
    from rakerone_desktop.ui.revoke_dialog import RevokeDialog
    from rakerone_desktop.ui.rotate_dialog import RotateKeyDialog

__all__ = ["ROTATE_NOTE", "KeyFlows", "rotated_name"]


class KeyFlows(QObject):
    copyDialogShown = Signal(object)  # CopyKeyDialog
    wizardShown = Signal(object)  # CreateKeyWizard
    revokeDialogShown = Signal(object)  # RevokeDialog
    lostSecretShown = Signal(object)  # QMessageBox
    messageShown = Signal(object)  # QMessageBox
    findDialogShown = Signal(object)  # FindKeyDialog
    fileDialogShown = Signal(object)  # QFileDialog
    refreshNeeded = Signal()
    # What the flows did (for the window, tests and scripts):
    created = Signal(object)  # ApiKey
    createFailed = Signal(object)  # ApiError
    revoked = Signal(object)  # tuple[RevokeResult, ...]
    revokeFailed = Signal(object)  # ApiError
    lookedUp = Signal(object)  # list[(digest, ApiKey | None)]
    exported = Signal(str, int)  # path, rows written

    def __init__(
        self,
        window: QWidget,
        page: KeysPage,
        actions: KeyActionsController,
        clipboard: SecretClipboard,
        parent: QObject | None = None,
        *,
        lifecycle: LifecycleController | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.page = page
        self.actions = actions
        self.read_only = False
        self.messages = Messages(window, self)
        self.messages.shown.connect(self.messageShown)

        self.create_view = CreateDialogs(window, page, clipboard, self.messages, self)
        self.create_flow = CreateFlow(actions, self.create_view, self)
        self.recover_flow = RecoverFlow(actions, self.create_flow, self.create_view, self)
        self.create_view.flow = self.create_flow
        self.create_view.recover_flow = self.recover_flow
        self.create_view.wizardShown.connect(self.wizardShown)
        self.create_view.copyDialogShown.connect(self.copyDialogShown)
        self.create_view.lostSecretShown.connect(self.lostSecretShown)
        self.create_view.created.connect(self.created)
        self.create_view.createFailed.connect(self.createFailed)
        self.create_view.revoked.connect(self.revoked)
        self.create_view.revokeFailed.connect(self.revokeFailed)
        self.create_view.keysChanged.connect(self._on_keys_changed)

        self.revoke_view = RevokeDialogs(window, self.messages, self)
        self.revoke_flow = RevokeFlow(
            actions, self.revoke_view, self, busy_elsewhere=self.recover_flow.busy
        )
        self.revoke_view.flow = self.revoke_flow
        self.revoke_view.revokeDialogShown.connect(self.revokeDialogShown)
        self.revoke_view.revoked.connect(self.revoked)
        self.revoke_view.revokeFailed.connect(self.revokeFailed)
        self.revoke_view.keysChanged.connect(self._on_keys_changed)
        self.revoke_view.saveResultsRequested.connect(self._save_revoke_results)
        self.revoke_flow.refreshNeeded.connect(self.refreshNeeded)

        self.find_view = FindDialogs(window, self)
        self.find_flow = FindFlow(actions, self.find_view, self)
        self.find_view.flow = self.find_flow
        self.find_view.findDialogShown.connect(self.findDialogShown)
        self.find_view.lookedUp.connect(self.lookedUp)
        self.find_view.revokeRequested.connect(self.revoke)

        self.exports = ExportDialogs(window, actions, self.messages, self)
        self.exports.fileDialogShown.connect(self.fileDialogShown)
        self.exports.exported.connect(self.exported)

        # Part 2: edit, disable and enable, rotate on the server (when offered).
        self.lifecycle: LifecycleFlows | None = None
        if lifecycle is not None:
            self.lifecycle = LifecycleFlows(
                window, page, lifecycle, self.messages, self.create_flow, self
            )
            self.create_view.wizard_opened = self.lifecycle.attach_wizard
            self.find_view.disableRequested.connect(self.lifecycle.disable)
            self.lifecycle.disabledChanged.connect(self._on_keys_changed)
            self.lifecycle.rotated.connect(self._on_keys_changed)

    # -- the open dialogs ------------------------------------------------------------------

    @property
    def wizard(self) -> CreateKeyWizard | None:
        return self.create_view.wizard.dialog

    @property
    def copy_dialog(self) -> CopyKeyDialog | None:
        return self.create_view.copy.dialog

    @property
    def revoke_dialog(self) -> RevokeDialog | None:
        return self.revoke_view.dialog.dialog

    @property
    def find_dialog(self) -> FindKeyDialog | None:
        return self.find_view.dialog.dialog

    @property
    def file_dialog(self) -> QFileDialog | None:
        return self.exports.file.dialog

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.find_view.read_only = read_only
        if self.lifecycle is not None:
            self.lifecycle.read_only = read_only

    def set_server_features(self, features: ServerFeatures) -> None:
        """Offer what the server offers beyond part 1 (nothing more from a part-1 server)."""
        self.create_view.features = features
        self.find_view.offer_disable = self.lifecycle is not None and features.offers(KEY_DISABLE)
        if self.lifecycle is not None:
            self.lifecycle.set_server_features(features)

    def _offers(self, feature: str) -> bool:
        return self.lifecycle is not None and self.lifecycle.can(feature)

    # -- what the window asks for --------------------------------------------------------------

    def create(self) -> CreateKeyWizard | None:
        if self.read_only:
            return None
        self.create_flow.open()
        return self.wizard

    def rotate(self, key: ApiKey | None = None) -> CreateKeyWizard | RotateKeyDialog | None:
        if self.read_only:
            return None
        if self.lifecycle is not None and self._offers(KEY_ROTATE):
            return self.lifecycle.rotate(key)
        catalog_ids = {p.id for p in self.page.model.catalog.values()}
        self.create_flow.rotate(key or self.page.current_key(), catalog_ids)
        return self.wizard

    def revoke_selected(self) -> RevokeDialog | None:
        keys = [k for k in self.page.selected_keys() if k.revoked_at is None]
        if not keys:
            self.messages.show(
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
            self.messages.show(self.tr("Revoke"), self.tr("No active keys are shown."))
            return None
        dialog = self.revoke(keys)
        lifecycle = self.lifecycle if self._offers(KEY_DISABLE) else None
        if dialog is not None and lifecycle is not None and dialog.disable_button.isHidden():
            # In an incident, the reversible move is offered first.
            dialog.offer_disable_first()
            dialog.disableInsteadRequested.connect(lifecycle.disable)
        return dialog

    def revoke(self, keys: Sequence[ApiKey]) -> RevokeDialog | None:
        if not keys or self.read_only:
            return None
        self.revoke_flow.start(keys)
        return self.revoke_dialog

    def find(self) -> FindKeyDialog:
        self.find_flow.open()
        dialog = self.find_dialog
        assert dialog is not None
        return dialog

    def export_keys(self) -> QFileDialog:
        return self.exports.export_keys(self.page.model.visible_keys(), self.revoke_dialog)

    def export_activity(self, key: ApiKey | None = None) -> QFileDialog | None:
        return self.exports.export_activity(key or self.page.details.key, self.revoke_dialog)

    def _save_revoke_results(self, text: str) -> None:
        self.exports.save_revoke_results(text, self.revoke_dialog)

    def _on_keys_changed(self) -> None:
        self.page.refresh_details()
        self.find_view.refresh_after_revoke()

    def close_all(self) -> None:
        if self.lifecycle is not None:
            self.lifecycle.close_all()
        for dialog in (self.wizard, self.copy_dialog, self.revoke_dialog, self.find_dialog):
            if dialog is not None:
                dialog.hide()
        if self.copy_dialog is not None:
            self.copy_dialog.finish()
