"""The API keys table's Qt model: a thin adapter over ``keytable.KeyTable``.

Storage, filters, search and sort are plain Python in ``keytable/`` (fast at
100,000 keys: see its modules); every fact about a column is in
``keytable/columns.py``. This adapter answers Qt's questions from them and
tells the views what changed: one ``beginInsertRows`` per page, one reset per
filter or search, a layout change per sort.

``data()`` is O(1) and returns early for roles it does not serve. Relative
"Last used" texts depend on the clock, so they are computed from a cached
"now" for the few rows actually painted; "Created" texts are computed when a
row is first painted, then kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from functools import partial
from time import perf_counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from rakerone_desktop.api.models import ApiKey, Permission
from rakerone_desktop.keytable.columns import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    QT_TRANSLATE_NOOP,
    Column,
    status_badges,
)
from rakerone_desktop.keytable.engine import KeyTable, positions
from rakerone_desktop.keytable.filters import KeyFilter
from rakerone_desktop.keytable.sort import SortWork
from rakerone_desktop.keytable.store import PreparedKeys, Trash
from rakerone_desktop.models.key_queries import KeyQueries
from rakerone_desktop.models.texts import QtTexts, translate

_Index = QModelIndex | QPersistentModelIndex
_DESC = Qt.SortOrder.DescendingOrder
_ASC = Qt.SortOrder.AscendingOrder


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # the ApiKey
    KEY_ID = Qt.ItemDataRole.UserRole + 2
    BADGES = Qt.ItemDataRole.UserRole + 3  # tuple[(label, is_warning)]
    SORT = Qt.ItemDataRole.UserRole + 4
    REVOKED = Qt.ItemDataRole.UserRole + 5
    ROTATING = Qt.ItemDataRole.UserRole + 6  # id of the replacement key, or None
    STATUS_BADGES = Qt.ItemDataRole.UserRole + 7  # tuple[str]: Disabled, Expired, Exposed


_FILTER_LABELS = {
    KeyFilter.ALL: QT_TRANSLATE_NOOP("ApiKeysModel", "All"),
    KeyFilter.NEVER_USED: QT_TRANSLATE_NOOP("ApiKeysModel", "Never used"),
    KeyFilter.UNUSED: QT_TRANSLATE_NOOP("ApiKeysModel", "Not used in %1 days"),
    KeyFilter.IMPERSONATE: QT_TRANSLATE_NOOP("ApiKeysModel", "Can impersonate"),
    KeyFilter.REVOKED: QT_TRANSLATE_NOOP("ApiKeysModel", "Revoked"),
    KeyFilter.EXPIRING_SOON: QT_TRANSLATE_NOOP("ApiKeysModel", "Expiring soon"),
    KeyFilter.EXPIRED: QT_TRANSLATE_NOOP("ApiKeysModel", "Expired"),
    KeyFilter.NO_EXPIRY: QT_TRANSLATE_NOOP("ApiKeysModel", "No expiry"),
    KeyFilter.DISABLED: QT_TRANSLATE_NOOP("ApiKeysModel", "Disabled"),
    KeyFilter.EXPOSED: QT_TRANSLATE_NOOP("ApiKeysModel", "Exposed"),
}


def filter_label(name: str, unused_days: int = 90) -> str:
    return translate(_FILTER_LABELS[name]).replace("%1", str(unused_days))


def column_title(column: Column) -> str:
    """The column's header, in the person's language."""
    return translate(COLUMNS[column].header)


class _Clock:
    # An attribute of a plain object: setting one on a QObject costs several
    # times more, and data() sets this on every call it serves.
    __slots__ = ("at",)

    def __init__(self) -> None:
        self.at = 0.0


#: Per role, per column: the cell's value from its row number in the table.
_Cells = tuple[Callable[[int], Any], ...]


def _role_handlers(t: KeyTable) -> dict[int, _Cells]:
    """Each role the model serves, answered from the column table and the engine."""

    def same(fn: Callable[[int], Any]) -> _Cells:
        return (fn,) * len(COLUMNS)

    def no_sort(_c: object, _i: int) -> int:
        return 0

    display = tuple(partial(c.display, t) for c in COLUMNS)

    def name_and_badges(i: int) -> str:
        # What a screen reader says: the name, and the badges painted beside it.
        name = t.rows.keys[i].name
        badges = status_badges(t, i)
        return f"{name} ({', '.join(map(t.texts.tr, badges))})" if badges else name

    accessible: _Cells = (name_and_badges, *display[1:])
    return {
        int(Qt.ItemDataRole.DisplayRole): display,
        int(Qt.ItemDataRole.AccessibleTextRole): accessible,
        int(Qt.ItemDataRole.ToolTipRole): tuple(partial(c.tooltip, t) for c in COLUMNS),
        int(Role.SORT): tuple(partial(c.sort_value or no_sort, t) for c in COLUMNS),
        int(Role.KEY): same(lambda i: t.rows.keys[i]),
        int(Role.KEY_ID): same(lambda i: t.rows.keys[i].id),
        int(Role.BADGES): same(lambda i: t.perm_set(i).badges),
        int(Role.REVOKED): same(lambda i: bool(t.rows.revoked[i])),
        int(Role.ROTATING): same(lambda i: t.rotations.get(t.rows.keys[i].id)),
        int(Role.STATUS_BADGES): same(lambda i: tuple(map(t.texts.tr, status_badges(t, i)))),
    }


class ApiKeysModel(KeyQueries, QAbstractTableModel):
    """All loaded keys; shows those that pass the filter and search, in order
    (what views and controllers ask of them: ``KeyQueries``)."""

    #: Emitted after the visible rows changed (filter, search, data).
    visibleRowsChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = t = KeyTable(QtTexts())
        self._clock = _Clock()  # when data() last served a cell (see painted_at)
        # Rows replaced by a refresh are freed a slice per event-loop turn.
        self._trash = Trash()
        self._trash_timer = QTimer(self)
        self._trash_timer.setInterval(0)
        self._trash_timer.timeout.connect(self._empty_trash)
        self._columns = len(COLUMNS)
        self._roles = _role_handlers(t)

    @property
    def table(self) -> KeyTable:
        """The engine under this model (plain Python, read-only for callers)."""
        return self._table

    # -- Qt model interface -----------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.view)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self._columns:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for a dozen roles per painted cell, most of which it doesn't
        # serve: those are answered first, with one dictionary lookup.
        serve = self._roles.get(role)
        if serve is None:
            return None
        self._clock.at = perf_counter()
        row_no = index.row()  # -1 for an invalid index
        view = self._table.view
        if not 0 <= row_no < len(view):
            return None
        return serve[index.column()](view[row_no])

    @property
    def painted_at(self) -> float:
        """When ``data()`` last served a cell (``time.perf_counter()``): work in the
        background waits while the table is being painted (see ``presort``)."""
        return self._clock.at

    @painted_at.setter
    def painted_at(self, value: float) -> None:
        self._clock.at = value

    def sort(self, column: int, order: Qt.SortOrder = _ASC) -> None:
        if not 0 <= column < self._columns or not COLUMNS[column].sortable:
            return
        t = self._table
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        view = t.view
        old_rows = [view[p.row()] if 0 <= p.row() < len(view) else -1 for p in persistent]
        t.view = t.sorted_view((Column(column), order == _DESC))
        if persistent:
            where = positions(t.view, old_rows)
            new = [
                self.index(where[row], p.column()) if row in where else QModelIndex()
                for p, row in zip(persistent, old_rows, strict=True)
            ]
            self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> Column:
        return self._table.sort_key[0]

    @property
    def sort_order(self) -> Qt.SortOrder:
        return _DESC if self._table.sort_key[1] else _ASC

    # -- loading -----------------------------------------------------------------

    @staticmethod
    def prepare(keys: Iterable[ApiKey]) -> PreparedKeys:
        """What the table needs from ``keys``; thread-safe (call it off the GUI thread)."""
        return PreparedKeys.from_keys(keys)

    def set_catalog(self, permissions: Iterable[Permission]) -> None:
        self._table.set_catalog(permissions)
        if self._table.rows.keys:
            self._refilter()

    @property
    def catalog(self) -> dict[str, Permission]:
        return self._table.sets.catalog

    def clear(self) -> None:
        self.beginResetModel()
        self._throw_away(self._table.clear())
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def append_keys(self, keys: Sequence[ApiKey]) -> None:
        """Add one page of keys as it arrives (first load).

        Rows are inserted at the end in one ``beginInsertRows`` per page. A
        custom sort order is restored by :meth:`finish_loading`.
        """
        self.append_prepared(self.prepare(keys))

    def append_prepared(self, batch: PreparedKeys) -> None:
        """:meth:`append_keys` for a page prepared off the GUI thread."""
        t = self._table
        fresh = t.merge_known(batch)
        if fresh is not None:  # keys seen before (pages that overlap) were updated
            batch = fresh
            self._refilter()
        visible = t.append(batch)
        if visible:
            first = len(t.view)
            self.beginInsertRows(QModelIndex(), first, first + len(visible) - 1)
            t.show_appended(visible)
            self.endInsertRows()
        self.visibleRowsChanged.emit()

    def finish_loading(self) -> None:
        if self._table.needs_sorting():
            self.sort(self.sort_column, self.sort_order)
        self._table.freeze()

    def replace_all(self, keys: Sequence[ApiKey]) -> None:
        """Swap in a complete new list in one reset (refresh)."""
        self.replace_prepared(self.prepare(keys))

    def replace_prepared(self, rows: PreparedKeys) -> None:
        """:meth:`replace_all` for keys prepared off the GUI thread (see
        :meth:`PreparedKeys.finish`: the ids indexed, the current sort done)."""
        self.beginResetModel()
        self._throw_away(self._table.adopt(rows))
        self._table.rebuild_view()
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def _throw_away(self, garbage: list[object]) -> None:
        if garbage:
            self._trash.add(*garbage)
            self._trash_timer.start()

    def _empty_trash(self) -> None:
        if not self._trash.free_some():
            self._trash_timer.stop()

    def upsert_key(self, key: ApiKey) -> None:
        """A key changed or was created (from the server's answer)."""
        t = self._table
        i = t.by_id.get(key.id)
        if i is None:
            t.add(key)
            self._refilter()
        elif t.update(key) or not t.view_in_order:
            self._refilter()
        else:
            self._restate(i)

    def _restate(self, i: int) -> None:
        """Row ``i`` changed, but not its place in any order (a revocation, say):
        show, hide or repaint that one row, instead of resetting 100,000."""
        t = self._table
        was, now, pos = t.restate(i)
        if was and now:
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, self._columns - 1))
        elif was:
            self.beginRemoveRows(QModelIndex(), pos, pos)
            t.view = t.view[:pos] + t.view[pos + 1 :]
            self.endRemoveRows()
        elif now:
            self.beginInsertRows(QModelIndex(), pos, pos)
            t.view = (*t.view[:pos], i, *t.view[pos:])
            self.endInsertRows()
        self.visibleRowsChanged.emit()

    def sort_work(self) -> SortWork | None:
        """The sorting to do off the GUI thread for the rows as they are now, so
        that clicking a header only looks an order up (:meth:`adopt_sorted`)."""
        return self._table.sort_work()

    def adopt_sorted(self, work: SortWork) -> None:
        """Keep the orders ``work`` made, unless the rows changed since it began."""
        self._table.adopt_sorted(work)

    # -- filter, search, clock ---------------------------------------------------

    def set_filter(self, name: str, unused_days: int | None = None) -> None:
        if self._table.set_filter(name, unused_days):
            self._refilter()

    @property
    def filter_name(self) -> str:
        return self._table.filter

    @property
    def unused_days(self) -> int:
        return self._table.unused_days

    def set_search(self, text: str) -> None:
        t = self._table
        before = t.search
        if not t.set_search(text):
            return
        if t.narrows(before):
            # Typing more only removes rows: filter the visible ones, keep order.
            self.beginResetModel()
            t.narrow_view()
            self.endResetModel()
            self.visibleRowsChanged.emit()
        else:
            self._refilter()

    @property
    def search_text(self) -> str:
        return self._table.search

    def set_now(self, now: float | None = None) -> None:
        """Move the clock that relative times are measured from; repaint that column."""
        t = self._table
        t.now = time.time() if now is None else now
        if t.view:
            for column in (Column.LAST_USED, Column.EXPIRES):
                top = self.index(0, column)
                bottom = self.index(len(t.view) - 1, column)
                self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def set_rotations(self, rotations: dict[str, str]) -> None:
        """Old key id → new key id for rotations that are not finished."""
        t = self._table
        t.rotations = dict(rotations)
        if t.view:
            self.dataChanged.emit(self.index(0, 0), self.index(len(t.view) - 1, self._columns - 1))

    def mark_rotated(self, key_ids: Iterable[str]) -> None:
        """Keys rotated on the server (``POST /api-keys/{id}/rotate``): the old keys,
        which keep working until their new ``expires_at``. Their Expires cell says
        "Expires in 23 hours (rotated)". Call it with the old key's id once the
        rotation succeeded (before or after ``upsert_key`` of the old key's new
        state); the mark lasts while the app runs (a refresh keeps it)."""
        t = self._table
        fresh = set(key_ids) - t.rotated
        if not fresh:
            return
        t.rotated |= fresh
        for key_id in fresh:
            row = t.row_of(key_id)
            if row is not None:
                index = self.index(row, Column.EXPIRES)
                self.dataChanged.emit(index, index)

    @property
    def rotated(self) -> frozenset[str]:
        return frozenset(self._table.rotated)

    def set_warning_days(self, days: int) -> None:
        """The key policy's ``expiry_warning_days``: what "Expiring soon" means."""
        if self._table.set_warning_days(days):
            self._refilter()

    @property
    def warning_days(self) -> int:
        return self._table.warning_days

    def _refilter(self) -> None:
        self.beginResetModel()
        self._table.rebuild_view()
        self.endResetModel()
        self.visibleRowsChanged.emit()


__all__ = [
    "OPTIONAL_COLUMNS",
    "ApiKeysModel",
    "Column",
    "KeyFilter",
    "PreparedKeys",
    "Role",
    "SortWork",
    "column_title",
    "filter_label",
]
