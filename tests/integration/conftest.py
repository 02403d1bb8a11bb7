"""The real sandbox server, started as a child process, and clients for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from rakerone_desktop.api.client import RakerOneClient, RetryPolicy
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess

ClientFactory = Callable[..., RakerOneClient]


def start_sandbox(*args: str) -> SandboxProcess:
    process = SandboxProcess("--db", ":memory:", *args)
    process.start()
    return process


def _stop(process: SandboxProcess) -> None:
    code = process.stop()
    assert code == 0, f"the sandbox exited with {code}:\n{process.stderr_tail()}"
    assert process.extra_stdout == [], "the sandbox printed more than its ready line"


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxProcess]:
    """One demo sandbox for the whole run. Tests add keys; none may rely on a count
    that another test could change, except within one test."""
    process = start_sandbox("--seed", "demo")
    yield process
    _stop(process)


@pytest.fixture
def fresh_sandbox() -> Iterator[SandboxProcess]:
    """A sandbox of its own, for a test that locks an account or counts keys."""
    process = start_sandbox("--seed", "demo")
    yield process
    _stop(process)


@pytest.fixture
def ready(sandbox: SandboxProcess) -> ReadyInfo:
    return sandbox.ready


@pytest.fixture
def sleeps() -> list[float]:
    """Delays the clients would have slept: tests never wait."""
    return []


@pytest.fixture
def make_client(sandbox: SandboxProcess, sleeps: list[float]) -> Iterator[ClientFactory]:
    """A factory of clients for the shared sandbox; every one is closed afterwards."""
    made: list[RakerOneClient] = []

    def factory(
        token: str | None = None, *, url: str | None = None, **kwargs: object
    ) -> RakerOneClient:
        kwargs.setdefault("retry", RetryPolicy(attempts=3, backoff=0.01))
        client = RakerOneClient(
            base_url=url or sandbox.url,
            token=token,
            sleep=sleeps.append,
            **kwargs,  # type: ignore[arg-type]  # retry, timeouts, user_agent, session
        )
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture
def admin(make_client: ClientFactory, ready: ReadyInfo) -> RakerOneClient:
    client = make_client()
    assert ready.admin_password is not None
    client.sign_in(ready.admin_email, ready.admin_password)
    return client


@pytest.fixture
def member(make_client: ClientFactory, ready: ReadyInfo) -> RakerOneClient:
    client = make_client()
    assert ready.member_password is not None
    client.sign_in(ready.member_email, ready.member_password)
    return client
