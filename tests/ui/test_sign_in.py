"""Start and sign in: the real app against the real sandbox."""

from __future__ import annotations

import socket

import pytest

from rakerone_desktop import app as appmod
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.ui.main_window import SEED_ADMIN_ONLY, AdminOnlyWindow, MainWindow
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.memkeyring import MemoryKeyring

pytestmark = pytest.mark.integration


def test_good_sign_in_opens_the_keys_page(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    assert isinstance(window, MainWindow)
    assert window.objectName() == "mainWindow"
    port = demo_sandbox.url.rsplit(":", 1)[1]
    assert window.windowTitle() == f"RakerOne — API keys (127.0.0.1:{port})"
    wait_loaded(qtbot, controller)
    assert window.keys_page.model.rowCount() > 0
    assert controller.sign_in_dialog is None


def test_wrong_password_is_shown_inline_and_keeps_what_was_typed(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    dialog = controller.sign_in_dialog
    dialog.email_field.setText(demo_sandbox.admin_email)
    dialog.password_field.setText("not the password")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.password_error.isVisible(), timeout=10_000)
    assert dialog.password_error.text() == "Wrong email or password"
    assert dialog.email_field.text() == demo_sandbox.admin_email
    assert dialog.password_field.text() == "not the password"
    assert dialog.server_field.text() == demo_sandbox.url
    assert dialog.isVisible()
    assert dialog.sign_in_button.isEnabled()


def test_member_sees_the_admin_only_page(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox, member=True)
    assert isinstance(window, AdminOnlyWindow)
    assert window.message.text() == SEED_ADMIN_ONLY


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server_says_so_under_the_server_field(qtbot, start_app):
    controller = start_app("--server", f"http://127.0.0.1:{_closed_port()}")
    dialog = controller.sign_in_dialog
    dialog.email_field.setText("admin@example.com")
    dialog.password_field.setText("secret-password")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.server_error.isVisible(), timeout=20_000)
    assert dialog.server_error.text().startswith("Can't reach server: ")
    assert dialog.password_field.text() == "secret-password"


def test_plain_http_to_another_host_is_refused_before_connecting(qtbot, start_app):
    controller = start_app("--server", "http://rakerone.example.com")
    dialog = controller.sign_in_dialog
    dialog.email_field.setText("admin@example.com")
    dialog.password_field.setText("pw")
    dialog.sign_in_button.click()
    assert dialog.server_error.isVisible()
    assert "https://" in dialog.server_error.text()
    assert controller.runner.active_count == 0  # nothing was sent


def test_empty_fields_are_flagged_without_a_request(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    dialog = controller.sign_in_dialog
    # Opening the dialog asks the server how it signs people in; wait for that answer.
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=10_000)
    dialog.email_field.setText("")
    dialog.sign_in_button.click()
    assert dialog.email_error.isVisible()
    assert dialog.password_error.isVisible()
    assert controller.runner.active_count == 0


def test_remember_me_keeps_the_token_in_the_keyring_and_sign_out_forgets_it(
    qtbot, start_app, demo_sandbox
):
    controller = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, controller, demo_sandbox, remember=True)
    stored = [k for k in MemoryKeyring.store if k[1].startswith("session:")]
    assert len(stored) == 1
    token = MemoryKeyring.store[stored[0]]
    # The token is in the keyring, never in the settings file.
    settings = Settings()
    settings.sync()
    with open(settings.file_name, encoding="utf-8") as f:
        assert token not in f.read()
    controller.quit()

    # A second start goes straight in with the remembered session.
    second = start_app()
    with qtbot.waitSignal(second.mainWindowShown, timeout=20_000):
        pass
    assert second.sign_in_dialog is None
    with qtbot.waitSignal(second.signInShown, timeout=20_000):
        second.sign_out()
    # Back at sign-in at once; the keyring forgets the token in the background.
    qtbot.waitUntil(
        lambda: not [k for k in MemoryKeyring.store if k[1].startswith("session:")], timeout=10_000
    )
    assert Settings().get(Options.remembered_server) == ""


def test_sign_in_prefills_last_server_and_email(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, controller, demo_sandbox)
    controller.quit()
    again = start_app()
    qtbot.waitUntil(lambda: again.sign_in_dialog is not None, timeout=10_000)
    dialog = again.sign_in_dialog
    assert dialog.server_field.text() == demo_sandbox.url
    assert dialog.email_field.text() == demo_sandbox.admin_email
    assert dialog.password_field.text() == ""


def test_bad_option_is_a_message_not_a_traceback(capsys):
    assert appmod.main(["--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --no-such-option" in err
    assert "Traceback" not in err


def test_version_and_help(capsys):
    assert appmod.main(["--version"]) == 0
    assert "RakerOne Desktop" in capsys.readouterr().out
    assert appmod.main(["--help"]) == 0
    assert "--sandbox" in capsys.readouterr().out


def test_sandbox_mode_starts_signs_in_and_stops_the_child(qtbot, start_app):
    controller = start_app("--sandbox", "--sandbox-seed", "empty")
    with qtbot.waitSignal(controller.mainWindowShown, timeout=60_000):
        pass
    sandbox = controller.sandbox
    assert sandbox is not None and sandbox.returncode is None
    assert controller.session.current is not None
    assert controller.session.current.remembered is False
    controller.quit()
    assert sandbox.returncode == 0


def test_a_session_remembered_under_the_older_keyring_name_still_opens(
    qtbot, start_app, demo_sandbox
):
    controller = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, controller, demo_sandbox, remember=True)
    (key,) = [k for k in MemoryKeyring.store if k[1].startswith("session:")]
    assert key[1] == f"session:{demo_sandbox.url}#{demo_sandbox.admin_email}"
    controller.quit()
    # As an earlier version kept it: one entry per server, no account in its name.
    token = MemoryKeyring.store.pop(key)
    MemoryKeyring.store[(key[0], f"session:{demo_sandbox.url}")] = token
    settings = Settings()
    settings.remove(Options.remembered_email)
    settings.sync()

    second = start_app()
    with qtbot.waitSignal(second.mainWindowShown, timeout=20_000):
        pass
    assert second.session.current is not None
    assert [k[1] for k in MemoryKeyring.store] == [key[1]]
