"""A session that ends mid-flow: sign in again, and the flow finishes with its input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.domain.keyformat import is_valid_key
from tests.support.app_driver import sign_in, wait_loaded

pytestmark = pytest.mark.integration


@pytest.fixture
def signed_in(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    return controller, window


def end_session(controller) -> None:
    """Revoke the app's own session on the server, as an expiry would."""
    client = controller.session.current.client
    RakerOneClient(base_url=client.base_url, token=client.token).sign_out()


def sign_in_again(qtbot, controller, info) -> None:
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=20_000)
    dialog = controller.reauth_dialog
    assert dialog.objectName() == "signInDialog"
    assert dialog.windowTitle() == "Sign in again"
    assert dialog.server_field.isReadOnly() and dialog.email_field.text() == info.admin_email
    dialog.password_field.setText(info.admin_password or "")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is None, timeout=20_000)


def test_refresh_after_expiry_signs_in_again_and_refreshes(qtbot, signed_in, demo_sandbox):
    controller, window = signed_in
    end_session(controller)
    keys = controller.current.keys
    window.keys_page.refresh_button.click()
    sign_in_again(qtbot, controller, demo_sandbox)
    qtbot.waitUntil(lambda: not keys.loading, timeout=20_000)
    assert keys.last_error is None
    assert not window.keys_page.banner.isVisible()


def test_wrong_password_when_signing_in_again_keeps_asking(qtbot, signed_in, demo_sandbox):
    controller, window = signed_in
    end_session(controller)
    window.keys_page.refresh_button.click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=20_000)
    dialog = controller.reauth_dialog
    dialog.password_field.setText("wrong")
    dialog.sign_in_button.click()
    qtbot.waitUntil(dialog.password_error.isVisible, timeout=20_000)
    assert dialog.password_error.text() == "Wrong email or password"
    sign_in_again(qtbot, controller, demo_sandbox)


def test_create_finishes_after_signing_in_again(qtbot, signed_in, demo_sandbox, admin_api):
    controller, _window = signed_in
    flows = controller.current.flows
    wizard = flows.create()
    wizard.name_page.name_field.setText("Made across a re-sign-in")
    wizard.next()
    wizard.permissions_page.checkboxes["records.read"].setChecked(True)
    wizard.next()
    end_session(controller)
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=20_000)
    assert wizard.isVisible() and wizard.busy
    assert "sign in again" in wizard.review_page.status.text()
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as blocker:
        sign_in_again(qtbot, controller, demo_sandbox)
    dialog = blocker.args[0]
    assert is_valid_key(dialog.secret_field.text())
    made = [
        k
        for p in admin_api.iter_key_pages(status="all")
        for k in p.items
        if k.name == "Made across a re-sign-in"
    ]
    assert len(made) == 1 and made[0].permissions == ("records.read",)
    dialog.copy_button.click()
    dialog.done_button.click()
    controller.clipboard.clear_if_ours()


def test_revoke_finishes_after_signing_in_again(qtbot, signed_in, demo_sandbox, admin_api):
    controller, window = signed_in
    key = admin_api.create_key("Revoked across a re-sign-in", []).api_key
    window.keys_page.refresh_button.click()
    qtbot.waitUntil(lambda: window.keys_page.model.key_by_id(key.id) is not None, timeout=20_000)
    dialog = controller.current.flows.revoke([window.keys_page.model.key_by_id(key.id)])
    end_session(controller)
    with qtbot.waitSignal(controller.current.flows.revoked, timeout=30_000):
        dialog.revoke_button.click()
        sign_in_again(qtbot, controller, demo_sandbox)
    assert admin_api.get_key(key.id).revoked_at is not None


def test_lookup_finishes_after_signing_in_again(qtbot, signed_in, demo_sandbox, admin_api):
    controller, _window = signed_in
    created = admin_api.create_key("Looked up across a re-sign-in", [])
    flows = controller.current.flows
    dialog = flows.find()
    dialog.field.clear()
    end_session(controller)
    dialog.field.paste_text(f"token={created.secret}")
    sign_in_again(qtbot, controller, demo_sandbox)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog._busy, timeout=20_000)
    assert "Looked up across a re-sign-in" in dialog.table.item(0, 1).text()
    dialog.close()


def test_giving_up_reports_the_failure_and_keeps_the_window(qtbot, signed_in):
    controller, window = signed_in
    end_session(controller)
    window.keys_page.refresh_button.click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=20_000)
    QTest.keyClick(controller.reauth_dialog, Qt.Key.Key_Escape)
    banner = window.keys_page.banner
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert "session has ended" in banner.message.text()
    assert window.isVisible()
    assert window.keys_page.model.rowCount() > 0  # what was loaded stays
