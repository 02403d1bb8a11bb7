"""Find key by value, Show ticked: a selected leak never reaches the X11
primary selection without the password-manager marker (security guide, line 4).

What is verified where:

- Everywhere (offscreen): the helper :func:`set_marked_selection` against a
  stand-in clipboard (marked ``QMimeData``, Selection mode, nothing where the
  platform has no selection), and the field's logic (mouse release and
  keyboard selection hand the selected text to the helper, only when shown)
  with a stand-in clipboard that says it supports a selection. Qt's offscreen
  platform has no selection (``supportsSelection()`` is False), so there
  QLineEdit itself never writes one.
- Under Xvfb (a child process on the real xcb platform, where QLineEdit does
  write the selection): a mouse drag and Shift+End over the shown key leave
  the selection holding the key *with* ``x-kde-passwordManagerHint``; masked,
  nothing reaches it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest

from rakerone_desktop.domain.keyformat import generate_key
from rakerone_desktop.ui import find_key_dialog
from rakerone_desktop.ui.clipboard import KDE_HINT, set_marked_selection
from rakerone_desktop.ui.find_key_dialog import FindKeyDialog
from tests.support.system import require_xvfb


class StandInClipboard:
    """Records what would be put on each clipboard mode."""

    def __init__(self, selection: bool = True) -> None:
        self.selection = selection
        self.calls: list[tuple[str, bytes, QClipboard.Mode]] = []

    def supportsSelection(self) -> bool:
        return self.selection

    def setMimeData(self, mime, mode) -> None:
        self.calls.append((mime.text(), bytes(mime.data(KDE_HINT).data()), mode))


def test_the_helper_puts_a_marked_copy_on_the_selection():
    board = StandInClipboard()
    assert set_marked_selection("rone_abc", board) is True
    assert board.calls == [("rone_abc", b"secret", QClipboard.Mode.Selection)]


def test_the_helper_does_nothing_without_a_selection():
    board = StandInClipboard(selection=False)
    assert set_marked_selection("rone_abc", board) is False
    assert set_marked_selection("", StandInClipboard()) is False
    assert board.calls == []


def test_offscreen_has_no_selection_so_qt_writes_none(qapp):
    # Why the widget tests below use a stand-in, and the X11 test a child process.
    assert QGuiApplication.platformName() == "offscreen"
    assert QGuiApplication.clipboard().supportsSelection() is False


def _drag_across(field) -> None:
    y = field.height() // 2
    QTest.mousePress(field, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(3, y))
    QTest.mouseMove(field, QPoint(field.width() - 3, y))
    QTest.mouseRelease(
        field,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(field.width() - 3, y),
    )


def test_selecting_the_shown_text_puts_it_on_the_selection_marked(qtbot, monkeypatch):
    board = StandInClipboard()
    monkeypatch.setattr(find_key_dialog.MaskedPasteField, "_clipboard", staticmethod(lambda: board))
    key = generate_key()
    dialog = FindKeyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = dialog.field
    field.setText(key)

    _drag_across(field)  # masked: QLineEdit never copies a password field
    field.home(False)
    QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert board.calls == []

    dialog.show_box.setChecked(True)
    _drag_across(field)
    assert field.selectedText() == key
    assert board.calls == [(key, b"secret", QClipboard.Mode.Selection)]

    board.calls.clear()
    field.deselect()
    field.home(False)
    QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert board.calls == [(key, b"secret", QClipboard.Mode.Selection)]
    field.clear()


def test_on_x11_the_selection_holds_the_shown_key_only_marked(tmp_path):
    xvfb_run = require_xvfb()
    child = Path(__file__).with_name("x11_selection_child.py")
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        [xvfb_run, "-a", sys.executable, str(child)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["platform"] == "xcb"
    assert out["supports"] is True
    for masked in ("masked_drag", "masked_keys"):
        assert out[masked]["text_is_key"] is False, out
    for shown in ("shown_drag", "shown_keys"):
        assert out[shown]["selected"].startswith("rone_"), out
        assert out[shown] == {**out[shown], "text_is_key": True, "marked": True}, out
