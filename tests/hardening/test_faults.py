"""Every way a server can fail, through the real app (issue #6, item 1).

A loopback fault proxy sits between the app and the sandbox. For each fault
and each place the person can meet it (the keys list, the create wizard, the
sign-in dialog), the test drives the app as a person would and checks that:

* the person gets one clear message, with the request id when the failed
  answer carried one, and no second message anywhere else;
* the window kept handling events throughout (no freeze longer than
  ``MAX_FREEZE_S``);
* nothing they typed is lost (the search text, the wizard's name and
  permissions, the sign-in fields);
* the next good request works, and a create that reached the server before
  its answer was lost is reported, not duplicated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from rakerone_desktop import app as appmod
from rakerone_desktop.api.client import Timeouts
from tests.support.app_driver import wait_loaded
from tests.support.faultproxy import Fault, FaultProxy, problem
from tests.support.qt_helpers import MAX_FREEZE_S, visible_message_boxes

pytestmark = pytest.mark.integration

KEYS = r"/api/v1/api-keys"
SESSIONS = r"/api/v1/sessions"
HTML_502 = (
    b"<html><head><title>502 Bad Gateway</title></head>"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)
MALFORMED = b'{"items": [{"id": "key_1", "name": '
BIG = 40 * 1024 * 1024  # beyond the client's 32 MiB limit


# -- the faults ------------------------------------------------------------------------------


def _drop(path: tuple[Any, ...], key: str) -> Callable[[Any], Any]:
    def rewrite(doc: Any) -> Any:
        target = doc
        for step in path:
            target = target[step]
        del target[key]
        return doc

    return rewrite


def _set(path: tuple[Any, ...], key: str, value: Any) -> Callable[[Any], Any]:
    def rewrite(doc: Any) -> Any:
        target = doc
        for step in path:
            target = target[step]
        target[key] = value
        return doc

    return rewrite


# Contract breaches for each surface's answer: a missing field, a mistyped one,
# and null where a list (or object) belongs.
BREACHES: dict[str, dict[str, Callable[[Any], Any]]] = {
    "list": {
        "missing_field": _drop(("items", 0), "name"),
        "wrong_type": _set(("items", 0), "permissions", "records.read"),
        "null_list": _set((), "items", None),
    },
    "create": {
        "missing_field": _drop(("api_key",), "hint"),
        "wrong_type": _set(("api_key",), "created_at", 1_764_166_992),
        "null_list": _set(("api_key",), "permissions", None),
    },
    "sign_in": {
        "missing_field": _drop((), "token"),
        "wrong_type": _set(("user",), "role", 7),
        "null_list": _set((), "user", None),
    },
}


@dataclass
class Case:
    """One fault, as the test injects it and as the person must see it."""

    id: str
    message: str  # what the person must read (a fragment of it)
    rid: bool  # the failed answer carried a request id, which must be shown
    forwards: bool  # the server got the request (and a create made its key)
    build: Callable[[str, str, str], list[Fault]] = field(repr=False)  # (method, path, surface)
    refuse: bool = False  # the server is down: nothing listens
    read_timeout: float | None = None  # the app's --read-timeout
    retried: bool = False  # the client waits this one out and succeeds


def _faults(kind: str, times: int = 3, **kw: Any) -> Callable[[str, str, str], list[Fault]]:
    return lambda method, path, _surface: [Fault(method, path, kind, times=times, **kw)]


def _breach(name: str) -> Callable[[str, str, str], list[Fault]]:
    return lambda method, path, surface: [
        Fault(method, path, "rewrite", rewrite=BREACHES[surface][name])
    ]


def _stall() -> Callable[[str, str, str], list[Fault]]:
    # Released when the proxy stops; the client gives up long before.
    return lambda method, path, _surface: [
        Fault(method, path, "stall", times=3, release=threading.Event())
    ]


def _rate_limited(retry_after: str, times: int) -> Callable[[str, str, str], list[Fault]]:
    def build(method: str, path: str, _surface: str) -> list[Fault]:
        fault = Fault(method, path, "status", status=429, times=times)
        fault.headers = {"Retry-After": retry_after}
        fault.body = problem(429, "rate-limited", "Too many requests.", fault.request_id)
        return [fault]

    return build


def _raw(status: int, body: bytes, ctype: str, *, rid: bool, **extra: str):
    def build(method: str, path: str, _surface: str) -> list[Fault]:
        fault = Fault(method, path, "raw", status=status, body=body, times=3)
        fault.headers = {"Content-Type": ctype, **extra}
        if rid:
            fault.headers["X-Request-Id"] = fault.request_id
        return [fault]

    return build


CASES = [
    Case("refused", "connection was refused", rid=False, forwards=False,
         build=lambda *_: [], refuse=True),
    Case("read_timeout", "took too long", rid=False, forwards=False,
         build=_stall(), read_timeout=1.0),
    Case("reset_mid_body", "connection to the server was lost", rid=True, forwards=True,
         build=_faults("reset_mid_body")),
    Case("http_500", "HTTP 500", rid=True, forwards=False, build=_faults("status", status=500)),
    Case("http_502_html", "gateway in front of the server", rid=False, forwards=False,
         build=_raw(502, HTML_502, "text/html", rid=False)),
    Case("http_503_retry_after", "unavailable right now", rid=True, forwards=False,
         build=_raw(503, b"Service Unavailable", "text/plain", rid=True, **{"Retry-After": "1"})),
    Case("http_429_retry_after", "Try again in 2 minutes", rid=True, forwards=False,
         build=_rate_limited("120", times=3)),
    Case("http_429_short_wait", "", rid=False, forwards=True,
         build=_rate_limited("1", times=1), retried=True),
    Case("malformed_json", "isn't valid JSON", rid=True, forwards=False,
         build=_raw(200, MALFORMED, "application/json", rid=True)),
    Case("missing_field", "breaks the contract", rid=True, forwards=True,
         build=_breach("missing_field")),
    Case("wrong_type", "breaks the contract", rid=True, forwards=True,
         build=_breach("wrong_type")),
    Case("null_where_a_list_belongs", "breaks the contract", rid=True, forwards=True,
         build=_breach("null_list")),
    Case("wrong_content_type", "not JSON", rid=True, forwards=True,
         build=lambda m, p, _s: [Fault(m, p, "rewrite", rewrite=lambda d: d,
                                       headers={"Content-Type": "text/html; charset=utf-8"})]),
    Case("huge_body_declared", "too large", rid=True, forwards=False,
         build=_faults("big", times=1, size=BIG)),
    Case("huge_body_streamed", "too large", rid=True, forwards=False,
         build=_faults("big", times=1, size=BIG, declare_length=False)),
]  # fmt: skip

# A sign-in answered 200/201 with a fixed body is still a sign-in answer: the
# raw faults use 201 there (the status a session create answers).
SURFACE_REQUEST = {
    "list": ("GET", KEYS),
    "create": ("POST", KEYS),
    "sign_in": ("POST", SESSIONS),
}


def _inject(proxy: FaultProxy, case: Case, surface: str) -> list[Fault]:
    method, path = SURFACE_REQUEST[surface]
    faults = case.build(method, path, surface)
    for fault in faults:
        if surface != "list" and fault.kind == "raw" and fault.status == 200:
            fault.status = 201
        proxy.add(fault)
    if case.refuse:
        proxy.refuse()
    return faults


def _heal(proxy: FaultProxy) -> None:
    proxy.clear()
    proxy.accept()


def _expected_rid(case: Case, faults: list[Fault]) -> str | None:
    if not case.rid:
        return None
    answered = [rid for f in faults for rid in f.answered_ids]
    assert answered, "the fault never answered"
    assert answered[-1], "the fault's answer had no request id"
    return answered[-1]


def _check_message(text: str, case: Case, rid: str | None) -> None:
    assert case.message in text, text
    assert "Traceback" not in text
    assert "Exception" not in text
    assert len(text) < 700, text
    if rid is not None:
        assert rid in text, (rid, text)
    assert visible_message_boxes() == []  # one message, not a second one in a box


def _args(case: Case, url: str) -> list[str]:
    args = ["--server", url]
    if case.read_timeout is not None:
        args += ["--read-timeout", str(case.read_timeout)]
    return args


# -- the keys list -------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_list_refresh_fault(qtbot, start_app, demo_sandbox, proxy, heartbeat, case):
    controller = start_app(*_args(case, proxy.url))
    window = _sign_in_through(qtbot, controller, demo_sandbox, proxy.url)
    wait_loaded(qtbot, controller)
    page = window.keys_page
    keys = controller.current.keys
    rows_before = page.model.total_loaded
    # Something typed that must survive: a search.
    page.search_field.setText("relay")
    qtbot.waitUntil(lambda: page.model.search_text == "relay", timeout=2000)
    shown_before = page.model.rowCount()

    faults = _inject(proxy, case, "list")
    heartbeat.start()
    if case.retried:
        with qtbot.waitSignal(keys.loaded, timeout=30_000):
            page.refresh_button.click()
        assert heartbeat.stop() < MAX_FREEZE_S
        assert not page.banner.isVisible()
        assert sum(1 for m, p, _h in proxy.seen if m == "GET" and p == KEYS) >= 2
        return
    with qtbot.waitSignal(keys.loadFailed, timeout=30_000):
        page.refresh_button.click()
    assert heartbeat.stop() < MAX_FREEZE_S
    banner = page.banner
    assert banner.isVisible()
    rid = _expected_rid(case, faults)
    text = banner.message.text() + " " + (banner.request_id.text() if rid else "")
    _check_message(text, case, rid)
    assert banner.request_id.isVisible() == (rid is not None)
    assert banner.retry_button.isVisible()
    # What was there stays: the rows, the search.
    assert page.model.total_loaded == rows_before
    assert page.search_field.text() == "relay"
    assert page.model.rowCount() == shown_before
    assert not page.busy.isVisible()

    _heal(proxy)
    with qtbot.waitSignal(keys.loaded, timeout=30_000):
        banner.retry_button.click()
    assert not banner.isVisible()
    assert page.model.total_loaded >= rows_before


def _sign_in_through(qtbot, controller, info, url):
    dialog = controller.sign_in_dialog
    dialog.server_field.setText(url)
    dialog.email_field.setText(info.admin_email)
    dialog.password_field.setText(info.admin_password or "")
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    return blocker.args[0]


# -- creating a key --------------------------------------------------------------------------


def _open_wizard(qtbot, controller, name: str, permissions: tuple[str, ...]):
    flows = controller.current.flows
    with qtbot.waitSignal(flows.wizardShown, timeout=5000) as blocker:
        controller.current.window.keys_page.create_button.click()
    wizard = blocker.args[0]
    wizard.findChild(QLineEdit, "keyNameField").setText(name)
    wizard.next()
    for pid in permissions:
        wizard.permissions_page.checkboxes[pid].setChecked(True)
    wizard.next()
    return wizard


def _keys_named(admin_api, name: str):
    return [k for p in admin_api.iter_key_pages(status="all") for k in p.items if k.name == name]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_create_fault(qtbot, start_app, demo_sandbox, proxy, heartbeat, admin_api, case):
    controller = start_app(*_args(case, proxy.url))
    window = _sign_in_through(qtbot, controller, demo_sandbox, proxy.url)
    wait_loaded(qtbot, controller)
    flows = controller.current.flows
    name = f"Fault {case.id}"
    permissions = ("playbooks.run", "records.read")
    wizard = _open_wizard(qtbot, controller, name, permissions)
    finish = wizard.button(wizard.WizardButton.FinishButton)

    faults = _inject(proxy, case, "create")
    heartbeat.start()
    if case.retried:
        with qtbot.waitSignal(flows.copyDialogShown, timeout=30_000) as blocker:
            finish.click()
        assert heartbeat.stop() < MAX_FREEZE_S
        dialog = blocker.args[0]
        dialog.copy_button.click()
        dialog.done_button.click()
        controller.clipboard.clear_if_ours()
        assert [k.revoked_at for k in _keys_named(admin_api, name)] == [None]
        return
    with qtbot.waitSignal(flows.createFailed, timeout=30_000):
        finish.click()
    assert heartbeat.stop() < MAX_FREEZE_S
    error = wizard.review_page.error
    qtbot.waitUntil(error.isVisible, timeout=5000)
    _check_message(error.text(), case, _expected_rid(case, faults))
    assert not window.keys_page.banner.isVisible()
    # Everything entered is still there, and the wizard can go again.
    assert wizard.isVisible()
    assert not wizard.busy
    assert wizard.findChild(QLineEdit, "keyNameField").text() == name
    assert wizard.permissions_page.selected() == list(permissions)
    assert finish.isEnabled()

    _heal(proxy)
    if not case.forwards:
        # Nothing reached the server: this try makes the key, once.
        with qtbot.waitSignal(flows.copyDialogShown, timeout=30_000) as blocker:
            finish.click()
        dialog = blocker.args[0]
        assert dialog.secret_field.text().startswith("rone_")
        dialog.copy_button.click()
        dialog.done_button.click()
        controller.clipboard.clear_if_ours()
        assert [k.revoked_at for k in _keys_named(admin_api, name)] == [None]
        return
    # The server made the key but its answer never arrived whole: the retry (same
    # Idempotency-Key) learns which key it was, and the app says its value is gone.
    with qtbot.waitSignal(flows.lostSecretShown, timeout=30_000) as blocker:
        finish.click()
    box = blocker.args[0]
    assert name in box.text()
    made = _keys_named(admin_api, name)
    assert len(made) == 1  # retried, never duplicated
    with qtbot.waitSignal(flows.copyDialogShown, timeout=30_000) as copy:
        box.findChild(type(box.defaultButton()), "revokeAndRecreateButton").click()
    dialog = copy.args[0]
    dialog.copy_button.click()
    dialog.done_button.click()
    controller.clipboard.clear_if_ours()
    after = {k.id: k for k in _keys_named(admin_api, name)}
    assert after[made[0].id].revoked_at is not None  # the orphan is revoked
    assert [k for k in after.values() if k.revoked_at is None and k.id != made[0].id]


# -- signing in --------------------------------------------------------------------------------


def _visible_errors(dialog) -> list[str]:
    labels = (dialog.server_error, dialog.email_error, dialog.password_error, dialog.general_error)
    return [label.text() for label in labels if label.isVisible()]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_sign_in_fault(qtbot, start_app, demo_sandbox, proxy, heartbeat, case):
    controller = start_app(*_args(case, proxy.url))
    dialog = controller.sign_in_dialog
    dialog.server_field.setText(proxy.url)
    dialog.email_field.setText(demo_sandbox.admin_email)
    dialog.password_field.setText(demo_sandbox.admin_password or "")
    dialog.remember_checkbox.setChecked(True)

    faults = _inject(proxy, case, "sign_in")
    heartbeat.start()
    if case.retried:
        # A sign-in is never retried (it would count against the throttle): the
        # person is told when to try again.
        with qtbot.waitSignal(controller.session.signInFailed, timeout=30_000):
            dialog.sign_in_button.click()
        assert heartbeat.stop() < MAX_FREEZE_S
        errors = _visible_errors(dialog)
        assert len(errors) == 1
        assert errors[0].startswith("Too many failed attempts. Try again in 1 ")
    else:
        with qtbot.waitSignal(controller.session.signInFailed, timeout=30_000):
            dialog.sign_in_button.click()
        assert heartbeat.stop() < MAX_FREEZE_S
        errors = _visible_errors(dialog)
        assert len(errors) == 1, errors
        rid = _expected_rid(case, faults)
        if case.id.startswith("http_429"):
            # The throttle's own words: when to try again. No request id: it is
            # the person's doing, not a failure support needs to trace.
            assert errors == ["Too many failed attempts. Try again in 120 seconds."]
        else:
            _check_message(errors[0], case, rid)
    # Everything typed stays, and the dialog is ready to go again.
    assert dialog.isVisible()
    assert dialog.server_field.text() == proxy.url
    assert dialog.email_field.text() == demo_sandbox.admin_email
    assert dialog.password_field.text() == (demo_sandbox.admin_password or "")
    assert dialog.remember_checkbox.isChecked()
    assert dialog.sign_in_button.isEnabled()

    _heal(proxy)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000):
        dialog.sign_in_button.click()


# -- the read timeout option ---------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-1", "abc", "3601", "nan"])
def test_read_timeout_must_be_sensible(value):
    with pytest.raises(appmod.ArgumentError) as info:
        appmod.parse_args(["--read-timeout", value])
    assert info.value.code == 2


def test_read_timeout_reaches_the_client():
    args = appmod.parse_args(["--read-timeout", "2.5"])
    client = appmod.client_factory(args)(base_url="http://127.0.0.1:9")
    assert client.timeouts.read == 2.5
    assert client.timeouts.connect == Timeouts().connect
    default = appmod.client_factory(appmod.parse_args([]))(base_url="http://127.0.0.1:9")
    assert default.timeouts == Timeouts()


# -- the key lifecycle's calls: disable, edit, rotate -------------------------------------------


def _lifecycle_app(qtbot, start_app, demo_sandbox, proxy, admin_api, name):
    key = admin_api.create_key(name, ["records.read"]).api_key
    controller = start_app("--server", proxy.url)
    window = _sign_in_through(qtbot, controller, demo_sandbox, proxy.url)
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    page = window.keys_page
    qtbot.waitUntil(lambda: page.model.key_by_id(key.id) is not None, timeout=20_000)
    assert page.select_key(key.id)
    return controller, window, key


def test_a_lost_answer_to_disable_is_said_with_its_request_id(
    qtbot, start_app, demo_sandbox, proxy, admin_api
):
    controller, window, key = _lifecycle_app(
        qtbot, start_app, demo_sandbox, proxy, admin_api, "Fault: disable"
    )
    flows = controller.current.flows
    path = rf"/api/v1/api-keys/{key.id}/disable"
    fault = Fault("POST", path, "reset_mid_body", times=3)  # every retry too
    proxy.add(fault)
    with qtbot.waitSignal(flows.messageShown, timeout=30_000) as blocker:
        window.keys_page.details.disable_button.click()
    text = blocker.args[0].text()
    assert "connection to the server was lost" in text
    assert fault.answered_ids[-1] in text
    blocker.args[0].accept()
    # The row is as the server last said; the next try goes through.
    assert window.model.key_by_id(key.id).status == "active"
    _heal(proxy)
    with qtbot.waitSignal(flows.lifecycle.disabledChanged, timeout=30_000):
        window.keys_page.details.disable_button.click()
    assert window.model.key_by_id(key.id).status == "disabled"


def test_a_lost_answer_to_an_edit_keeps_what_was_typed(
    qtbot, start_app, demo_sandbox, proxy, admin_api
):
    controller, window, key = _lifecycle_app(
        qtbot, start_app, demo_sandbox, proxy, admin_api, "Fault: edit"
    )
    lifecycle = controller.current.flows.lifecycle
    dialog = lifecycle.edit()
    dialog.name_field.setText("Fault: edited")
    fault = Fault("PATCH", rf"/api/v1/api-keys/{key.id}", "reset_mid_body", times=1)
    proxy.add(fault)
    with qtbot.waitSignal(lifecycle.editFailed, timeout=30_000):
        dialog.save_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "connection to the server was lost" in dialog.error.text()
    assert fault.answered_ids[-1] in dialog.error.text()
    assert dialog.name_field.text() == "Fault: edited"
    assert window.model.key_by_id(key.id).name == "Fault: edit"  # as the server last said
    _heal(proxy)
    # The edit had reached the server: saving again meets the new version (412), shows
    # it, and a last save has nothing left to change.
    with qtbot.waitSignal(lifecycle.editFailed, timeout=30_000):
        dialog.save_button.click()
    qtbot.waitUntil(dialog.current_values.isVisible, timeout=20_000)
    assert "Fault: edited" in dialog.current_values.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert admin_api.get_key(key.id).name == "Fault: edited"


def test_a_500_on_rotate_is_said_and_the_next_try_rotates_once(
    qtbot, start_app, demo_sandbox, proxy, admin_api
):
    controller, _window, key = _lifecycle_app(
        qtbot, start_app, demo_sandbox, proxy, admin_api, "Fault: rotate"
    )
    flows = controller.current.flows
    dialog = flows.rotate()
    assert dialog.objectName() == "rotateKeyDialog"
    fault = Fault("POST", rf"/api/v1/api-keys/{key.id}/rotate", "status", status=500)
    proxy.add(fault)
    with qtbot.waitSignal(flows.lifecycle.rotateFailed, timeout=30_000):
        dialog.confirm_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "HTTP 500" in dialog.error.text() and fault.request_id in dialog.error.text()
    assert dialog.grace.currentData() == 86400  # the choice is still there
    _heal(proxy)
    with qtbot.waitSignal(flows.copyDialogShown, timeout=30_000) as copy:
        dialog.confirm_button.click()
    copy.args[0].copy_button.click()
    copy.args[0].done_button.click()
    controller.clipboard.clear_if_ours()
    made = [k for k in _keys_named(admin_api, "Fault: rotate") if k.id != key.id]
    assert len(made) == 1


def test_a_lost_rotate_answer_says_the_value_is_gone(
    qtbot, start_app, demo_sandbox, proxy, admin_api
):
    controller, _window, key = _lifecycle_app(
        qtbot, start_app, demo_sandbox, proxy, admin_api, "Fault: rotate lost"
    )
    flows = controller.current.flows
    dialog = flows.rotate()
    proxy.add(Fault("POST", rf"/api/v1/api-keys/{key.id}/rotate", "reset_mid_body", times=1))
    with qtbot.waitSignal(flows.lostSecretShown, timeout=30_000) as blocker:
        dialog.confirm_button.click()  # the client's retry (same Idempotency-Key) replays
    box = blocker.args[0]
    assert "Fault: rotate lost" in box.text()
    made = [k for k in _keys_named(admin_api, "Fault: rotate lost") if k.id != key.id]
    assert len(made) == 1  # retried, never duplicated
    box.findChild(type(box.defaultButton()), "keepOrphanButton").click()


def test_a_create_with_an_expiry_retried_by_the_person_is_the_same_request(
    qtbot, start_app, demo_sandbox, proxy, admin_api
):
    # "In 30 days" is a time: clicking Create key again must send the very same one
    # with the same Idempotency-Key, or the server would see a different request.
    controller = start_app("--server", proxy.url)
    window = _sign_in_through(qtbot, controller, demo_sandbox, proxy.url)
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    flows = controller.current.flows
    name = "Fault: expiring create"
    wizard = _open_wizard(qtbot, controller, name, ("records.read",))
    expiry = wizard.name_page.lifecycle.expiry.choice
    wizard.back()
    wizard.back()
    expiry.setCurrentIndex(expiry.findData(30))
    wizard.next()
    wizard.next()
    proxy.add(Fault("POST", KEYS, "reset_mid_body", times=3))
    with qtbot.waitSignal(flows.createFailed, timeout=30_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    _heal(proxy)
    with qtbot.waitSignal(flows.lostSecretShown, timeout=30_000) as blocker:
        wizard.button(wizard.WizardButton.FinishButton).click()
    assert len(_keys_named(admin_api, name)) == 1
    blocker.args[0].findChild(type(blocker.args[0].defaultButton()), "keepOrphanButton").click()
