"""Shared helpers for the packaging tests: the external tools, and the bundle report."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

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


def pytest_terminal_summary(terminalreporter) -> None:
    if REPORT:
        terminalreporter.section("the Linux bundle")
        for line in REPORT:
            terminalreporter.write_line(line)
