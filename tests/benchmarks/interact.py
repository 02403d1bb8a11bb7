"""P4: sorting by each column and search keystrokes, with the window shown and every key loaded.

Each figure is the time from the call to the end of the repaint it causes
(the table's viewport painting its new rows).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt

from rakerone_desktop.keytable.columns import SORTABLE_COLUMNS, Column
from rakerone_desktop.keytable.filters import filter_mask
from rakerone_desktop.models.keys_model import KeyFilter, column_title
from tests.benchmarks.load import WindowSession
from tests.benchmarks.qtutil import wait_for

SORTABLE = SORTABLE_COLUMNS
ASC = Qt.SortOrder.AscendingOrder
DESC = Qt.SortOrder.DescendingOrder

#: Typing "nightly" into the search field: the first key matches most rows.
SEARCH_STEPS: tuple[tuple[str, str, str], ...] = (
    ("search: first key", "", "n"),
    ("search: next key", "n", "ni"),
    ("search: backspace", "ni", "n"),
    ("search: clear", "n", ""),
    # The owner: and tag: prefixes (key lifecycle), alone and with free text.
    ("search: owner: prefix", "", "owner:a"),
    ("search: tag: and text", "owner:a", "tag:prod n"),
    ("search: clear prefixes", "tag:prod n", ""),
)
#: Choosing a filter (the lifecycle ones, then back to All): a keystroke's budget.
FILTER_STEPS = (
    KeyFilter.EXPIRING_SOON,
    KeyFilter.EXPIRED,
    KeyFilter.NO_EXPIRY,
    KeyFilter.DISABLED,
    KeyFilter.EXPOSED,
    KeyFilter.NEVER_USED,
    KeyFilter.ALL,
)


def _until_repainted(session: WindowSession, action: Callable[[], None]) -> float:
    """Milliseconds from ``action()`` to the end of the viewport's next paint."""
    session.viewport.update()  # even a no-op change paints once, so nothing waits forever
    session.probe.arm(lambda: True)
    started = time.perf_counter()
    action()
    wait_for(session.probe.painted, 30.0, "a repaint")
    return (time.perf_counter() - started) * 1000.0


def sort_column(session: WindowSession, column: Column, order: Qt.SortOrder) -> float:
    """What a click on a header does: set the sort indicator; the view then sorts.

    (Not ``QTableView.sortByColumn``, which with sorting enabled sorts twice.)
    """
    header = session.table.horizontalHeader()
    return _until_repainted(session, lambda: header.setSortIndicator(column, order))


def sorts(session: WindowSession) -> dict[str, float]:
    """Each column ascending (the first click), then descending (the second)."""
    out: dict[str, float] = {}
    for column in SORTABLE:
        out[f"{column_title(column)} ↑"] = sort_column(session, column, ASC)
        out[f"{column_title(column)} ↓"] = sort_column(session, column, DESC)
    # Back to the default order (newest first) before searching.
    sort_column(session, Column.CREATED, DESC)
    return out


def searches(session: WindowSession) -> dict[str, float]:
    model = session.model
    out: dict[str, float] = {}
    for label, before, after in SEARCH_STEPS:
        if model.search_text != before:
            model.set_search(before)
        out[label] = _until_repainted(session, lambda text=after: model.set_search(text))
    t = model.table
    for name in FILTER_STEPS:
        # A filter that finds nothing shows the no-match page: no table to repaint.
        if 1 in filter_mask(t.rows, name, t.unused_days, t.now, t.sets, t.warning_days):
            out[f"filter: {name}"] = _until_repainted(session, lambda n=name: model.set_filter(n))
    model.set_filter(KeyFilter.ALL)
    return out
