"""The details of the selected key: hint, permissions, provenance, activity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.ui.activity_list import ActivityList
from rakerone_desktop.ui.key_info import KeyInfoSection
from rakerone_desktop.ui.lazy import BuiltOnFirstUse

if TYPE_CHECKING:
    from rakerone_desktop.api.models import ApiKey, EventPage, Permission


class DetailsPane(BuiltOnFirstUse, QFrame):
    revokeRequested = Signal(str)
    editRequested = Signal(str)
    disableRequested = Signal(str)
    enableRequested = Signal(str)
    exportRequested = Signal(str)
    moreEventsRequested = Signal(str, str)  # key id, cursor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.setAccessibleName(self.tr("Key details"))
        self.setMinimumWidth(300)
        self._key: ApiKey | None = None
        self._read_only = False
        # Part 2 (set from what the server offers): edit, disable/enable.
        self.offers_edit = False
        self.offers_disable = False
        self._rotated = False

        self.placeholder = QLabel(self.tr("Select a key to see its details."))
        self.placeholder.setProperty("role", "hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.addWidget(self.placeholder)
        # The rest is built when the first key is shown: until then there is
        # nothing to show but the placeholder, and the first paint is sooner.
        self.parts_pending()

    def _build_parts(self) -> None:
        self.info = KeyInfoSection()
        info = self.info
        self.title = info.title
        self.status = info.status
        self.hint = info.hint
        self.created = info.created
        self.last_used = info.last_used
        self.last_used_ip = info.last_used_ip
        self.last_used_ua = info.last_used_ua
        self.revoked = info.revoked
        self.expires = info.expires
        self.lifecycle = info.lifecycle
        self.owner = info.owner
        self.tags = info.tags
        self.description = info.description
        self.exposure = info.exposure
        self.permissions = info.permissions
        self.activity = ActivityList()
        self.events = self.activity.events
        self.events_status = self.activity.events_status
        self.more_button = self.activity.more_button
        self.export_button = self.activity.export_button
        self.revoke_button = QPushButton(self.tr("Revoke key…"))
        self.revoke_button.setObjectName("detailsRevokeButton")
        self.revoke_button.setProperty("role", "destructive")
        self.edit_button = QPushButton(self.tr("&Edit key…"))
        self.edit_button.setObjectName("editKeyButton")
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.disable_button.setObjectName("disableKeyButton")
        self.disable_button.setToolTip(self.tr("Stop the key at once; Enable undoes it"))
        self.enable_button = QPushButton(self.tr("E&nable"))
        self.enable_button.setObjectName("enableKeyButton")
        actions = QHBoxLayout()
        for button in (self.edit_button, self.disable_button, self.enable_button):
            actions.addWidget(button)
            button.hide()
        actions.addStretch(1)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(info)
        inner.addWidget(self.activity, 1)
        inner.addLayout(actions)
        inner.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.hide()
        self._layout.addWidget(scroll, 1)
        self._scroll = scroll
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.more_button.clicked.connect(self._more)
        self.export_button.clicked.connect(self._export)
        self.revoke_button.clicked.connect(self._revoke)
        self.edit_button.clicked.connect(self._edit)
        self.disable_button.clicked.connect(self._disable)
        self.enable_button.clicked.connect(self._enable)

    def _edit(self) -> None:
        self._emit_for(self.editRequested)

    def _disable(self) -> None:
        self._emit_for(self.disableRequested)

    def _enable(self) -> None:
        self._emit_for(self.enableRequested)

    def _emit_for(self, signal: object) -> None:
        if self._key is not None:
            signal.emit(self._key.id)  # type: ignore[attr-defined]

    def set_offers(self, *, edit: bool, disable: bool) -> None:
        """Show Edit / Disable / Enable only when the server offers them."""
        self.offers_edit = edit
        self.offers_disable = disable
        self.set_read_only(self._read_only)

    @property
    def key(self) -> ApiKey | None:
        return self._key

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if not self.is_built:
            return
        key = self._key
        live = not read_only and key is not None and key.revoked_at is None
        self.revoke_button.setVisible(live)
        usable = key is not None and key.status in (None, "active")
        disabled = key is not None and key.status == "disabled"
        editable = key is not None and key.status != "expired"
        self.edit_button.setVisible(live and self.offers_edit and editable)
        self.disable_button.setVisible(live and self.offers_disable and usable)
        self.enable_button.setVisible(live and self.offers_disable and disabled)

    def show_key(self, key: ApiKey | None, catalog: Mapping[str, Permission]) -> None:
        changed = key is None or self._key is None or key.id != self._key.id
        self._key = key
        self.placeholder.setVisible(key is None)
        if key is None:
            if self.is_built:
                self._scroll.hide()
            return
        self.ensure_built()
        self._scroll.show()
        self.info.show_key(key, catalog, self._rotated)
        self.set_read_only(self._read_only)
        if changed:
            self.activity.reset()

    def set_rotated(self, rotated: bool) -> None:
        """The key shown was rotated on the server (its expiry is its grace period's end)."""
        self._rotated = rotated

    def show_events(self, key_id: str, page: EventPage, append: bool = False) -> None:
        if self._key is None or self._key.id != key_id:
            return
        self.activity.show_page(page, append)

    def show_events_error(self, key_id: str, error: object) -> None:
        if self._key is None or self._key.id != key_id:
            return
        from rakerone_desktop.api.errors import ApiError

        message = error.message if isinstance(error, ApiError) else str(error)
        self.activity.show_error(message)

    def _more(self) -> None:
        if self._key is not None and self.activity.next_cursor:
            self.moreEventsRequested.emit(self._key.id, self.activity.next_cursor)

    def _export(self) -> None:
        if self._key is not None:
            self.exportRequested.emit(self._key.id)

    def _revoke(self) -> None:
        if self._key is not None:
            self.revokeRequested.emit(self._key.id)
