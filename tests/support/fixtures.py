"""The fixtures shared across test folders, registered once as a plugin by tests/conftest.py.

A folder's conftest.py keeps only what is its own (and turns on the per-test settings and
keyring with a one-line autouse fixture where it starts the app). Helpers that tests call
live beside this module (``app_driver``, ``qt_helpers``, ``faultproxy``...), and are
imported from there, never from a conftest.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from rakerone_desktop import app as appmod
from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.runtime.settings import APPLICATION, ORGANIZATION
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from tests.support.faultproxy import FaultProxy
from tests.support.memkeyring import MemoryKeyring
from tests.support.qt_helpers import Heartbeat

TESTS = Path(__file__).resolve().parents[1]

#: How long a test's jobs may take to finish after it ends (generous for a busy machine).
WORK_DONE_TIMEOUT_MS = 5_000


class DemoSandboxes:
    """One demo organisation per top-level test folder, started on first use.

    Tests add keys to it and never reset it, so each folder has its own: what the
    hardening tests make (hostile names, say) never shows up in another folder's tables.
    """

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._running: dict[str, SandboxProcess] = {}

    def for_test(self, path: Path) -> ReadyInfo:
        folder = path.resolve().relative_to(TESTS).parts[0]
        if folder not in self._running:
            db = self._factory.mktemp(f"{folder}-demo") / "sandbox.db"
            sandbox = SandboxProcess("--seed", "demo", "--db", str(db))
            sandbox.start()
            self._running[folder] = sandbox
        return self._running[folder].ready

    def stop(self) -> None:
        for sandbox in self._running.values():
            sandbox.stop()


@pytest.fixture(scope="session")
def demo_sandboxes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSandboxes]:
    sandboxes = DemoSandboxes(tmp_path_factory)
    yield sandboxes
    sandboxes.stop()


@pytest.fixture
def demo_sandbox(demo_sandboxes: DemoSandboxes, request: pytest.FixtureRequest) -> ReadyInfo:
    """The demo organisation of this test's folder (tests/sandbox has its own fixture)."""
    return demo_sandboxes.for_test(request.path)


@pytest.fixture(scope="session")
def part_one_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReadyInfo]:
    """A sandbox that serves only part 1 of the contract (``--api-part 1``), with demo keys."""
    db = tmp_path_factory.mktemp("part-one") / "part-one.db"
    sandbox = SandboxProcess("--seed", "demo", "--api-part", "1", "--db", str(db))
    sandbox.start()
    yield sandbox.ready
    sandbox.stop()


@pytest.fixture
def empty_sandbox(tmp_path: Path) -> Iterator[ReadyInfo]:
    sandbox = SandboxProcess("--seed", "empty", "--db", str(tmp_path / "empty.db"))
    sandbox.start()
    yield sandbox.ready
    sandbox.stop()


@pytest.fixture
def admin_api(demo_sandbox: ReadyInfo) -> Iterator[RakerOneClient]:
    """A second, independent client to check what the app did on the server."""
    client = RakerOneClient(base_url=demo_sandbox.url)
    client.sign_in(demo_sandbox.admin_email, demo_sandbox.admin_password or "")
    yield client
    client.close()


@pytest.fixture
def proxy(demo_sandbox: ReadyInfo) -> Iterator[FaultProxy]:
    """A fault-injecting proxy in front of the demo sandbox."""
    p = FaultProxy(demo_sandbox.url).start()
    yield p
    p.stop()


@pytest.fixture
def clean_settings_and_keyring(tmp_path: Path) -> Iterator[None]:
    """Each test gets its own settings folder and an empty keyring.

    A folder per test rather than a wipe: an app from an earlier test may still
    flush its QSettings when it is finally destroyed, and must not reach this one.
    Only the folders that start the app need it; they turn it on with an autouse
    fixture of their own.
    """
    folder = str(tmp_path / "settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    MemoryKeyring.store.clear()
    settings = QSettings(ORGANIZATION, APPLICATION)
    assert settings.allKeys() == []
    del settings
    yield
    MemoryKeyring.store.clear()


@pytest.fixture
def start_app(qtbot, qapp: QApplication) -> Iterator[object]:
    started: list[appmod.Application] = []

    def start(*argv: str) -> appmod.Application:
        assert appmod.main(list(argv)) == 0
        controller = appmod.application()
        assert controller is not None
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.quit()
        controller.runner.wait_for_done(10_000)
        controller.deleteLater()
    # Destroy the quit apps now, so that nothing of theirs (a QSettings flushing
    # on destruction, say) reaches into the next test.
    started.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def heartbeat() -> Iterator[Heartbeat]:
    beat = Heartbeat()
    yield beat
    beat.stop()


def work_left_running(runners: list[TaskRunner], timeout_ms: int) -> list[str]:
    """The names of the jobs still running after waiting up to ``timeout_ms`` for them.

    A runner whose Qt object is gone has nothing left: destroying a QThreadPool waits
    for its jobs. Qt's global pool is checked too, in case anything starts work there.
    """
    left: list[str] = []
    for runner in runners:
        try:
            if not runner.wait_for_done(timeout_ms):
                left.extend(task.name for task in runner._running)
        except RuntimeError:  # already deleted
            continue
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(timeout_ms):
        left.append(f"{pool.activeThreadCount()} job(s) in Qt's global thread pool")
    return left


@pytest.fixture(autouse=True)
def no_work_left_running(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Fail a test that ends with jobs still running in a task runner's thread pool.

    Such a job outlives its test and reaches into the next one (a signal to a deleted
    window, a request to a stopped sandbox). Wait for the work on its signal instead
    (``qtbot.waitSignal(task.finished)``); a test that must end with work running says
    why with ``@pytest.mark.leaves_work_running(reason=...)``.
    """
    runners: list[TaskRunner] = []
    original_init = TaskRunner.__init__

    def tracked_init(self: TaskRunner, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        runners.append(self)

    monkeypatch.setattr(TaskRunner, "__init__", tracked_init)
    yield
    marker = request.node.get_closest_marker("leaves_work_running")
    left = work_left_running(runners, WORK_DONE_TIMEOUT_MS)
    if left:
        # Cancel and wait longer, so that the next test starts with an empty pool.
        for runner in runners:
            with contextlib.suppress(RuntimeError):
                runner.shutdown(30_000)
    runners.clear()
    if left and marker is None:
        pytest.fail(
            f"{request.node.nodeid} left work running in the thread pool after "
            f"{WORK_DONE_TIMEOUT_MS} ms: {', '.join(left)}. Wait for it on a signal "
            "before the test ends, or mark the test leaves_work_running(reason=...).",
            pytrace=False,
        )
