"""Sandboxes for the tests: one shared demo instance, and fresh ones on demand.

Every sandbox is a real child process started through the launcher, exactly
as the desktop app starts it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rakerone_desktop.sandbox.launcher import SandboxProcess
from tests.support.sandbox_http import Api, StartSandbox, admin_api, member_api


@pytest.fixture(scope="session")
def demo_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """The demo organisation, shared by the whole session (tests add keys, never reset it)."""
    db = tmp_path_factory.mktemp("demo-sandbox") / "demo.db"
    sandbox = SandboxProcess("--seed", "demo", "--db", str(db))
    sandbox.start()
    yield sandbox
    assert sandbox.stop() == 0, sandbox.stderr_tail()


@pytest.fixture
def admin(demo_sandbox: SandboxProcess) -> Iterator[Api]:
    """A fresh admin session on the demo sandbox."""
    api = admin_api(demo_sandbox.ready)
    yield api
    api.close()


@pytest.fixture
def member(demo_sandbox: SandboxProcess) -> Iterator[Api]:
    api = member_api(demo_sandbox.ready)
    yield api
    api.close()


@pytest.fixture
def anonymous(demo_sandbox: SandboxProcess) -> Iterator[Api]:
    api = Api(demo_sandbox.url)
    yield api
    api.close()


@pytest.fixture
def start_sandbox() -> Iterator[StartSandbox]:
    """Start fresh sandboxes (``--seed empty`` unless told); all stopped after the test."""
    started: list[SandboxProcess] = []

    def start(*args: str, seed: str = "empty") -> SandboxProcess:
        sandbox = SandboxProcess("--seed", seed, *args)
        started.append(sandbox)
        sandbox.start()
        return sandbox

    yield start
    for sandbox in started:
        if sandbox.returncode is None and sandbox.pid is not None:
            sandbox.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sandbox.db"
