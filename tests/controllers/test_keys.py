"""The keys controller against a fake client: loading, the catalog, sorting ahead."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from rakerone_desktop.api.models import ApiKeyPage, Permission
from rakerone_desktop.controllers.keys import KeysController
from rakerone_desktop.keytable.columns import PRESORTED, Column
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.tasks import TaskRunner
from tests.support.factories import CATALOG, NOW, make_key
from tests.support.fake_client import FakeClient


class _LateCatalog(FakeClient):
    """One page of keys at once; the permission catalog when the test lets it go."""

    def __init__(self) -> None:
        self.catalog_gate = threading.Event()
        self.keys = [
            make_key(f"k{i % 5}", permissions=(CATALOG[i % len(CATALOG)].id,), last_used=NOW)
            for i in range(30)
        ]

    def iter_key_pages(
        self, *, status: str = "active", page_size: int = 1000
    ) -> Iterator[ApiKeyPage]:
        yield ApiKeyPage(items=tuple(self.keys), next_cursor=None, total=len(self.keys))

    def permissions(self) -> tuple[Permission, ...]:
        self.catalog_gate.wait(10)
        return tuple(CATALOG)


def test_a_catalog_that_comes_after_the_keys_gets_permissions_sorted_ahead(qtbot):
    runner = TaskRunner()
    model = ApiKeysModel()
    model.table.presort_min_rows = 0
    client = _LateCatalog()
    keys = KeysController(client, runner, model)
    try:
        with qtbot.waitSignal(keys.loaded, timeout=10_000):
            keys.refresh()
        qtbot.waitUntil(lambda: all((c, False) in model.table.orders for c in PRESORTED))
        assert (Column.PERMISSIONS, False) not in model.table.orders  # no places yet
        with qtbot.waitSignal(keys.catalogLoaded, timeout=10_000):
            client.catalog_gate.set()
        qtbot.waitUntil(lambda: (Column.PERMISSIONS, False) in model.table.orders)
    finally:
        client.catalog_gate.set()
        keys.shutdown()
        runner.shutdown()
