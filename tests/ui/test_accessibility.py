"""Every control has a name a screen reader announces, and is reachable by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from tests.support.app_driver import sign_in, wait_loaded

pytestmark = pytest.mark.integration

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def _buddied(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}


def unnamed_controls(root: QWidget) -> list[str]:
    buddied = _buddied(root)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own internals (spin box line edits, scroll bars' buttons)
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView)):
            continue  # parts of a named control: headers, corner and clear buttons
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if widget.accessibleName() or text.strip() or id(widget) in buddied:
            continue
        missing.append(f"{type(widget).__name__}({widget.objectName()!r})")
    return missing


def unreachable_controls(root: QWidget) -> list[str]:
    out = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, CONTROLS) and widget.isVisibleTo(root) and widget.isEnabled():
            if widget.objectName().startswith("qt_") or isinstance(
                widget.parent(), QAbstractItemView
            ):
                continue  # a header is reached through its table
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
                widget, QAbstractButton
            ):
                out.append(widget.objectName() or type(widget).__name__)
    return out


def test_every_screen_names_its_controls(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    assert unnamed_controls(controller.sign_in_dialog) == []
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    page = window.keys_page
    page.select_key(page.model.key_at(0).id)
    assert unnamed_controls(window) == []
    assert unreachable_controls(window) == []
    flows = controller.current.flows
    wizard = flows.create()
    for _ in range(3):
        assert unnamed_controls(wizard) == []
        wizard.next()
    wizard.reject()
    revoke = flows.revoke([page.model.key_at(0)])
    assert unnamed_controls(revoke) == []
    revoke.reject()
    find = flows.find()
    assert unnamed_controls(find) == []
    find.close()


def test_tab_moves_through_the_keys_page(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page = window.keys_page
    page.search_field.setFocus()
    seen = set()
    for _ in range(12):
        widget = window.focusWidget()
        seen.add(widget.objectName())
        window.focusNextChild()
    assert {"keySearchField", "keyFilter", "apiKeysTable"} <= seen
