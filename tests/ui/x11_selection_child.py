"""Child of ``test_find_key_selection.py``: on the real xcb platform (under
Xvfb), select the shown and the masked key with the mouse and the keyboard and
print, as one JSON line, what the primary selection then holds."""

import json
import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rakerone_desktop.domain.keyformat import generate_key
from rakerone_desktop.ui.clipboard import KDE_HINT
from rakerone_desktop.ui.find_key_dialog import FindKeyDialog

app = QApplication([sys.argv[0], "-platform", "xcb"])
key = generate_key()
dialog = FindKeyDialog()
dialog.show()
QTest.qWaitForWindowExposed(dialog)
field = dialog.field
board = QGuiApplication.clipboard()
out = {"platform": QGuiApplication.platformName(), "supports": board.supportsSelection()}


def state():
    mime = board.mimeData(QClipboard.Mode.Selection)
    return {
        "text_is_key": bool(mime) and key in mime.text(),
        "marked": bool(mime) and mime.hasFormat(KDE_HINT),
    }


def drag():
    board.clear(QClipboard.Mode.Selection)
    field.deselect()
    y = field.height() // 2
    QTest.mousePress(field, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(3, y))
    QTest.mouseMove(field, QPoint(field.width() - 3, y))
    QTest.mouseRelease(
        field,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(field.width() - 3, y),
    )
    return {"selected": field.selectedText()[:8], **state()}


def keys():
    board.clear(QClipboard.Mode.Selection)
    field.deselect()
    field.home(False)
    QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    return {"selected": field.selectedText()[:8], **state()}


field.setText(key)
out["masked_drag"] = drag()
out["masked_keys"] = keys()
dialog.show_box.setChecked(True)
out["shown_drag"] = drag()
out["shown_keys"] = keys()
print(json.dumps(out))
board.clear(QClipboard.Mode.Selection)
dialog.close()
