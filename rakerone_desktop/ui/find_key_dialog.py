"""Find key by value: which key does a leaked value (or a file full of them) belong to?

The pasted text stays in a masked field and never leaves this dialog: every
``rone_…`` run in it is checked offline (format and checksum), each valid one
is hashed here (SHA-256), and only the digests are handed on (to be sent to
the server). Results show the key with Revoke, "already revoked on … by …",
or "No key in this organization matches", and a note for text that looks like
a key but fails the checksum.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.domain.keyformat import PREFIX, find_candidates, sha256_hex
from rakerone_desktop.models import timefmt
from rakerone_desktop.ui.clipboard import set_marked_selection
from rakerone_desktop.ui.text import isolate

MAX_PASTE = 5_000_000


@dataclass(frozen=True, slots=True)
class Probe:
    """One valid candidate: what may leave the dialog (never the value)."""

    hint: str
    sha256: str


class MaskedPasteField(QLineEdit):
    """A password-style field that takes a whole pasted block, newlines and all.

    With **Show** ticked (normal echo), text selected with the mouse or the
    keyboard would go to the X11 primary selection as plain text, where any
    clipboard manager records it. Here a left-button release never lets
    ``QLineEdit`` write the selection: the field puts the selected text there
    itself, with the password-manager marker (``x-kde-passwordManagerHint``).
    After a key press ``QLineEdit`` writes the selection within the same event
    handler, and the field replaces it with the marked copy before control
    returns to the event loop; X11 and Wayland selections are served lazily by
    the owning process, so no other program can read the bare copy in between.
    Masked (Show off), ``QLineEdit`` never writes the selection at all.
    """

    pasted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(MAX_PASTE)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)

    def keyPressEvent(self, event: object) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):  # type: ignore[attr-defined]
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(  # type: ignore[attr-defined]
            QKeySequence.StandardKey.Cut
        ):
            return  # a leaked value is not copied onward from here
        super().keyPressEvent(event)  # type: ignore[arg-type]
        self._publish_selection()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._clipboard().supportsSelection():
            # QLineEdit would copy the selection here, unmarked; do it marked instead.
            event.accept()
            self._publish_selection()
            return
        super().mouseReleaseEvent(event)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def _publish_selection(self) -> None:
        """Put the selected text on the primary selection, marked (shown text only)."""
        if self.echoMode() != QLineEdit.EchoMode.Normal or not self.hasSelectedText():
            return
        set_marked_selection(self.selectedText(), self._clipboard())

    def paste_text(self, text: str) -> None:
        # QLineEdit would keep only the first line; separators keep keys apart.
        flat = " ".join(text.split())
        self.insert(flat[:MAX_PASTE])
        self.pasted.emit()


class FindKeyDialog(QDialog):
    lookupRequested = Signal(list)  # list[Probe]
    revokeRequested = Signal(list)  # list[ApiKey]
    disableRequested = Signal(list)  # list[ApiKey] (when the server offers disabling)

    COL_VALUE, COL_RESULT, COL_ACTION = range(3)

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("findKeyDialog")
        self.setWindowTitle(self.tr("Find key by value"))
        self.setMinimumSize(680, 440)
        self._read_only = read_only
        #: Disable beside Revoke (set when the server offers disabling).
        self.offer_disable = False
        self._probes: list[Probe] = []
        self._found: dict[str, ApiKey | None] = {}
        self._invalid: list[str] = []
        self._active: list[ApiKey] = []
        self._busy = False

        intro = QLabel(
            self.tr(
                "Paste a key, or any text that contains keys (a log line, a config file). "
                "The text stays on this computer: each key is checked and hashed here, and only "
                "its SHA-256 is sent to find which key it is."
            )
        )
        intro.setWordWrap(True)
        self.field = MaskedPasteField()
        self.field.setObjectName("findKeyField")
        self.field.setAccessibleName(self.tr("Key or text to search"))
        self.field.setPlaceholderText(self.tr("rone_…"))
        self.field.pasted.connect(self._auto_find)
        self.field.returnPressed.connect(self.search)
        self.field.textEdited.connect(self._on_edited)
        field_label = QLabel(self.tr("&Value"))
        field_label.setBuddy(self.field)
        self.show_box = QCheckBox(self.tr("Show"))
        self.show_box.setAccessibleName(self.tr("Show the pasted text"))
        self.show_box.toggled.connect(self._toggle_show)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.setObjectName("findKeyButton")
        self.find_button.setProperty("role", "primary")
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(field_label)
        row.addWidget(self.field, 1)
        row.addWidget(self.show_box)
        row.addWidget(self.find_button)

        self.message = QLabel()
        self.message.setObjectName("findKeyMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("findKeyResults")
        self.table.setAccessibleName(self.tr("Results"))
        self.table.setHorizontalHeaderLabels([self.tr("Value"), self.tr("Key"), ""])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_RESULT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_ACTION, QHeaderView.ResizeMode.ResizeToContents)

        self.revoke_all_button = QPushButton(self.tr("Revoke all found"))
        self.revoke_all_button.setObjectName("revokeAllFoundButton")
        self.revoke_all_button.setProperty("role", "destructive")
        self.revoke_all_button.clicked.connect(self._revoke_all)
        self.revoke_all_button.hide()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revoke_all_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.field.setFocus()

    # -- input ------------------------------------------------------------------------

    def prefill_from_clipboard(self) -> bool:
        """Take the clipboard's text if it holds something key-shaped (and search)."""
        text = QGuiApplication.clipboard().text()
        if PREFIX not in text:
            return False
        self.field.clear()
        self.field.paste_text(text)
        self.message.setText(self.tr("Filled in from the clipboard."))
        return True

    def _toggle_show(self, on: bool) -> None:
        self.field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    def _on_edited(self, _text: str) -> None:
        self.message.clear()

    def _auto_find(self) -> None:
        QTimer.singleShot(0, self.search)

    def search(self) -> None:
        if self._busy:
            return
        text = self.field.text()
        candidates = list(find_candidates(text))
        self.table.setRowCount(0)
        self._probes = []
        self._found = {}
        self._invalid = []
        self._active = []
        self.revoke_all_button.hide()
        if not candidates:
            self.message.setText(
                self.tr("This isn't a RakerOne key: RakerOne keys start with rone_.")
                if text.strip()
                else self.tr("Paste a key or some text that contains one.")
            )
            return
        self._invalid = [c.hint for c in candidates if not c.valid]
        self._add_invalid_rows()
        probes = [Probe(c.hint, sha256_hex(c.value)) for c in candidates if c.valid]
        del candidates  # the values themselves go no further
        self._probes = probes
        if not probes:
            self.message.setText(self.tr("No valid RakerOne key in this text."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Looking up %1 key(s)…").replace("%1", str(len(probes))))
        self.lookupRequested.emit(probes)

    def _add_invalid_rows(self) -> None:
        for hint in self._invalid:
            self._add_row(
                hint, self.tr("Looks like a key but fails the checksum: not a RakerOne key.")
            )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.find_button.setEnabled(not busy)

    # -- results ---------------------------------------------------------------------------

    def show_results(self, results: Sequence[tuple[str, ApiKey | None]]) -> None:
        if {digest for digest, _key in results} != {p.sha256 for p in self._probes}:
            return  # the answer to an earlier search (or another dialog's): not ours
        self._set_busy(False)
        found = dict(results)
        self._found = found
        self.table.setRowCount(0)
        self._add_invalid_rows()
        active: list[ApiKey] = []
        matched = 0
        for probe in self._probes:
            key = found.get(probe.sha256)
            if key is None:
                self._add_row(probe.hint, self.tr("No key in this organization matches"))
                continue
            matched += 1
            if key.revoked_at is None and key.status == "disabled":
                text = self.tr("“%1” — disabled").replace("%1", isolate(key.name))
                self._add_row(probe.hint, text, key=key, revoke=not self._read_only)
                active.append(key)
            elif key.revoked_at is not None:
                by = key.revoked_by.name if key.revoked_by else "?"
                text = (
                    self.tr("“%1” — already revoked on %2 by %3")
                    .replace("%1", isolate(key.name))
                    .replace("%2", timefmt.local_time(key.revoked_at))
                    .replace("%3", isolate(by))
                )
                self._add_row(probe.hint, text, key=key)
            else:
                last = (
                    timefmt.relative(key.last_used_at.timestamp(), time.time())
                    if key.last_used_at
                    else timefmt.never()
                )
                text = (
                    self.tr("“%1” — active, last used: %2")
                    .replace("%1", isolate(key.name))
                    .replace("%2", last)
                )
                self._add_row(probe.hint, text, key=key, revoke=not self._read_only)
                active.append(key)
        self.message.setText(
            self.tr("%1 of %2 key(s) found; %3 still active.")
            .replace("%1", str(matched))
            .replace("%2", str(len(self._probes)))
            .replace("%3", str(len(active)))
        )
        unique_active = {k.id: k for k in active}
        if len(unique_active) > 1 and not self._read_only:
            self.revoke_all_button.setText(
                self.tr("Revoke all %1 active keys found…").replace("%1", str(len(unique_active)))
            )
            self.revoke_all_button.show()
        self._active = list(unique_active.values())

    def show_failure(self, error: ApiError) -> None:
        self._set_busy(False)
        self.message.setText(self.tr("The lookup failed: %1").replace("%1", str(error)))

    def _add_row(
        self, hint: str, text: str, *, key: ApiKey | None = None, revoke: bool = False
    ) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, self.COL_VALUE, QTableWidgetItem(hint))
        item = QTableWidgetItem(text)
        item.setToolTip("")
        if key is not None:
            item.setData(Qt.ItemDataRole.UserRole, key.id)
        self.table.setItem(r, self.COL_RESULT, item)
        if revoke and key is not None:
            button = QPushButton(self.tr("Revoke…"))
            button.setObjectName(f"findRevoke:{key.id}")
            button.setAccessibleName(self.tr("Revoke %1").replace("%1", key.name))
            button.clicked.connect(lambda _=False, k=key: self.revokeRequested.emit([k]))
            if not self.offer_disable or key.status not in (None, "active"):
                self.table.setCellWidget(r, self.COL_ACTION, button)
                return
            # Disable first: reversible, the first move in an incident.
            cell = QWidget()
            row = QHBoxLayout(cell)
            row.setContentsMargins(0, 0, 0, 0)
            disable = QPushButton(self.tr("Disable"))
            disable.setObjectName(f"findDisable:{key.id}")
            disable.setAccessibleName(self.tr("Disable %1").replace("%1", key.name))
            disable.clicked.connect(lambda _=False, k=key: self.disableRequested.emit([k]))
            row.addWidget(disable)
            row.addWidget(button)
            self.table.setCellWidget(r, self.COL_ACTION, cell)

    def _revoke_all(self) -> None:
        if self._active:
            self.revokeRequested.emit(list(self._active))

    def refresh_after_revoke(self) -> None:
        """Ask again for the same digests, so the results show the new state."""
        if self._probes and not self._busy:
            self._set_busy(True)
            self.lookupRequested.emit(list(self._probes))

    def revoke_buttons(self) -> list[QPushButton]:
        buttons = []
        for r in range(self.table.rowCount()):
            w = self.table.cellWidget(r, self.COL_ACTION)
            if isinstance(w, QPushButton):
                buttons.append(w)
            elif w is not None:
                buttons += [
                    b
                    for b in w.findChildren(QPushButton)
                    if b.objectName().startswith("findRevoke:")
                ]
        return buttons

    def disable_buttons(self) -> list[QPushButton]:
        found: list[QPushButton] = []
        for r in range(self.table.rowCount()):
            w = self.table.cellWidget(r, self.COL_ACTION)
            if w is not None and not isinstance(w, QPushButton):
                found += [
                    b
                    for b in w.findChildren(QPushButton)
                    if b.objectName().startswith("findDisable:")
                ]
        return found

    def closeEvent(self, event: object) -> None:
        self.field.clear()  # the pasted text is forgotten with the dialog
        self._probes = []
        super().closeEvent(event)  # type: ignore[arg-type]
