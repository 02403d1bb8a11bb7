"""Sign in with your browser, in the real app, against a sandbox without password sign-in.

The opener stands in for the system browser: on a worker thread it opens the
sandbox's sign-in page with ``requests``, fills in the form and follows the
redirect to the app's loopback listener.
"""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.sandbox.launcher import ReadyInfo
from rakerone_desktop.ui.main_window import MainWindow
from tests.support.memkeyring import MemoryKeyring
from tests.support.oauth_browser import Browser, nothing_listens_at, person, sign_in_in_browser

pytestmark = pytest.mark.integration

WAIT_MS = 30_000
TIMEOUT = 30


def open_dialog(qtbot, start_app, ready: ReadyInfo, browser: Browser, timeout_ms: int = 0):
    controller = start_app("--server", ready.url)
    controller.sign_in.opener = browser
    if timeout_ms:
        controller.sign_in.browser_timeout_ms = timeout_ms
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.browser_button.isVisible(), timeout=WAIT_MS)
    return controller, dialog


def test_browser_sign_in_ends_signed_in_and_remembered(qtbot, start_app, browser_only, pool):
    browser = Browser(pool, person(browser_only))
    controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    assert dialog.browser_button.objectName() == "signInWithBrowserButton"
    # The server offers no password sign-in: no password form.
    assert not dialog.password_field.isVisible()
    assert not dialog.sign_in_button.isVisible()
    dialog.remember_checkbox.setChecked(True)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=WAIT_MS) as blocker:
        dialog.browser_button.click()
        assert dialog.browser_status.text() == "Waiting for your browser…"
        assert dialog.browser_cancel_button.isVisible()
    window = blocker.args[0]
    assert isinstance(window, MainWindow)
    signed_in = controller.session.current
    assert signed_in is not None and signed_in.via_browser
    assert signed_in.user.email == browser_only.admin_email
    assert signed_in.expires_at is not None
    # Remembered in the keyring under this server and account.
    key = ("RakerOne Desktop", f"session:{browser_only.url}#{browser_only.admin_email}")
    assert MemoryKeyring.store.get(key) == signed_in.client.token
    settings = Settings()
    assert settings.get(Options.remembered_server) == browser_only.url
    assert [p["server"] for p in settings.get(Options.server_profiles)] == [browser_only.url]
    qtbot.waitUntil(browser.finished, timeout=WAIT_MS)
    for future in browser.done:
        future.result()
    assert nothing_listens_at(browser.redirect_uri)


def test_password_server_shows_both(qtbot, start_app, demo_sandbox, pool):
    _controller, dialog = open_dialog(qtbot, start_app, demo_sandbox, Browser(pool, None))
    assert dialog.password_field.isVisible()
    assert dialog.sign_in_button.isVisible()


def test_a_server_without_browser_sign_in_hides_the_button(qtbot, start_app):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = start_app("--server", f"http://127.0.0.1:{port}")
    dialog = controller.sign_in_dialog
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)
    assert not dialog.browser_button.isVisible()
    assert dialog.password_field.isVisible()


