"""The packaging tests: the packaging scripts on the path, and the bundle report."""

from __future__ import annotations

import sys

from tests.packaging.tools import REPORT, ROOT

sys.path.insert(0, str(ROOT / "packaging"))


def pytest_terminal_summary(terminalreporter) -> None:
    if REPORT:
        terminalreporter.section("the Linux bundle")
        for line in REPORT:
            terminalreporter.write_line(line)
