"""A way to swap the keyring (shared fixtures: tests/support/fixtures.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend


@pytest.fixture(autouse=True)
def _own_settings_and_keyring(clean_settings_and_keyring: None) -> None:
    """Every test here starts with its own settings folder and an empty keyring."""


@pytest.fixture
def use_keyring() -> Iterator[Callable[[KeyringBackend], KeyringBackend]]:
    """Make ``backend`` the keyring every new TokenStore finds; restored afterwards."""
    previous = keyring.get_keyring()

    def use(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)
