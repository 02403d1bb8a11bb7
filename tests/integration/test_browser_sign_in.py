"""Sign in with your browser, end to end against the real sandbox.

The opener stands in for the system browser: on a worker thread it opens the
sign-in page with ``requests``, fills in and posts the form, and follows the
redirect to the app's loopback listener. The flow must then sign in, and the
token must work. Each fault of the issue ends with a clear message and
nothing left listening.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.api.models import AuthMethods, TokenGrant
from rakerone_desktop.flows.browser_sign_in import BrowserSignIn, State
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from tests.integration.conftest import ClientFactory, _stop, start_sandbox
from tests.support.oauth_browser import sign_in_in_browser

pytestmark = pytest.mark.integration

WAIT_MS = 30_000
TIMEOUT = 30

Browser = Callable[[str], None]


@pytest.fixture
def browser_thread() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.shutdown(5_000)


class FakeBrowser:
    """An opener: records the URL, then runs ``act(url)`` on a worker thread."""

    def __init__(self, pool: ThreadPoolExecutor, act: Browser | None, opens: bool = True) -> None:
        self.pool = pool
        self.act = act
        self.opens = opens
        self.urls: list[str] = []
        self.done: list[Future[None]] = []

    def __call__(self, url: QUrl) -> bool:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        self.urls.append(text)
        if self.opens and self.act is not None:
            self.done.append(self.pool.submit(self.act, text))
        return self.opens


def person(ready: ReadyInfo) -> Browser:
    """Sign in on the page as the admin and let the browser follow the redirect."""

    def act(url: str) -> None:
        assert ready.admin_password is not None
        location = sign_in_in_browser(url, ready.admin_email, ready.admin_password)
        requests.get(location, timeout=TIMEOUT)

    return act


def _flow(
    client: RakerOneClient, runner: TaskRunner, opener: FakeBrowser, **kwargs: int
) -> BrowserSignIn:
    return BrowserSignIn(client, runner, opener=opener, **kwargs)


def _assert_closed(flow: BrowserSignIn) -> None:
    listener = flow.listener
    if listener is None:
        return
    assert not listener.is_listening
    with socket.socket() as probe:
        probe.settimeout(TIMEOUT)
        assert probe.connect_ex(("127.0.0.1", listener.port or 1)) != 0


def _me(url: str, token: str) -> requests.Response:
    return requests.get(
        url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )


def _run(qtbot: QtBot, flow: BrowserSignIn, signal: object) -> list[object]:
    with qtbot.waitSignal(signal, timeout=WAIT_MS) as blocker:  # type: ignore[arg-type]
        flow.start()
    return list(blocker.args or [])


def _failure(qtbot: QtBot, flow: BrowserSignIn) -> str:
    """Start ``flow``; the message it failed with (and it failed, and left nothing listening)."""
    (message,) = _run(qtbot, flow, flow.failed)
    assert flow.state is State.FAILED
    _assert_closed(flow)
    return str(message)


def test_signs_in_and_the_token_works(
    qtbot: QtBot,
    make_client: ClientFactory,
    ready: ReadyInfo,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    browser = FakeBrowser(browser_thread, person(ready))
    flow = _flow(make_client(), runner, browser)
    states: list[State] = []
    flow.stateChanged.connect(states.append)
    token, expires_in = _run(qtbot, flow, flow.signedIn)
    assert isinstance(token, str) and expires_in == 12 * 3600
    assert states == [
        State.LOOKING_UP,
        State.WAITING_FOR_BROWSER,
        State.EXCHANGING,
        State.SIGNED_IN,
    ]
    assert _me(ready.url, token).json()["email"] == ready.admin_email
    (url,) = browser.urls
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    qtbot.waitUntil(lambda: all(f.done() for f in browser.done), timeout=WAIT_MS)
    for future in browser.done:
        future.result()  # the browser got the listener's page without an error
    _assert_closed(flow)
    # A second request to the listener finds nothing there.
    with pytest.raises(requests.ConnectionError):
        requests.get(query["redirect_uri"][0] + "?code=x&state=y", timeout=TIMEOUT)


def test_browser_only_server(
    qtbot: QtBot,
    make_client: ClientFactory,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    process: SandboxProcess = start_sandbox("--seed", "demo", "--no-password-sign-in")
    try:
        ready = process.ready
        client = make_client(url=ready.url)
        assert client.get_auth_methods().password is False
        flow = _flow(client, runner, FakeBrowser(browser_thread, person(ready)))
        token, _expires = _run(qtbot, flow, flow.signedIn)
        assert _me(ready.url, token).status_code == 200
        assert client.token == token
        _assert_closed(flow)
    finally:
        _stop(process)


def _redirect_with(url: str, **params: str) -> str:
    """Where the page would send the browser, with these parameters instead of a code."""
    query = parse_qs(urlsplit(url).query)
    return query["redirect_uri"][0] + "?" + urlencode(params)


def _state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]


def test_wrong_state(
    qtbot: QtBot,
    make_client: ClientFactory,
    ready: ReadyInfo,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    def act(url: str) -> None:
        assert ready.admin_password is not None
        location = sign_in_in_browser(url, ready.admin_email, ready.admin_password)
        parts = urlsplit(location)
        code = parse_qs(parts.query)["code"][0]
        forged = f"{parts.scheme}://{parts.netloc}{parts.path}?" + urlencode(
            {"code": code, "state": "forged"}
        )
        requests.get(forged, timeout=TIMEOUT)

    flow = _flow(make_client(), runner, FakeBrowser(browser_thread, act))
    assert "state" in _failure(qtbot, flow)


def test_access_denied(
    qtbot: QtBot,
    make_client: ClientFactory,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    def act(url: str) -> None:
        target = _redirect_with(url, error="access_denied", state=_state_of(url))
        requests.get(target, timeout=TIMEOUT)

    flow = _flow(make_client(), runner, FakeBrowser(browser_thread, act))
    assert _failure(qtbot, flow) == "Sign-in was declined in the browser."


def test_a_second_request_is_refused(
    qtbot: QtBot,
    make_client: ClientFactory,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    outcomes: list[str] = []

    def act(url: str) -> None:
        state = _state_of(url)
        first = _redirect_with(url, error="access_denied", state=state)
        requests.get(first, timeout=TIMEOUT)
        try:
            requests.get(_redirect_with(url, code="c", state=state), timeout=TIMEOUT)
        except requests.ConnectionError:
            outcomes.append("refused")
        else:
            outcomes.append("answered")

    browser = FakeBrowser(browser_thread, act)
    flow = _flow(make_client(), runner, browser)
    _run(qtbot, flow, flow.failed)
    qtbot.waitUntil(lambda: outcomes != [], timeout=WAIT_MS)
    assert outcomes == ["refused"]
    assert flow.state is State.FAILED
    _assert_closed(flow)


def test_port_already_taken(
    qtbot: QtBot, make_client: ClientFactory, runner: TaskRunner, browser_thread: ThreadPoolExecutor
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        browser = FakeBrowser(browser_thread, None)
        flow = _flow(make_client(), runner, browser, listen_port=taken.getsockname()[1])
        (message,) = _run(qtbot, flow, flow.failed)
    assert "listening on this computer failed" in str(message)
    assert browser.urls == []  # the browser is never sent anywhere
    _assert_closed(flow)


def test_browser_cannot_be_opened_shows_the_url(
    qtbot: QtBot,
    make_client: ClientFactory,
    ready: ReadyInfo,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    browser = FakeBrowser(browser_thread, None, opens=False)
    flow = _flow(make_client(), runner, browser)
    (url,) = _run(qtbot, flow, flow.openUrlFailed)
    assert url == browser.urls[0] == flow.authorize_url
    assert flow.state is State.WAITING_FOR_BROWSER
    # The person copies the URL into a browser themselves.
    with qtbot.waitSignal(flow.signedIn, timeout=WAIT_MS) as blocker:
        browser_thread.submit(person(ready), str(url))
    assert _me(ready.url, blocker.args[0]).status_code == 200
    _assert_closed(flow)


def test_token_endpoint_fails(
    qtbot: QtBot,
    make_client: ClientFactory,
    ready: ReadyInfo,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    def act(url: str) -> None:
        # Someone else spends the code first: the app's exchange is refused.
        assert ready.admin_password is not None
        location = sign_in_in_browser(url, ready.admin_email, ready.admin_password)
        code = parse_qs(urlsplit(location).query)["code"][0]
        requests.post(
            ready.url + "/oauth/token",
            data={"grant_type": "authorization_code", "code": code},
            timeout=TIMEOUT,
        )
        requests.get(location, timeout=TIMEOUT)

    flow = _flow(make_client(), runner, FakeBrowser(browser_thread, act))
    assert "expired or was already used" in _failure(qtbot, flow)


def test_server_unreachable(
    qtbot: QtBot, make_client: ClientFactory, runner: TaskRunner, browser_thread: ThreadPoolExecutor
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        browser = FakeBrowser(browser_thread, None)
        flow = _flow(make_client(url=f"http://127.0.0.1:{port}"), runner, browser)
        (message,) = _run(qtbot, flow, flow.failed)
    assert "Can't reach the server" in str(message)
    assert flow.listener is None and browser.urls == []


def test_timeout(
    qtbot: QtBot, make_client: ClientFactory, runner: TaskRunner, browser_thread: ThreadPoolExecutor
) -> None:
    flow = _flow(make_client(), runner, FakeBrowser(browser_thread, None), timeout_ms=100)
    assert _failure(qtbot, flow).startswith("No answer came from the browser")


def test_cancel_while_waiting(
    qtbot: QtBot, make_client: ClientFactory, runner: TaskRunner, browser_thread: ThreadPoolExecutor
) -> None:
    flow = _flow(make_client(), runner, FakeBrowser(browser_thread, None))
    with qtbot.waitSignal(
        flow.stateChanged, timeout=WAIT_MS, check_params_cb=lambda s: s is State.WAITING_FOR_BROWSER
    ):
        flow.start()
    assert flow.listener is not None and flow.listener.is_listening
    with qtbot.waitSignal(flow.cancelled, timeout=1000), qtbot.assertNotEmitted(flow.failed):
        flow.cancel()
    assert flow.state is State.CANCELLED
    _assert_closed(flow)


class HeldClient(RakerOneClient):
    """Holds each exchange, after the server answered, until the test releases it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.exchanged = threading.Event()
        self.release = threading.Event()
        self.tokens: list[str] = []

    def exchange_code(self, *args: Any, **kwargs: Any) -> TokenGrant:
        grant = super().exchange_code(*args, **kwargs)
        self.tokens.append(grant.access_token)
        self.exchanged.set()
        self.release.wait(TIMEOUT)
        return grant


