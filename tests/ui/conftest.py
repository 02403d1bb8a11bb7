"""The UI tests drive the real app (shared fixtures: tests/support/fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess


@pytest.fixture(autouse=True)
def _own_settings_and_keyring(clean_settings_and_keyring: None) -> None:
    """Every test here starts with its own settings folder and an empty keyring."""


@pytest.fixture(scope="module")
def browser_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReadyInfo]:
    """A sandbox whose people sign in only through the browser."""
    db = tmp_path_factory.mktemp("browser-only") / "sandbox.db"
    process = SandboxProcess("--seed", "demo", "--no-password-sign-in", "--db", str(db))
    process.start()
    yield process.ready
    process.stop()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as executor:
        yield executor
