"""The create-key wizard: Name the key, Pick its permissions, Review.

The wizard never talks to the server itself: Finish ("Create key") emits
``createRequested``; the app answers with :meth:`creation_failed` (the wizard
stays open with everything entered and says what happened, a 422 on the field
it names) or closes it on success. Names follow the server's rules, checked
here first: trimmed, 1 to 100 characters, no control or format characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.models import Permission, User
from rakerone_desktop.flows.create import KeyExtras
from rakerone_desktop.models.server_features import (
    KEY_EXPIRY,
    KEY_METADATA,
    PART_ONE,
    ServerFeatures,
)
from rakerone_desktop.ui.key_fields import (
    DescriptionField,
    ExpiryField,
    OwnerField,
    TagsField,
    description_problem,
    error_label,
    show_error,
)

MAX_NAME = 100

SEED_NAME_ADVICE = (
    "Enter a Name that says what the key is for — for example, “Data import service.” The name "
    "is how you’ll recognize the key in the table and how its actions are recorded, so make it "
    "descriptive."
)
SEED_PERMISSIONS_ADVICE = (
    "Under Permissions, tick only the capabilities this key needs. Each checkbox maps to one "
    "capability — the same capabilities described in Roles and permissions."
)
GRANT_FEWEST = "Grant the fewest you can; you can always create a separate key for a different job."
IMPERSONATION_WARNING = (
    "A key with this permission can act as a user: what it does may look like that person did it."
)


def name_problem(name: str) -> str | None:
    """Why the server would refuse this name, in the app's words, or None."""
    text = name.strip()
    if not text:
        return QCoreApplication.translate("CreateKeyWizard", "Enter a name for the key.")
    if len(text) > MAX_NAME:
        return (
            QCoreApplication.translate(
                "CreateKeyWizard", "Use at most %1 characters (this name has %2)."
            )
            .replace("%1", str(MAX_NAME))
            .replace("%2", str(len(text)))
        )
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf"):
            return QCoreApplication.translate(
                "CreateKeyWizard", "Remove control and invisible formatting characters (U+%1)."
            ).replace("%1", f"{ord(ch):04X}")
    return None