def test_cancel_during_the_exchange_ends_the_new_session(
    qtbot: QtBot,
    ready: ReadyInfo,
    runner: TaskRunner,
    browser_thread: ThreadPoolExecutor,
) -> None:
    client = HeldClient(base_url=ready.url)
    try:
        flow = _flow(client, runner, FakeBrowser(browser_thread, person(ready)))
        with qtbot.assertNotEmitted(flow.signedIn), qtbot.assertNotEmitted(flow.failed):
            flow.start()
            qtbot.waitUntil(client.exchanged.is_set, timeout=WAIT_MS)
            assert flow.state is State.EXCHANGING
            with qtbot.waitSignal(flow.cancelled, timeout=1000):
                flow.cancel()
            client.release.set()
            assert runner.wait_for_done(WAIT_MS)
            qtbot.waitUntil(lambda: runner.active_count == 0, timeout=WAIT_MS)
        (token,) = client.tokens
        assert _me(ready.url, token).status_code == 401
        assert client.token is None
        _assert_closed(flow)
    finally:
        client.release.set()
        client.close()


class PasswordOnlyClient(RakerOneClient):
    """A server that offers no browser sign-in (a part-1 server answers 404, read as this)."""

    def get_auth_methods(self) -> AuthMethods:
        return AuthMethods(password=True, oauth=None)


def test_server_without_browser_sign_in(
    qtbot: QtBot, ready: ReadyInfo, runner: TaskRunner, browser_thread: ThreadPoolExecutor
) -> None:
    client = PasswordOnlyClient(base_url=ready.url)
    try:
        browser = FakeBrowser(browser_thread, None)
        flow = _flow(client, runner, browser)
        (message,) = _run(qtbot, flow, flow.failed)
        assert message == "This server doesn't offer sign-in with a browser."
        assert flow.listener is None and browser.urls == []
    finally:
        client.close()
