"""The loopback redirect listener: one request to the expected path, then nothing listens."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
import requests
from pytestqt.qtbot import QtBot

from rakerone_desktop.runtime.loopback import LoopbackListener, Outcome, RedirectResult
from tests.support.oauth_browser import parse_page

STATE = "expected-state-0123456789"
TIMEOUT = 10


@pytest.fixture
def browser() -> Iterator[ThreadPoolExecutor]:
    """The browser's side runs on its own thread: the listener needs the Qt loop free."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


def _get(pool: ThreadPoolExecutor, url: str, **kwargs: Any) -> Future[requests.Response]:
    return pool.submit(requests.get, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)


def _result(qtbot: QtBot, future: Future[requests.Response]) -> requests.Response:
    qtbot.waitUntil(future.done, timeout=TIMEOUT * 1000)
    return future.result()


def _assert_closed(listener: LoopbackListener, port: int) -> None:
    assert not listener.is_listening
    with socket.socket() as probe:
        probe.settimeout(TIMEOUT)
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "something still listens"


@pytest.fixture
def listener(qtbot: QtBot) -> Iterator[LoopbackListener]:
    made = LoopbackListener(STATE, timeout_ms=60_000)
    yield made
    made.cancel()
    made.deleteLater()


def _start(listener: LoopbackListener) -> int:
    assert listener.start()
    assert listener.is_listening
    assert listener.redirect_uri == f"http://127.0.0.1:{listener.port}/callback"
    return listener.port


def test_a_code_with_the_right_state(
    qtbot: QtBot, listener: LoopbackListener, browser: ThreadPoolExecutor
) -> None:
    port = _start(listener)
    with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000) as blocker:
        answer = _get(browser, listener.redirect_uri, params={"code": "the-code", "state": STATE})
    result: RedirectResult = blocker.args[0]
    assert result.outcome is Outcome.CODE and result.code == "the-code"
    # The exchange needs the redirect URI exactly as sent, after the listener has closed.
    assert listener.redirect_uri == f"http://127.0.0.1:{port}/callback"
    assert "the-code" not in repr(result)
    page = _result(qtbot, answer)
    assert page.status_code == 200
    assert "close this page" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert parse_page(page.text).scripts == 0
    _assert_closed(listener, port)
    # A second request finds nothing listening.
    second = browser.submit(
        requests.get, listener.redirect_uri + f"?code=x&state={STATE}", timeout=TIMEOUT
    )
    qtbot.waitUntil(second.done, timeout=TIMEOUT * 1000)
    assert isinstance(second.exception(), requests.ConnectionError)


@pytest.mark.parametrize(
    "params", [{"code": "c", "state": "not-it"}, {"code": "c"}, {"code": "c", "state": STATE + "x"}]
)
def test_a_wrong_state_ends_the_wait_with_a_clear_message(
    qtbot: QtBot, listener: LoopbackListener, browser: ThreadPoolExecutor, params: dict[str, str]
) -> None:
    port = _start(listener)
    with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000) as blocker:
        answer = _get(browser, listener.redirect_uri, params=params)
    result: RedirectResult = blocker.args[0]
    assert result.outcome is Outcome.WRONG_STATE and result.code is None
    assert "state" in result.message
    assert _result(qtbot, answer).status_code == 400
    _assert_closed(listener, port)


def test_access_denied(
    qtbot: QtBot, listener: LoopbackListener, browser: ThreadPoolExecutor
) -> None:
    port = _start(listener)
    with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000) as blocker:
        answer = _get(
            browser, listener.redirect_uri, params={"error": "access_denied", "state": STATE}
        )
    result: RedirectResult = blocker.args[0]
    assert result.outcome is Outcome.DENIED
    assert result.message == "Sign-in was declined in the browser."
    assert "declined" in _result(qtbot, answer).text
    _assert_closed(listener, port)


def test_another_error_redirect_is_reported_and_escaped(
    qtbot: QtBot, listener: LoopbackListener, browser: ThreadPoolExecutor
) -> None:
    port = _start(listener)
    description = "<script>alert(1)</script> bad challenge"
    with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000) as blocker:
        answer = _get(
            browser,
            listener.redirect_uri,
            params={"error": "invalid_request", "error_description": description, "state": STATE},
        )
    result: RedirectResult = blocker.args[0]
    assert result.outcome is Outcome.ERROR and result.error == "invalid_request"
    assert "invalid_request" in result.message and description in result.message
    page = _result(qtbot, answer)
    assert "<script>" not in page.text and parse_page(page.text).scripts == 0
    _assert_closed(listener, port)


def test_other_paths_get_404_and_the_wait_goes_on(
    qtbot: QtBot, listener: LoopbackListener, browser: ThreadPoolExecutor
) -> None:
    port = _start(listener)
    base = f"http://127.0.0.1:{port}"
    for path in ("/favicon.ico", "/callback/x", "/", "/Callback"):
        assert (
            _result(qtbot, _get(browser, base + path, params={"state": STATE})).status_code == 404
        )
    posted = browser.submit(requests.post, listener.redirect_uri, timeout=TIMEOUT)
    qtbot.waitUntil(posted.done, timeout=TIMEOUT * 1000)
    assert posted.result().status_code == 405
    assert listener.is_listening and not listener.is_finished
    with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000) as blocker:
        _get(browser, listener.redirect_uri, params={"code": "c", "state": STATE})
    assert blocker.args[0].outcome is Outcome.CODE
    _assert_closed(listener, port)


def test_an_idle_connection_does_not_hold_the_listener_open(
    qtbot: QtBot, listener: LoopbackListener, browser: ThreadPoolExecutor
) -> None:
    port = _start(listener)
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as idle:
        with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000):
            _get(browser, listener.redirect_uri, params={"code": "c", "state": STATE})
        qtbot.waitUntil(lambda: _closed_by_peer(idle), timeout=TIMEOUT * 1000)
    _assert_closed(listener, port)


def _closed_by_peer(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_a_port_already_taken(qtbot: QtBot) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        listener = LoopbackListener(STATE, port=port)
        with qtbot.waitSignal(listener.finished, timeout=1000) as blocker:
            assert listener.start() is False
        result: RedirectResult = blocker.args[0]
        assert result.outcome is Outcome.LISTEN_FAILED
        assert "listening on this computer failed" in result.message
        assert not listener.is_listening


def test_timeout(qtbot: QtBot) -> None:
    listener = LoopbackListener(STATE, timeout_ms=50)
    port = _start(listener)
    with qtbot.waitSignal(listener.finished, timeout=TIMEOUT * 1000) as blocker:
        pass
    result: RedirectResult = blocker.args[0]
    assert result.outcome is Outcome.TIMED_OUT
    assert result.message == (
        "No answer came from the browser within 1 minute. Start the sign-in again."
    )
    _assert_closed(listener, port)


def test_default_timeout_is_five_minutes(qtbot: QtBot) -> None:
    listener = LoopbackListener(STATE)
    assert listener._timeout_ms == 5 * 60 * 1000


def test_cancel_reports_once_and_closes(qtbot: QtBot, listener: LoopbackListener) -> None:
    port = _start(listener)
    with qtbot.waitSignal(listener.finished, timeout=1000) as blocker:
        listener.cancel()
    assert blocker.args[0].outcome is Outcome.CANCELLED
    with qtbot.assertNotEmitted(listener.finished):
        listener.cancel()
    _assert_closed(listener, port)