def _label(text: str, role: str | None = None, *, plain: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


class LifecycleFields(QWidget):
    """Description, owner, tags and expiry on the name page: only what the server offers."""

    def __init__(self, features: ServerFeatures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metadata = features.offers(KEY_METADATA)
        self.expiry_offered = features.offers(KEY_EXPIRY)
        form = QFormLayout(self)
        form.setContentsMargins(0, 8, 0, 0)
        self.description = DescriptionField()
        self.owner = OwnerField()
        self.tags = TagsField()
        self.description_error = error_label("keyDescriptionError")
        self.owner_error = error_label("keyOwnerError")
        self.tags_error = error_label("keyTagsError")
        self.expiry = ExpiryField(features.policy)
        if self.metadata:
            for text, field, error in (
                (self.tr("&Description"), self.description, self.description_error),
                (self.tr("&Owner"), self.owner, self.owner_error),
                (self.tr("&Tags"), self.tags, self.tags_error),
            ):
                label = QLabel(text)
                label.setBuddy(field)
                form.addRow(label, field)
                form.addRow("", error)
                if field is self.owner:
                    form.addRow("", self.owner.status)
        if self.expiry_offered:
            label = QLabel(self.tr("E&xpires"))
            label.setBuddy(self.expiry.choice)
            form.addRow(label, self.expiry)
        for widget in (self.description, self.owner, self.tags, self.expiry):
            widget.setVisible(self.expiry_offered if widget is self.expiry else self.metadata)
        self.description.textChanged.connect(self._validate)
        self.tags.textChanged.connect(self._validate)

    def _validate(self) -> None:
        show_error(self.description_error, description_problem(self.description.toPlainText()))
        show_error(self.tags_error, self.tags.problem())

    def problem(self) -> str | None:
        if self.metadata:
            found = description_problem(self.description.toPlainText()) or self.tags.problem()
            if found:
                return found
        return None

    def extras(self) -> KeyExtras | None:
        if not (self.metadata or self.expiry_offered):
            return None
        choice: object = None
        expires_at = None
        if self.expiry_offered:
            data = self.expiry.choice.currentData()
            choice = self.expiry.date.date().toString("yyyy-MM-dd") if data == "date" else data
            expires_at = self.expiry.value()
        return KeyExtras(
            description=self.description.value() or None if self.metadata else None,
            owner_id=self.owner.value() if self.metadata else None,
            tags=tuple(self.tags.value()) or None if self.metadata else None,
            expiry_choice=choice,
            expires_at=expires_at,
        )

    def summary(self) -> list[tuple[str, str]]:
        """(title, value) lines for the review page."""
        lines: list[tuple[str, str]] = []
        if self.metadata:
            lines.append((self.tr("Description"), self.description.value() or "—"))
            owner = self.owner.currentText() if self.owner.value() else self.tr("Nobody")
            lines.append((self.tr("Owner"), owner))
            lines.append((self.tr("Tags"), ", ".join(self.tags.value()) or "—"))
        if self.expiry_offered:
            lines.append((self.tr("Expires"), self.expiry.text()))
        return lines

    def show_server_error(self, error: e.ValidationError) -> bool:
        """Put each message on its field; True if any landed here."""
        landed = False
        for field, label in (
            ("description", self.description_error),
            ("owner_id", self.owner_error),
            ("tags", self.tags_error),
            ("expires_at", self.expiry.error),
        ):
            message = error.message_for(field)
            if message:
                show_error(label, message)
                landed = True
        return landed


class NamePage(QWizardPage):
    def __init__(self, names_in_use: set[str], features: ServerFeatures = PART_ONE) -> None:
        super().__init__()
        self.setTitle(self.tr("Name the key"))
        self._names_in_use = names_in_use
        self.name_field = QLineEdit()
        self.name_field.setObjectName("keyNameField")
        self.name_field.setAccessibleName(self.tr("Name"))
        self.name_field.setPlaceholderText(self.tr("Data import service"))
        self.name_field.textChanged.connect(self._validate)
        name_label = QLabel(self.tr("&Name"))
        name_label.setBuddy(self.name_field)
        self.error = _label("", "fieldError")
        self.error.setObjectName("keyNameError")
        self.error.hide()
        self.warning = _label("", "fieldWarning")
        self.warning.setObjectName("keyNameWarning")
        self.warning.hide()
        self.counter = _label("", "hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._server_error: str | None = None
        self._touched = False
        layout = QVBoxLayout(self)
        layout.addWidget(_label(self.tr(SEED_NAME_ADVICE)))
        layout.addSpacing(8)
        layout.addWidget(name_label)
        layout.addWidget(self.name_field)
        layout.addWidget(self.counter)
        layout.addWidget(self.error)
        layout.addWidget(self.warning)
        self.lifecycle = LifecycleFields(features)
        self.lifecycle.setVisible(not features.part_one_only)
        self.lifecycle.description.textChanged.connect(self.completeChanged)
        self.lifecycle.tags.textChanged.connect(self.completeChanged)
        layout.addWidget(self.lifecycle)
        layout.addStretch(1)
        self._validate()

    def name(self) -> str:
        return self.name_field.text().strip()

    def set_server_error(self, message: str) -> None:
        self._server_error = message
        self.error.setText(message)
        self.error.show()
        self.completeChanged.emit()

    def _validate(self) -> None:
        text = self.name_field.text()
        if text:
            self._touched = True
        self._server_error = None
        problem = name_problem(text)
        self.counter.setText(f"{len(text.strip())}/{MAX_NAME}")
        if problem and self._touched:
            self.error.setText(problem)
            self.error.show()
        else:
            self.error.hide()
        duplicate = not problem and text.strip().casefold() in self._names_in_use
        self.warning.setText(
            self.tr(
                "Another key already has this name. You can still use it, but a distinct name "
                "makes the key easier to recognize in the table and the audit trail."
            )
        )
        self.warning.setVisible(duplicate)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (
            name_problem(self.name_field.text()) is None
            and self._server_error is None
            and self.lifecycle.problem() is None
        )


class PermissionsPage(QWizardPage):
    def __init__(self, catalog: Sequence[Permission], preselected: Iterable[str] = ()) -> None:
        super().__init__()
        self.setTitle(self.tr("Pick its permissions"))
        self.checkboxes: dict[str, QCheckBox] = {}
        self._catalog = list(catalog)
        chosen = set(preselected)
        body = QWidget()
        inner = QVBoxLayout(body)
        groups: dict[str, QVBoxLayout] = {}
        for perm in self._catalog:
            if perm.group not in groups:
                box = QGroupBox(perm.group.replace("&", "&&"))  # a label, not a mnemonic
                box_layout = QVBoxLayout(box)
                groups[perm.group] = box_layout
                inner.addWidget(box)
            box_layout = groups[perm.group]
            check = QCheckBox(perm.label.replace("&", "&&"))
            check.setObjectName(f"permission:{perm.id}")
            check.setAccessibleDescription(perm.description)
            check.setChecked(perm.id in chosen)
            check.toggled.connect(self._update)
            self.checkboxes[perm.id] = check
            box_layout.addWidget(check)
            desc = _label(perm.description, "hint")
            desc.setContentsMargins(24, 0, 0, 0)
            box_layout.addWidget(desc)
            if perm.impersonation:
                warn = _label("⚠ " + self.tr(IMPERSONATION_WARNING), "fieldWarning")
                warn.setContentsMargins(24, 0, 0, 0)
                box_layout.addWidget(warn)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.count = _label("", "sectionTitle")
        self.count.setObjectName("permissionCount")
        self.error = _label("", "fieldError")
        self.error.hide()
        self.empty_catalog = _label(
            self.tr("The server's permission catalog couldn't be loaded."), "fieldError"
        )
        self.empty_catalog.setVisible(not self._catalog)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(self.tr(SEED_PERMISSIONS_ADVICE)))
        layout.addWidget(_label(self.tr(GRANT_FEWEST), "intro"))
        layout.addWidget(self.empty_catalog)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        self._update()

    def selected(self) -> list[str]:
        """Ticked permission ids, in catalog order."""
        return [p.id for p in self._catalog if self.checkboxes[p.id].isChecked()]

    def impersonates(self) -> bool:
        chosen = set(self.selected())
        return any(p.impersonation and p.id in chosen for p in self._catalog)

    def set_server_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _update(self) -> None:
        n = len(self.selected())
        total = len(self._catalog)
        if n == 0:
            text = self.tr("No permissions selected: the key will show No permissions.")
        else:
            text = (
                self.tr("%1 of %2 permissions selected")
                .replace("%1", str(n))
                .replace("%2", str(total))
            )
        self.count.setText(text)
        self.error.hide()


class ReviewPage(QWizardPage):
    def __init__(self, wizard: CreateKeyWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Review"))
        self._wizard = wizard
        self.summary_name = _label("")
        self.summary_name.setObjectName("reviewName")
        self.summary_perms = _label("")
        self.summary_perms.setObjectName("reviewPermissions")
        self.warning = _label("⚠ " + self.tr(IMPERSONATION_WARNING), "fieldWarning")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(self.tr("Creating key"))
        self.progress.hide()
        self.status = _label("", "hint")
        self.error = _label("", "fieldError")
        self.error.setObjectName("createError")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(_label(self.tr("Name"), "sectionTitle"))
        layout.addWidget(self.summary_name)
        layout.addWidget(_label(self.tr("Permissions"), "sectionTitle"))
        layout.addWidget(self.summary_perms)
        layout.addWidget(self.warning)
        self.summary_extras = _label("")
        self.summary_extras.setObjectName("reviewLifecycle")
        layout.addWidget(self.summary_extras)
        layout.addStretch(1)
        layout.addWidget(
            _label(
                self.tr("After you create the key, RakerOne shows you its full value once."), "hint"
            )
        )
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        wiz = self._wizard
        self.summary_name.setText(wiz.name_page.name())
        labels = [p.label for p in wiz.catalog if p.id in set(wiz.permissions_page.selected())]
        self.summary_perms.setText(
            "\n".join(f"• {label}" for label in labels) if labels else self.tr("No permissions")
        )
        self.warning.setVisible(wiz.permissions_page.impersonates())
        lines = wiz.name_page.lifecycle.summary()
        self.summary_extras.setText("\n".join(f"{title}: {value}" for title, value in lines))
        self.summary_extras.setVisible(bool(lines))
        self.error.hide()

    def validatePage(self) -> bool:
        # Finish starts the create and keeps the wizard open until the answer.
        # QWizard.accept() validates the page once more: by then the key exists.
        if self._wizard.succeeded:
            return True
        self._wizard.start_create()
        return False

    def isComplete(self) -> bool:
        return not self._wizard.busy


class CreateKeyWizard(QWizard):
    """Emits ``createRequested(name, permission ids)``; never blocks."""

    createRequested = Signal(str, list)

    def __init__(
        self,
        catalog: Sequence[Permission],
        names_in_use: set[str],
        parent: QWidget | None = None,
        *,
        name: str = "",
        permissions: Iterable[str] = (),
        title: str | None = None,
        features: ServerFeatures = PART_ONE,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("createKeyWizard")
        self.setWindowTitle(title or self.tr("Create key"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create key"))
        self.button(QWizard.WizardButton.FinishButton).setObjectName("createKeyFinishButton")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumSize(620, 560)
        self.catalog = list(catalog)
        self.busy = False
        self.succeeded = False
        self.name_page = NamePage(names_in_use, features)
        self.name_page.name_field.setText(name)
        self.permissions_page = PermissionsPage(self.catalog, permissions)
        self.review_page = ReviewPage(self)
        self.name_page_id = self.addPage(self.name_page)
        self.permissions_page_id = self.addPage(self.permissions_page)
        self.review_page_id = self.addPage(self.review_page)

    def extras(self) -> KeyExtras | None:
        """The part-2 fields to send (None from a part-1 server)."""
        return self.name_page.lifecycle.extras()

    def set_users(self, users: list[User]) -> None:
        self.name_page.lifecycle.owner.set_users(users)

    def users_failed(self, error: object) -> None:
        self.name_page.lifecycle.owner.users_failed(error)

    def start_create(self) -> None:
        if self.busy:
            return
        self._set_busy(True)
        self.review_page.status.setText(self.tr("Creating key…"))
        self.review_page.error.hide()
        self.createRequested.emit(
            self.name_page.name_field.text(), self.permissions_page.selected()
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        # QWizard re-enables Back whenever a page's completeness changes; this
        # option is the one it respects. Editing the name mid-create would be lost.
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, busy)
        self.review_page.progress.setVisible(busy)
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)
        self.review_page.completeChanged.emit()

    def creation_failed(self, error: e.ApiError) -> None:
        """Stay open with everything entered; say what happened, on its field if named."""
        self._set_busy(False)
        self.review_page.status.setText("")
        message = str(error)
        if isinstance(error, e.ValidationError) and error.field_errors:
            name_msg = error.message_for("name")
            perm_msg = error.message_for("permissions")
            if perm_msg:
                self.permissions_page.set_server_error(perm_msg)
            if self.name_page.lifecycle.show_server_error(error) and not name_msg:
                self._go_to(self.name_page_id)
                return
            if name_msg:
                self.name_page.set_server_error(name_msg)
                self._go_to(self.name_page_id)
                return
            if perm_msg:
                self._go_to(self.permissions_page_id)
                return
            message = "; ".join(f"{r.field}: {r.message}" for r in error.field_errors)
        elif isinstance(error, e.UnauthenticatedError):
            message = self.tr(
                "Your session has ended, so the key wasn't created. Sign in again, then click "
                "Create key; everything you entered is still here."
            )
        self.review_page.error.setText(message)
        self.review_page.error.show()

    def _go_to(self, page_id: int) -> None:
        while self.currentId() != page_id and self.currentId() > page_id:
            self.back()

    def creation_succeeded(self) -> None:
        self._set_busy(False)
        self.succeeded = True
        self.accept()

    def reject(self) -> None:
        if self.busy:
            return  # the answer is on its way; closing now could orphan a key
        super().reject()
