"""TLS and redirects (security guide, line 7; issue #6, item 3).

A loopback HTTPS sandbox with certificates made at test time (a private
"corporate" CA that signs the server's certificate):

* refused by default, with a message that says why;
* accepted with a CA bundle chosen for that server in the sign-in dialog,
  remembered for that server and for no other;
* the OS trust store is honoured (``truststore``: OpenSSL's default paths,
  ``SSL_CERT_FILE`` included), so a corporate CA installed there just works;
* no option, setting or environment variable turns verification off;
* a redirect answered to an authenticated call is not followed, to another
  host or at all.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from PySide6.QtWidgets import QCheckBox, QFileDialog

from rakerone_desktop import app as appmod
from rakerone_desktop.api import errors as e
from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from tests.hardening import tlscerts
from tests.support.faultproxy import Fault, FaultProxy
from tests.support.qt_helpers import visible_message_boxes
from tests.support.sandbox_http import poll_until

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("pki")
    ca = tlscerts.make_ca()
    other_ca = tlscerts.make_ca("Somebody Else's CA")
    return {
        "folder": folder,
        "ca": ca.write(folder / "corporate-ca.pem"),
        "other_ca": other_ca.write(folder / "other-ca.pem"),
        "good": tlscerts.issue(ca, folder, stem="good"),
        "wrong_name": tlscerts.issue(
            ca, folder, names=("intranet.example",), addresses=(), stem="wrong-name"
        ),
        "expired": tlscerts.issue(ca, folder, expired=True, stem="expired"),
    }


def _tls_sandbox(issued: tlscerts.Issued, *extra: str) -> SandboxProcess:
    return SandboxProcess(
        "--seed", "demo", "--tls-cert", str(issued.cert), "--tls-key", str(issued.key), *extra
    )


@pytest.fixture(scope="module")
def https_sandbox(pki) -> Iterator[ReadyInfo]:
    with _tls_sandbox(pki["good"]) as sandbox:
        yield sandbox.ready


def _fill(dialog, info: ReadyInfo, url: str | None = None) -> None:
    dialog.server_field.setText(url or info.url)
    dialog.email_field.setText(info.admin_email)
    dialog.password_field.setText(info.admin_password or "")


def _refused(qtbot, controller, info: ReadyInfo, url: str | None = None) -> str:
    dialog = controller.sign_in_dialog
    _fill(dialog, info, url)
    with qtbot.waitSignal(controller.session.signInFailed, timeout=20_000):
        dialog.sign_in_button.click()
    assert dialog.server_error.isVisible()
    assert not dialog.general_error.isVisible()
    assert not dialog.password_error.isVisible()
    assert visible_message_boxes() == []
    # What was typed stays.
    assert dialog.server_field.text() == (url or info.url)
    assert dialog.email_field.text() == info.admin_email
    assert dialog.password_field.text() == (info.admin_password or "")
    return dialog.server_error.text()


def _signed_in(qtbot, controller, info: ReadyInfo):
    dialog = controller.sign_in_dialog
    _fill(dialog, info)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    return blocker.args[0]


# -- the sandbox speaks HTTPS ------------------------------------------------------------------


def test_the_sandbox_serves_https_with_the_given_certificate(https_sandbox, pki):
    assert https_sandbox.url.startswith("https://127.0.0.1:")
    response = requests.get(https_sandbox.url + "/api/v1/me", verify=str(pki["ca"]), timeout=10)
    assert response.status_code == 401
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(https_sandbox.url + "/api/v1/me", timeout=10)  # certifi alone: refused


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--tls-cert", "x.crt"], "--tls-cert and --tls-key go together"),
        (["--tls-key", "x.key"], "--tls-cert and --tls-key go together"),
        (["--tls-cert", "missing.crt", "--tls-key", "missing.key"], "cannot serve TLS"),
    ],
)
def test_sandbox_tls_options_are_checked(args, says, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rakerone_desktop.sandbox", "--db", ":memory:", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert says in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_simulated_traffic_works_over_https(pki):
    with _tls_sandbox(pki["good"], "--simulate-traffic") as sandbox:
        info = sandbox.ready
        client = RakerOneClient(base_url=info.url, ca_bundle=str(pki["ca"]))
        client.sign_in(info.admin_email, info.admin_password or "")
        started = datetime.now(UTC) - timedelta(seconds=1)

        def used_since_start():
            keys = [k for p in client.iter_key_pages(status="active") for k in p.items]
            return any(k.last_used_at and k.last_used_at >= started for k in keys)

        poll_until(used_since_start, timeout=30, interval=0.5, what="simulated traffic")
        client.close()


# -- the app and the certificate -----------------------------------------------------------------


def test_a_private_ca_is_refused_by_default_with_the_reason(qtbot, start_app, https_sandbox):
    controller = start_app("--server", https_sandbox.url)
    text = _refused(qtbot, controller, https_sandbox)
    assert text.startswith("The server's certificate isn't trusted: ")
    assert "issuer" in text or "self-signed" in text or "self signed" in text, text
    assert controller.current is None


def test_a_ca_bundle_chosen_for_the_server_is_used_and_kept_for_it_alone(
    qtbot, start_app, https_sandbox, pki
):
    controller = start_app("--server", https_sandbox.url)
    dialog = controller.sign_in_dialog
    assert dialog.ca_bundle == ""
    dialog.set_ca_bundle(str(pki["ca"]))
    assert dialog.ca_label.text() == str(pki["ca"])
    window = _signed_in(qtbot, controller, https_sandbox)
    assert window.objectName() == "mainWindow"
    keys = controller.current.keys
    qtbot.waitUntil(lambda: keys.has_loaded and not keys.loading, timeout=20_000)
    assert window.keys_page.model.total_loaded > 0
    assert Settings().get(Options.ca_bundles) == {https_sandbox.url: str(pki["ca"])}
    controller.quit()

    # The next run offers the same bundle for the same server, and none for another.
    again = start_app("--server", https_sandbox.url)
    dialog = again.sign_in_dialog
    assert dialog.ca_bundle == str(pki["ca"])
    dialog.server_field.setText("https://127.0.0.2:1")
    dialog.server_field.editingFinished.emit()
    assert dialog.ca_bundle == ""
    assert dialog.ca_label.text() == "System trust store"
    dialog.server_field.setText(https_sandbox.url)
    dialog.server_field.editingFinished.emit()
    assert dialog.ca_bundle == str(pki["ca"])
    window = _signed_in(qtbot, again, https_sandbox)
    assert window.objectName() == "mainWindow"


def test_a_bundle_of_another_ca_does_not_help(qtbot, start_app, https_sandbox, pki):
    controller = start_app("--server", https_sandbox.url)
    controller.sign_in_dialog.set_ca_bundle(str(pki["other_ca"]))
    text = _refused(qtbot, controller, https_sandbox)
    assert text.startswith("The server's certificate isn't trusted: ")


def test_the_os_trust_store_is_honoured(qtbot, start_app, https_sandbox, pki, monkeypatch):
    # A corporate CA installed in the system's store (OpenSSL reads SSL_CERT_FILE
    # as that store): no bundle needs choosing.
    store = Path(pki["folder"]) / "system-store.pem"
    store.write_bytes(Path(pki["ca"]).read_bytes())
    monkeypatch.setenv("SSL_CERT_FILE", str(store))
    controller = start_app("--server", https_sandbox.url)
    assert controller.sign_in_dialog.ca_bundle == ""
    window = _signed_in(qtbot, controller, https_sandbox)
    assert window.objectName() == "mainWindow"
    assert Settings().get(Options.ca_bundles) == {}


@pytest.mark.parametrize(
    ("cert", "reason"),
    [("wrong_name", "127.0.0.1"), ("expired", "expired")],
)
def test_a_certificate_for_another_name_or_out_of_date_is_refused(
    qtbot, start_app, pki, cert, reason
):
    with _tls_sandbox(pki[cert]) as sandbox:
        info = sandbox.ready
        controller = start_app("--server", info.url)
        controller.sign_in_dialog.set_ca_bundle(str(pki["ca"]))  # trusted CA, bad certificate
        text = _refused(qtbot, controller, info)
        assert text.startswith("The server's certificate isn't trusted: ")
        assert reason in text, text
        assert text.endswith(".")
        assert not text.endswith(".."), text


# -- no way to switch verification off ----------------------------------------------------------


@pytest.mark.parametrize(
    "option", ["--insecure", "--no-verify", "--no-verify-tls", "--verify=false", "-k"]
)
def test_no_command_line_option_turns_verification_off(option):
    with pytest.raises(appmod.ArgumentError) as info:
        appmod.parse_args(["--server", "https://rakerone.example.com", option])
    assert info.value.code == 2


def test_the_sign_in_dialog_has_no_such_switch(qtbot, start_app, https_sandbox):
    controller = start_app("--server", https_sandbox.url)
    boxes = controller.sign_in_dialog.findChildren(QCheckBox)
    assert [b.objectName() for b in boxes] == ["rememberMeCheckbox"]


def test_environment_variables_do_not_turn_verification_off(
    qtbot, start_app, https_sandbox, monkeypatch
):
    # requests would read these with trust_env; the app's session does not.
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "")
    monkeypatch.setenv("PYTHONHTTPSVERIFY", "0")
    controller = start_app("--server", https_sandbox.url)
    text = _refused(qtbot, controller, https_sandbox)
    assert text.startswith("The server's certificate isn't trusted: ")


def test_an_injected_session_cannot_turn_verification_off(https_sandbox):
    session = requests.Session()
    session.verify = False
    client = RakerOneClient(base_url=https_sandbox.url, session=session)
    with pytest.raises(e.TlsError, match="isn't trusted"):
        client.sign_in(https_sandbox.admin_email, https_sandbox.admin_password or "")
    assert client.token is None


# -- choosing the bundle: the file dialog's wiring -------------------------------------------------


def test_the_choose_button_opens_a_file_dialog_whose_choice_is_kept(qtbot, start_app, pki):
    controller = start_app("--server", "https://rakerone.example.com")
    dialog = controller.sign_in_dialog
    dialog.ca_button.click()
    files = dialog.findChild(QFileDialog)
    assert files is not None
    qtbot.waitUntil(files.isVisible, timeout=5000)
    assert files.fileMode() == QFileDialog.FileMode.ExistingFile
    assert any("*.pem" in f for f in files.nameFilters())
    files.fileSelected.emit(str(pki["ca"]))
    files.reject()
    assert dialog.ca_bundle == str(pki["ca"])
    assert dialog.ca_clear.isVisibleTo(dialog)
    dialog.ca_clear.click()
    assert dialog.ca_bundle == ""
    assert not dialog.ca_clear.isVisibleTo(dialog)


# -- redirects ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_on_an_authenticated_call_is_not_followed(
    qtbot, start_app, demo_sandbox, proxy, status
):
    elsewhere = FaultProxy(demo_sandbox.url).start()  # "another host", recording every call
    try:
        controller = start_app("--server", proxy.url)
        dialog = controller.sign_in_dialog
        _fill(dialog, demo_sandbox, proxy.url)
        with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
            dialog.sign_in_button.click()
        window = blocker.args[0]
        keys = controller.current.keys
        qtbot.waitUntil(lambda: keys.has_loaded and not keys.loading, timeout=20_000)
        proxy.add(
            Fault(
                "GET",
                r"/api/v1/api-keys",
                "raw",
                status=status,
                headers={
                    "Location": elsewhere.url + "/api/v1/api-keys?status=all",
                    "Content-Type": "text/html",
                    "X-Request-Id": "req_redirect_1",
                },
                body=b"<a href='elsewhere'>moved</a>",
            )
        )
        with qtbot.waitSignal(keys.loadFailed, timeout=20_000):
            window.keys_page.refresh_button.click()
        banner = window.keys_page.banner
        assert "redirected" in banner.message.text()
        assert "req_redirect_1" in banner.request_id.text()
        assert elsewhere.seen == []  # not a single request reached the other host
    finally:
        elsewhere.stop()
