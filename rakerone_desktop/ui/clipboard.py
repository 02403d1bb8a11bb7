"""Copying a key so that clipboard managers and history leave it alone.

After KeePassXC's ``src/gui/Clipboard.cpp``: the copy is a ``QMimeData``
carrying the "don't record this" markers of each platform, and it is cleared
after a delay and when the app quits, in both cases only if the clipboard
(and the X11 selection) still hold our value, so whatever the person copied
afterwards survives.

Markers:

* Linux (KDE Klipper and others): ``x-kde-passwordManagerHint`` = ``secret``.
* Windows: ``ExcludeClipboardContentFromMonitorProcessing``, and
  ``CanIncludeInClipboardHistory`` / ``CanUploadToCloudClipboard`` as 4 zero
  bytes. Qt names a native clipboard format exactly only through the
  ``application/x-qt-windows-mime;value="..."`` form, so both forms are set.
* macOS: ``org.nspasteboard.ConcealedType``. Qt renames unknown types on the
  Mac pasteboard unless a ``QUtiMimeConverter`` maps them, and PySide6 offers
  no way to subclass that converter from Python; the type is set under its
  conventional MIME name (``application/x-nspasteboard-concealed-type``, as
  KeePassXC does) and, where Qt cannot pass it through, macOS clipboard
  history may still see the key. The clear timer applies there as everywhere.

The clipboard object keeps only a SHA-256 of the value, to recognise it
later: once the dialog is closed, no copy of the key stays in the app.
"""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

KDE_HINT = "x-kde-passwordManagerHint"
WIN_EXCLUDE = "ExcludeClipboardContentFromMonitorProcessing"
WIN_HISTORY = "CanIncludeInClipboardHistory"
WIN_CLOUD = "CanUploadToCloudClipboard"
MAC_CONCEALED = "application/x-nspasteboard-concealed-type"
MAC_CONCEALED_UTI = "org.nspasteboard.ConcealedType"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _win(name: str) -> str:
    return f'application/x-qt-windows-mime;value="{name}"'


def secret_mime_data(text: str) -> QMimeData:
    """A ``QMimeData`` with ``text`` and every platform's secret markers."""
    mime = QMimeData()
    mime.setText(text)
    mime.setData(KDE_HINT, b"secret")
    zero = b"\x00\x00\x00\x00"
    for name, value in (
        (WIN_EXCLUDE, b"\x01"),
        (WIN_HISTORY, zero),
        (WIN_CLOUD, zero),
    ):
        mime.setData(name, value)
        mime.setData(_win(name), value)
    mime.setData(MAC_CONCEALED, b"")
    mime.setData(MAC_CONCEALED_UTI, b"")
    return mime


class SecretClipboard(QObject):
    """Puts secrets on the clipboard and takes them back off."""

    copied = Signal()
    cleared = Signal()

    def __init__(self, parent: QObject | None = None, *, clear_after_seconds: int = 30) -> None:
        super().__init__(parent)
        self._digest: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        self.clear_after_seconds = clear_after_seconds

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()

    def copy(self, text: str) -> None:
        clipboard = self._clipboard()
        clipboard.setMimeData(secret_mime_data(text), QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            # The X11 selection gets the marked copy too, never a bare one.
            clipboard.setMimeData(secret_mime_data(text), QClipboard.Mode.Selection)
        self._digest = _digest(text)
        if self.clear_after_seconds > 0:
            self._timer.start(self.clear_after_seconds * 1000)
        else:
            self._timer.stop()
        self.copied.emit()

    def clear_if_ours(self) -> None:
        """Clear the clipboard and selection only where they still hold our value."""
        self._timer.stop()
        digest = self._digest
        self._digest = None
        if digest is None:
            return
        clipboard = self._clipboard()
        cleared = False
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
                continue
            if _digest(clipboard.text(mode)) == digest:
                clipboard.clear(mode)
                cleared = True
        if cleared:
            log.info("Cleared a copied key from the clipboard")
            self.cleared.emit()
