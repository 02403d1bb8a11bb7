"""What the packaging tests share: the checkout's root, the external tools, and the
bundle report that tests/packaging/conftest.py prints at the end of the run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Lines for the end of the run: the bundle's size and start times.
REPORT: list[str] = []


def require_tool(name: str) -> str:
    """The tool's path; skipped where it isn't installed, but CI (CI=true) must have it."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed (apt-get install it; CI does)")
    return found
