"""The details of the selected key: hint, permissions, provenance, activity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.models import timefmt
from rakerone_desktop.ui.lazy import BuiltOnFirstUse
from rakerone_desktop.ui.text import isolate, plain_tooltip

if TYPE_CHECKING:
    from rakerone_desktop.api.models import ApiKey, Event, EventPage, Permission


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


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
        self._cursor: str | None = None
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
        self.title = _plain()
        self.title.setProperty("role", "pageTitle")
        self.title.setAccessibleName(self.tr("Key name"))
        self.status = _plain()
        self.status.setProperty("role", "hint")
        self.hint = _plain()
        self.created = _plain()
        self.last_used = _plain()
        self.last_used_ip = _plain()
        self.last_used_ua = _plain()
        self.revoked = _plain()
        # Part 2 (key lifecycle): rows shown only for a key a part-2 server sent.
        self.expires = _plain()
        self.expires.setObjectName("detailsExpires")
        self.lifecycle = _plain()  # disabled by/at, expired
        self.lifecycle.setObjectName("detailsStatus")
        self.owner = _plain()
        self.owner.setObjectName("detailsOwner")
        self.tags = _plain()
        self.tags.setObjectName("detailsTags")
        self.description = _plain()
        self.description.setObjectName("detailsDescription")
        self.exposure = _plain()  # plain text: the URL is shown, never a link
        self.exposure.setObjectName("detailsExposure")
        self.permissions = _plain()
        self.permissions.setAccessibleName(self.tr("Permissions"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for text, widget in (
            (self.tr("Hint"), self.hint),
            (self.tr("Created"), self.created),
            (self.tr("Last used"), self.last_used),
            (self.tr("From IP"), self.last_used_ip),
            (self.tr("User agent"), self.last_used_ua),
            (self.tr("Revoked"), self.revoked),
            (self.tr("Expires"), self.expires),
            (self.tr("Status"), self.lifecycle),
            (self.tr("Owner"), self.owner),
            (self.tr("Tags"), self.tags),
            (self.tr("Description"), self.description),
            (self.tr("Exposure"), self.exposure),
        ):
            label = QLabel(text)
            label.setProperty("role", "detailKey")
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            form.addRow(label, widget)
        self._form = form

        perms_title = QLabel(self.tr("Permissions"))
        perms_title.setProperty("role", "sectionTitle")
        activity_title = QLabel(self.tr("Recent activity"))
        activity_title.setProperty("role", "sectionTitle")
        self.events = QListWidget()
        self.events.setObjectName("eventsList")
        self.events.setAccessibleName(self.tr("Recent activity"))
        self.events.setWordWrap(True)
        self.events.setAlternatingRowColors(True)
        self.events.setMinimumHeight(160)
        self.events_status = QLabel()
        self.events_status.setProperty("role", "hint")
        self.events_status.setTextFormat(Qt.TextFormat.PlainText)
        self.more_button = QPushButton(self.tr("Load more activity"))
        self.more_button.hide()
        self.export_button = QPushButton(self.tr("Export activity…"))
        self.export_button.setObjectName("exportActivityButton")
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
        inner.addWidget(self.title)
        inner.addWidget(self.status)
        inner.addLayout(form)
        inner.addWidget(perms_title)
        inner.addWidget(self.permissions)
        inner.addWidget(activity_title)
        inner.addWidget(self.events, 1)
        inner.addWidget(self.events_status)
        inner.addWidget(self.more_button)
        inner.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
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
        self.edit_button.clicked.connect(lambda: self._emit_for(self.editRequested))
        self.disable_button.clicked.connect(lambda: self._emit_for(self.disableRequested))
        self.enable_button.clicked.connect(lambda: self._emit_for(self.enableRequested))

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
        self.title.setText(key.name)
        self.status.setText(
            {
                "revoked": self.tr("Revoked"),
                "disabled": self.tr("Disabled"),
                "expired": self.tr("Expired"),
            }.get(key.lifecycle_status, self.tr("Active"))
        )
        self.hint.setText(key.hint)
        self.created.setText(
            self.tr("%1 by %2")
            .replace("%1", timefmt.local_time(key.created_at))
            .replace("%2", isolate(key.created_by.name))
        )
        if key.last_used_at is None:
            self.last_used.setText(timefmt.never())
        else:
            self.last_used.setText(
                f"{timefmt.local_time(key.last_used_at)}\n{timefmt.utc_time(key.last_used_at)}"
            )
        self.last_used_ip.setText(key.last_used_ip or "—")
        self.last_used_ua.setText(key.last_used_user_agent or "—")
        if key.revoked_at is not None:
            by = key.revoked_by.name if key.revoked_by else "?"
            self.revoked.setText(
                self.tr("%1 by %2")
                .replace("%1", timefmt.local_time(key.revoked_at))
                .replace("%2", isolate(by))
            )
        self._form.setRowVisible(self.revoked, key.revoked_at is not None)
        self._show_lifecycle(key)
        if key.permissions:
            lines = []
            for pid in key.permissions:
                perm = catalog.get(pid)
                if perm is None:
                    lines.append(f"• {pid}")
                else:
                    warn = "  ⚠" if perm.impersonation else ""
                    lines.append(f"• {perm.label}{warn} — {perm.description}")
            self.permissions.setText("\n".join(lines))
        else:
            self.permissions.setText(self.tr("No permissions"))
        self.set_read_only(self._read_only)
        if changed:
            self.events.clear()
            self._cursor = None
            self.more_button.hide()
            self.events_status.setText(self.tr("Loading activity…"))

    def _show_lifecycle(self, key: ApiKey) -> None:
        """Expiry, status, owner, tags, description and exposure of a part-2 key."""
        part_two = key.status is not None
        form = self._form
        if part_two:
            if key.expires_at is None:
                expires = self.tr("Never")
            else:
                expires = (
                    f"{timefmt.local_time(key.expires_at)}\n{timefmt.utc_time(key.expires_at)}"
                )
            if self._rotated:
                expires += "\n" + self.tr("Rotated: this key stops working then.")
            self.expires.setText(expires)
            status = key.lifecycle_status
            if status == "disabled":
                by = key.disabled_by.name if key.disabled_by else "?"
                when = timefmt.local_time(key.disabled_at) if key.disabled_at else "?"
                self.lifecycle.setText(
                    self.tr("Disabled %1 by %2").replace("%1", when).replace("%2", isolate(by))
                )
            elif status == "expired":
                self.lifecycle.setText(self.tr("Expired"))
            self.owner.setText(isolate(key.owner.name) if key.owner else self.tr("Nobody"))
            self.tags.setText(", ".join(key.tags))
            self.description.setText(key.description)
            report = key.exposure
            if report is not None:
                text = self.tr("Reported exposed on %1 by %2").replace(
                    "%1", timefmt.local_time(report.reported_at)
                )
                scanner = {"github": self.tr("GitHub secret scanning")}.get(
                    report.source.casefold(), report.source
                )
                text = text.replace("%2", scanner)
                if report.url:
                    text = (
                        self.tr("Reported exposed on %1 at %3 by %2")
                        .replace("%1", timefmt.local_time(report.reported_at))
                        .replace("%3", report.url)
                        .replace("%2", scanner)
                    )
                automatic = key.disabled_by is None or key.disabled_at == report.reported_at
                if status == "disabled" and automatic:
                    text += self.tr("; disabled automatically")
                elif status == "disabled":
                    text += self.tr("; disabled")
                elif status == "revoked":
                    text += self.tr("; revoked")
                self.exposure.setText(text)
        status = key.lifecycle_status
        form.setRowVisible(self.expires, part_two and status != "revoked")
        form.setRowVisible(self.lifecycle, part_two and status in ("disabled", "expired"))
        form.setRowVisible(self.owner, part_two)
        form.setRowVisible(self.tags, part_two and bool(key.tags))
        form.setRowVisible(self.description, part_two and bool(key.description))
        form.setRowVisible(self.exposure, part_two and key.exposure is not None)

    def set_rotated(self, rotated: bool) -> None:
        """The key shown was rotated on the server (its expiry is its grace period's end)."""
        self._rotated = rotated

    def show_events(self, key_id: str, page: EventPage, append: bool = False) -> None:
        if self._key is None or self._key.id != key_id:
            return
        if not append:
            self.events.clear()
        for event in page.items:
            self.events.addItem(self._event_item(event))
        self._cursor = page.next_cursor
        self.more_button.setVisible(page.next_cursor is not None)
        count = self.events.count()
        self.events_status.setText(self.tr("No activity yet.") if count == 0 else "")
        self.events_status.setVisible(count == 0)

    def show_events_error(self, key_id: str, error: object) -> None:
        if self._key is None or self._key.id != key_id:
            return
        from rakerone_desktop.api.errors import ApiError

        message = error.message if isinstance(error, ApiError) else str(error)
        self.events_status.setText(
            self.tr("Activity couldn't be loaded: %1").replace("%1", message)
        )
        self.events_status.show()

    def _event_item(self, event: Event) -> QListWidgetItem:
        what = event.summary or event.action
        who = isolate(event.actor.name)
        where = f" · {event.ip}" if event.ip else ""
        when = timefmt.local_time(event.at)
        # QListWidgetItem text is always plain; the tooltip is escaped.
        item = QListWidgetItem(f"{what}\n{when} · {who}{where}")
        item.setData(Qt.ItemDataRole.UserRole, event.id)
        item.setToolTip(
            plain_tooltip(
                f"{event.action}\n{timefmt.utc_time(event.at)}\n"
                f"{event.actor.kind}: {event.actor.name}{where}"
            )
        )
        return item

    def _more(self) -> None:
        if self._key is not None and self._cursor:
            self.moreEventsRequested.emit(self._key.id, self._cursor)

    def _export(self) -> None:
        if self._key is not None:
            self.exportRequested.emit(self._key.id)

    def _revoke(self) -> None:
        if self._key is not None:
            self.revokeRequested.emit(self._key.id)