def _fails_with(qtbot, dialog, browser: Browser) -> str:
    dialog.browser_button.click()
    qtbot.waitUntil(lambda: dialog.browser_error.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(browser.finished, timeout=WAIT_MS)
    assert not dialog.browser_status.isVisible()
    assert dialog.browser_button.isEnabled()
    assert nothing_listens_at(browser.redirect_uri)
    return str(dialog.browser_error.text())


def test_wrong_state_is_refused(qtbot, start_app, browser_only, pool):
    def act(url: str) -> None:
        location = sign_in_in_browser(url, browser_only.admin_email, browser_only.admin_password)
        parts = urlsplit(location)
        code = parse_qs(parts.query)["code"][0]
        query = urlencode({"code": code, "state": "forged"})
        requests.get(f"{parts.scheme}://{parts.netloc}{parts.path}?{query}", timeout=TIMEOUT)

    browser = Browser(pool, act)
    controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    assert "state" in _fails_with(qtbot, dialog, browser)
    assert controller.session.current is None


def test_access_denied_is_said(qtbot, start_app, browser_only, pool):
    def act(url: str) -> None:
        query = parse_qs(urlsplit(url).query)
        target = (
            query["redirect_uri"][0]
            + "?"
            + urlencode({"error": "access_denied", "state": query["state"][0]})
        )
        requests.get(target, timeout=TIMEOUT)

    browser = Browser(pool, act)
    _controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    assert _fails_with(qtbot, dialog, browser) == "Sign-in was declined in the browser."


def test_failing_token_endpoint_is_said(qtbot, start_app, browser_only, pool):
    def act(url: str) -> None:
        location = sign_in_in_browser(url, browser_only.admin_email, browser_only.admin_password)
        code = parse_qs(urlsplit(location).query)["code"][0]
        redirect_uri = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        # Someone else presents the code with a wrong verifier: it is used up.
        answer = requests.post(
            browser_only.url + "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": "rakerone-desktop",
                "code_verifier": "x" * 64,
            },
            timeout=TIMEOUT,
        )
        assert answer.status_code == 400
        requests.get(location, timeout=TIMEOUT)

    browser = Browser(pool, act)
    controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    assert _fails_with(qtbot, dialog, browser)
    assert controller.session.current is None
    assert controller.sign_in_dialog is dialog


def test_browser_that_cannot_be_opened_shows_the_url_and_cancel_stops(
    qtbot, start_app, browser_only, pool
):
    browser = Browser(pool, None, opens=False)
    _controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    dialog.browser_button.click()
    qtbot.waitUntil(lambda: dialog.browser_url_field.isVisible(), timeout=WAIT_MS)
    assert dialog.browser_url_field.text() == browser.urls[0]
    assert not nothing_listens_at(browser.redirect_uri)
    dialog.browser_cancel_button.click()
    assert not dialog.browser_url_field.isVisible()
    assert not dialog.browser_error.isVisible()
    assert dialog.browser_button.isEnabled()
    assert nothing_listens_at(browser.redirect_uri)


def test_timeout_says_so_and_stops_listening(qtbot, start_app, browser_only, pool):
    browser = Browser(pool, None)
    _controller, dialog = open_dialog(qtbot, start_app, browser_only, browser, timeout_ms=300)
    text = _fails_with(qtbot, dialog, browser)
    assert text.startswith("No answer came from the browser within")


