"""Edit key…: name, description, owner, tags, an earlier expiry, fewer permissions.

Save (``saveRequested``) carries only the fields that differ from the key as
the server last said. The dialog stays open with everything typed until the
server answers; on ``412`` it shows the current values beside the person's
(:meth:`show_conflict`) and Save goes over the new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.models import ApiKey, Permission, User
from rakerone_desktop.models.server_features import KEY_EXPIRY, KEY_METADATA, ServerFeatures
from rakerone_desktop.ui.answer_footer import AnswerFooter
from rakerone_desktop.ui.create_wizard import name_problem
from rakerone_desktop.ui.key_fields import (
    DescriptionField,
    ExpiryField,
    OwnerField,
    TagsField,
    description_problem,
    error_label,
    show_error,
)
from rakerone_desktop.ui.labels import wrapped_label

NARROW_ONLY = "Permissions can only be removed. Create a new key to grant more."


class EditKeyDialog(QDialog):
    saveRequested = Signal(dict)  # the changed fields, as ``update_key`` takes them

    def __init__(
        self,
        key: ApiKey,
        catalog: Mapping[str, Permission],
        features: ServerFeatures,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editKeyDialog")
        self.setWindowTitle(self.tr("Edit key"))
        self.setAccessibleName(self.tr("Edit key"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(560)
        self.key = key
        self.busy = False
        self.inactive = False  # revoked or expired meanwhile: nothing can be saved
        self._metadata = features.offers(KEY_METADATA)
        self._expiry = features.offers(KEY_EXPIRY)

        self.name_field = QLineEdit(key.name)
        self.name_field.setObjectName("keyNameField")
        self.name_field.setAccessibleName(self.tr("Name"))
        self.name_error = error_label("keyNameError")
        self.description = DescriptionField(key.description)
        self.description_error = error_label("keyDescriptionError")
        self.owner = OwnerField(key.owner)
        self.owner_error = error_label("keyOwnerError")
        self.tags = TagsField(key.tags)
        self.tags_error = error_label("keyTagsError")
        self.expiry = ExpiryField(features.policy, editing=True, current=key.expires_at)

        form = QFormLayout()
        rows: list[tuple[str, QWidget, QLabel | None]] = [
            (self.tr("&Name"), self.name_field, self.name_error)
        ]
        if self._metadata:
            rows += [
                (self.tr("&Description"), self.description, self.description_error),
                (self.tr("&Owner"), self.owner, self.owner_error),
                (self.tr("&Tags"), self.tags, self.tags_error),
            ]
        if self._expiry:
            rows.append((self.tr("E&xpires"), self.expiry, None))
        for text, field, error in rows:
            label = QLabel(text)
            label.setBuddy(self.expiry.choice if field is self.expiry else field)
            form.addRow(label, field)
            if error is not None:
                form.addRow("", error)
            if field is self.owner:
                form.addRow("", self.owner.status)

        self.checkboxes: dict[str, QCheckBox] = {}
        perms = QGroupBox(self.tr("Permissions"))
        perms_layout = QVBoxLayout(perms)
        perms_layout.addWidget(wrapped_label(self.tr(NARROW_ONLY), "hint"))
        for perm in catalog.values():
            check = QCheckBox(perm.label.replace("&", "&&"))
            check.setObjectName(f"permission:{perm.id}")
            check.setAccessibleDescription(perm.description)
            check.setChecked(perm.id in key.permissions)
            perms_layout.addWidget(check)
            self.checkboxes[perm.id] = check
        self._catalog = dict(catalog)
        self._set_granted(key)
        self.permissions_error = error_label("keyPermissionsError")
        perms_layout.addWidget(self.permissions_error)
        perms_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(perms)
        scroll.setMinimumHeight(160)

        self.conflict = wrapped_label("", "fieldWarning")
        self.conflict.setObjectName("editConflictMessage")
        self.conflict.hide()
        self.current_values = wrapped_label("")
        self.current_values.setObjectName("editConflictCurrent")
        self.current_values.setAccessibleName(self.tr("The key's current values"))
        self.current_values.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current_values.hide()
        self.footer = AnswerFooter(
            self,
            action=self.tr("&Save"),
            action_name="saveKeyButton",
            error_name="editKeyError",
            on_action=self._save,
        )
        self.status = self.footer.status
        self.error = self.footer.error
        self.buttons = self.footer.buttons
        self.save_button = self.footer.action_button

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.conflict)
        layout.addWidget(self.current_values)
        self.footer.add_to(layout)
        for signal in (
            self.name_field.textChanged,
            self.description.textChanged,
            self.tags.textChanged,
            self.expiry.choice.currentIndexChanged,
            self.expiry.date.dateChanged,
        ):
            signal.connect(self._validate)
        self._validate()

    def _set_granted(self, key: ApiKey) -> None:
        """Only permissions the key has can be unticked; none can be added."""
        granted = set(key.permissions)
        for pid, check in self.checkboxes.items():
            has = pid in granted
            if not has:
                check.setChecked(False)
            elif not check.isEnabled():
                check.setChecked(True)
            check.setEnabled(has)

    def set_users(self, users: list[User]) -> None:
        self.owner.set_users(users)

    def users_failed(self, error: object) -> None:
        self.owner.users_failed(error)

    # -- checks and changes ------------------------------------------------------------

    def _problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if problem := name_problem(self.name_field.text()):
            found["name"] = problem
        if self._metadata:
            if problem := description_problem(self.description.toPlainText()):
                found["description"] = problem
            if problem := self.tags.problem():
                found["tags"] = problem
        if self._expiry and (problem := self.expiry.problem()):
            found["expires_at"] = problem
        return found

    def _validate(self, *_args: object) -> None:
        problems = self._problems()
        show_error(self.name_error, problems.get("name"))
        show_error(self.description_error, problems.get("description"))
        show_error(self.tags_error, problems.get("tags"))
        show_error(self.expiry.error, problems.get("expires_at"))
        self.save_button.setEnabled(not problems and not self.busy and not self.inactive)

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the key as the server last said."""
        key = self.key
        out: dict[str, Any] = {}
        name = self.name_field.text().strip()
        if name != key.name:
            out["name"] = name
        if self._metadata:
            if self.description.value() != key.description:
                out["description"] = self.description.value()
            owner = self.owner.value()
            if owner != (key.owner.id if key.owner else None):
                out["owner_id"] = owner
            tags = self.tags.value()
            if tags != list(key.tags):
                out["tags"] = tags
        ticked = [pid for pid in key.permissions if self._ticked(pid)]
        if ticked != list(key.permissions):
            out["permissions"] = ticked
        if self._expiry and not self.expiry.is_kept():
            value = self.expiry.value()
            if value is not None:
                out["expires_at"] = value
        return out

    def _ticked(self, pid: str) -> bool:
        check = self.checkboxes.get(pid)
        return check is None or check.isChecked()  # a permission outside the catalog stays

    def _save(self) -> None:
        if self.busy or self._problems():
            return
        changes = self.changes()
        if not changes:
            self.accept()  # nothing changed: nothing to send
            return
        self.set_busy(True)
        self.footer.hide_error()
        self.saveRequested.emit(changes)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.footer.set_busy(busy, self.tr("Saving…"))
        self._validate()

    # -- the server's answers -------------------------------------------------------------

    def show_failure(self, error: e.ApiError) -> None:
        """Say what happened, on its field if named; everything typed stays."""
        self.set_busy(False)
        if isinstance(error, e.ValidationError) and error.field_errors:
            landed = False
            for field, label in (
                ("name", self.name_error),
                ("description", self.description_error),
                ("owner_id", self.owner_error),
                ("tags", self.tags_error),
                ("expires_at", self.expiry.error),
                ("permissions", self.permissions_error),
            ):
                if message := error.message_for(field):
                    show_error(label, message)
                    landed = True
            if landed:
                return
        if isinstance(error, e.KeyInactiveError):
            message = self.tr(
                "This key was revoked or has expired, so it can't be edited any more. "
                "Nothing was changed."
            )
            self.footer.show_error(message, error.request_id)
        else:
            self.footer.show_error(str(error))

    def show_conflict(self, current: ApiKey | None, error: e.ApiError) -> None:
        """412: someone else changed the key. Show theirs beside ours; keep ours."""
        self.set_busy(False)
        text = self.tr(
            "Someone else changed this key after you opened it, so nothing was saved. Its "
            "current values are below; what you typed is still here. Save again to apply "
            "your changes to the current version, or Cancel."
        )
        if error.request_id:
            text += " " + self.tr("(request id %1)").replace("%1", error.request_id)
        self.conflict.setText(text)
        self.conflict.show()
        if current is None:
            self.current_values.setText(self.tr("The current values couldn't be read."))
        else:
            if current.revoked_at is not None or current.status == "expired":
                self.inactive = True
                self.conflict.setText(
                    text
                    + " "
                    + self.tr("The key is now revoked or expired, so it can't be edited any more.")
                )
            self.key = current
            self._set_granted(current)
            self.current_values.setText(self._describe(current))
        self.current_values.show()
        self._validate()

    def _describe(self, key: ApiKey) -> str:
        labels = [self._catalog[p].label if p in self._catalog else p for p in key.permissions]
        lines = [self.tr("Now on the server:"), self.tr("Name: %1").replace("%1", key.name)]
        if self._metadata:
            lines += [
                self.tr("Description: %1").replace("%1", key.description or "—"),
                self.tr("Owner: %1").replace("%1", key.owner.name if key.owner else "—"),
                self.tr("Tags: %1").replace("%1", ", ".join(key.tags) or "—"),
            ]
        if self._expiry:
            when = key.expires_at.astimezone().strftime("%Y-%m-%d %H:%M") if key.expires_at else ""
            lines.append(self.tr("Expires: %1").replace("%1", when or self.tr("Never")))
        lines.append(self.tr("Permissions: %1").replace("%1", ", ".join(labels) or "—"))
        return "\n".join(lines)

    def saved(self) -> None:
        self.set_busy(False)
        self.accept()

    def reject(self) -> None:
        if self.busy:
            return  # the answer is on its way
        super().reject()
