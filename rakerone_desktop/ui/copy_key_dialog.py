"""Copy your API key: the one time the full value is shown.

Application-modal; clicking outside does nothing. Escape and the window's
close button never silently discard an uncopied key: they ask first ("Go
back" is the default). After Copy they act as Done. On Done the dialog
forgets the value.

Assistive technology never gets the value: on Linux any process on the
session bus can read what a widget exposes through AT-SPI. The key field has
an accessible interface of its own (:class:`SecretFieldAccessible`, installed
through ``QAccessible.installFactory``) whose name is the field's label and
whose value and description say what it holds without the secret ("API key,
47 characters, ending in …XyZ9"); it has no text interface, so neither the
characters nor a text-changed event ever leave the widget. The text is also
set and cleared while the field echoes nothing, so that ``QLineEdit``'s own
text-update event carries no text either. Copy still copies the real value.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QCloseEvent,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.theme import icon

SEED_COPY_TEXT = (
    "This is the only time you’ll see the full key. RakerOne can’t show it to you again. "
    "Click Copy and store the key somewhere safe before you close the dialog. "
    "If you lose it, you’ll have to revoke the key and create a new one."
)
UNCOPIED_WARNING = "You haven't copied this key. It can't be shown again."


def describe_secret(secret: str) -> str:
    """What assistive technology hears instead of the key: its length and last four."""
    if not secret:
        return QCoreApplication.translate("SecretField", "API key, not shown")
    return (
        QCoreApplication.translate("SecretField", "API key, %1 characters, ending in …%2")
        .replace("%1", str(len(secret)))
        .replace("%2", secret[-4:])
    )


class SecretFieldAccessible(QAccessibleWidget):
    """The key field as assistive technology sees it: never the value itself."""

    def __init__(self, field: SecretField) -> None:
        super().__init__(field, QAccessible.Role.EditableText)
        self._field = field

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._field.accessibleName()
        if kind in (QAccessible.Text.Value, QAccessible.Text.Description):
            return describe_secret(self._field.text())
        if kind == QAccessible.Text.Help:
            return ""
        return str(super().text(kind))

    def state(self) -> QAccessible.State:
        state = super().state()
        state.readOnly = True
        state.editable = False
        return state


# Qt's accessibility cache owns each interface and deletes it with its widget;
# the Python side keeps the wrappers alive until then (a wrapper collected
# first would delete the interface under the cache) and drops dead ones.
_interfaces: list[SecretFieldAccessible] = []
_factory_installed = False


def _accessible_factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, SecretField):
        return None
    _interfaces[:] = [i for i in _interfaces if shiboken6.isValid(i)]
    interface = SecretFieldAccessible(obj)
    _interfaces.append(interface)
    return interface


def _install_accessible_factory() -> None:
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_accessible_factory)
        _factory_installed = True


class SecretField(QLineEdit):
    """A read-only field that shows a key but never lets it out unmarked.

    Mouse selection, drag and the context menu are off (on X11 a selection
    would land on the PRIMARY selection without the secret markers); Ctrl+C
    asks the dialog for a marked copy instead. Assistive technology gets a
    description, never the value (:class:`SecretFieldAccessible`).
    """

    copyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        _install_accessible_factory()
        super().__init__(parent)
        self.setReadOnly(True)
        self.setDragEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.selectionChanged.connect(self._no_selection)

    def set_secret(self, secret: str) -> None:
        """Show ``secret`` (or clear the field with ""), telling assistive technology nothing.

        ``QLineEdit`` sends the old and new text in its text-update event only
        while it echoes normally.
        """
        self.setEchoMode(QLineEdit.EchoMode.NoEcho)
        self.setText(secret)
        self.setEchoMode(QLineEdit.EchoMode.Normal)
        self.setCursorPosition(0)

    def _no_selection(self) -> None:
        if self.hasSelectedText():
            self.deselect()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            self.copyRequested.emit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll) or (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)
        ):
            event.accept()  # no keyboard selection either
            return
        super().keyPressEvent(event)


class CopyKeyDialog(QDialog):
    copied = Signal()

    def __init__(
        self,
        secret: str,
        key_name: str,
        clipboard: SecretClipboard,
        parent: QWidget | None = None,
        *,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("copyKeyDialog")
        self.setWindowTitle(self.tr("Copy your API key"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(560)
        self._clipboard = clipboard
        self._secret: str | None = secret
        self._copied = False
        self._closing = False
        self._confirm: QMessageBox | None = None

        title = QLabel(self.tr("Copy your API key"))
        title.setProperty("role", "pageTitle")
        name = QLabel(self.tr("Key: %1").replace("%1", key_name))
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setObjectName("copyKeyName")
        text = QLabel(self.tr(SEED_COPY_TEXT))
        text.setWordWrap(True)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        self.note.setVisible(bool(note))

        self.secret_field = SecretField()
        self.secret_field.setObjectName("secretField")
        self.secret_field.setAccessibleName(self.tr("Your new API key"))
        self.secret_field.set_secret(secret)
        self.secret_field.copyRequested.connect(self.copy)
        field_label = QLabel(self.tr("&API key"))
        field_label.setBuddy(self.secret_field)

        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setProperty("role", "primary")
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("doneButton")
        self.done_button.setAutoDefault(False)
        self.done_button.clicked.connect(self.finish)
        clear = clipboard.clear_after_seconds
        self.clear_hint = QLabel(
            self.tr("The clipboard is cleared %1 seconds after you copy.").replace("%1", str(clear))
            if clear > 0
            else self.tr("The clipboard is cleared when you quit the app.")
        )
        self.clear_hint.setProperty("role", "hint")

        row = QHBoxLayout()
        row.addWidget(self.secret_field, 1)
        row.addWidget(self.copy_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_hint, 1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(name)
        layout.addWidget(text)
        layout.addWidget(self.note)
        layout.addSpacing(6)
        layout.addWidget(field_label)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.copy_button.setFocus()

    def open(self) -> None:
        # QDialog.open() would make the dialog window-modal; this one blocks the
        # whole app, so an outside click can never reach another window.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.show()

    def copy(self) -> None:
        if self._secret is None:
            return
        self._clipboard.copy(self._secret)
        self._copied = True
        self.copy_button.setText(self.tr("Copied"))
        self.copy_button.setAccessibleDescription(self.tr("The key is on the clipboard"))
        self.done_button.setDefault(True)
        self.done_button.setFocus()
        self.copied.emit()

    def finish(self) -> None:
        """Done: forget the value and close. The clipboard keeps its own timer."""
        if self._closing:
            return
        self._closing = True
        self._secret = None
        self.secret_field.set_secret("")
        if self._confirm is not None:
            self._confirm.close()
            self._confirm = None
        self.accept()

    # Escape calls reject(); the close button sends a close event.
    def reject(self) -> None:
        if self._closing:
            super().reject()
            return
        if self._copied:
            self.finish()
            return
        self._ask_before_discarding()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            event.accept()
            return
        event.ignore()
        if self._copied:
            self.finish()
        else:
            self._ask_before_discarding()

    def _ask_before_discarding(self) -> None:
        if self._confirm is not None:
            self._confirm.raise_()
            return
        box = QMessageBox(self)
        box.setObjectName("discardKeyBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Copy your API key"))
        box.setText(self.tr(UNCOPIED_WARNING))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        go_back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        go_back.setObjectName("goBackButton")
        close_anyway = box.addButton(
            self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
        close_anyway.setObjectName("closeAnywayButton")
        box.setDefaultButton(go_back)
        box.setEscapeButton(go_back)
        box.buttonClicked.connect(lambda button: self.finish() if button is close_anyway else None)
        box.finished.connect(self._on_confirm_finished)
        self._confirm = box
        box.open()

    def _on_confirm_finished(self, _result: int) -> None:
        box = self._confirm
        self._confirm = None
        if box is not None:
            box.deleteLater()

    @property
    def confirm_box(self) -> QMessageBox | None:
        """The "You haven't copied this key" question, while it is open."""
        return self._confirm
