"""The keys table without Qt: every loaded key, and the rows shown, in order.

:class:`KeyTable` owns the rows (by column, see ``store``), the permission
sets, the filter, the search, the sort and every sorted order made so far
(kept until the rows change). ``view`` is the row numbers shown, in order.
Each change is split in two where a view must be told in between: a method
that works out the change, and the assignment of ``view`` that makes it, so
the Qt adapter can announce it first (``beginInsertRows`` and so on).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import itemgetter, lt

from rakerone_desktop.api.models import ApiKey, Permission
from rakerone_desktop.keytable.columns import PRESORTED, SERVER_ORDER, Column, Texts
from rakerone_desktop.keytable.filters import KeyFilter, both, filter_mask
from rakerone_desktop.keytable.permissions import PermissionSet, PermissionSets
from rakerone_desktop.keytable.queries import RowQueries
from rakerone_desktop.keytable.search import has_prefix, search_mask
from rakerone_desktop.keytable.sort import (
    PRESORT_MIN_ROWS,
    Sorted,
    SortWork,
    base_order,
    column_order,
    reversed_order,
    sort_fields,
)
from rakerone_desktop.keytable.steps import SORT_STEP, run
from rakerone_desktop.keytable.store import ID, Order, OrderKey, PreparedKeys, extended
from rakerone_desktop.keytable.texts import PlainTexts


class KeyTable(RowQueries):
    """All loaded keys; shows those that pass the filter and search, in order
    (what it is asked about them: ``RowQueries``)."""

    def __init__(self, texts: Texts | None = None) -> None:
        self.texts: Texts = texts or PlainTexts()
        self.sets = PermissionSets()
        self.rows = PreparedKeys()
        self.numbers: Sequence[int] = []  # 0..n-1: the int objects every order shares
        self.by_id: dict[str, int] = {}
        self.view: Order = ()  # row numbers shown, in order
        self.view_in_order = True  # False while pages come in out of the sort order
        self.shown = b""  # 1 per row that passes the filter and the search
        self.orders: dict[OrderKey, Order] = {}  # every row, sorted
        self.generation = 0  # counts the changes of rows that invalidate sorted orders
        self.never_shown: int | None = None
        self.filter = KeyFilter.ALL
        self.unused_days = 90
        self.warning_days = 14  # "Expiring soon": within this many days (the key policy's)
        self.search = ""
        self.sort_key: OrderKey = SERVER_ORDER
        self.now = time.time()
        self.rotations: Mapping[str, str] = {}
        self.rotated: set[str] = set()  # keys rotated on the server (see Cells.rotated)
        self._created_text: dict[int, str] = {}
        self._never_used: tuple[int, bytes] = (-1, b"")  # (generation, mask)
        #: Work off the GUI thread goes in steps of this many rows; at fewer
        #: rows than ``presort_min_rows`` nothing is sorted ahead.
        self.sort_step = SORT_STEP
        self.presort_min_rows = PRESORT_MIN_ROWS

    # -- what cells read (columns.Cells) --------------------------------------------

    def perm_set(self, i: int) -> PermissionSet:
        return self.sets.of(self.rows.perms[i])

    def created_text(self, i: int) -> str:
        """Computed when the row is first painted, then kept."""
        text = self._created_text.get(i)
        if text is None:
            text = self._created_text[i] = self.texts.local_date(self.rows.keys[i].created_at)
        return text

    # -- loading --------------------------------------------------------------------

    def set_catalog(self, permissions: Iterable[Permission]) -> None:
        self.sets.set_catalog(permissions)
        self.orders = {k: v for k, v in self.orders.items() if k[0] != Column.PERMISSIONS}
        self.generation += 1  # sorting ahead by permissions began with other ranks

    def adopt(self, rows: PreparedKeys) -> list[object]:
        """Swap in ``rows`` (see ``PreparedKeys.finish``); what held the rows
        replaced, to be freed a little at a time (``store.Trash``)."""
        old = self.rows
        garbage: list[object] = []
        if old.keys:
            garbage = [old.keys, old.hays, old.creators, old.perms, old.owners, old.tags]
            garbage.append(old.tag_hays)
            garbage += [self.numbers, self.view, self.orders, self.by_id, self._created_text]
            self.view = ()
        self.rows = rows
        if rows.numbers is None or rows.by_id is None or len(rows.numbers) != len(rows):
            rows.numbers = list(range(len(rows)))
            rows.by_id = dict(zip(map(ID, rows.keys), rows.numbers, strict=True))
            rows.orders = {}
        self.numbers, self.by_id, self.orders = rows.numbers, rows.by_id, rows.orders
        self.generation += 1
        # The rows keep the lists they were built with; later changes are the table's.
        rows.numbers = rows.by_id = None
        rows.orders = {}
        # Permission sets are kept from before (a set no key has any more costs nothing).
        self.sets.register(rows.distinct_perms if rows.distinct_perms is not None else rows.perms)
        rows.distinct_perms = None
        self._created_text = {}
        return garbage

    def clear(self) -> list[object]:
        garbage = self.adopt(PreparedKeys())
        self.view, self.shown, self.never_shown = (), b"", 0
        return garbage

    def merge_known(self, batch: PreparedKeys) -> PreparedKeys | None:
        """Keys of ``batch`` seen before (pages that overlap) are updated in
        place; then the rest of the batch, or None if there was no overlap."""
        if self.by_id.keys().isdisjoint(map(ID, batch.keys)):
            return None
        fresh = []
        for key in batch.keys:
            if key.id in self.by_id:
                self.update(key)
            else:
                fresh.append(key)
        return PreparedKeys.from_keys(fresh)

    def append(self, batch: PreparedKeys) -> tuple[int, ...]:
        """Add ``batch`` (no key seen before); the new rows to show at the end of
        the view (``show_appended``)."""
        start = len(self.numbers)
        numbers = list(range(start, start + len(batch)))
        self.sets.register(batch.perms)
        mask = self._mask(batch)
        visible = tuple(compress(numbers, mask))
        self.rows.extend(batch)
        self.numbers = extended(self.numbers, numbers)
        self.by_id.update(zip(map(ID, batch.keys), numbers, strict=True))
        self.shown += mask
        self._rows_changed()
        if visible and self.never_shown is not None:
            self.never_shown += sum(map(lt, compress(batch.last_used, mask), repeat(0.0)))
        return visible

    def show_appended(self, visible: tuple[int, ...]) -> None:
        self.view += visible
        # At the end is their place only in the server's order (finish_loading sorts).
        in_order = self.sort_key == SERVER_ORDER and self.rows.in_server_order
        self.view_in_order = self.view_in_order and in_order

    def needs_sorting(self) -> bool:
        """After a load in pages: the view is not in the sort order yet."""
        return self.sort_key != SERVER_ORDER or not self.rows.in_server_order

    def freeze(self) -> None:
        """The rows are at rest: out of the cycle collector's way (PreparedKeys.freeze)."""
        self.rows.freeze()
        self.numbers = tuple(self.numbers)

    def add(self, key: ApiKey) -> None:
        """A key not seen before (a create); ``rebuild_view`` shows it."""
        batch = PreparedKeys.from_keys([key])
        n = len(self.numbers)
        base = self.orders.get(SERVER_ORDER)
        self.rows.extend(batch)
        self.numbers = extended(self.numbers, (n,))
        self.by_id[key.id] = n
        self.shown += b"\x00"
        self.sets.register(batch.perms)
        self._rows_changed()
        if base is not None and self._precedes(n, base[0] if base else None):
            # The usual case, a new key: newest of all, so first in the server's order.
            self.orders[SERVER_ORDER] = (self.numbers[n], *base)

    def _precedes(self, i: int, j: int | None) -> bool:
        if j is None:
            return True
        created = self.rows.created
        a, b = created[i], created[j]
        return a > b or (a == b and self.rows.keys[i].id > self.rows.keys[j].id)

    def update(self, key: ApiKey) -> bool:
        """Put ``key`` in its row; True if what it sorts by changed."""
        i = self.by_id[key.id]
        old = self.rows.keys[i]
        self.rows.set_row(i, key)
        self._created_text.pop(i, None)
        self.sets.register((key.permissions,))
        if sort_fields(old) != sort_fields(key):
            self._rows_changed()
            return True
        return False

    def restate(self, i: int) -> tuple[bool, bool, int]:
        """Row ``i`` changed, but not its place in any order (a revocation, say):
        (shown before, shown now, its position in the view before or to come)."""
        now = self._mask(PreparedKeys.from_keys([self.rows.keys[i]]))[0]
        was = self.shown[i]
        self.shown = b"".join((self.shown[:i], bytes((now,)), self.shown[i + 1 :]))
        self.never_shown = None
        if was:
            return True, bool(now), self.view.index(i)
        if now:
            order = self.order()
            # Its place: after every shown row that comes before it in the order.
            return False, True, sum(map(self.shown.__getitem__, order[: order.index(i)]))
        return False, False, -1

    def _rows_changed(self) -> None:
        """Rows were added or changed what they sort by: every sorted order is stale."""
        self.orders = {}
        self.generation += 1

    def sort_work(self) -> SortWork | None:
        """The sorting to do off the GUI thread for the rows as they are now, so
        that sorting by a column only looks an order up (:meth:`adopt_sorted`)."""
        wanted = PRESORTED
        if self.sets.catalog:  # the permission sets' places are known: that column too
            wanted = (*PRESORTED, Column.PERMISSIONS)
        missing = [c for c in wanted if (c, False) not in self.orders]
        if not missing or len(self.rows) < self.presort_min_rows:
            return None
        base = self.orders.get(SERVER_ORDER)
        numbers = list(self.numbers)
        ranks = self.sets.ranks() if Column.PERMISSIONS in missing else None
        return SortWork(self.generation, self.rows, numbers, base, missing, self.sort_step, ranks)

    def adopt_sorted(self, work: SortWork) -> None:
        """Keep the orders ``work`` made, unless the rows changed since it began."""
        if work.generation == self.generation:
            for wanted, order in work.orders.items():
                self.orders.setdefault(wanted, order)

    # -- filter, search, sort ---------------------------------------------------------

    def set_filter(self, name: str, unused_days: int | None = None) -> bool:
        """True if the rows shown may change (then ``rebuild_view``)."""
        if name not in KeyFilter.ORDER:
            name = KeyFilter.ALL
        changed = name != self.filter
        if unused_days is not None and unused_days != self.unused_days:
            self.unused_days = max(1, unused_days)
            changed = changed or name == KeyFilter.UNUSED
        self.filter = name
        return changed

    def set_warning_days(self, days: int) -> bool:
        """True if the rows shown may change (then ``rebuild_view``)."""
        days = max(0, days)
        changed = days != self.warning_days and self.filter == KeyFilter.EXPIRING_SOON
        self.warning_days = days
        return changed

    def narrows(self, before: str) -> bool:
        """The search went from ``before`` to what it is now only by typing more,
        so it can only hide rows (not with ``owner:``/``tag:``: a tag matches whole)."""
        text = self.search
        return bool(before) and text.startswith(before) and not has_prefix(text)

    def set_search(self, text: str) -> bool:
        """True if the search changed (then ``narrow_view`` or ``rebuild_view``)."""
        text = text.strip().casefold()
        if text == self.search:
            return False
        self.search = text
        return True

    def narrow_view(self) -> None:
        """The search only got longer: filter the rows shown, keep their order."""
        self.shown = self._mask(self.rows)
        self.view = select(self.view, self.shown)
        self.never_shown = None

    def rebuild_view(self) -> None:
        self.freeze()
        self.view_in_order = True
        self.shown = self._mask(self.rows)
        self.view = select(self.order(), self.shown)
        self.never_shown = None

    def sorted_view(self, key: OrderKey) -> Order:
        """Sort by ``key`` (column, descending); the view to show then."""
        self.sort_key = key
        self.view_in_order = True
        return select(self.order(), self.shown)

    def _mask(self, rows: PreparedKeys) -> bytes:
        """One byte per row of ``rows``: 1 if it passes the filter and the search."""
        mask = filter_mask(
            rows, self.filter, self.unused_days, self.now, self.sets, self.warning_days
        )
        if self.search and any(mask):
            mask = both(mask, search_mask(rows, self.search, self.sets))
        return mask

    def order(self) -> Order:
        """Every row number, in the current sort order (kept until the rows change)."""
        wanted = self.sort_key
        order = self.orders.get(wanted)
        if order is None:
            base = self.orders.get(SERVER_ORDER)
            if base is None:
                base = self.orders[SERVER_ORDER] = run(base_order(self.rows, self.numbers))
            column, descending = wanted
            other = self.orders.get((column, not descending))
            if isinstance(other, Sorted) and column != SERVER_ORDER[0]:
                order = reversed_order(other)  # no sort: turned round (sorted ahead)
            else:
                # The other direction, when known, is nearly sorted already (timsort's
                # best case), and its ties are in the server's order as ``base``'s are.
                start = base if column == SERVER_ORDER[0] or other is None else other
                ranks = self.sets.ranks() if column == Column.PERMISSIONS else None
                order = run(column_order(self.rows, start, column, descending, ranks))
            self.orders[wanted] = order
        return order


def positions(view: Order, rows: Iterable[int]) -> dict[int, int]:
    """Where each of ``rows`` is in ``view`` (rows not in it are left out)."""
    wanted = set(rows)
    wanted.discard(-1)
    if len(wanted) > 16:  # one pass over the view beats many searches of it
        return {row: n for n, row in enumerate(view) if row in wanted}
    position = {}
    for row in wanted:  # the usual few (the current row, a selection's corners)
        with contextlib.suppress(ValueError):
            position[row] = view.index(row)
    return position


def select(order: Order, mask: bytes) -> Order:
    """The rows of ``order`` that ``mask`` lets through, in that order.

    ``itemgetter(*order)`` reads every byte of ``mask`` in one C call (three
    times faster than a ``map`` of ``mask.__getitem__`` at 100,000 rows, where
    this is most of a sort's cost); it answers a bare value for one row, so
    short orders go the plain way."""
    if b"\x00" not in mask:
        return tuple(order)
    if len(order) < 2:
        return tuple(i for i in order if mask[i])
    return tuple(compress(order, itemgetter(*order)(mask)))
