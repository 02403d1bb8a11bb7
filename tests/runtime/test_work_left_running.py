"""The guard that fails a test which leaves work running in a task runner's pool
(tests/support/fixtures.py, ``no_work_left_running``)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from rakerone_desktop.runtime.tasks import TaskRunner
from tests.support.fixtures import work_left_running

ROOT = Path(__file__).resolve().parents[2]

CHILD_CONFTEST = """
import tests.support.fixtures

tests.support.fixtures.WORK_DONE_TIMEOUT_MS = 200  # the leaking job runs for 3 s
pytest_plugins = ["tests.support.fixtures"]
"""

LEAKING_TEST = """
import threading

from rakerone_desktop.runtime.tasks import TaskRunner

GATE = threading.Event()


def test_leaks(qtbot):
    runner = TaskRunner()
    runner.submit("stuck download", GATE.wait, 3)
    assert runner.active_count == 1


def test_waits(qtbot):
    runner = TaskRunner()
    task = runner.submit("quick", lambda: 42)
    with qtbot.waitSignal(task.succeeded, timeout=5000):
        pass
"""


def test_a_job_still_running_is_named(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    task = runner.submit("waits for the gate", gate.wait, 10)
    assert work_left_running([runner], 50) == ["waits for the gate"]
    with qtbot.waitSignal(task.finished, timeout=5000):
        gate.set()
    assert work_left_running([runner], 50) == []


def test_a_finished_or_deleted_runner_has_nothing_left(qtbot):
    runner = TaskRunner()
    task = runner.submit("quick", lambda: 1)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    gone = TaskRunner()
    with qtbot.waitSignal(gone.destroyed, timeout=5000):
        gone.deleteLater()
    assert work_left_running([runner, gone], 50) == []


@pytest.mark.slow
def test_the_fixture_fails_a_test_that_leaves_work_running(pytester, monkeypatch):
    """In a child pytest, with this suite's plugin: the leak is an error that names the
    test and the job; the test that waited passes."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    pytester.makeconftest(CHILD_CONFTEST)
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    pytester.makepyfile(test_leak=LEAKING_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*test_leak.py::test_leaks left work running in the thread pool*stuck download*"]
    )
