"""Create, copy once, revoke, rotate: the flows that change keys, end to end."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rakerone_desktop.domain.keyformat import is_valid_key
from rakerone_desktop.models.keys_model import Column, KeyFilter, Role
from rakerone_desktop.models.server_features import PART_ONE
from rakerone_desktop.runtime.settings import Settings
from rakerone_desktop.ui.clipboard import KDE_HINT, WIN_CLOUD, WIN_HISTORY
from rakerone_desktop.ui.copy_key_dialog import UNCOPIED_WARNING
from rakerone_desktop.ui.revoke_dialog import SEED_REVOKE
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.faultproxy import Fault, problem

pytestmark = pytest.mark.integration


@pytest.fixture
def app_on(qtbot, start_app, demo_sandbox):
    def start(url: str | None = None):
        controller = start_app("--server", url or demo_sandbox.url)
        dialog = controller.sign_in_dialog
        dialog.server_field.setText(url or demo_sandbox.url)
        window = sign_in(qtbot, controller, demo_sandbox) if url is None else None
        if window is None:
            dialog.email_field.setText(demo_sandbox.admin_email)
            dialog.password_field.setText(demo_sandbox.admin_password or "")
            with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
                dialog.sign_in_button.click()
            window = blocker.args[0]
        wait_loaded(qtbot, controller)
        return controller, window

    return start


def create_through_wizard(qtbot, controller, name, permissions=("records.read",)):
    flows = controller.current.flows
    with qtbot.waitSignal(flows.wizardShown, timeout=5000) as blocker:
        controller.current.window.keys_page.create_button.click()
    wizard = blocker.args[0]
    assert wizard.objectName() == "createKeyWizard"
    wizard.findChild(type(wizard.name_page.name_field), "keyNameField").setText(name)
    wizard.next()
    for pid in permissions:
        wizard.findChild(
            type(wizard.permissions_page.checkboxes[pid]), f"permission:{pid}"
        ).setChecked(True)
    wizard.next()
    return wizard


def finish(qtbot, wizard, flows):
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as blocker:
        wizard.button(wizard.WizardButton.FinishButton).click()
    return blocker.args[0]


def test_create_copy_done(qtbot, app_on, admin_api):
    controller, window = app_on()
    flows = controller.current.flows
    wizard = create_through_wizard(
        qtbot, controller, "Data import service (test)", ("records.read", "records.write")
    )
    assert wizard.button(wizard.WizardButton.FinishButton).text() == "Create key"
    dialog = finish(qtbot, wizard, flows)
    assert dialog.objectName() == "copyKeyDialog"
    assert dialog.windowTitle() == "Copy your API key"
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    secret = dialog.secret_field.text()
    assert is_valid_key(secret)
    copy_button = dialog.findChild(type(dialog.copy_button), "copyButton")
    copy_button.click()
    assert copy_button.text() == "Copied"
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData(QClipboard.Mode.Clipboard)
    assert clipboard.text() == secret
    assert bytes(mime.data(KDE_HINT)) == b"secret"
    assert bytes(mime.data(WIN_HISTORY)) == b"\x00" * 4
    assert bytes(mime.data(WIN_CLOUD)) == b"\x00" * 4
    dialog.findChild(type(dialog.done_button), "doneButton").click()
    assert not dialog.isVisible()
    assert dialog.secret_field.text() == ""
    # The new row is in the table at once, selected, and the server agrees.
    page = window.keys_page
    key = page.current_key()
    assert key is not None and key.name == "Data import service (test)"
    assert admin_api.get_key(key.id).permissions == ("records.read", "records.write")
    same_name = [
        k
        for p in admin_api.iter_key_pages(status="all")
        for k in p.items
        if k.name == "Data import service (test)"
    ]
    assert [k.id for k in same_name] == [key.id]  # one click, one key
    assert (
        admin_api.lookup_key(__import__("hashlib").sha256(secret.encode()).hexdigest()).id == key.id
    )
    # Done does not clear the clipboard (people click Done and then paste).
    assert clipboard.text() == secret
    controller.clipboard.clear_if_ours()
    assert clipboard.text() == ""


def test_copy_dialog_ignores_outside_clicks_and_escape_asks_first(qtbot, app_on):
    controller, window = app_on()
    flows = controller.current.flows
    dialog = finish(qtbot, create_through_wizard(qtbot, controller, "Escape test"), flows)
    # The dialog blocks every other window: a click outside reaches nothing.
    assert QApplication.activeModalWidget() is dialog
    button = window.keys_page.create_button
    where = button.mapTo(window, button.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    assert flows.wizard is None
    assert flows.create() is None  # and the app itself refuses too
    assert dialog.isVisible()
    # Escape before Copy asks, with Go back as the default.
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert box.objectName() == "discardKeyBox"
    assert box.text() == UNCOPIED_WARNING
    assert box.defaultButton().text() == "Go back"
    box.defaultButton().click()
    assert dialog.isVisible() and dialog.secret_field.text()
    # The window's close button asks too.
    dialog.close()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    box.defaultButton().click()
    assert dialog.isVisible()
    # After Copy, Escape acts as Done.
    dialog.copy_button.click()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.secret_field.text() == ""
    controller.clipboard.clear_if_ours()


def test_close_anyway_discards_the_key(qtbot, app_on):
    controller, _window = app_on()
    flows = controller.current.flows
    dialog = finish(qtbot, create_through_wizard(qtbot, controller, "Close anyway"), flows)
    dialog.reject()
    box = dialog.confirm_box
    box.findChild(type(box.defaultButton()), "closeAnywayButton").click()
    assert not dialog.isVisible()
    assert dialog.secret_field.text() == ""


def test_secret_field_never_leaks_to_the_selection(qtbot, app_on):
    controller, _window = app_on()
    dialog = finish(
        qtbot, create_through_wizard(qtbot, controller, "Selection"), controller.current.flows
    )
    field = dialog.secret_field
    QTest.mouseDClick(field, Qt.MouseButton.LeftButton)
    field.selectAll()
    assert not field.hasSelectedText()
    clipboard = QGuiApplication.clipboard()
    if clipboard.supportsSelection():
        assert clipboard.text(QClipboard.Mode.Selection) != field.text()
    # Ctrl+C in the field makes the marked copy, not a bare one.
    QTest.keySequence(field, "Ctrl+C")
    assert bytes(clipboard.mimeData().data(KDE_HINT)) == b"secret"
    dialog.finish()
    controller.clipboard.clear_if_ours()


def test_clear_timer_clears_our_value_and_spares_a_later_copy(qtbot, app_on):
    controller, _window = app_on()
    controller.clipboard.clear_after_seconds = 1
    flows = controller.current.flows
    dialog = finish(qtbot, create_through_wizard(qtbot, controller, "Timer"), flows)
    secret = dialog.secret_field.text()
    clipboard = QGuiApplication.clipboard()
    with qtbot.waitSignal(controller.clipboard.cleared, timeout=5000):
        dialog.copy_button.click()
        dialog.done_button.click()
    assert clipboard.text() != secret
    # Copy again, then copy something else: the timer must spare it.
    controller.clipboard.copy(secret)
    clipboard.setText("something the user copied later")
    qtbot.waitUntil(lambda: not controller.clipboard.timer_active, timeout=5000)
    assert clipboard.text() == "something the user copied later"


def test_server_validation_error_lands_on_its_field(qtbot, app_on, proxy):
    controller, _window = app_on(proxy.url)
    flows = controller.current.flows
    wizard = create_through_wizard(qtbot, controller, "Fine by the client")
    rid = "req_validation_1"
    proxy.add(
        Fault(
            "POST",
            r"/api/v1/api-keys",
            "status",
            status=422,
            body=problem(
                422,
                "validation",
                "The key could not be created.",
                rid,
                errors=[{"field": "name", "message": "That name is reserved."}],
            ),
        )
    )
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.name_page_id, timeout=10_000)
    assert wizard.name_page.error.text() == "That name is reserved."
    assert wizard.name_page.name_field.text() == "Fine by the client"
    assert wizard.isVisible()
    # Editing the name clears the server's complaint and the create can go again.
    wizard.name_page.name_field.setText("Fine by the server")
    wizard.next()
    assert wizard.permissions_page.selected() == ["records.read"]
    wizard.next()
    dialog = finish(qtbot, wizard, flows)
    dialog.copy_button.click()
    dialog.done_button.click()
    controller.clipboard.clear_if_ours()


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault("POST", r"/api/v1/api-keys", "status", status=500), "HTTP 500"),
        (Fault("POST", r"/api/v1/api-keys", "reset", times=3), "Can't reach the server"),
    ],
)
def test_create_failure_keeps_the_wizard_open_with_everything(
    qtbot, app_on, proxy, fault, expected, admin_api
):
    controller, _window = app_on(proxy.url)
    wizard = create_through_wizard(qtbot, controller, f"Failing {fault.status}", ("playbooks.run",))
    proxy.add(fault)
    wizard.button(wizard.WizardButton.FinishButton).click()
    error = wizard.review_page.error
    qtbot.waitUntil(error.isVisible, timeout=20_000)
    assert expected in error.text() or (fault.kind == "reset" and error.text())
    assert wizard.isVisible() and not wizard.busy
    assert wizard.name_page.name_field.text() == f"Failing {fault.status}"
    assert wizard.permissions_page.selected() == ["playbooks.run"]


def test_session_ended_during_create_and_sign_in_given_up(qtbot, app_on, proxy):
    controller, _window = app_on(proxy.url)
    wizard = create_through_wizard(qtbot, controller, "Given up", ("playbooks.run",))
    proxy.add(
        Fault(
            "POST",
            r"/api/v1/api-keys",
            "status",
            status=401,
            body=problem(401, "unauthenticated", "No.", "req_401"),
        )
    )
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=20_000)
    controller.reauth_dialog.reject()
    error = wizard.review_page.error
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert "Your session has ended" in error.text()
    assert wizard.name_page.name_field.text() == "Given up"
    assert wizard.permissions_page.selected() == ["playbooks.run"]


def test_lost_create_response_is_recovered_and_reported(qtbot, app_on, proxy, admin_api):
    controller, window = app_on(proxy.url)
    flows = controller.current.flows
    wizard = create_through_wizard(qtbot, controller, "Lost answer", ("records.read",))
    proxy.add(Fault("POST", r"/api/v1/api-keys", "drop_response"))
    with qtbot.waitSignal(flows.lostSecretShown, timeout=20_000) as blocker:
        wizard.button(wizard.WizardButton.FinishButton).click()
    box = blocker.args[0]
    # Both tries carried the same Idempotency-Key.
    creates = [h for m, p, h in proxy.seen if m == "POST" and p == "/api/v1/api-keys"]
    assert len(creates) == 2
    assert creates[0]["Idempotency-Key"] == creates[1]["Idempotency-Key"]
    orphan = window.keys_page.current_key()
    assert orphan is not None and orphan.name == "Lost answer"
    assert "Lost answer" in box.text()
    # One click: revoke the orphan and create a fresh key.
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as copy:
        box.findChild(type(box.defaultButton()), "revokeAndRecreateButton").click()
    dialog = copy.args[0]
    assert is_valid_key(dialog.secret_field.text())
    assert admin_api.get_key(orphan.id).revoked_at is not None
    same_name = [
        k
        for p in admin_api.iter_key_pages(status="active")
        for k in p.items
        if k.name == "Lost answer"
    ]
    assert len(same_name) == 1 and same_name[0].id != orphan.id
    dialog.copy_button.click()
    dialog.done_button.click()
    controller.clipboard.clear_if_ours()


def _new_key(admin_api, name, **kw):
    created = admin_api.create_key(name, kw.get("permissions", ["records.read"]))
    return created.api_key


def _click_row_revoke(qtbot, page, key_id):
    index = page.index_of(key_id, Column.REVOKE)
    assert index.isValid()
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_revoke_one_from_its_row(qtbot, app_on, admin_api):
    key = _new_key(admin_api, "Revoke me from the row")
    controller, window = app_on()
    flows = controller.current.flows
    page = window.keys_page
    assert page.model.row_of(key.id) is not None
    with qtbot.waitSignal(flows.revokeDialogShown, timeout=5000) as blocker:
        _click_row_revoke(qtbot, page, key.id)
    dialog = blocker.args[0]
    assert dialog.objectName() == "revokeDialog"
    assert "Revoke me from the row" in dialog.windowTitle()
    assert SEED_REVOKE in dialog.findChild(type(dialog.status), "revokeText").text()
    assert dialog.last_used.text() == "This key has never been used."
    assert dialog.cancel_button.isDefault()
    assert not dialog.warning.isVisible()
    confirm = dialog.findChild(type(dialog.revoke_button), "confirmRevokeButton")
    with qtbot.waitSignal(controller.current.flows.revoked, timeout=20_000):
        confirm.click()
    assert admin_api.get_key(key.id).revoked_at is not None
    assert page.model.row_of(key.id) is None  # left All
    page.set_filter(KeyFilter.REVOKED)
    assert page.model.row_of(key.id) is not None


def test_revoke_cancel_changes_nothing(qtbot, app_on, admin_api):
    key = _new_key(admin_api, "Do not revoke me")
    controller, window = app_on()
    page = window.keys_page
    page.select_key(key.id)
    dialog = controller.current.flows.revoke_selected()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert admin_api.get_key(key.id).revoked_at is None
    assert page.model.row_of(key.id) is not None


def test_delete_key_revokes_selected_and_recent_use_warns(qtbot, app_on, admin_api, demo_sandbox):
    key = _new_key(admin_api, "Recently used key")
    created = admin_api.create_key("Used just now", ["records.read"])
    from rakerone_desktop.api.client import RakerOneClient

    as_key = RakerOneClient(base_url=demo_sandbox.url, token=created.secret)
    as_key.me()  # the key calls RakerOne: Last used is now
    controller, window = app_on()
    page = window.keys_page
    page.select_key(created.api_key.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page.table.setFocus()
    assert QApplication.activeModalWidget() is None, QApplication.activeModalWidget()
    with qtbot.waitSignal(controller.current.flows.revokeDialogShown, timeout=5000) as blocker:
        QTest.keyClick(page.table, Qt.Key.Key_Delete)
    dialog = blocker.args[0]
    assert dialog.warning.isVisible()
    assert "used in the last day" in dialog.warning_label.text()
    dialog.reject()
    del key


def test_revoke_several_with_a_mixed_outcome(qtbot, app_on, admin_api):
    a = _new_key(admin_api, "Bulk A")
    b = _new_key(admin_api, "Bulk B")
    controller, window = app_on()
    page = window.keys_page
    admin_api.revoke_key(b.id)  # someone else got there first
    dialog = controller.current.flows.revoke(
        [page.model.key_by_id(a.id), page.model.key_by_id(b.id)]
    )
    assert dialog.windowTitle() == "Revoke 2 keys"
    assert dialog.list.count() == 2
    with qtbot.waitSignal(controller.current.flows.revoked, timeout=20_000):
        dialog.revoke_button.click()
    texts = [dialog.list.item(i).text() for i in range(2)]
    assert texts[0].endswith("Revoked")
    assert texts[1].endswith("Was already revoked")
    assert dialog.close_button.isVisible()
    dialog.close_button.click()
    assert page.model.row_of(a.id) is None and page.model.row_of(b.id) is None


def test_a_failed_revoke_says_so_and_leaves_the_row(qtbot, app_on, proxy, admin_api):
    key = _new_key(admin_api, "Revoke fails")
    controller, window = app_on(proxy.url)
    page = window.keys_page
    proxy.add(Fault("POST", r"/api/v1/api-keys/[^/]+/revoke", "status", status=500, times=1))
    dialog = controller.current.flows.revoke([page.model.key_by_id(key.id)])
    with qtbot.waitSignal(controller.current.flows.revokeFailed, timeout=20_000):
        dialog.revoke_button.click()
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "not revoked" in dialog.error.text()
    assert page.model.key_by_id(key.id).revoked_at is None
    assert page.model.row_of(key.id) is not None
    assert admin_api.get_key(key.id).revoked_at is None
    dialog.reject()


def test_rotate_survives_a_restart(qtbot, app_on, admin_api):
    old = _new_key(
        admin_api, "Rotating integration", permissions=["playbooks.run", "records.write"]
    )
    controller, window = app_on()
    page = window.keys_page
    page.select_key(old.id)
    flows = controller.current.flows
    # The part-1 rotation (a new key, then revoke the old one), as against a server that
    # doesn't rotate keys itself.
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    window.set_server_features(PART_ONE)
    flows.set_server_features(PART_ONE)
    wizard = flows.rotate()
    assert wizard.name_page.name_field.text().startswith("Rotating integration (rotated ")
    assert wizard.permissions_page.selected() == ["playbooks.run", "records.write"]
    wizard.next()
    wizard.next()
    dialog = finish(qtbot, wizard, flows)
    assert dialog.note.isVisible()
    dialog.copy_button.click()
    dialog.done_button.click()
    controller.clipboard.clear_if_ours()
    row = page.model.row_of(old.id)
    assert page.model.index(row, 0).data(Role.ROTATING)
    controller.quit()

    again, window2 = app_on()
    page2 = window2.keys_page
    row = page2.model.row_of(old.id)
    assert row is not None and page2.model.index(row, 0).data(Role.ROTATING)
    assert "Rotation in progress" in page2.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    dialog = again.current.flows.revoke_ids([old.id])
    with qtbot.waitSignal(again.current.flows.revoked, timeout=20_000):
        dialog.revoke_button.click()
    assert again.current.actions.rotations.pending() == {}


def test_no_trace_of_the_key_after_a_create_flow(qtbot, app_on, caplog):
    caplog.set_level(logging.DEBUG)
    controller, _window = app_on()
    flows = controller.current.flows
    dialog = finish(qtbot, create_through_wizard(qtbot, controller, "Audit trail"), flows)
    secret = dialog.secret_field.text()
    dialog.copy_button.click()
    dialog.done_button.click()
    controller.clipboard.clear_if_ours()
    settings = Settings()
    settings.sync()
    assert all(secret not in r.getMessage() for r in caplog.records)
    assert secret not in caplog.text
    assert secret not in Path(settings.file_name).read_text(encoding="utf-8")
    needle = secret.encode()
    for root, _dirs, files in os.walk(tempfile.gettempdir()):
        for name in files:
            path = os.path.join(root, name)
            try:
                if os.path.getsize(path) > 50_000_000:
                    continue
                with open(path, "rb") as f:
                    assert needle not in f.read(), path
            except OSError:
                continue
    assert QApplication.clipboard().text() != secret


def test_wizard_validates_names_inline(qtbot, app_on):
    controller, window = app_on()
    flows = controller.current.flows
    existing = window.keys_page.model.key_at(0).name
    wizard = flows.create()
    page = wizard.name_page
    page.name_field.setText("   ")
    assert not page.isComplete() and page.error.isVisible()
    page.name_field.setText("x" * 101)
    assert not page.isComplete() and "100" in page.error.text()
    page.name_field.setText("bad\u202ename")
    assert not page.isComplete() and "U+202E" in page.error.text()
    page.name_field.setText(existing)
    assert page.isComplete() and page.warning.isVisible()  # a warning, not a block
    wizard.reject()


def test_wizard_permissions_page_is_the_servers_catalog(qtbot, app_on, admin_api):
    controller, _window = app_on()
    wizard = controller.current.flows.create()
    catalog = admin_api.permissions()
    boxes = wizard.permissions_page.checkboxes
    assert list(boxes) == [p.id for p in catalog]
    for perm in catalog:
        assert wizard.findChild(type(boxes[perm.id]), f"permission:{perm.id}") is boxes[perm.id]
        assert boxes[perm.id].text() == perm.label
    boxes["users.impersonate"].setChecked(True)
    assert "1 of" in wizard.permissions_page.count.text()
    wizard.reject()
