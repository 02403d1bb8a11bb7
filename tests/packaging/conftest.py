"""Shared helpers for the packaging tests: the packaging folder on the path, the bundle report.

The external tools they need are checked by ``tests/support/system.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

#: Lines for the end of the run: the bundle's size and start times.
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    if REPORT:
        terminalreporter.section("the Linux bundle")
        for line in REPORT:
            terminalreporter.write_line(line)
