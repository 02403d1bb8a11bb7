"""The details pane's facts about one key: name, status, the form, permissions.

Its texts are the details pane's (translated in the ``DetailsPane`` context)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from rakerone_desktop.domain.exposure import found_on_github
from rakerone_desktop.models import timefmt
from rakerone_desktop.ui.text import isolate

if TYPE_CHECKING:
    from rakerone_desktop.api.models import ApiKey, Permission


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


class KeyInfoSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label()
        self.title.setProperty("role", "pageTitle")
        self.title.setAccessibleName(QCoreApplication.translate("DetailsPane", "Key name"))
        self.status = plain_label()
        self.status.setProperty("role", "hint")
        self.hint = plain_label()
        self.created = plain_label()
        self.last_used = plain_label()
        self.last_used_ip = plain_label()
        self.last_used_ua = plain_label()
        self.revoked = plain_label()
        # Part 2 (key lifecycle): rows shown only for a key a part-2 server sent.
        self.expires = plain_label()
        self.expires.setObjectName("detailsExpires")
        self.lifecycle = plain_label()  # disabled by/at, expired
        self.lifecycle.setObjectName("detailsStatus")
        self.owner = plain_label()
        self.owner.setObjectName("detailsOwner")
        self.tags = plain_label()
        self.tags.setObjectName("detailsTags")
        self.description = plain_label()
        self.description.setObjectName("detailsDescription")
        self.exposure = plain_label()  # plain text: the URL is shown, never a link
        self.exposure.setObjectName("detailsExposure")
        self.permissions = plain_label()
        self.permissions.setAccessibleName(QCoreApplication.translate("DetailsPane", "Permissions"))

        # A grid, not a QFormLayout: QFormLayout sizes a wrapped value's row for the
        # width the row had before (a scroll bar appearing, the splitter moving), so
        # the value's last line was cut off.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        self._row_labels: dict[QWidget, QLabel] = {}
        for row, (text, widget) in enumerate(
            (
                (QCoreApplication.translate("DetailsPane", "Hint"), self.hint),
                (QCoreApplication.translate("DetailsPane", "Created"), self.created),
                (QCoreApplication.translate("DetailsPane", "Last used"), self.last_used),
                (QCoreApplication.translate("DetailsPane", "From IP"), self.last_used_ip),
                (QCoreApplication.translate("DetailsPane", "User agent"), self.last_used_ua),
                (QCoreApplication.translate("DetailsPane", "Revoked"), self.revoked),
                (QCoreApplication.translate("DetailsPane", "Expires"), self.expires),
                (QCoreApplication.translate("DetailsPane", "Status"), self.lifecycle),
                (QCoreApplication.translate("DetailsPane", "Owner"), self.owner),
                (QCoreApplication.translate("DetailsPane", "Tags"), self.tags),
                (QCoreApplication.translate("DetailsPane", "Description"), self.description),
                (QCoreApplication.translate("DetailsPane", "Exposure"), self.exposure),
            )
        ):
            label = QLabel(text)
            label.setProperty("role", "detailKey")
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            form.addWidget(label, row, 0, top)
            form.addWidget(widget, row, 1)
            self._row_labels[widget] = label
        self._form = form
        perms_title = QLabel(QCoreApplication.translate("DetailsPane", "Permissions"))
        perms_title.setProperty("role", "sectionTitle")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(perms_title)
        layout.addWidget(self.permissions)

    def _set_row_visible(self, value: QWidget, visible: bool) -> None:
        self._row_labels[value].setVisible(visible)
        value.setVisible(visible)

    def show_key(self, key: ApiKey, catalog: Mapping[str, Permission], rotated: bool) -> None:
        self.title.setText(key.name)
        self.status.setText(
            {
                "revoked": QCoreApplication.translate("DetailsPane", "Revoked"),
                "disabled": QCoreApplication.translate("DetailsPane", "Disabled"),
                "expired": QCoreApplication.translate("DetailsPane", "Expired"),
            }.get(key.lifecycle_status, QCoreApplication.translate("DetailsPane", "Active"))
        )
        self.hint.setText(key.hint)
        self.created.setText(
            QCoreApplication.translate("DetailsPane", "%1 by %2")
            .replace("%1", timefmt.local_time(key.created_at))
            .replace("%2", isolate(key.created_by.name))
        )
        if key.last_used_at is None:
            self.last_used.setText(timefmt.never())
        else:
            self.last_used.setText(timefmt.local_and_utc(key.last_used_at))
        self.last_used_ip.setText(key.last_used_ip or "—")
        self.last_used_ua.setText(key.last_used_user_agent or "—")
        if key.revoked_at is not None:
            by = key.revoked_by.name if key.revoked_by else "?"
            self.revoked.setText(
                QCoreApplication.translate("DetailsPane", "%1 by %2")
                .replace("%1", timefmt.local_time(key.revoked_at))
                .replace("%2", isolate(by))
            )
        self._set_row_visible(self.revoked, key.revoked_at is not None)
        self._show_lifecycle(key, rotated)
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
            self.permissions.setText(QCoreApplication.translate("DetailsPane", "No permissions"))

    def _show_lifecycle(self, key: ApiKey, rotated: bool) -> None:
        """Expiry, status, owner, tags, description and exposure of a part-2 key."""
        part_two = key.status is not None
        if part_two:
            if key.expires_at is None:
                expires = QCoreApplication.translate("DetailsPane", "Never")
            else:
                expires = timefmt.local_and_utc(key.expires_at)
            if rotated:
                expires += "\n" + QCoreApplication.translate(
                    "DetailsPane", "Rotated: this key stops working then."
                )
            self.expires.setText(expires)
            status = key.lifecycle_status
            if status == "disabled":
                by = key.disabled_by.name if key.disabled_by else "?"
                when = timefmt.local_time(key.disabled_at) if key.disabled_at else "?"
                self.lifecycle.setText(
                    QCoreApplication.translate("DetailsPane", "Disabled %1 by %2")
                    .replace("%1", when)
                    .replace("%2", isolate(by))
                )
            elif status == "expired":
                self.lifecycle.setText(QCoreApplication.translate("DetailsPane", "Expired"))
            self.owner.setText(
                isolate(key.owner.name)
                if key.owner
                else QCoreApplication.translate("DetailsPane", "Nobody")
            )
            self.tags.setText(", ".join(key.tags))
            self.description.setText(key.description)
            if key.exposure is not None:
                self.exposure.setText(self._exposure_text(key))
        status = key.lifecycle_status
        self._set_row_visible(self.expires, part_two and status != "revoked")
        self._set_row_visible(self.lifecycle, part_two and status in ("disabled", "expired"))
        self._set_row_visible(self.owner, part_two)
        self._set_row_visible(self.tags, part_two and bool(key.tags))
        self._set_row_visible(self.description, part_two and bool(key.description))
        self._set_row_visible(self.exposure, part_two and key.exposure is not None)

    @staticmethod
    def _exposure_text(key: ApiKey) -> str:
        report = key.exposure
        assert report is not None
        status = key.lifecycle_status
        text = QCoreApplication.translate("DetailsPane", "Reported exposed on %1 by %2").replace(
            "%1", timefmt.local_time(report.reported_at)
        )
        scanner = (
            QCoreApplication.translate("DetailsPane", "GitHub secret scanning")
            if found_on_github(report.url, report.source)
            else report.source
        )
        text = text.replace("%2", scanner)
        if report.url:
            text = (
                QCoreApplication.translate("DetailsPane", "Reported exposed on %1 at %3 by %2")
                .replace("%1", timefmt.local_time(report.reported_at))
                .replace("%3", report.url)
                .replace("%2", scanner)
            )
        # Disabled by the report's policy: at the moment of the report (the server
        # applies it in the same write; seconds may be rounded apart).
        automatic = key.disabled_by is None or (
            key.disabled_at is not None
            and abs((key.disabled_at - report.reported_at).total_seconds()) <= 5
        )
        if status == "disabled" and automatic:
            text += QCoreApplication.translate("DetailsPane", "; disabled automatically")
        elif status == "disabled":
            text += QCoreApplication.translate("DetailsPane", "; disabled")
        elif status == "revoked":
            text += QCoreApplication.translate("DetailsPane", "; revoked")
        return text
