"""The hardening tests drive the real app against the real sandbox through a fault proxy
(shared fixtures: tests/support/fixtures.py; helpers: tests/support/qt_helpers.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_settings_and_keyring(clean_settings_and_keyring: None) -> None:
    """Every test here starts with its own settings folder and an empty keyring."""
