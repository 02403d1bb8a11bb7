"""Sorted orders of the rows: one ``list.sort`` with a C-level key per column.

Ties keep the server's order (newest first, ties by id descending), so every
order made here is stable with respect to it. The work can run at once (a
click) or in bounded steps off the GUI thread (see ``steps``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, islice
from operator import eq, itemgetter
from typing import Any

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.keytable.columns import COLUMNS, PRESORTED, SERVER_ORDER, Column
from rakerone_desktop.keytable.steps import (
    ALL_AT_ONCE,
    SORT_STEP,
    Steps,
    run,
    run_paced,
    sorted_in_steps,
)
from rakerone_desktop.keytable.store import ID, Order, OrderKey, PreparedKeys

#: Below this many rows, sorting on a click is instant: nothing is sorted ahead.
PRESORT_MIN_ROWS = 20_000


def base_order(rows: PreparedKeys, numbers: Sequence[int], step: int = ALL_AT_ONCE) -> Steps[Order]:
    """Row numbers newest first, ties by id descending: the server's order."""
    if rows.in_server_order:
        return tuple(numbers)
    ids = list(map(ID, rows.keys))
    by_id = yield from sorted_in_steps(numbers, ids.__getitem__, True, step)
    return tuple((yield from sorted_in_steps(by_id, rows.created.__getitem__, True, step)))


def column_order(
    rows: PreparedKeys,
    base: Order,
    column: Column,
    descending: bool,
    ranks: dict[Any, int] | None,
    step: int = ALL_AT_ONCE,
    ties: bool = False,
) -> Steps[Order]:
    """Row numbers sorted by ``column``; ties keep their order in ``base`` (which
    must be the server's order for them, as it is in any order made here).

    With ``ties`` (sorting ahead, off the GUI thread) the answer is a
    :class:`Sorted` that knows its runs of equal keys, so the other direction
    costs no sort (a click doesn't pay for finding them)."""
    if column == SERVER_ORDER[0]:
        return base if descending else base[::-1]
    sort_keys = COLUMNS[column].sort_keys
    if sort_keys is None:
        raise ValueError(f"column {column!r} does not sort")
    keys = yield from sort_keys(rows, ranks, step)
    order = yield from sorted_in_steps(base, keys.__getitem__, descending, step)
    if not ties:
        return tuple(order)
    return with_ties(order, (yield from tie_runs(order, keys, step)))


#: Runs of equal neighbours in a mask of ``==`` between neighbouring keys.
_TIES = re.compile(b"\x01+")


class Sorted(tuple[int, ...]):
    """An order made by sorting by a column, which knows where its runs of equal
    keys are (``ties``: start, end, start, end...): turned round with those runs
    kept in the server's order, it is the order the other way (:func:`reversed_order`)."""

    ties: tuple[int, ...] = ()


def tie_runs(order: Sequence[int], keys: Sequence[Any], step: int) -> Steps[tuple[int, ...]]:
    """Where ``order`` (sorted by ``keys``) has runs of equal keys, in bounded steps."""
    parts = []
    for i in range(0, len(order) - 1, step):
        chunk = order[i : i + step + 1]  # one row more: each step compares its neighbours
        ranked = itemgetter(*chunk)(keys)  # the keys in order, in one C call
        parts.append(bytes(map(eq, islice(ranked, 1, None), ranked)))
        yield
    same = b"".join(parts)  # 1 at j: the key of order[j + 1] equals that of order[j]
    return tuple(chain.from_iterable((m.start(), m.end() + 1) for m in _TIES.finditer(same)))


def with_ties(order: Sequence[int], ties: tuple[int, ...]) -> Sorted:
    out = Sorted(order)
    out.ties = ties
    return out


def reversed_order(other: Sorted) -> Sorted:
    """The order by the same column the other way round, with no sorting: ``other``
    reversed, each run of equal keys put back in the server's order (the order
    ties have in every order made here). A second click on a header costs this:
    about a millisecond at 100,000 rows, where sorting again costs tens."""
    n, ties = len(other), other.ties
    out = list(other[::-1])  # (``reversed`` of a tuple subclass goes item by item)
    mirrored: list[int] = []
    for k in range(len(ties) - 2, -1, -2):
        a, b = ties[k], ties[k + 1]
        out[n - b : n - a] = other[a:b]
        mirrored += (n - b, n - a)
    return with_ties(out, tuple(mirrored))


