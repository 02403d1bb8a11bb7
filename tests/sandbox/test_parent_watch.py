"""--stop-with-parent: the sandbox stops by itself when the app that started it dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

pytestmark = pytest.mark.integration

PARENT = """
import json, sys
from rakerone_desktop.sandbox.launcher import SandboxProcess
sandbox = SandboxProcess("--seed", "empty", "--db", ":memory:", *sys.argv[1:])
sandbox.start()
print(json.dumps({"pid": sandbox.pid}), flush=True)
sys.stdin.read()  # until killed
"""


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return any(line.split()[1:2] == ["Z"] for line in f if line.startswith("State:"))
    except OSError:
        return True


def _start_parent(*flags: str) -> tuple[subprocess.Popen[str], int]:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, *flags],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = parent.stdout.readline()
    return parent, json.loads(line)["pid"]


def _kill(parent: subprocess.Popen[str]) -> None:
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdin.close()
    parent.stdout.close()


def _wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while time.monotonic() < deadline:
        if condition():
            return True
        tick.wait(0.1)
    return condition()


def test_sandbox_stops_when_its_parent_is_killed():
    parent, child = _start_parent("--stop-with-parent")
    assert not _gone(child)
    _kill(parent)
    assert _wait_until(lambda: _gone(child), 10), "the orphaned sandbox kept running"


def test_without_the_flag_the_sandbox_outlives_its_parent():
    parent, child = _start_parent()
    _kill(parent)
    try:
        assert not _wait_until(lambda: _gone(child), 2)
    finally:
        os.kill(child, signal.SIGTERM)
        _wait_until(lambda: _gone(child), 10)
