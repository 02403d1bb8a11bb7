"""A controller call: its own answer, one wording for the unexpected, retried with
its own input after signing in again; and no ``sender()`` anywhere in the app."""

from __future__ import annotations

from pathlib import Path

from rakerone_desktop.api.errors import ApiError, UnauthenticatedError, UnexpectedError
from rakerone_desktop.controllers.call import Call
from rakerone_desktop.runtime.tasks import TaskRunner


class Guard:
    def __init__(self) -> None:
        self.waiting: list[tuple[object, object]] = []
        self.epoch = 0

    def intercept(self, error, retry, give_up, started=None) -> bool:
        if not isinstance(error, UnauthenticatedError):
            return False
        self.waiting.append((retry, give_up))
        return True


def test_each_call_answers_its_own_result(qtbot):
    runner = TaskRunner()
    answers: dict[int, object] = {}
    calls = []
    for n in (1, 2, 3):
        call = Call(runner, "double", lambda n: n * 2, n)
        call.succeeded.connect(lambda result, n=n: answers.__setitem__(n, result))
        calls.append(call.start())
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=5000)
    assert answers == {1: 2, 2: 4, 3: 6}  # each caller hears its own call only
    runner.wait_for_done()


def test_an_unexpected_failure_is_wrapped_in_one_wording(qtbot):
    runner = TaskRunner()

    def boom() -> None:
        raise KeyError("secret-looking text")

    call = Call(runner, "boom", boom).start()
    with qtbot.waitSignal(call.failed, timeout=5000) as failed:
        pass
    assert isinstance(failed.args[0], UnexpectedError)
    assert "secret-looking" not in str(failed.args[0])
    runner.wait_for_done()


def test_a_lost_session_waits_then_runs_again_with_the_same_input(qtbot):
    runner = TaskRunner()
    guard = Guard()
    seen: list[str] = []

    def job(name: str) -> str:
        seen.append(name)
        if len(seen) == 1:
            raise UnauthenticatedError()
        return name

    call = Call(runner, "create", job, "Billing", guard=guard)
    with qtbot.waitSignal(call.waiting, timeout=5000):
        call.start()
    assert not call.done
    retry, _give_up = guard.waiting[0]
    with qtbot.waitSignal(call.succeeded, timeout=5000) as done:
        retry()
    assert done.args == ["Billing"]
    assert seen == ["Billing", "Billing"]
    runner.wait_for_done()


def test_giving_up_reports_the_original_error(qtbot):
    runner = TaskRunner()
    guard = Guard()

    def job() -> None:
        raise UnauthenticatedError("Your session has ended.")

    call = Call(runner, "revoke", job, guard=guard)
    with qtbot.waitSignal(call.waiting, timeout=5000):
        call.start()
    _retry, give_up = guard.waiting[0]
    with qtbot.waitSignal(call.failed, timeout=5000) as failed:
        give_up()
    assert isinstance(failed.args[0], ApiError)
    assert failed.args[0].message == "Your session has ended."
    runner.wait_for_done()


def test_no_code_asks_who_sent_a_signal():
    package = Path(__file__).resolve().parents[2] / "rakerone_desktop"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if ".sender()" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
