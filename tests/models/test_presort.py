"""Sorting ahead in the background: one step per job, results handed back, painting first."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from rakerone_desktop.keytable.columns import PRESORTED
from rakerone_desktop.models.keys_model import ApiKeysModel, Column
from rakerone_desktop.models.presort import BackgroundSorter
from rakerone_desktop.runtime.tasks import TaskRunner
from tests.support.factories import NOW, make_key


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def small_model(n: int = 30) -> ApiKeysModel:
    model = ApiKeysModel()
    model.table.presort_min_rows = 0
    model.table.sort_step = 4
    model.replace_all([make_key(f"k{i % 5}", creator=f"c{i % 4}", last_used=NOW) for i in range(n)])
    return model


def test_every_column_is_sorted_ahead_and_a_click_is_a_lookup(qtbot, runner):
    model = small_model()
    sorter = BackgroundSorter(model, runner)
    submitted = []
    runner_submit = runner.submit

    def counting_submit(*args, **kwargs):
        submitted.append(args[0])
        return runner_submit(*args, **kwargs)

    runner.submit = counting_submit  # type: ignore[method-assign]
    sorter.start()
    assert sorter.running
    qtbot.waitUntil(lambda: not sorter.running, timeout=10_000)
    assert len(submitted) > len(PRESORTED)  # one job per step, not one for everything
    assert all((c, False) in model.table.orders for c in PRESORTED)
    before = dict(model.table.orders)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert model.table.orders[(Column.NAME, False)] is before[(Column.NAME, False)]


def test_the_next_step_waits_while_the_table_is_painted(qtbot, runner):
    model = small_model()
    sorter = BackgroundSorter(model, runner)
    model.painted_at = time.perf_counter() + 3600  # "painted just now", for an hour
    sorter.start()
    qtbot.waitUntil(lambda: sorter._later.isActive(), timeout=5_000)
    assert sorter.running
    model.painted_at = 0.0  # painting stopped: the steps carry on
    qtbot.waitUntil(lambda: not sorter.running, timeout=10_000)
    assert all((c, False) in model.table.orders for c in PRESORTED)


def test_a_stopped_sort_adopts_nothing(qtbot, runner):
    model = small_model()
    sorter = BackgroundSorter(model, runner)
    sorter.start()
    sorter.stop()
    qtbot.waitUntil(lambda: not runner._running, timeout=5_000)
    assert not any((c, False) in model.table.orders for c in PRESORTED if c != Column.CREATED)


def test_rows_changed_meanwhile_make_the_answer_stale(qtbot, runner):
    model = small_model()
    sorter = BackgroundSorter(model, runner)
    sorter.start()
    model.upsert_key(make_key("newest", created=NOW))  # new rows: orders stale
    qtbot.waitUntil(lambda: not sorter.running, timeout=10_000)
    assert (Column.NAME, False) not in model.table.orders