def sort_fields(key: ApiKey) -> tuple[Any, ...]:
    """What sorting reads from a key: when none of it changed, sorted orders still hold."""
    return (
        key.name,
        key.permissions,
        key.last_used_at,
        key.created_at,
        key.hint,
        key.created_by.name,
        key.last_used_ip,
        key.last_used_user_agent,
        key.expires_at,
        key.owner.name if key.owner else "",
        key.tags,
        key.description,
    )


def finish(rows: PreparedKeys, sort: OrderKey | None, step: int | None = None) -> None:
    """Index the ids and sort by ``sort`` and ascending by every column a click
    sorts by, in steps with a rest after each (this runs in a background job
    while the GUI thread paints)."""
    run_paced(_finish(rows, sort, SORT_STEP if step is None else step))


def _finish(rows: PreparedKeys, sort: OrderKey | None, step: int) -> Steps[None]:
    numbers = rows.numbers = list(range(len(rows.keys)))
    by_id = rows.by_id = {}
    for i in range(0, len(numbers), step):
        part = slice(i, i + step)
        by_id.update(zip(map(ID, rows.keys[part]), numbers[part], strict=True))
        yield
    base = yield from base_order(rows, numbers, step)
    rows.orders = {SERVER_ORDER: base}
    if sort is not None and not COLUMNS[sort[0]].needs_catalog:
        column, descending = sort
        rows.orders[sort] = yield from column_order(
            rows, base, column, descending, None, step, ties=True
        )
    for column in PRESORTED:  # and ascending by every column a click sorts by
        if (column, False) not in rows.orders:
            order = yield from column_order(rows, base, column, False, None, step, ties=True)
            rows.orders[(column, False)] = order
    rows.distinct_perms = set(rows.perms)
    rows.freeze()


class SortWork:
    """Sorted orders of a table's rows, made off the GUI thread.

    Made by ``KeyTable.sort_work``. Either :meth:`run` it (every step at once),
    or call :meth:`step` from background jobs until it says it is done (the
    model's sorter does, one step per job, so the GUI thread always comes
    first); then hand it to ``KeyTable.adopt_sorted``. It reads the table's
    columns without copying them: the table only ever appends to them or
    replaces them, and any change to what rows sort by makes the table refuse
    the result (``generation``), so only the first ``len(numbers)`` rows are
    read and a stale answer is never used.
    """

    __slots__ = ("_steps", "generation", "orders")

    def __init__(
        self,
        generation: int,
        rows: PreparedKeys,
        numbers: list[int],
        base: Order | None,
        columns: Sequence[Column],
        step: int = SORT_STEP,
        ranks: dict[Any, int] | None = None,
    ) -> None:
        self.generation = generation
        self.orders: dict[OrderKey, Order] = {}
        self._steps: Steps[None] | None = self._sort(
            rows, numbers, base, tuple(columns), step, ranks
        )

    def _sort(
        self,
        rows: PreparedKeys,
        numbers: list[int],
        base: Order | None,
        columns: tuple[Column, ...],
        step: int,
        ranks: dict[Any, int] | None,
    ) -> Steps[None]:
        if base is None:
            base = self.orders[SERVER_ORDER] = yield from base_order(rows, numbers, step)
        for column in columns:
            # ``ranks`` (the permission sets' places) only for the column that needs them.
            wanted = ranks if COLUMNS[column].needs_catalog else None
            order = yield from column_order(rows, base, column, False, wanted, step, ties=True)
            self.orders[(column, False)] = order

    def step(self) -> bool:
        """One bounded step of the sorting (thread-safe); True once it is all done."""
        if self._steps is None:
            return True
        try:
            next(self._steps)
        except StopIteration:
            self._steps = None  # nothing of the table is kept
            return True
        return False

    def run(self) -> SortWork:
        """Every step at once."""
        if self._steps is not None:
            run(self._steps)
            self._steps = None
        return self


__all__ = [
    "PRESORTED",
    "PRESORT_MIN_ROWS",
    "SortWork",
    "Sorted",
    "base_order",
    "column_order",
    "finish",
    "reversed_order",
    "tie_runs",
]
