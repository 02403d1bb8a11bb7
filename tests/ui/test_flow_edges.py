"""Edges of the flows: a failed re-create, a busy wizard, a restore while offline,
a late lookup answer, one change at a time."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtWidgets import QWizard

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.runtime.settings import Options, Settings
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.faultproxy import Fault
from tests.support.memkeyring import MemoryKeyring

pytestmark = pytest.mark.integration


def _app_via(qtbot, start_app, proxy, info):
    controller = start_app("--server", proxy.url)
    dialog = controller.sign_in_dialog
    dialog.email_field.setText(info.admin_email)
    dialog.password_field.setText(info.admin_password or "")
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000):
        dialog.sign_in_button.click()
    wait_loaded(qtbot, controller)
    return controller


def _wizard(controller, name):
    wizard = controller.current.flows.create()
    wizard.name_page.name_field.setText(name)
    wizard.next()
    wizard.next()
    return wizard


def test_a_failed_recreate_after_a_lost_answer_is_reported(
    qtbot, start_app, demo_sandbox, proxy, admin_api
):
    controller = _app_via(qtbot, start_app, proxy, demo_sandbox)
    flows = controller.current.flows
    wizard = _wizard(controller, "Lost, then failed")
    proxy.add(Fault("POST", r"/api/v1/api-keys", "drop_response"))
    with qtbot.waitSignal(flows.lostSecretShown, timeout=20_000) as lost:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    orphan = controller.current.window.keys_page.current_key()
    proxy.add(Fault("POST", r"/api/v1/api-keys", "status", status=500))
    with qtbot.waitSignal(flows.messageShown, timeout=20_000) as shown:
        lost.args[0].findChild(
            type(lost.args[0].defaultButton()), "revokeAndRecreateButton"
        ).click()
    box = shown.args[0]
    assert "wasn't created" in box.text() and "HTTP 500" in box.text()
    assert admin_api.get_key(orphan.id).revoked_at is not None
    assert not controller.current.actions.creating
    assert flows.create() is not None  # and the next create can start


def test_back_stays_disabled_while_creating(qtbot, start_app, demo_sandbox, proxy):
    controller = _app_via(qtbot, start_app, proxy, demo_sandbox)
    release = __import__("threading").Event()
    proxy.add(Fault("POST", r"/api/v1/api-keys", "stall", release=release))
    wizard = _wizard(controller, "Busy wizard")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.busy
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    # One change at a time: no second wizard, no second create while this one runs.
    assert controller.current.flows.create() is wizard
    release.set()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=30_000)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_offline_restore_keeps_the_remembered_session(qtbot, start_app):
    server = f"http://127.0.0.1:{_closed_port()}"
    settings = Settings()
    settings.set(Options.remembered_server, server)
    settings.sync()
    MemoryKeyring.store[("RakerOne Desktop", f"session:{server}")] = "sess_remembered"
    controller = start_app()
    dialog = controller.sign_in_dialog
    assert dialog is not None  # something on screen while the session is checked
    qtbot.waitUntil(lambda: dialog.server_error.isVisible(), timeout=30_000)
    assert "Can't reach server" in dialog.server_error.text()
    assert Settings().get(Options.remembered_server) == server
    assert MemoryKeyring.store[("RakerOne Desktop", f"session:{server}")] == "sess_remembered"


def test_a_late_lookup_answer_for_other_values_is_ignored(
    qtbot, start_app, demo_sandbox, admin_api
):
    controller = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    created = admin_api.create_key("Looked up now", [])
    dialog = controller.current.flows.find()
    dialog.field.clear()
    dialog.field.paste_text(created.secret)
    qtbot.waitUntil(lambda: not dialog._busy and dialog.table.rowCount() == 1, timeout=20_000)
    before = dialog.table.item(0, 1).text()
    assert "Looked up now" in before
    stale: list[tuple[str, ApiKey | None]] = [("0" * 64, None)]
    dialog.show_results(stale)  # an answer to some earlier search
    assert dialog.table.item(0, 1).text() == before
    dialog.close()


def test_a_sandbox_session_is_never_remembered(qtbot, start_app):
    controller = start_app("--sandbox", "--sandbox-seed", "empty")
    with qtbot.waitSignal(controller.mainWindowShown, timeout=60_000):
        pass
    settings = Settings()
    assert settings.get(Options.last_server) == ""
    assert settings.get(Options.last_email) == ""
    assert settings.get(Options.remembered_server) == ""
