"""Several servers without quitting, and the session panel with its expiry warning."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from rakerone_desktop.ui.main_window import MainWindow
from tests.support.app_driver import sign_in
from tests.support.memkeyring import MemoryKeyring
from tests.support.oauth_browser import Browser, person

pytestmark = pytest.mark.integration

WAIT_MS = 30_000


@pytest.fixture(scope="module")
def short_sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReadyInfo]:
    """A sandbox whose sessions last a minute and a half."""
    db = tmp_path_factory.mktemp("short") / "sandbox.db"
    process = SandboxProcess("--seed", "demo", "--session-ttl", "90", "--db", str(db))
    process.start()
    yield process.ready
    process.stop()


def _port(url: str) -> str:
    return url.rsplit(":", 1)[1]


def test_switching_between_two_servers_without_quitting(
    qtbot,
    start_app,
    demo_sandbox: ReadyInfo,
    browser_only: ReadyInfo,
    pool: ThreadPoolExecutor,
) -> None:
    controller = start_app("--server", demo_sandbox.url)
    first = sign_in(qtbot, controller, demo_sandbox, remember=True)
    assert isinstance(first, MainWindow)
    assert first.windowTitle().endswith(f"(127.0.0.1:{_port(demo_sandbox.url)})")

    with qtbot.waitSignal(controller.signInShown, timeout=WAIT_MS) as shown:
        first.switch_action.trigger()
    dialog = shown.args[0]
    assert not first.isVisible()
    assert not controller.stopped
    assert dialog.profile_field.count() == 1  # the first server is remembered
    controller.sign_in.opener = Browser(pool, person(browser_only))
    dialog.server_field.setText(browser_only.url)
    dialog.server_field.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.browser_button.isVisible(), timeout=WAIT_MS)
    dialog.remember_checkbox.setChecked(True)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=WAIT_MS) as entered:
        dialog.browser_button.click()
    second = entered.args[0]
    assert second.windowTitle().endswith(f"(127.0.0.1:{_port(browser_only.url)})")
    assert controller.session.current.server == browser_only.url
    # Both sessions are remembered, each in its own keyring entry.
    names = sorted(k[1] for k in MemoryKeyring.store)
    assert names == sorted(
        [
            f"session:{demo_sandbox.url}#{demo_sandbox.admin_email}",
            f"session:{browser_only.url}#{browser_only.admin_email}",
        ]
    )
    profiles = [p["server"] for p in Settings().get(Options.server_profiles)]
    assert profiles == [browser_only.url, demo_sandbox.url]

    # And back to the first, picked from the list: its remembered session opens.
    with qtbot.waitSignal(controller.signInShown, timeout=WAIT_MS) as shown:
        second.switch_action.trigger()
    dialog = shown.args[0]
    dialog.profile_field.setCurrentIndex(1)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=WAIT_MS) as back:
        dialog.profile_field.activated.emit(1)
        assert dialog.server_field.text() == demo_sandbox.url
        assert dialog.email_field.text() == demo_sandbox.admin_email
    third = back.args[0]
    assert third.windowTitle().endswith(f"(127.0.0.1:{_port(demo_sandbox.url)})")
    assert controller.session.current.user.email == demo_sandbox.admin_email
    assert not controller.stopped
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def test_a_remembered_server_without_a_session_asks_to_sign_in(
    qtbot, start_app, demo_sandbox: ReadyInfo
) -> None:
    controller = start_app("--server", demo_sandbox.url)
    first = sign_in(qtbot, controller, demo_sandbox, remember=True)
    with qtbot.waitSignal(controller.signInShown, timeout=WAIT_MS) as shown:
        first.switch_action.trigger()
    dialog = shown.args[0]
    MemoryKeyring.store.clear()  # the keyring lost it
    dialog.profile_field.setCurrentIndex(0)
    dialog.profile_field.activated.emit(0)
    assert dialog.status_label.text() == "Opening your remembered session…"
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=WAIT_MS)
    assert dialog.status_label.text() == ""
    assert controller.current is None and controller.sign_in_dialog is dialog
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def test_session_panel_and_expiry_warning(qtbot, start_app, short_sessions: ReadyInfo) -> None:
    controller = start_app("--server", short_sessions.url)
    controller.expiry_warning_seconds = 88  # the 90-second session warns at once
    window = sign_in(qtbot, controller, short_sessions, remember=True)
    scope = controller.current
    qtbot.waitUntil(lambda: scope.expiry_warned, timeout=WAIT_MS)
    notice = window.keys_page.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert notice.message.text().startswith("Your session on this server ends at ")

    window.session_action.trigger()
    panel = scope.session_panel
    assert panel is not None and panel.objectName() == "sessionPanel"
    assert panel.isVisible() and not panel.isModal()
    assert panel.server_label.text() == short_sessions.url
    assert short_sessions.admin_email in panel.user_label.text()
    assert panel.role_label.text() == "Admin"
    assert panel.expires_label.text().endswith("(in 1 minute)")
    qtbot.waitUntil(
        lambda: panel.keyring_label.text() == "The keyring (MemoryKeyring)", timeout=WAIT_MS
    )
    with qtbot.waitSignal(controller.signInShown, timeout=WAIT_MS):
        panel.sign_out_button.click()
    assert controller.current is None
    qtbot.waitUntil(lambda: not MemoryKeyring.store, timeout=WAIT_MS)


def test_a_session_not_remembered_is_kept_this_run_only(
    qtbot, start_app, demo_sandbox: ReadyInfo
) -> None:
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    window.session_action.trigger()
    panel = controller.current.session_panel
    assert panel.keyring_label.text() == "This run only (not saved on this computer)"
    assert "in 12 hours" in panel.expires_label.text()
    assert not controller.current.expiry_warned


def test_signing_in_again_renews_the_expiry(qtbot, start_app, short_sessions: ReadyInfo) -> None:
    from rakerone_desktop.api.client import RakerOneClient
    from tests.support.app_driver import wait_loaded

    controller = start_app("--server", short_sessions.url)
    controller.expiry_warning_seconds = 88
    window = sign_in(qtbot, controller, short_sessions, remember=True)
    wait_loaded(qtbot, controller)
    scope = controller.current
    qtbot.waitUntil(lambda: scope.expiry_warned, timeout=WAIT_MS)
    old = scope.signed_in.expires_at
    window.session_action.trigger()
    client = scope.signed_in.client
    RakerOneClient(base_url=client.base_url, token=client.token).sign_out()
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=WAIT_MS)
    again = controller.reauth_dialog
    again.password_field.setText(short_sessions.admin_password or "")
    again.sign_in_button.click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: scope.signed_in.expires_at != old, timeout=WAIT_MS)
    assert scope.signed_in.expires_at > old
    assert controller.session.current.expires_at == scope.signed_in.expires_at
    kept = Settings().get(Options.session_expiry)
    key = f"{short_sessions.url}#{short_sessions.admin_email}"
    assert kept[key] == scope.signed_in.expires_at.isoformat()
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def test_a_member_has_switch_server_and_the_session_panel(
    qtbot, start_app, demo_sandbox: ReadyInfo
) -> None:
    from rakerone_desktop.ui.main_window import AdminOnlyWindow

    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox, member=True)
    assert isinstance(window, AdminOnlyWindow)
    menus = {m.title(): [a.text() for a in m.actions()] for m in _menus(window)}
    assert menus["&File"] == ["S&witch server…", "", "Sign &out", "&Quit"]
    assert menus["&Help"] == ["&Session…"]

    window.session_action.trigger()
    scope = controller.current
    panel = scope.session_panel
    assert panel is not None and panel.isVisible() and not panel.isModal()
    assert panel.server_label.text() == demo_sandbox.url
    assert demo_sandbox.member_email in panel.user_label.text()
    assert panel.role_label.text() == "Member"
    panel.reject()

    with qtbot.waitSignal(controller.signInShown, timeout=WAIT_MS) as shown:
        window.switch_action.trigger()
    assert shown.args[0].isVisible()
    assert not window.isVisible()
    assert controller.current is None and not controller.stopped
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def _menus(window):
    from PySide6.QtWidgets import QMenu

    return [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
