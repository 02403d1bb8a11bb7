"""What the packaging tests share: the checkout's root and the
bundle report that tests/packaging/conftest.py prints at the end of the run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Lines for the end of the run: the bundle's size and start times.
REPORT: list[str] = []
