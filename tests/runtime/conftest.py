"""The app and sandbox fixtures of the UI tests, and a way to swap the keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from tests.ui.conftest import (  # noqa: F401 - fixtures, registered by being imported
    clean_settings_and_keyring,
    demo_sandbox,
    start_app,
)


@pytest.fixture
def use_keyring() -> Iterator[Callable[[KeyringBackend], KeyringBackend]]:
    """Make ``backend`` the keyring every new TokenStore finds; restored afterwards."""
    previous = keyring.get_keyring()

    def use(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)
