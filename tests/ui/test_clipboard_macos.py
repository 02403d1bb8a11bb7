"""macOS: the copied key is marked ``org.nspasteboard.ConcealedType`` on the pasteboard.

What is verified here, on any platform: the call made to the pasteboard (a
stand-in with ``NSPasteboard``'s methods), that it adds the type without
clearing what Qt wrote, and that the copy makes it only after Qt's write and
only on macOS. Not verified by the Linux CI: that a real ``NSPasteboard``
lists the type afterwards and that macOS clipboard managers honour it (that
needs a Mac with PyObjC).
"""

from __future__ import annotations

import importlib.util
import logging
import sys

from PySide6.QtGui import QGuiApplication

from rakerone_desktop.ui import clipboard as clipboard_module
from rakerone_desktop.ui.clipboard import (
    MAC_CONCEALED_UTI,
    SecretClipboard,
    conceal_on_macos,
    conceal_pasteboard,
    general_pasteboard,
)

STRING_TYPE = "public.utf8-plain-text"


class StandInPasteboard:
    """The part of NSPasteboard the clipboard uses, recording each call."""

    def __init__(self, types=(STRING_TYPE,), on_call=None) -> None:
        self._types = list(types)
        self.calls: list[tuple] = []
        self.on_call = on_call or (lambda: None)

    def types(self):
        return list(self._types)

    def addTypes_owner_(self, types, owner):
        self.calls.append(("addTypes_owner_", list(types), owner, self.on_call()))
        self._types.extend(t for t in types if t not in self._types)
        return 1

    def setString_forType_(self, value, kind):
        self.calls.append(("setString_forType_", value, kind))
        return kind in self._types

    def declareTypes_owner_(self, types, owner):  # would clear what Qt wrote
        raise AssertionError("declareTypes:owner: clears the pasteboard")


def test_the_type_is_added_without_clearing_the_pasteboard():
    board = StandInPasteboard()
    assert conceal_pasteboard(board) is True
    assert board.calls == [
        ("addTypes_owner_", [MAC_CONCEALED_UTI], None, None),
        ("setString_forType_", "", MAC_CONCEALED_UTI),
    ]
    assert board.types() == [STRING_TYPE, MAC_CONCEALED_UTI]  # Qt's string type kept


def test_an_already_concealed_pasteboard_is_left_alone():
    board = StandInPasteboard(types=(STRING_TYPE, MAC_CONCEALED_UTI))
    assert conceal_pasteboard(board) is True
    assert board.calls == []


def test_the_copy_conceals_after_qt_has_written_it_on_macos(qtbot, monkeypatch):
    clipboard = QGuiApplication.clipboard()
    board = StandInPasteboard(on_call=clipboard.text)  # what the clipboard held then
    monkeypatch.setattr(clipboard_module, "_IS_MACOS", True)
    monkeypatch.setattr(clipboard_module, "general_pasteboard", lambda: board)
    secret = SecretClipboard(clear_after_seconds=0)
    secret.copy("rone_stand_in_value")
    assert board.calls[0] == ("addTypes_owner_", [MAC_CONCEALED_UTI], None, "rone_stand_in_value")
    secret.clear_if_ours()


def test_nothing_is_done_off_macos(qtbot, monkeypatch):
    board = StandInPasteboard()
    monkeypatch.setattr(clipboard_module, "_IS_MACOS", False)
    monkeypatch.setattr(clipboard_module, "general_pasteboard", lambda: board)
    assert conceal_on_macos() is False
    secret = SecretClipboard(clear_after_seconds=0)
    secret.copy("rone_stand_in_value")
    assert board.calls == []
    secret.clear_if_ours()


def test_without_pyobjc_the_copy_still_works_and_says_so(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(clipboard_module, "_IS_MACOS", True)
    monkeypatch.setattr(clipboard_module, "general_pasteboard", lambda: None)
    caplog.set_level(logging.WARNING)
    secret = SecretClipboard(clear_after_seconds=0)
    secret.copy("rone_stand_in_value")
    assert QGuiApplication.clipboard().text() == "rone_stand_in_value"
    assert "not marked concealed" in caplog.text
    assert "rone_stand_in_value" not in caplog.text
    secret.clear_if_ours()


def test_the_pasteboard_comes_from_pyobjc_where_it_is_installed():
    has_appkit = importlib.util.find_spec("AppKit") is not None
    if sys.platform != "darwin":
        assert not has_appkit  # the dependency is macOS-only
        assert general_pasteboard() is None
    else:
        assert has_appkit, "pyobjc-framework-Cocoa is a dependency on macOS"
        assert general_pasteboard() is not None
