"""The sign-in throttle holds against a burst: no more than 5 attempts per email
per minute reach the password check, however many arrive at once.

The attempt is reserved before the slow password hash, so concurrent guesses
cannot all slip in while the first ones are still being checked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from rakerone_desktop.sandbox import credentials
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.seed import prepare
from rakerone_desktop.sandbox.service import Sandbox, SignedIn
from rakerone_desktop.sandbox.store import Store
from tests.support.sandbox_http import API, PROBLEM_BASE, TIMEOUT, StartSandbox

BURST = 20
WAIT_S = 30.0


@pytest.fixture
def sandbox() -> Iterator[tuple[Sandbox, str]]:
    store = Store(":memory:")
    seeded = prepare(store, "empty", "right password", "member password")
    yield Sandbox(store, Settings()), seeded.admin_email
    store.close()


class SlowCheck:
    """Stands in for the password check: counts the calls that reach it and holds
    them until released, as a slow hash would."""

    def __init__(self, real: Callable[[str, str | None], bool]) -> None:
        self.real = real
        self.calls = 0
        self.cond = threading.Condition()
        self.release = threading.Event()

    def __call__(self, password: str, stored: str | None) -> bool:
        with self.cond:
            self.calls += 1
            self.cond.notify_all()
        self.release.wait(WAIT_S)
        return self.real(password, stored)

    def wait_for_calls(self, n: int) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: self.calls >= n, WAIT_S), self.calls


def _attempt(sandbox: Sandbox, email: str, password: str) -> str:
    try:
        result = sandbox.sessions.sign_in(email, password)
    except Problem as problem:
        return problem.slug
    assert isinstance(result, SignedIn)
    return "signed-in"


def test_a_burst_of_guesses_reaches_the_password_check_five_times_at_most(
    sandbox: tuple[Sandbox, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    service, email = sandbox
    check = SlowCheck(credentials.verify_password)
    monkeypatch.setattr(credentials, "verify_password", check)
    barrier = threading.Barrier(BURST)

    def guess(n: int) -> str:
        barrier.wait(WAIT_S)
        return _attempt(service, email, f"wrong {n}")

    with ThreadPoolExecutor(BURST + 1) as pool:
        guesses = [pool.submit(guess, n) for n in range(BURST)]
        # Five guesses are inside the (held) password check; the right password
        # arrives in the same burst, before any of them has been answered.
        check.wait_for_calls(5)
        right = pool.submit(_attempt, service, email, "right password")
        check.release.set()
        outcomes = [f.result(WAIT_S) for f in guesses]
        in_burst = right.result(WAIT_S)
    assert check.calls == 5
    assert sorted(outcomes) == ["rate-limited"] * (BURST - 5) + ["unauthenticated"] * 5
    assert in_burst == "rate-limited"
    # Still locked once the burst is over, right password or not.
    assert _attempt(service, email, "right password") == "rate-limited"
    assert check.calls == 5


def test_a_burst_over_http_gets_five_answers_of_401_and_then_429(
    start_sandbox: StartSandbox,
) -> None:
    sandbox = start_sandbox("--admin-password", "right password")
    url = sandbox.url + API + "/sessions"
    email = sandbox.ready.admin_email
    barrier = threading.Barrier(BURST)

    def guess(n: int) -> int:
        with requests.Session() as session:
            barrier.wait(WAIT_S)
            body = {"email": email, "password": f"wrong {n}"}
            return session.post(url, json=body, timeout=TIMEOUT).status_code

    with ThreadPoolExecutor(BURST) as pool:
        statuses = sorted(pool.map(guess, range(BURST)))
    assert statuses == [401] * 5 + [429] * (BURST - 5)
    answer = requests.post(
        url, json={"email": email, "password": "right password"}, timeout=TIMEOUT
    )
    assert answer.status_code == 429
    assert answer.json()["type"] == PROBLEM_BASE + "rate-limited"


def test_a_successful_sign_in_does_not_use_up_the_attempts(
    sandbox: tuple[Sandbox, str],
) -> None:
    service, email = sandbox
    for _ in range(8):
        assert _attempt(service, email, "right password") == "signed-in"
    for n in range(5):
        assert _attempt(service, email, f"wrong {n}") == "unauthenticated"
    assert _attempt(service, email, "right password") == "rate-limited"
