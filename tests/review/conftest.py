"""The security review's pages (audit log, overview) drive the real app; this folder's
demo sandbox is its own, so the hostile key names made here show up nowhere else."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_settings_and_keyring(clean_settings_and_keyring: None) -> None:
    """Every test here starts with its own settings folder and an empty keyring."""
