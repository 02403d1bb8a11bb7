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
* macOS: ``org.nspasteboard.ConcealedType`` (nspasteboard.org), the type
  macOS clipboard managers look for. Qt renames unknown MIME types on the Mac
  pasteboard unless a ``QUtiMimeConverter`` maps them, and PySide6 offers no
  way to subclass that converter from Python, so the ``QMimeData`` names
  alone never reach the pasteboard under that type. After Qt has written the
  clipboard, :func:`conceal_on_macos` therefore adds the type to the general
  ``NSPasteboard`` itself, through PyObjC (``pyobjc-framework-Cocoa``, a
  dependency on macOS only). Without PyObjC (a build that left it out) the
  copy is made unmarked there, and is logged as such; the clear timer applies
  as everywhere.

What is verified where: the Linux and Windows markers are read back from the
clipboard in the tests on every platform. On macOS, ``tests/ui/test_clipboard_macos.py``
checks, on any platform, the call made to the pasteboard (a stand-in with
NSPasteboard's methods: ``types``, ``addTypes_owner_``, ``setString_forType_``)
and that it happens after Qt wrote the value; that a real ``NSPasteboard``
then lists the type, and that clipboard managers honour it, is not checked by
the Linux CI and needs a Mac.

The clipboard object keeps only a SHA-256 of the value, to recognise it
later: once the dialog is closed, no copy of the key stays in the app.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import sys
from typing import Any

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


_IS_MACOS = sys.platform == "darwin"


def conceal_pasteboard(pasteboard: Any) -> bool:
    """Add ``org.nspasteboard.ConcealedType`` to ``pasteboard``, keeping what is on it.

    ``pasteboard`` is an ``NSPasteboard`` (or a stand-in with its methods).
    ``addTypes:owner:`` adds a type without clearing the pasteboard, unlike
    ``declareTypes:owner:``; the marker's content is not read by anyone, an
    empty string is enough. Returns True when the type is on the pasteboard.
    """
    types = pasteboard.types()
    if types is not None and MAC_CONCEALED_UTI in list(types):
        return True
    pasteboard.addTypes_owner_([MAC_CONCEALED_UTI], None)
    return bool(pasteboard.setString_forType_("", MAC_CONCEALED_UTI))


def general_pasteboard() -> Any | None:
    """macOS's general ``NSPasteboard`` through PyObjC, or None without it."""
    try:
        appkit = importlib.import_module("AppKit")
    except ImportError:
        return None
    return appkit.NSPasteboard.generalPasteboard()


def conceal_on_macos() -> bool:
    """On macOS, mark what Qt just put on the clipboard as concealed; elsewhere nothing."""
    if not _IS_MACOS:
        return False
    pasteboard = general_pasteboard()
    if pasteboard is None:
        log.warning("PyObjC is missing: the copied key is not marked concealed for macOS")
        return False
    try:
        return conceal_pasteboard(pasteboard)
    except Exception as exc:  # an Objective-C exception must not lose the copy
        log.warning("Could not mark the copied key concealed: %s", type(exc).__name__)
        return False


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


def set_marked_selection(text: str, clipboard: QClipboard | None = None) -> bool:
    """Put ``text`` on the X11/Wayland primary selection with the secret markers.

    Returns False (and does nothing) where the platform has no selection
    (Windows, macOS, Qt's offscreen platform) or ``text`` is empty.
    """
    board = clipboard if clipboard is not None else QGuiApplication.clipboard()
    if not text or not board.supportsSelection():
        return False
    board.setMimeData(secret_mime_data(text), QClipboard.Mode.Selection)
    return True


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
        conceal_on_macos()  # after Qt's write, on the pasteboard itself
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
