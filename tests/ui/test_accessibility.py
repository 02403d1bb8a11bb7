"""Every control has a name a screen reader announces, and is reachable by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QIcon
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
from tests.ui.test_flows import create_through_wizard, finish

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
    dialog = controller.sign_in_dialog
    assert unnamed_controls(dialog) == []
    assert unnamed_accessible(dialog) == []
    # With remembered servers, the browser button, and waiting with an address to copy.
    dialog.set_profiles([{"server": demo_sandbox.url, "email": "a@example.com", "ca_bundle": ""}])
    qtbot.waitUntil(dialog.browser_button.isVisible, timeout=20_000)
    dialog.show_browser_waiting()
    dialog.show_browser_url(demo_sandbox.url + "/oauth/authorize?state=x")
    assert dialog.profile_field.isVisible() and dialog.browser_url_field.isVisible()
    assert unnamed_controls(dialog) == []
    assert unnamed_accessible(dialog) == []
    dialog.end_browser_wait()
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    page = window.keys_page
    page.select_key(page.model.key_at(0).id)
    assert unnamed_controls(window) == []
    assert unnamed_accessible(window) == []
    assert unreachable_controls(window) == []
    page.search_field.setText("relay")  # shows the field's clear button
    assert unnamed_accessible(window) == []
    page.search_field.clear()
    flows = controller.current.flows
    wizard = create_through_wizard(qtbot, controller, "Accessibility walk")
    copy = finish(qtbot, wizard, flows)
    assert unnamed_controls(copy) == []
    assert unnamed_accessible(copy) == []
    copy.reject()  # not copied: asks first
    assert unnamed_accessible(copy.confirm_box) == []
    copy.finish()
    wizard = flows.create()
    for _ in range(3):
        assert unnamed_controls(wizard) == []
        assert unnamed_accessible(wizard) == []
        wizard.next()
    wizard.reject()
    revoke = flows.revoke([page.model.key_at(0)])
    assert unnamed_controls(revoke) == []
    assert unnamed_accessible(revoke) == []
    revoke.reject()
    find = flows.find()
    assert unnamed_controls(find) == []
    assert unnamed_accessible(find) == []
    find.close()
    window.session_action.trigger()
    panel = controller.current.session_panel
    assert panel is not None and panel.isVisible()
    assert unnamed_controls(panel) == []
    assert unnamed_accessible(panel) == []
    panel.reject()
    for dialog in (controller.show_preferences(), controller.show_about()):
        assert unnamed_controls(dialog) == []
        assert unnamed_accessible(dialog) == []
        dialog.reject()


def test_the_walk_finds_an_unnamed_button_inside_a_field(qtbot):
    # The check itself must be able to fail: an icon added to a line edit is
    # a push button to assistive technology, invisible to findChildren-based
    # checks that skip a field's internal children.
    root = QWidget()
    qtbot.addWidget(root)
    field = QLineEdit(root)
    field.setAccessibleName("Search")
    field.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
    root.show()
    qtbot.waitExposed(root)
    assert unnamed_controls(root) == []
    assert unnamed_accessible(root) == ["Button in QToolButton('') in QLineEdit('') in QWidget('')"]


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


# -- what a screen reader sees ------------------------------------------------------------

INTERACTIVE_ROLES = {
    QAccessible.Role.PushButton,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.EditableText,
    QAccessible.Role.ComboBox,
    QAccessible.Role.SpinBox,
    QAccessible.Role.Slider,
    QAccessible.Role.Dial,
    QAccessible.Role.ButtonMenu,
    QAccessible.Role.ButtonDropDown,
    QAccessible.Role.ButtonDropGrid,
    QAccessible.Role.Link,
    QAccessible.Role.PageTab,
    QAccessible.Role.MenuItem,
    QAccessible.Role.Table,
    QAccessible.Role.List,
    QAccessible.Role.Tree,
}


def _describe(node: QAccessibleInterface) -> str:
    """The node's role and the widgets it sits in, innermost first."""
    parts = [node.role().name]
    obj = node.object()
    while obj is not None and len(parts) < 5:
        parts.append(f"{type(obj).__name__}({obj.objectName()!r})")
        obj = obj.parent()
    return " in ".join(parts)


def unnamed_accessible(root: QWidget) -> list[str]:
    """Every interactive node under ``root`` that assistive technology sees without a name.

    Walks the accessibility tree as a screen reader does: from the window's
    interface through ``child(i)``, so a widget's internal children (the
    actions inside a line edit, a spin box's buttons, a table's headers) are
    seen too, not only the widgets the app created.
    """
    out: list[str] = []
    seen: set[int] = set()

    def walk(node: QAccessibleInterface | None, depth: int) -> None:
        if node is None or not node.isValid() or depth > 40:
            return
        if node.state().invisible:
            return
        key = QAccessible.uniqueId(node)
        if key in seen:
            return
        seen.add(key)
        if node.role() in INTERACTIVE_ROLES and not node.text(QAccessible.Text.Name).strip():
            out.append(_describe(node))
        for i in range(node.childCount()):
            walk(node.child(i), depth + 1)

    walk(QAccessible.queryAccessibleInterface(root), 0)
    return out


def test_the_lifecycle_dialogs_name_their_controls(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    page = window.keys_page
    active = next(k for k in page.model.visible_keys() if k.status == "active")
    page.select_key(active.id)
    assert window.keys_page.details.disable_button.isVisible()
    assert unnamed_controls(window) == []
    assert unnamed_accessible(window) == []
    flows = controller.current.flows
    wizard = flows.create()  # the name page with description, owner, tags and expiry
    wizard.name_page.lifecycle.expiry.choice.setCurrentIndex(
        wizard.name_page.lifecycle.expiry.choice.findData("date")
    )  # shows the date field too
    assert unnamed_controls(wizard) == []
    assert unnamed_accessible(wizard) == []
    wizard.reject()
    lifecycle = flows.lifecycle
    edit = lifecycle.edit(active)
    assert edit is not None and edit.objectName() == "editKeyDialog"
    assert unnamed_controls(edit) == []
    assert unnamed_accessible(edit) == []
    edit.reject()
    rotate = lifecycle.rotate(active)
    assert rotate is not None and rotate.objectName() == "rotateKeyDialog"
    assert unnamed_controls(rotate) == []
    assert unnamed_accessible(rotate) == []
    rotate.reject()


def test_the_overview_and_audit_log_pages_name_their_controls(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(lambda: not window.sidebar_items["auditLogPage"].isHidden(), timeout=20_000)
    for name in ("overviewPage", "auditLogPage"):
        window.show_page(name)
        page = window.pages.currentWidget()
        assert page.objectName() == name
        if name == "overviewPage":
            qtbot.waitUntil(lambda p=page: p.overview is not None, timeout=20_000)
            assert page.chart.accessibleDescription()
        else:
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0, timeout=20_000)
            page.since_check.setChecked(True)  # shows the date fields enabled
        assert unnamed_controls(page) == [], name
        assert unnamed_accessible(page) == [], name
        assert unreachable_controls(page) == [], name
