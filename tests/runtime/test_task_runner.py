"""The task runner: every outcome reaches the GUI thread as a signal, in order."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from rakerone_desktop.runtime.tasks import TaskRunner


def test_progress_emitted_before_anyone_connected_is_not_lost(qtbot):
    runner = TaskRunner()
    started = threading.Event()

    def job(task):
        for i in range(300):
            task.progress(i)
        started.set()
        return "done"

    task = runner.submit("burst", job, with_task=True)
    started.wait(10)  # every progress was emitted before the connections below
    seen: list[int] = []
    threads: set[object] = set()
    task.progressed.connect(lambda v: (seen.append(v), threads.add(QThread.currentThread())))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == ["done"]
    assert seen == list(range(300))  # all of them, in order, before the result
    assert threads == {qtbot_thread()}
    runner.shutdown()


def qtbot_thread():
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance().thread()


def test_failure_is_reported_not_raised(qtbot):
    runner = TaskRunner()
    task = runner.submit("boom", lambda: 1 / 0)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ZeroDivisionError)
    runner.shutdown()


def test_a_cancelled_task_reports_nothing(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    task = runner.submit("slow", lambda: gate.wait(5) and "late")
    outcomes: list[object] = []
    task.succeeded.connect(outcomes.append)
    task.failed.connect(outcomes.append)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        gate.set()
    assert outcomes == []
    assert runner.active_count == 0
