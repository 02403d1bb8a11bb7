"""Fixtures for driving the real app against the real sandbox server."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from rakerone_desktop import app as appmod
from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.runtime.settings import APPLICATION, ORGANIZATION
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from tests.support.memkeyring import MemoryKeyring


@pytest.fixture(scope="session")
def demo_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReadyInfo]:
    db = tmp_path_factory.mktemp("ui-demo") / "sandbox.db"
    sandbox = SandboxProcess("--seed", "demo", "--db", str(db))
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


@pytest.fixture(autouse=True)
def clean_settings_and_keyring(tmp_path: Path) -> Iterator[None]:
    """Each test gets its own settings folder and an empty keyring.

    A folder per test rather than a wipe: an app from an earlier test may still
    flush its QSettings when it is finally destroyed, and must not reach this one.
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


@dataclass
class Driver:
    """The running app, as a test sees it."""

    controller: appmod.Application
    qtbot: object

    def quit(self) -> None:
        self.controller.quit()


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


def sign_in(qtbot, controller: appmod.Application, info: ReadyInfo, *, member: bool = False,
            remember: bool = False):
    """Fill in the sign-in dialog like a person and wait for the window that follows."""
    dialog = controller.sign_in_dialog
    assert dialog is not None
    dialog.server_field.setText(info.url)
    dialog.email_field.setText(info.member_email if member else info.admin_email)
    dialog.password_field.setText(
        (info.member_password if member else info.admin_password) or ""
    )
    dialog.remember_checkbox.setChecked(remember)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    return blocker.args[0]


def wait_loaded(qtbot, controller: appmod.Application) -> None:
    current = controller.current
    assert current is not None and current.keys is not None
    keys = current.keys
    qtbot.waitUntil(lambda: keys.has_loaded and not keys.loading and bool(keys.model.catalog),
                    timeout=20_000)