def test_forgetting_a_remembered_server(qtbot, start_app, browser_only, demo_sandbox, pool):
    settings = Settings()
    settings.set(
        Options.server_profiles,
        [
            {"server": demo_sandbox.url, "email": demo_sandbox.admin_email, "ca_bundle": ""},
            {
                "server": browser_only.url,
                "email": "x@example.com",
                "ca_bundle": str(Path("ca.pem")),
            },
        ],
    )
    settings.sync()
    controller = start_app("--server", demo_sandbox.url)
    dialog = controller.sign_in_dialog
    field = dialog.profile_field
    assert field.objectName() == "serverProfileField"
    assert field.count() == 2 and field.currentIndex() == 0
    field.setCurrentIndex(1)
    field.activated.emit(1)
    assert dialog.server_field.text() == browser_only.url
    assert dialog.email_field.text() == "x@example.com"
    assert dialog.ca_bundle == str(Path("ca.pem"))
    qtbot.waitUntil(lambda: dialog.browser_button.isVisible(), timeout=WAIT_MS)
    assert not dialog.password_field.isVisible()
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)
    # A session remembered for it (kept since it was picked above).
    settings.set(Options.session_expiry, {f"{browser_only.url}#x@example.com": "2030-01-01"})
    entry = ("RakerOne Desktop", f"session:{browser_only.url}#x@example.com")
    MemoryKeyring.store[entry] = "sess_remembered"
    dialog.forget_button.click()
    assert field.count() == 1
    assert [p["server"] for p in Settings().get(Options.server_profiles)] == [demo_sandbox.url]
    # Its remembered session is forgotten with it.
    qtbot.waitUntil(lambda: entry not in MemoryKeyring.store, timeout=WAIT_MS)
    assert Settings().get(Options.session_expiry) == {}
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def test_signing_in_again_with_the_browser_when_the_session_ends(
    qtbot, start_app, browser_only, pool
):
    from rakerone_desktop.api.client import RakerOneClient
    from tests.support.app_driver import wait_loaded

    browser = Browser(pool, person(browser_only))
    controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    dialog.remember_checkbox.setChecked(True)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=WAIT_MS) as blocker:
        dialog.browser_button.click()
    window = blocker.args[0]
    wait_loaded(qtbot, controller)
    client = controller.session.current.client
    old_token = client.token
    RakerOneClient(base_url=client.base_url, token=old_token).sign_out()  # as an expiry would

    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: controller.reauth_dialog is not None, timeout=WAIT_MS)
    again = controller.reauth_dialog
    qtbot.waitUntil(lambda: again.browser_button.isVisible(), timeout=WAIT_MS)
    assert not again.password_field.isVisible()
    again.browser_button.click()
    qtbot.waitUntil(lambda: controller.reauth_dialog is None, timeout=WAIT_MS)
    assert client.token != old_token
    key = ("RakerOne Desktop", f"session:{browser_only.url}#{browser_only.admin_email}")
    qtbot.waitUntil(lambda: MemoryKeyring.store.get(key) == client.token, timeout=WAIT_MS)
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(browser.finished, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def test_the_expiry_of_a_remembered_session_is_kept_beside_it(qtbot, start_app, browser_only, pool):
    browser = Browser(pool, person(browser_only))
    controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    dialog.remember_checkbox.setChecked(True)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=WAIT_MS):
        dialog.browser_button.click()
    expires_at = controller.session.current.expires_at
    qtbot.waitUntil(browser.finished, timeout=WAIT_MS)
    controller.quit()
    stored = Settings().get(Options.session_expiry)
    assert list(stored) == [f"{browser_only.url}#{browser_only.admin_email}"]
    second = start_app()
    with qtbot.waitSignal(second.mainWindowShown, timeout=WAIT_MS):
        pass
    assert second.session.current.expires_at == expires_at
    qtbot.waitUntil(lambda: second.runner.active_count == 0, timeout=WAIT_MS)


def test_typing_a_remembered_address_selects_it_in_the_list(qtbot, start_app, demo_sandbox):
    settings = Settings()
    profiles = [
        {"server": "https://rakerone.example.com", "email": "a@example.com", "ca_bundle": ""},
        {"server": demo_sandbox.url, "email": demo_sandbox.admin_email, "ca_bundle": ""},
    ]
    settings.set(Options.server_profiles, profiles)
    settings.sync()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing is sent outside
    controller = start_app("--server", closed)
    dialog = controller.sign_in_dialog
    assert dialog.profile_field.currentIndex() == -1
    assert not dialog.forget_button.isEnabled()
    dialog.server_field.setText(demo_sandbox.url)
    dialog.server_field.editingFinished.emit()
    assert dialog.profile_field.currentIndex() == 1
    assert dialog.forget_button.isEnabled()
    qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=WAIT_MS)


def test_a_member_signing_in_with_the_browser_sees_the_admin_only_page(
    qtbot, start_app, browser_only, pool
):
    from rakerone_desktop.ui.main_window import AdminOnlyWindow

    def act(url: str) -> None:
        location = sign_in_in_browser(url, browser_only.member_email, browser_only.member_password)
        requests.get(location, timeout=TIMEOUT)

    browser = Browser(pool, act)
    controller, dialog = open_dialog(qtbot, start_app, browser_only, browser)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=WAIT_MS) as blocker:
        dialog.browser_button.click()
    assert isinstance(blocker.args[0], AdminOnlyWindow)
    assert not MemoryKeyring.store  # "Remember me" was not ticked
    qtbot.waitUntil(browser.finished, timeout=WAIT_MS)
