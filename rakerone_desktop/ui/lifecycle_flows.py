"""The part-2 key actions the window asks for: Edit, Disable, Enable, Rotate on the server.

:class:`LifecycleFlows` builds the flows (:mod:`rakerone_desktop.flows.edit`,
:mod:`~rakerone_desktop.flows.disable`, :mod:`~rakerone_desktop.flows.rotate`)
with their views (:mod:`rakerone_desktop.ui.lifecycle_views`). Each action is
offered only when the server offers its feature; read-only mode refuses all.
A rotation's new key goes to the create flow's copy-once dialog (or, its
value lost on the way, to the same recovery as a lost create).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, CreatedKey, User
from rakerone_desktop.controllers.lifecycle import LifecycleController
from rakerone_desktop.flows.create import CreateFlow
from rakerone_desktop.flows.disable import DisableFlow
from rakerone_desktop.flows.edit import EditFlow
from rakerone_desktop.flows.rotate import RotateFlow
from rakerone_desktop.models.server_features import (
    KEY_DISABLE,
    KEY_METADATA,
    KEY_ROTATE,
    PART_ONE,
    ServerFeatures,
)
from rakerone_desktop.ui.flow_views import Messages
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.lifecycle_views import DisableDialogs, EditDialogs, RotateDialogs

if TYPE_CHECKING:
    from rakerone_desktop.ui.create_wizard import CreateKeyWizard
    from rakerone_desktop.ui.edit_key_dialog import EditKeyDialog
    from rakerone_desktop.ui.rotate_dialog import RotateKeyDialog


class LifecycleFlows(QObject):
    editDialogShown = Signal(object)  # EditKeyDialog
    rotateDialogShown = Signal(object)  # RotateKeyDialog
    questionShown = Signal(object)  # QMessageBox (disable a key in use?)
    saved = Signal(object)  # ApiKey
    editFailed = Signal(object)  # ApiError
    disabledChanged = Signal(object, bool)  # tuple[DisableResult, ...], disabled
    disableFailed = Signal(object)  # ApiError
    rotated = Signal(object)  # RotatedKey
    rotateFailed = Signal(object)  # ApiError

    def __init__(
        self,
        window: QWidget,
        page: KeysPage,
        controller: LifecycleController,
        messages: Messages,
        create_flow: CreateFlow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.controller = controller
        self.features: ServerFeatures = PART_ONE
        self.read_only = False
        self._create_flow = create_flow
        self._messages = messages

        self.edit_view = EditDialogs(window, page, messages, self)
        self.edit_flow = EditFlow(controller, self.edit_view, self)
        self.edit_view.flow = self.edit_flow
        self.edit_view.load_users = self.load_users
        self.edit_view.editDialogShown.connect(self.editDialogShown)
        self.edit_view.saved.connect(self.saved)
        self.edit_view.editFailed.connect(self.editFailed)

        self.disable_view = DisableDialogs(window, page, messages, self)
        self.disable_flow = DisableFlow(controller, self.disable_view, self)
        self.disable_view.flow = self.disable_flow
        self.disable_view.questionShown.connect(self.questionShown)
        self.disable_view.changed.connect(self.disabledChanged)
        self.disable_view.disableFailed.connect(self.disableFailed)

        self.rotate_view = RotateDialogs(window, messages, self)
        self.rotate_flow = RotateFlow(controller, self.rotate_view, self)
        self.rotate_view.flow = self.rotate_flow
        self.rotate_view.rotateDialogShown.connect(self.rotateDialogShown)
        self.rotate_view.rotated.connect(self.rotated)
        self.rotate_view.rotateFailed.connect(self.rotateFailed)
        self.rotate_flow.delivered.connect(self._deliver)

    @property
    def edit_dialog(self) -> EditKeyDialog | None:
        return self.edit_view.dialog.dialog

    @property
    def rotate_dialog(self) -> RotateKeyDialog | None:
        return self.rotate_view.dialog.dialog

    def set_server_features(self, features: ServerFeatures) -> None:
        self.features = features
        self.edit_view.features = features

    def can(self, feature: str) -> bool:
        return not self.read_only and self.features.offers(feature)

    # -- what the window asks for ------------------------------------------------------

    def edit(self, key: ApiKey | None = None) -> EditKeyDialog | None:
        if not self.can(KEY_METADATA):
            return None
        self.edit_flow.open(key or self.page.current_key())
        return self.edit_dialog

    def disable(self, keys: Sequence[ApiKey] | None = None) -> bool:
        if not self.can(KEY_DISABLE):
            return False
        chosen = list(keys) if keys is not None else self.page.selected_keys()
        if not self.disable_flow.disable(chosen):
            self._nothing_to_do(self.tr("Disable"), self.tr("Select one or more active keys."))
            return False
        return True

    def enable(self, keys: Sequence[ApiKey] | None = None) -> bool:
        if not self.can(KEY_DISABLE):
            return False
        chosen = list(keys) if keys is not None else self.page.selected_keys()
        if not self.disable_flow.enable(chosen):
            self._nothing_to_do(self.tr("Enable"), self.tr("Select one or more disabled keys."))
            return False
        return True

    def disable_ids(self, key_ids: Sequence[str | ApiKey]) -> bool:
        return self.disable(self._keys(key_ids))

    def enable_ids(self, key_ids: Sequence[str | ApiKey]) -> bool:
        return self.enable(self._keys(key_ids))

    def _keys(self, key_ids: Sequence[str | ApiKey]) -> list[ApiKey]:
        """The keys as the table has them now (ids, or keys as someone last saw them)."""
        keys = [self.page.model.key_by_id(k if isinstance(k, str) else k.id) for k in key_ids]
        return [k for k in keys if k is not None]

    def _nothing_to_do(self, title: str, text: str) -> None:
        if self.disable_flow.state.value == "idle":
            self._messages.show(title, text)

    def rotate(self, key: ApiKey | None = None) -> RotateKeyDialog | None:
        """Rotate on the server; False when it doesn't offer it (the part-1 flow stays)."""
        if not self.can(KEY_ROTATE):
            return None
        if self._create_flow.state.value != "idle":
            self._messages.show(
                self.tr("Rotate a key"),
                self.tr("A new key is still being made or shown. Try again when it's done."),
            )
            return None
        self.rotate_flow.open(key or self.page.current_key())
        return self.rotate_dialog

    def _deliver(self, created: CreatedKey, _old: ApiKey) -> None:
        self.page.show_all_for(created.api_key.id)
        self._create_flow.deliver_rotated(created)

    # -- the organization's people, for the owner fields ----------------------------------

    def load_users(
        self, done: Callable[[list[User]], None], failed: Callable[[ApiError], None]
    ) -> None:
        call = self.controller.list_users()
        call.succeeded.connect(done)
        call.failed.connect(failed)

    def attach_wizard(self, wizard: CreateKeyWizard) -> None:
        """A create wizard that shows the owner field: fill it in the background."""
        if self.features.offers(KEY_METADATA):
            self.load_users(wizard.set_users, wizard.users_failed)

    def close_all(self) -> None:
        for dialog in (self.edit_dialog, self.rotate_dialog):
            if dialog is not None:
                dialog.hide()
