"""Browser sign-in: the sign-in page, the code exchange and every rule of the contract."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from rakerone_desktop.sandbox import clock
from rakerone_desktop.sandbox.launcher import SandboxProcess
from tests.support.inprocess_sandbox import serve_in_thread
from tests.support.oauth_browser import (
    authorize_url,
    open_form,
    parse_page,
    pkce_pair,
    sign_in_in_browser,
    submit,
)
from tests.support.sandbox_http import API, TIMEOUT, StartSandbox, assert_problem

pytestmark = pytest.mark.integration

REDIRECT = "http://127.0.0.1:53682/callback"
CLIENT = "rakerone-desktop"


def _exchange(url: str, code: str, verifier: str, **changes: str | None) -> requests.Response:
    data: dict[str, str | None] = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "client_id": CLIENT,
        "code_verifier": verifier,
        **changes,
    }
    return requests.post(
        url + "/oauth/token",
        data={k: v for k, v in data.items() if v is not None},
        timeout=TIMEOUT,
    )


def _code(location: str, redirect: str = REDIRECT) -> tuple[str, str]:
    """(code, state) from where the browser was sent, which must be the redirect URI."""
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == redirect
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"code", "state"}, query
    return query["code"][0], query["state"][0]


def _browser_code(sandbox: SandboxProcess, state: str = "st-1") -> tuple[str, str]:
    """Sign the admin in on the page; (code, verifier)."""
    verifier, challenge = pkce_pair()
    ready = sandbox.ready
    assert ready.admin_password is not None
    location = sign_in_in_browser(
        authorize_url(ready.url, REDIRECT, state, challenge),
        ready.admin_email,
        ready.admin_password,
    )
    code, returned_state = _code(location)
    assert returned_state == state
    return code, verifier


def _invalid_grant(response: requests.Response) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] == "invalid_grant"
    assert body["error_description"]


# -- /auth/methods ---------------------------------------------------------------------


def test_auth_methods_are_absolute_and_ignore_the_host_header(demo_sandbox: SandboxProcess) -> None:
    url = demo_sandbox.url
    answer = requests.get(url + API + "/auth/methods", timeout=TIMEOUT)
    assert answer.status_code == 200
    assert answer.json() == {
        "password": True,
        "oauth": {
            "authorization_endpoint": url + "/oauth/authorize",
            "token_endpoint": url + "/oauth/token",
            "client_id": CLIENT,
        },
    }
    spoofed = requests.get(
        url + API + "/auth/methods", headers={"Host": "evil.example"}, timeout=TIMEOUT
    )
    if spoofed.status_code == 200:  # a server that checks Host may refuse it outright
        assert "evil" not in spoofed.text


def test_password_sign_in_can_be_turned_off(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--no-password-sign-in", seed="demo")
    ready = sandbox.ready
    assert (
        requests.get(ready.url + API + "/auth/methods", timeout=TIMEOUT).json()["password"] is False
    )
    refused = requests.post(
        ready.url + API + "/sessions",
        json={"email": ready.admin_email, "password": ready.admin_password},
        timeout=TIMEOUT,
    )
    assert_problem(refused, 403, "password-sign-in-disabled")
    # The browser still signs people in, and the token is a session like any other.
    code, verifier = _browser_code(sandbox)
    answer = _exchange(ready.url, code, verifier)
    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    me = requests.get(
        ready.url + API + "/me", headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert me.json()["email"] == ready.admin_email


# -- the whole leg -----------------------------------------------------------------------


def test_browser_sign_in_gives_an_ordinary_session(demo_sandbox: SandboxProcess) -> None:
    url = demo_sandbox.url
    code, verifier = _browser_code(demo_sandbox)
    answer = _exchange(url, code, verifier)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    body = answer.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 12 * 60 * 60
    auth = {"Authorization": f"Bearer {body['access_token']}"}
    me = requests.get(url + API + "/me", headers=auth, timeout=TIMEOUT)
    assert me.status_code == 200
    assert me.json()["role"] == "admin"
    assert requests.delete(url + API + "/sessions/current", headers=auth, timeout=TIMEOUT).ok
    gone = requests.get(url + API + "/me", headers=auth, timeout=TIMEOUT)
    assert_problem(gone, 401, "unauthenticated")


def test_the_page_is_plain_accessible_and_locked_down(demo_sandbox: SandboxProcess) -> None:
    _verifier, challenge = pkce_pair()
    url = authorize_url(demo_sandbox.url, REDIRECT, "s", challenge)
    with requests.Session() as session:
        page, form = open_form(session, url)
    assert page.headers["Content-Type"].startswith("text/html")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["Cache-Control"] == "no-store"
    parsed = parse_page(page.text)
    assert parsed.scripts == 0 and parsed.external == []
    assert form.method == "post"
    assert form.kind_of("email") == "email" and form.kind_of("password") == "password"
    for name in ("email", "password"):
        assert form.labels[form.ids[name]]  # a label for each field
    hidden = {n for n, kind, _ in form.inputs if kind == "hidden"}
    assert hidden == {
        "response_type",
        "client_id",
        "redirect_uri",
        "state",
        "code_challenge",
        "code_challenge_method",
        "csrf_token",
    }
    assert '<html lang="en">' in page.text


def test_reflected_parameters_are_escaped(demo_sandbox: SandboxProcess) -> None:
    _verifier, challenge = pkce_pair()
    state = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'&"
    redirect = 'http://127.0.0.1:8/p?a="><b>'
    url = authorize_url(demo_sandbox.url, redirect, state, challenge)
    with requests.Session() as session:
        page, form = open_form(session, url)
    assert "<script>" not in page.text and "<b>" not in page.text
    assert parse_page(page.text).scripts == 0
    assert form.fields()["state"] == state
    assert form.fields()["redirect_uri"] == redirect


# -- failures at the exchange --------------------------------------------------------------


def test_wrong_verifier_fails_and_uses_the_code_up(demo_sandbox: SandboxProcess) -> None:
    code, verifier = _browser_code(demo_sandbox)
    other, _ = pkce_pair()
    _invalid_grant(_exchange(demo_sandbox.url, code, other))
    _invalid_grant(_exchange(demo_sandbox.url, code, verifier))


def test_a_code_works_once_and_a_replay_ends_its_session(demo_sandbox: SandboxProcess) -> None:
    url = demo_sandbox.url
    code, verifier = _browser_code(demo_sandbox)
    first = _exchange(url, code, verifier)
    assert first.status_code == 200
    auth = {"Authorization": f"Bearer {first.json()['access_token']}"}
    _invalid_grant(_exchange(url, code, verifier))
    assert_problem(
        requests.get(url + API + "/me", headers=auth, timeout=TIMEOUT), 401, "unauthenticated"
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"redirect_uri": "http://127.0.0.1:53682/other"},
        {"redirect_uri": "http://127.0.0.1:53683/callback"},
        {"client_id": "someone-else"},
    ],
)
def test_code_is_bound_to_redirect_uri_and_client(
    demo_sandbox: SandboxProcess, changes: dict[str, str]
) -> None:
    code, verifier = _browser_code(demo_sandbox)
    _invalid_grant(_exchange(demo_sandbox.url, code, verifier, **changes))
    _invalid_grant(_exchange(demo_sandbox.url, code, verifier))  # used up


def test_unknown_code(demo_sandbox: SandboxProcess) -> None:
    verifier, _ = pkce_pair()
    _invalid_grant(_exchange(demo_sandbox.url, "no-such-code", verifier))


@pytest.mark.parametrize(
    ("changes", "status", "error"),
    [
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"grant_type": None}, 400, "invalid_request"),
        ({"code_verifier": None}, 400, "invalid_request"),
        ({"code_verifier": "short"}, 400, "invalid_request"),
        ({"redirect_uri": None}, 400, "invalid_request"),
        ({"client_secret": "s3cret"}, 401, "invalid_client"),
    ],
)
def test_malformed_exchanges(
    demo_sandbox: SandboxProcess, changes: dict[str, str | None], status: int, error: str
) -> None:
    code, verifier = _browser_code(demo_sandbox)
    answer = _exchange(demo_sandbox.url, code, verifier, **changes)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error
    assert answer.headers["Cache-Control"] == "no-store"
    if status == 401:
        assert answer.headers["WWW-Authenticate"].startswith("Basic")
    _invalid_grant(_exchange(demo_sandbox.url, code, verifier))  # a failed exchange uses it up


def test_token_endpoint_wants_a_form(demo_sandbox: SandboxProcess) -> None:
    answer = requests.post(
        demo_sandbox.url + "/oauth/token",
        json={"grant_type": "authorization_code"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"


@pytest.fixture
def inprocess() -> Iterator[tuple[str, str, str | None]]:
    with serve_in_thread("demo") as (url, seeded):
        yield url, seeded.admin_email, seeded.admin_password


def test_a_code_expires_after_60_seconds(
    inprocess: tuple[str, str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, email, password = inprocess
    assert password is not None
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    codes = []
    for _ in range(2):
        verifier, challenge = pkce_pair()
        location = sign_in_in_browser(authorize_url(url, REDIRECT, "s", challenge), email, password)
        codes.append((_code(location)[0], verifier))
    monkeypatch.setattr(clock, "now", lambda: start + 59)
    assert _exchange(url, *codes[0]).status_code == 200
    monkeypatch.setattr(clock, "now", lambda: start + 60)
    _invalid_grant(_exchange(url, *codes[1]))


def test_a_page_older_than_10_minutes_cannot_be_posted(
    inprocess: tuple[str, str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, email, password = inprocess
    assert password is not None
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    _verifier, challenge = pkce_pair()
    page_url = authorize_url(url, REDIRECT, "s", challenge)
    with requests.Session() as session:
        _page, form = open_form(session, page_url)
        monkeypatch.setattr(clock, "now", lambda: start + 600)
        answer = submit(session, page_url, form, email, password)
    assert answer.status_code == 400
    assert "Location" not in answer.headers


# -- failures on the page -------------------------------------------------------------------


@pytest.mark.parametrize(
    "redirect",
    [
        "https://127.0.0.1:8080/cb",
        "http://localhost:8080/cb",
        "http://127.0.0.1/cb",
        "http://127.0.0.1:0/cb",
        "http://127.0.0.1:8080",
        "http://127.0.0.1:8080/cb#frag",
        "http://user@127.0.0.1:8080/cb",
        "http://127.0.0.2:8080/cb",
        "http://evil.example:8080/cb",
        "http://127.0.0.1.evil.example:8080/cb",
        "javascript:alert(1)",
        "",
    ],
)
def test_non_loopback_redirect_uris_get_an_error_page(
    demo_sandbox: SandboxProcess, redirect: str
) -> None:
    _verifier, challenge = pkce_pair()
    answer = requests.get(
        authorize_url(demo_sandbox.url, redirect, "s", challenge),
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert answer.status_code == 400
    assert "Location" not in answer.headers
    assert answer.headers["Content-Type"].startswith("text/html")
    assert parse_page(answer.text).forms == []


def test_ipv6_loopback_redirect_uri_is_accepted(demo_sandbox: SandboxProcess) -> None:
    _verifier, challenge = pkce_pair()
    with requests.Session() as session:
        _page, form = open_form(
            session, authorize_url(demo_sandbox.url, "http://[::1]:9/cb", "s", challenge)
        )
    assert form.fields()["redirect_uri"] == "http://[::1]:9/cb"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": None}, "invalid_request"),
        ({"code_challenge": "too-short"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_bad_requests_are_redirected_as_errors(
    demo_sandbox: SandboxProcess, overrides: dict[str, str | None], error: str
) -> None:
    _verifier, challenge = pkce_pair()
    answer = requests.get(
        authorize_url(demo_sandbox.url, REDIRECT, "st", challenge, **overrides),
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["error"] == [error] and query["state"] == ["st"]
    assert "code" not in query


def test_unknown_client_gets_an_error_page(demo_sandbox: SandboxProcess) -> None:
    _verifier, challenge = pkce_pair()
    answer = requests.get(
        authorize_url(demo_sandbox.url, REDIRECT, "s", challenge, client_id="other"),
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert answer.status_code == 400 and "Location" not in answer.headers


@pytest.mark.parametrize(
    "changes",
    [
        {"csrf_token": None},
        {"csrf_token": "123.forged"},
        {"state": "changed"},
        {"redirect_uri": "http://127.0.0.1:1/elsewhere"},
    ],
)
def test_form_without_its_page_token_is_refused(
    demo_sandbox: SandboxProcess, changes: dict[str, str | None]
) -> None:
    ready = demo_sandbox.ready
    assert ready.admin_password is not None
    _verifier, challenge = pkce_pair()
    url = authorize_url(ready.url, REDIRECT, "s", challenge)
    with requests.Session() as session:
        _page, form = open_form(session, url)
        answer = submit(session, url, form, ready.admin_email, ready.admin_password, **changes)
    assert answer.status_code == 400
    assert "Location" not in answer.headers


def test_form_posted_from_another_browser_is_refused(demo_sandbox: SandboxProcess) -> None:
    ready = demo_sandbox.ready
    assert ready.admin_password is not None
    _verifier, challenge = pkce_pair()
    url = authorize_url(ready.url, REDIRECT, "s", challenge)
    with requests.Session() as session:
        _page, form = open_form(session, url)
    with requests.Session() as other:  # no cookie from the page
        answer = submit(other, url, form, ready.admin_email, ready.admin_password)
    assert answer.status_code == 400 and "Location" not in answer.headers


def test_wrong_password_shows_the_page_again(demo_sandbox: SandboxProcess) -> None:
    ready = demo_sandbox.ready
    _verifier, challenge = pkce_pair()
    url = authorize_url(ready.url, REDIRECT, "s", challenge)
    with requests.Session() as session:
        _page, form = open_form(session, url)
        answer = submit(session, url, form, ready.member_email, "not the password")
        assert answer.status_code == 401
        assert "Location" not in answer.headers
        assert "Wrong email or password." in answer.text
        again = parse_page(answer.text).forms
        assert len(again) == 1 and again[0].fields()["email"] == ready.member_email
        # The page it shows works.
        assert ready.member_password is not None
        retry = submit(session, url, again[0], ready.member_email, ready.member_password)
    assert retry.status_code == 302


def test_the_page_obeys_the_sign_in_throttle(start_sandbox: StartSandbox) -> None:
    ready = start_sandbox(seed="demo").ready
    _verifier, challenge = pkce_pair()
    url = authorize_url(ready.url, REDIRECT, "s", challenge)
    with requests.Session() as session:
        _page, form = open_form(session, url)
        for _ in range(5):
            answer = submit(session, url, form, ready.admin_email, "wrong")
            assert answer.status_code == 401
            form = parse_page(answer.text).forms[0]
        assert ready.admin_password is not None
        locked = submit(session, url, form, ready.admin_email, ready.admin_password)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) >= 1
    assert "Location" not in locked.headers


def test_client_authentication_is_invalid_client(demo_sandbox: SandboxProcess) -> None:
    code, verifier = _browser_code(demo_sandbox)
    answer = requests.post(
        demo_sandbox.url + "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": CLIENT,
            "code_verifier": verifier,
        },
        auth=(CLIENT, "secret"),
        timeout=TIMEOUT,
    )
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    _invalid_grant(_exchange(demo_sandbox.url, code, verifier))
