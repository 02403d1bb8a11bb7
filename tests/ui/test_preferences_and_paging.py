"""Preferences, and rows that appear page by page."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from rakerone_desktop.api.models import ApiKeyPage, Permission
from rakerone_desktop.controllers.keys import KeysController
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.runtime.tasks import TaskRunner
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.factories import make_key
from tests.support.fake_client import FakeClient


@pytest.mark.integration
def test_preferences_change_and_persist(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    dialog = controller.show_preferences()
    assert dialog.objectName() == "preferencesDialog"
    assert dialog.clear_spin.value() == 30  # the default
    dialog.clear_spin.setValue(0)
    assert dialog.clear_spin.text() == "Off (clear when the app quits)"
    dialog.refresh_spin.setValue(120)
    dialog._save()
    assert controller.clipboard.clear_after_seconds == 0
    assert controller.current.keys._auto.interval() == 120_000
    settings = Settings()
    assert settings.get(Options.clipboard_clear_seconds) == 0
    assert settings.get(Options.auto_refresh_seconds) == 120


class _GatedPages(FakeClient):
    """Three pages; each waits for the test to let it go."""

    def __init__(self) -> None:
        self.gates = [threading.Event() for _ in range(3)]
        self.pages = [[make_key(f"Page {p} key {i}") for i in range(4)] for p in range(3)]

    def iter_key_pages(
        self, *, status: str = "active", page_size: int = 1000
    ) -> Iterator[ApiKeyPage]:
        for n, gate in enumerate(self.gates):
            gate.wait(10)
            last = n == len(self.gates) - 1
            yield ApiKeyPage(
                items=tuple(self.pages[n]), next_cursor=None if last else f"c{n}", total=12
            )

    def permissions(self) -> tuple[Permission, ...]:
        return ()


def test_rows_appear_as_pages_arrive(qtbot):
    runner = TaskRunner()
    model = ApiKeysModel()
    client = _GatedPages()
    keys = KeysController(client, runner, model)
    keys.refresh()
    assert keys.loading
    for n in range(3):
        client.gates[n].set()
        qtbot.waitUntil(lambda n=n: model.rowCount() == 4 * (n + 1), timeout=5000)
        if n < 2:
            assert keys.loading and not keys.has_loaded  # rows are showing before the end
    qtbot.waitUntil(lambda: keys.has_loaded, timeout=5000)
    keys.shutdown()
    runner.wait_for_done(5000)
