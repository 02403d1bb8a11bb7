"""The API keys table: a thin, fast adapter over plain ``ApiKey`` values.

Filtering, searching and sorting happen here, in Python, and never through a
``QSortFilterProxyModel`` (whose Python callbacks cost tens of seconds at
100,000 rows). The model is built for that many keys:

- Rows are stored by column (a list or an array per field, see
  :class:`PreparedKeys`), not as one object per row: little memory, and next
  to nothing for the cycle collector to walk.
- What a row needs is computed off the GUI thread: :meth:`ApiKeysModel.prepare`
  is thread-safe, and the keys controller calls it in its background job. The
  GUI thread only appends ready columns (one ``beginInsertRows`` per page, or
  per batch of pages) or swaps in a whole list (one reset).
- A filter or a search is a mask built by C-level ``map`` over the columns; a
  sort is one ``list.sort`` with a C-level key, and each sorted order is kept
  until the rows change. After a load every column is also sorted in the
  background (:class:`SortWork`, :meth:`PreparedKeys.finish`), in short steps
  that give way to painting, so a click on a header is usually a lookup.
- What depends on the permission catalog (badges, labels, "can impersonate")
  is computed once per distinct set of permissions, not once per row, so a
  catalog that arrives after the keys costs nothing per row.

``data()`` is O(1) and returns early for roles it does not serve. Relative
"Last used" texts depend on the clock, so they are computed from a cached
"now" for the few rows actually painted; "Created" texts are computed when a
row is first painted, then kept.
"""

from __future__ import annotations

import contextlib
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from enum import IntEnum
from itertools import compress, repeat
from operator import attrgetter, contains, itemgetter, lt
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from rakerone_desktop.api.models import ApiKey, Permission
from rakerone_desktop.domain.keyformat import HINT_ELLIPSIS, PREFIX
from rakerone_desktop.models import timefmt

_Index = QModelIndex | QPersistentModelIndex
_DAY = 86400.0


def tr(text: str) -> str:
    return QCoreApplication.translate("ApiKeysModel", text)


class Column(IntEnum):
    NAME = 0
    PERMISSIONS = 1
    LAST_USED = 2
    CREATED = 3
    HINT = 4
    CREATED_BY = 5
    LAST_USED_IP = 6
    LAST_USED_USER_AGENT = 7
    REVOKE = 8


#: Columns hidden until a person shows them (audit views).
OPTIONAL_COLUMNS = (
    Column.HINT,
    Column.CREATED_BY,
    Column.LAST_USED_IP,
    Column.LAST_USED_USER_AGENT,
)


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # the ApiKey
    KEY_ID = Qt.ItemDataRole.UserRole + 2
    BADGES = Qt.ItemDataRole.UserRole + 3  # tuple[(label, is_warning)]
    SORT = Qt.ItemDataRole.UserRole + 4
    REVOKED = Qt.ItemDataRole.UserRole + 5
    ROTATING = Qt.ItemDataRole.UserRole + 6  # id of the replacement key, or None


class KeyFilter:
    ALL = "all"
    NEVER_USED = "never_used"
    UNUSED = "unused"
    IMPERSONATE = "impersonate"
    REVOKED = "revoked"

    ORDER = (ALL, NEVER_USED, UNUSED, IMPERSONATE, REVOKED)


def filter_label(name: str, unused_days: int = 90) -> str:
    labels = {
        KeyFilter.ALL: tr("All"),
        KeyFilter.NEVER_USED: tr("Never used"),
        KeyFilter.UNUSED: tr("Not used in %1 days").replace("%1", str(unused_days)),
        KeyFilter.IMPERSONATE: tr("Can impersonate"),
        KeyFilter.REVOKED: tr("Revoked"),
    }
    return labels[name]


def column_title(column: Column) -> str:
    return {
        Column.NAME: tr("Name"),
        Column.PERMISSIONS: tr("Permissions"),
        Column.LAST_USED: tr("Last used"),
        Column.CREATED: tr("Created"),
        Column.HINT: tr("Hint"),
        Column.CREATED_BY: tr("Created by"),
        Column.LAST_USED_IP: tr("Last used IP"),
        Column.LAST_USED_USER_AGENT: tr("Last used user agent"),
        Column.REVOKE: tr("Revoke"),
    }[column]


# -- rows, by column -------------------------------------------------------------

#: Every hint is this prefix and the key's last 4 characters (``ApiKey`` checks it).
_HINT_PREFIX = PREFIX + HINT_ELLIPSIS
_HINT_PREFIX_CF = _HINT_PREFIX.casefold()
_TAIL = len(_HINT_PREFIX)
_NEVER = -1.0  # "last used" of a key never used, as a number (it sorts first)
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_NONE_AS_EMPTY: dict[Any, str] = {None: ""}

_ID = attrgetter("id")
_NAME = attrgetter("name")
_HINT = attrgetter("hint")
_PERMISSIONS = attrgetter("permissions")
_CREATOR_NAME = attrgetter("created_by.name")
_CREATED_AT = attrgetter("created_at")
_LAST_USED_AT = attrgetter("last_used_at")
_IP = attrgetter("last_used_ip")
_AGENT = attrgetter("last_used_user_agent")
_HINT_TAIL = itemgetter(slice(_TAIL, None))
_HAY_TAIL = itemgetter(slice(-4, None))

#: Row numbers in some order. Tuples, not lists: a tuple of numbers drops out of
#: the cycle collector's sight the first time it looks, so a dozen orders of
#: 100,000 rows don't lengthen every collection.
Order = tuple[int, ...]


def _and(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """Row masks (one byte 0 or 1 per row) combined, at C speed."""
    n = len(a)
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(n, "little")


def _or(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    n = len(a)
    return (int.from_bytes(a, "little") | int.from_bytes(b, "little")).to_bytes(n, "little")


def _in_server_order(created: array[float], keys: Sequence[ApiKey]) -> bool:
    """Newest first, ties by id descending, each row strictly after the one before."""
    for n in range(1, len(keys)):
        a, b = created[n - 1], created[n]
        if a < b or (a == b and keys[n - 1].id <= keys[n].id):
            return False
    return True


#: Work off the GUI thread (sorting, indexing) runs in steps this long, with a
#: pause after each. A thread that keeps the interpreter busy makes every Python
#: call of the GUI thread wait for its turn, and painting the table makes
#: hundreds of them (each cell calls ``data()``); ``list.sort`` never lets go of
#: the interpreter while it runs. Short steps and pauses keep painting smooth
#: while 100,000 rows are sorted in the background.
_SORT_STEP = 4_096
_STEP_PAUSE_S = 0.001
#: And while the GUI thread is painting (it called ``data()`` this recently), the
#: work waits: a click or a scroll always comes before sorting ahead of time.
_GUI_QUIET_S = 0.03
_gui_active_at = 0.0  # time.perf_counter() of the latest data() call


def _pause() -> None:
    time.sleep(_STEP_PAUSE_S)  # lets the GUI thread run a burst of Python
    while time.perf_counter() - _gui_active_at < _GUI_QUIET_S:
        time.sleep(_GUI_QUIET_S)


def _sorted_in_steps(items: Sequence[int], key: Any, reverse: bool) -> list[int]:
    """``sorted(items, key=key, reverse=reverse)``, in bounded steps: sorted runs,
    then pairwise merges (``list.sort`` of two sorted runs is one linear merge).
    Stable, like ``sorted``: equal keys keep the order they had in ``items``."""
    runs = []
    for i in range(0, len(items), _SORT_STEP):
        runs.append(sorted(items[i : i + _SORT_STEP], key=key, reverse=reverse))
        _pause()
    while len(runs) > 1:
        merged = []
        for n in range(0, len(runs) - 1, 2):
            run = runs[n] + runs[n + 1]
            run.sort(key=key, reverse=reverse)
            merged.append(run)
            _pause()
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return runs[0] if runs else []


_T = TypeVar("_T")


def _extended(seq: Sequence[_T], more: Iterable[_T]) -> list[_T]:
    """``seq`` with ``more`` after it: in place for a list, a new list for a tuple."""
    if isinstance(seq, list):
        seq.extend(more)
        return seq
    return [*seq, *more]


def _replaced(seq: Sequence[_T], i: int, value: _T) -> Sequence[_T]:
    """``seq`` with item ``i`` set: in place for a list, a new tuple for a tuple."""
    if isinstance(seq, list):
        seq[i] = value
        return seq
    return (*seq[:i], value, *seq[i + 1 :])


class PreparedKeys:
    """Keys and the columns the table reads from them, computed once, on any thread.

    Build one with :meth:`ApiKeysModel.prepare` (in a background job) and hand
    it to :meth:`ApiKeysModel.append_prepared` or
    :meth:`ApiKeysModel.replace_prepared` on the GUI thread. Nothing in here
    depends on a model or on the permission catalog.
    """

    __slots__ = (
        "by_id",
        "created",
        "creators",
        "distinct_perms",
        "hays",
        "in_server_order",
        "keys",
        "last_used",
        "numbers",
        "orders",
        "perms",
        "revoked",
    )

    def __init__(self) -> None:
        # Lists while rows are added, tuples once they rest (see freeze()).
        self.keys: Sequence[ApiKey] = []
        #: The casefolded name, NUL, the casefolded last 4 characters of the hint.
        self.hays: Sequence[str] = []
        self.perms: Sequence[tuple[str, ...]] = []  # shared tuples (see api.models)
        self.creators: Sequence[str] = []
        self.created: array[float] = array("d")  # POSIX times
        self.last_used: array[float] = array("d")  # POSIX times, _NEVER for never
        self.revoked = bytearray()  # 1 for a revoked key
        #: The rows are as the server lists keys: newest first, ties by id descending.
        self.in_server_order = True
        # Filled by finish(), for a swap of the whole list:
        self.numbers: list[int] | None = None  # 0..n-1, shared by every order
        self.by_id: dict[str, int] | None = None
        self.orders: dict[tuple[Column, bool], Order] = {}
        self.distinct_perms: set[tuple[str, ...]] | None = None

    @classmethod
    def from_keys(cls, keys: Iterable[ApiKey]) -> PreparedKeys:
        rows = cls()
        ks = rows.keys = list(keys)
        rows.hays = [k.name.casefold() + "\x00" + k.hint[_TAIL:].casefold() for k in ks]
        rows.perms = list(map(_PERMISSIONS, ks))
        rows.creators = list(map(_CREATOR_NAME, ks))
        rows.created = array("d", map(datetime.timestamp, map(_CREATED_AT, ks)))
        rows.last_used = array(
            "d", [_NEVER if t is None else t.timestamp() for t in map(_LAST_USED_AT, ks)]
        )
        rows.revoked = bytearray([k.revoked_at is not None for k in ks])
        rows.in_server_order = _in_server_order(rows.created, ks)
        return rows

    def __len__(self) -> int:
        return len(self.keys)

    def extend(self, more: PreparedKeys) -> None:
        """Add ``more`` after these rows (the order stays known when it continues)."""
        if self.keys and more.keys:
            a, b = self.created[-1], more.created[0]
            continues = a > b or (a == b and self.keys[-1].id > more.keys[0].id)
        else:
            continues = True
        self.in_server_order = self.in_server_order and more.in_server_order and continues
        self.keys = _extended(self.keys, more.keys)
        self.hays = _extended(self.hays, more.hays)
        self.perms = _extended(self.perms, more.perms)
        self.creators = _extended(self.creators, more.creators)
        self.created.extend(more.created)
        self.last_used.extend(more.last_used)
        self.revoked.extend(more.revoked)
        self.numbers = self.by_id = self.distinct_perms = None
        self.orders = {}

    def set_row(self, i: int, key: ApiKey) -> None:
        one = PreparedKeys.from_keys([key])
        if one.created[0] != self.created[i]:
            self.in_server_order = False
        self.keys = _replaced(self.keys, i, key)
        self.hays = _replaced(self.hays, i, one.hays[0])
        self.perms = _replaced(self.perms, i, one.perms[0])
        self.creators = _replaced(self.creators, i, one.creators[0])
        self.created[i] = one.created[0]
        self.last_used[i] = one.last_used[0]
        self.revoked[i] = one.revoked[0]

    def freeze(self) -> None:
        """Make the columns tuples: the cycle collector stops walking them (a list
        of 100,000 keys is looked through at every full collection; a tuple of
        them is dropped from its sight the first time)."""
        self.keys = tuple(self.keys)
        self.hays = tuple(self.hays)
        self.perms = tuple(self.perms)
        self.creators = tuple(self.creators)

    def finish(self, sort: tuple[Column, Qt.SortOrder] | None = None) -> PreparedKeys:
        """Index the ids and sort now, off the GUI thread, for a swap: by ``sort``
        (the model's order), and ascending by every column a click sorts by."""
        numbers = self.numbers = list(range(len(self.keys)))
        by_id = self.by_id = {}
        for i in range(0, len(numbers), _SORT_STEP):  # in steps (see _SORT_STEP)
            step = slice(i, i + _SORT_STEP)
            by_id.update(zip(map(_ID, self.keys[step]), numbers[step], strict=True))
            _pause()
        base = _base_order(self, numbers, stepwise=True)
        self.orders = {(Column.CREATED, True): base}
        if sort is not None and sort[0] != Column.PERMISSIONS:  # that one needs the catalog
            column, order = sort
            descending = order == Qt.SortOrder.DescendingOrder
            self.orders[(column, descending)] = _column_order(
                self, base, column, descending, None, stepwise=True
            )
        for column in _PRESORTED:
            if (column, False) not in self.orders:
                self.orders[(column, False)] = _column_order(
                    self, base, column, False, None, stepwise=True
                )
        self.distinct_perms = set(self.perms)
        self.freeze()
        return self


def _base_order(rows: PreparedKeys, numbers: Sequence[int], *, stepwise: bool = False) -> Order:
    """Row numbers newest first, ties by id descending: the server's order."""
    if rows.in_server_order:
        return tuple(numbers)
    ids = list(map(_ID, rows.keys))
    if stepwise:
        by_id = _sorted_in_steps(numbers, ids.__getitem__, True)
        return tuple(_sorted_in_steps(by_id, rows.created.__getitem__, True))
    by_id = sorted(numbers, key=ids.__getitem__, reverse=True)
    by_id.sort(key=rows.created.__getitem__, reverse=True)
    return tuple(by_id)


def _mapped(fn: Callable[..., Any], *items: Sequence[Any], stepwise: bool) -> list[Any]:
    """``list(map(fn, *items))``, in steps when ``stepwise`` (see ``_SORT_STEP``)."""
    if not stepwise:
        return list(map(fn, *items))
    out: list[Any] = []
    for i in range(0, len(items[0]), _SORT_STEP):
        step = slice(i, i + _SORT_STEP)
        out += map(fn, *(seq[step] for seq in items))
        _pause()
    return out


def _sort_keys(
    rows: PreparedKeys, column: Column, ranks: dict[Any, int] | None, stepwise: bool = False
) -> Sequence[Any]:
    """One sort key per row, equal in order to :meth:`ApiKeysModel._sort_value`."""
    keys = rows.keys
    if column == Column.NAME:
        return _mapped(str.casefold, _mapped(_NAME, keys, stepwise=stepwise), stepwise=stepwise)
    if column == Column.PERMISSIONS:
        assert ranks is not None
        return _mapped(ranks.__getitem__, rows.perms, stepwise=stepwise)
    if column == Column.LAST_USED:
        return rows.last_used
    if column == Column.HINT:
        # Every hint has the same prefix: the last 4 characters decide.
        return _mapped(_HINT_TAIL, _mapped(_HINT, keys, stepwise=stepwise), stepwise=stepwise)
    if column == Column.CREATED_BY:
        folded = {c: c.casefold() for c in set(rows.creators)}
        return _mapped(folded.__getitem__, rows.creators, stepwise=stepwise)
    if column == Column.LAST_USED_IP:
        ips = _mapped(_IP, keys, stepwise=stepwise)
        return _mapped(_NONE_AS_EMPTY.get, ips, ips, stepwise=stepwise) if None in ips else ips
    if column == Column.LAST_USED_USER_AGENT:
        agents = _mapped(_AGENT, keys, stepwise=stepwise)
        folded_agents = {a: (a or "").casefold() for a in set(agents)}
        return _mapped(folded_agents.__getitem__, agents, stepwise=stepwise)
    raise ValueError(f"no sort keys for column {column}")


def _column_order(
    rows: PreparedKeys,
    base: Order,
    column: Column,
    descending: bool,
    ranks: dict[Any, int] | None,
    *,
    stepwise: bool = False,
) -> Order:
    """Row numbers sorted by ``column``; ties keep their order in ``base`` (which
    must be the server's order for them, as it is in any order made here)."""
    if column == Column.CREATED:
        return base if descending else base[::-1]
    key = _sort_keys(rows, column, ranks, stepwise).__getitem__
    if stepwise:
        return tuple(_sorted_in_steps(base, key, descending))
    return tuple(sorted(base, key=key, reverse=descending))


#: Sorted in the background after a load (ascending; descending then takes one
#: fast pass). Not Created (the server's order) nor Permissions (it needs the
#: catalog, and sorts fast: its keys are small numbers).
_PRESORTED = (
    Column.NAME,
    Column.LAST_USED,
    Column.HINT,
    Column.CREATED_BY,
    Column.LAST_USED_IP,
    Column.LAST_USED_USER_AGENT,
)
_PRESORT_MIN_ROWS = 20_000  # below this, sorting on a click is instant anyway
_FREE_STEP = 4_096  # rows of a replaced list freed per event-loop turn


class SortWork:
    """Sorted orders of a model's rows, made off the GUI thread.

    Made by :meth:`ApiKeysModel.sort_work`; :meth:`run` it in a background job
    and hand the result to :meth:`ApiKeysModel.adopt_sorted`. It reads the
    model's columns without copying them: the model only ever appends to them
    or replaces them, and any change to what rows sort by makes the model
    refuse the result (``generation``), so only the first ``len(numbers)``
    rows are read and a stale answer is never used.
    """

    __slots__ = ("base", "columns", "generation", "numbers", "orders", "rows")

    def __init__(
        self,
        generation: int,
        rows: PreparedKeys,
        numbers: list[int],
        base: Order | None,
        columns: Sequence[Column],
    ) -> None:
        self.generation = generation
        self.rows: PreparedKeys | None = rows
        self.numbers = numbers
        self.base = base
        self.columns = tuple(columns)
        self.orders: dict[tuple[Column, bool], Order] = {}

    def run(self) -> SortWork:
        """Sort (thread-safe; in steps, so the GUI thread keeps running)."""
        rows = self.rows
        assert rows is not None
        base = self.base
        if base is None:
            base = self.orders[(Column.CREATED, True)] = _base_order(
                rows, self.numbers, stepwise=True
            )
        for column in self.columns:
            self.orders[(column, False)] = _column_order(
                rows, base, column, False, None, stepwise=True
            )
        self.rows = None  # nothing of the model is kept
        return self


class _PermissionSet:
    """What one distinct set of permissions shows, given the catalog."""

    __slots__ = ("badges", "hay", "impersonates", "sort_key", "text")

    def __init__(self, ids: tuple[str, ...], catalog: dict[str, Permission]) -> None:
        labels: list[tuple[str, bool]] = []
        impersonates = False
        for pid in ids:
            perm = catalog.get(pid)
            if perm is None:
                labels.append((pid, False))
            else:
                labels.append((perm.label, perm.impersonation))
                impersonates = impersonates or perm.impersonation
        # Warnings first, so "Can impersonate" is never hidden by elision.
        labels.sort(key=lambda item: not item[1])
        self.badges: tuple[tuple[str, bool], ...] = tuple(labels)
        self.impersonates = impersonates
        self.text = ", ".join(label for label, _ in labels) if labels else ""
        self.sort_key = (impersonates, len(labels), self.text.casefold())
        self.hay = (self.text + "\x00" + " ".join(ids)).casefold()


class ApiKeysModel(QAbstractTableModel):
    """All loaded keys; shows those that pass the filter and search, in order."""

    #: Emitted after the visible rows changed (filter, search, data).
    visibleRowsChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog: dict[str, Permission] = {}
        self._rows = PreparedKeys()
        self._numbers: Sequence[int] = []  # 0..n-1: the int objects every order shares
        self._by_id: dict[str, int] = {}
        self._sets: dict[tuple[str, ...], _PermissionSet] = {}
        self._view: Order = ()  # row numbers shown, in order
        self._view_in_order = True  # False while pages come in out of the sort order
        self._shown = b""  # 1 per row that passes the filter and the search
        self._orders: dict[tuple[Column, bool], Order] = {}  # every row, sorted
        self._generation = 0  # counts the changes of rows that invalidate sorted orders
        # Rows replaced by a refresh are freed a slice at a time (see _discard).
        self._trash: list[Any] = []
        self._trash_timer = QTimer(self)
        self._trash_timer.setInterval(0)
        self._trash_timer.timeout.connect(self._empty_trash)
        self._created_text: dict[int, str] = {}
        self._never_shown: int | None = None
        self._filter = KeyFilter.ALL
        self._unused_days = 90
        self._search = ""
        self._sort_column = Column.CREATED
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._now = time.time()
        self._rotations: dict[str, str] = {}
        self._no_permissions = tr("No permissions")
        self._revoke_text = tr("Revoke")
        self._revoked_text = tr("Revoked")
        self._columns = len(Column)
        self._roles = self._role_handlers()

    # -- Qt model interface -----------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._view)

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
        global _gui_active_at  # one clock for work off the GUI thread to watch (_pause)
        _gui_active_at = time.perf_counter()
        row_no = index.row()  # -1 for an invalid index
        view = self._view
        if not 0 <= row_no < len(view):
            return None
        return serve(view[row_no], index.column())

    def _role_handlers(self) -> dict[int, Callable[[int, int], Any]]:
        return {
            int(Qt.ItemDataRole.DisplayRole): self._display,
            int(Qt.ItemDataRole.AccessibleTextRole): self._display,
            int(Qt.ItemDataRole.ToolTipRole): self._tooltip,
            int(Role.KEY): self._key,
            int(Role.KEY_ID): self._key_id,
            int(Role.BADGES): self._badges,
            int(Role.REVOKED): self._revoked,
            int(Role.ROTATING): self._rotating,
            int(Role.SORT): self._sort_value,
        }

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self._columns or column == Column.REVOKE:
            return
        self._sort_column = Column(column)
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        view = self._view
        old_rows = [view[p.row()] if 0 <= p.row() < len(view) else -1 for p in persistent]
        self._view = self._select(self._order(), self._shown)
        self._view_in_order = True
        self._remap_persistent(persistent, old_rows)
        self.layoutChanged.emit()

    # -- cells -------------------------------------------------------------------

    def _key(self, i: int, _col: int) -> ApiKey:
        return self._rows.keys[i]

    def _key_id(self, i: int, _col: int) -> str:
        return self._rows.keys[i].id

    def _badges(self, i: int, _col: int) -> tuple[tuple[str, bool], ...]:
        return self._set(i).badges

    def _revoked(self, i: int, _col: int) -> bool:
        return bool(self._rows.revoked[i])

    def _rotating(self, i: int, _col: int) -> str | None:
        return self._rotations.get(self._rows.keys[i].id)

    def _set(self, i: int) -> _PermissionSet:
        ids = self._rows.perms[i]
        found = self._sets.get(ids)
        if found is None:
            found = self._sets[ids] = _PermissionSet(ids, self._catalog)
        return found

    def _display(self, i: int, col: int) -> str:
        key = self._rows.keys[i]
        if col == Column.NAME:
            return key.name
        if col == Column.PERMISSIONS:
            return self._set(i).text or self._no_permissions
        if col == Column.LAST_USED:
            used = self._rows.last_used[i]
            return timefmt.relative(None if used == _NEVER else used, self._now)
        if col == Column.CREATED:
            text = self._created_text.get(i)
            if text is None:
                text = self._created_text[i] = timefmt.local_date(key.created_at)
            return text
        if col == Column.HINT:
            return key.hint
        if col == Column.CREATED_BY:
            return key.created_by.name
        if col == Column.LAST_USED_IP:
            return key.last_used_ip or ""
        if col == Column.LAST_USED_USER_AGENT:
            return key.last_used_user_agent or ""
        if col == Column.REVOKE:
            return self._revoked_text if key.revoked_at is not None else self._revoke_text
        return ""

    def _tooltip(self, i: int, col: int) -> str | None:
        key = self._rows.keys[i]
        if col == Column.LAST_USED:
            if key.last_used_at is None:
                return tr("This key hasn't been used yet.")
            lines = [timefmt.local_time(key.last_used_at), timefmt.utc_time(key.last_used_at)]
            if key.last_used_ip:
                lines.append(tr("IP: %1").replace("%1", key.last_used_ip))
            if key.last_used_user_agent:
                lines.append(tr("User agent: %1").replace("%1", key.last_used_user_agent))
            return "\n".join(lines)
        if col == Column.CREATED:
            return (
                tr("Created %1 by %2")
                .replace("%1", timefmt.local_time(key.created_at))
                .replace("%2", key.created_by.name)
                + "\n"
                + timefmt.utc_time(key.created_at)
            )
        if col == Column.NAME:
            if key.id in self._rotations:
                return (
                    key.name
                    + "\n"
                    + tr(
                        "Rotation in progress: revoke this key once your integration uses the new one."  # noqa: E501
                    )
                )
            return key.name
        if col == Column.PERMISSIONS:
            return self._set(i).text or self._no_permissions
        if col == Column.REVOKE:
            if key.revoked_at is not None:
                by = key.revoked_by.name if key.revoked_by else "?"
                return (
                    tr("Revoked %1 by %2")
                    .replace("%1", timefmt.local_time(key.revoked_at))
                    .replace("%2", by)
                )
            return tr("Revoke this key")
        return None

    def _sort_value(self, i: int, col: int) -> Any:
        key = self._rows.keys[i]
        if col == Column.NAME:
            return key.name.casefold()
        if col == Column.PERMISSIONS:
            return self._set(i).sort_key
        if col == Column.LAST_USED:
            return self._rows.last_used[i]
        if col == Column.CREATED:
            return self._rows.created[i]
        if col == Column.HINT:
            return key.hint
        if col == Column.CREATED_BY:
            return key.created_by.name.casefold()
        if col == Column.LAST_USED_IP:
            return key.last_used_ip or ""
        if col == Column.LAST_USED_USER_AGENT:
            return (key.last_used_user_agent or "").casefold()
        return 0

    # -- loading -----------------------------------------------------------------

    @staticmethod
    def prepare(keys: Iterable[ApiKey]) -> PreparedKeys:
        """What the table needs from ``keys``; thread-safe (call it off the GUI thread)."""
        return PreparedKeys.from_keys(keys)

    def set_catalog(self, permissions: Iterable[Permission]) -> None:
        self._catalog = {p.id: p for p in permissions}
        # Labels, badges and "can impersonate" are per permission set, not per row.
        self._sets = {ids: _PermissionSet(ids, self._catalog) for ids in self._sets}
        self._orders.pop((Column.PERMISSIONS, False), None)
        self._orders.pop((Column.PERMISSIONS, True), None)
        if self._rows.keys:
            self._refilter()

    @property
    def catalog(self) -> dict[str, Permission]:
        return self._catalog

    def clear(self) -> None:
        self.beginResetModel()
        self._adopt(PreparedKeys())
        self._view = ()
        self._shown = b""
        self._never_shown = 0
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
        if not self._by_id.keys().isdisjoint(map(_ID, batch.keys)):
            # Keys seen before (pages that overlap): update those, add the others.
            fresh = []
            for key in batch.keys:
                if key.id in self._by_id:
                    self._update_row(key)
                else:
                    fresh.append(key)
            batch = self.prepare(fresh)
            self._refilter()
        start = len(self._numbers)
        numbers = list(range(start, start + len(batch)))
        self._register_sets(batch.perms)
        mask = self._mask(batch)
        visible = list(compress(numbers, mask))
        self._rows.extend(batch)
        self._numbers = _extended(self._numbers, numbers)
        self._by_id.update(zip(map(_ID, batch.keys), numbers, strict=True))
        self._shown += mask
        self._rows_changed()
        if visible:
            if self._never_shown is not None:
                self._never_shown += sum(map(lt, compress(batch.last_used, mask), repeat(0.0)))
            first = len(self._view)
            self.beginInsertRows(QModelIndex(), first, first + len(visible) - 1)
            self._view += tuple(visible)
            self.endInsertRows()
            # At the end is their place only in the server's order (finish_loading sorts).
            in_order = self._is_server_order() and self._rows.in_server_order
            self._view_in_order = self._view_in_order and in_order
        self.visibleRowsChanged.emit()

    def finish_loading(self) -> None:
        if not self._is_server_order() or not self._rows.in_server_order:
            self.sort(self._sort_column, self._sort_order)
        self._freeze()

    def _freeze(self) -> None:
        """The rows are at rest: out of the cycle collector's way (PreparedKeys.freeze)."""
        self._rows.freeze()
        self._numbers = tuple(self._numbers)

    def replace_all(self, keys: Sequence[ApiKey]) -> None:
        """Swap in a complete new list in one reset (refresh)."""
        self.replace_prepared(self.prepare(keys))

    def replace_prepared(self, rows: PreparedKeys) -> None:
        """:meth:`replace_all` for keys prepared off the GUI thread (see
        :meth:`PreparedKeys.finish`: the ids indexed, the current sort done)."""
        self.beginResetModel()
        self._adopt(rows)
        self._rebuild_view()
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def _adopt(self, rows: PreparedKeys) -> None:
        self._discard()
        self._rows = rows
        if rows.numbers is None or rows.by_id is None or len(rows.numbers) != len(rows):
            rows.numbers = list(range(len(rows)))
            rows.by_id = dict(zip(map(_ID, rows.keys), rows.numbers, strict=True))
            rows.orders = {}
        self._numbers, self._by_id, self._orders = rows.numbers, rows.by_id, rows.orders
        self._generation += 1
        # The rows keep the lists they were built with; later changes are the model's.
        rows.numbers = rows.by_id = None
        rows.orders = {}
        # Permission sets are kept from before (a set no key has any more costs nothing).
        self._register_sets(rows.distinct_perms if rows.distinct_perms is not None else rows.perms)
        rows.distinct_perms = None
        self._created_text = {}

    def _discard(self) -> None:
        """Hand the current rows to the trash, to be freed from the event loop.

        Freeing 100,000 keys at once holds the GUI thread for tens of
        milliseconds; one container per event-loop turn never does.
        """
        old = self._rows
        if not old.keys:
            return
        self._trash += [old.keys, old.hays, old.creators, old.perms]
        self._trash += [self._numbers, self._view, self._orders, self._by_id, self._created_text]
        self._by_id, self._orders, self._created_text, self._view = {}, {}, {}, ()
        self._numbers = []
        self._rows = PreparedKeys()
        self._trash_timer.start()

    def _empty_trash(self) -> None:
        trash = self._trash
        if trash:
            item = trash[-1]
            if isinstance(item, list) and len(item) > _FREE_STEP:
                del item[-_FREE_STEP:]  # a list still being built: a slice at a time
            else:
                trash.pop()  # the keys' tuple, the biggest, takes about 10 ms
        if not trash:
            self._trash_timer.stop()

    def upsert_key(self, key: ApiKey) -> None:
        """A key changed or was created (from the server's answer)."""
        i = self._by_id.get(key.id)
        if i is not None:
            if self._update_row(key) or not self._view_in_order:
                self._refilter()
            else:
                self._restate(i)
            return
        batch = self.prepare([key])
        n = len(self._numbers)
        base = self._orders.get((Column.CREATED, True))
        self._rows.extend(batch)
        self._numbers = _extended(self._numbers, (n,))
        self._by_id[key.id] = n
        self._shown += b"\x00"
        self._register_sets(batch.perms)
        self._rows_changed()
        if base is not None and self._precedes(n, base[0] if base else None):
            # The usual case, a new key: newest of all, so first in the server's order.
            self._orders[(Column.CREATED, True)] = (self._numbers[n], *base)
        self._refilter()

    def _precedes(self, i: int, j: int | None) -> bool:
        if j is None:
            return True
        created = self._rows.created
        a, b = created[i], created[j]
        return a > b or (a == b and self._rows.keys[i].id > self._rows.keys[j].id)

    def _update_row(self, key: ApiKey) -> bool:
        """Put ``key`` in its row; True if what it sorts by changed."""
        i = self._by_id[key.id]
        old = self._rows.keys[i]
        self._rows.set_row(i, key)
        self._created_text.pop(i, None)
        self._register_sets((key.permissions,))
        if _sort_fields(old) != _sort_fields(key):
            self._rows_changed()
            return True
        return False

    def _restate(self, i: int) -> None:
        """Row ``i`` changed, but not its place in any order (a revocation, say):
        show, hide or repaint that one row, instead of resetting 100,000."""
        now = self._mask(PreparedKeys.from_keys([self._rows.keys[i]]))[0]
        was = self._shown[i]
        self._shown = b"".join((self._shown[:i], bytes((now,)), self._shown[i + 1 :]))
        self._never_shown = None
        view = self._view
        if was and now:
            pos = view.index(i)
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, self._columns - 1))
        elif was:
            pos = view.index(i)
            self.beginRemoveRows(QModelIndex(), pos, pos)
            self._view = view[:pos] + view[pos + 1 :]
            self.endRemoveRows()
        elif now:
            order = self._order()
            # Its place: after every shown row that comes before it in the order.
            pos = sum(map(self._shown.__getitem__, order[: order.index(i)]))
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._view = (*view[:pos], i, *view[pos:])
            self.endInsertRows()
        self.visibleRowsChanged.emit()

    def _rows_changed(self) -> None:
        """Rows were added or changed what they sort by: every sorted order is stale."""
        self._orders = {}
        self._generation += 1

    def sort_work(self) -> SortWork | None:
        """The sorting to do off the GUI thread for the rows as they are now, so
        that clicking a header only looks an order up (:meth:`adopt_sorted`)."""
        missing = [c for c in _PRESORTED if (c, False) not in self._orders]
        if not missing or len(self._rows) < _PRESORT_MIN_ROWS:
            return None
        return SortWork(
            self._generation,
            self._rows,
            list(self._numbers),
            self._orders.get((Column.CREATED, True)),
            missing,
        )

    def adopt_sorted(self, work: SortWork) -> None:
        """Keep the orders ``work`` made, unless the rows changed since it began."""
        if work.generation == self._generation:
            for wanted, order in work.orders.items():
                self._orders.setdefault(wanted, order)

    def _register_sets(self, perms: Iterable[tuple[str, ...]]) -> None:
        sets = self._sets
        for ids in set(perms).difference(sets):
            sets[ids] = _PermissionSet(ids, self._catalog)

    # -- filter, search, sort ------------------------------------------------------

    def set_filter(self, name: str, unused_days: int | None = None) -> None:
        if name not in KeyFilter.ORDER:
            name = KeyFilter.ALL
        changed = name != self._filter
        if unused_days is not None and unused_days != self._unused_days:
            self._unused_days = max(1, unused_days)
            changed = changed or name == KeyFilter.UNUSED
        self._filter = name
        if changed:
            self._refilter()

    @property
    def filter_name(self) -> str:
        return self._filter

    @property
    def unused_days(self) -> int:
        return self._unused_days

    def set_search(self, text: str) -> None:
        text = text.strip().casefold()
        if text == self._search:
            return
        narrower = self._search and text.startswith(self._search)
        self._search = text
        if narrower:
            # Typing more only removes rows: filter the visible ones, keep order.
            self.beginResetModel()
            self._shown = self._mask(self._rows)
            self._view = self._select(self._view, self._shown)
            self._never_shown = None
            self.endResetModel()
            self.visibleRowsChanged.emit()
        else:
            self._refilter()

    @property
    def search_text(self) -> str:
        return self._search

    def set_now(self, now: float | None = None) -> None:
        """Move the clock that relative times are measured from; repaint that column."""
        self._now = time.time() if now is None else now
        if self._view:
            top = self.index(0, Column.LAST_USED)
            bottom = self.index(len(self._view) - 1, Column.LAST_USED)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def set_rotations(self, rotations: dict[str, str]) -> None:
        """Old key id → new key id for rotations that are not finished."""
        self._rotations = dict(rotations)
        if self._view:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._view) - 1, self._columns - 1)
            )

    def _mask(self, rows: PreparedKeys) -> bytes:
        """One byte per row of ``rows``: 1 if it passes the filter and the search."""
        flt = self._filter
        if flt == KeyFilter.REVOKED:
            mask = bytes(rows.revoked)
        else:
            mask = bytes(rows.revoked.translate(_FLIP))
            if flt == KeyFilter.NEVER_USED:
                mask = _and(mask, bytes(map(lt, rows.last_used, repeat(0.0))))
            elif flt == KeyFilter.UNUSED:
                limit = self._now - self._unused_days * _DAY
                mask = _and(mask, bytes(map(lt, rows.last_used, repeat(limit))))
            elif flt == KeyFilter.IMPERSONATE:
                can = {ids: s.impersonates for ids, s in self._sets.items()}
                mask = _and(mask, bytes(map(can.__getitem__, rows.perms)))
        if self._search and any(mask):
            mask = _and(mask, self._search_mask(rows))
        return mask

    def _search_mask(self, rows: PreparedKeys) -> bytes:
        """Rows whose name, hint, permissions or creator contain the search text."""
        text = self._search
        n = len(rows)
        if "\x00" in text:  # only a match across fields could contain it: the slow, exact way
            return bytes(text in self._haystack(rows, i) for i in range(n))
        if text in _HINT_PREFIX_CF:  # "rone_…" is in every hint
            return b"\x01" * n
        mask = bytes(map(contains, rows.hays, repeat(text)))  # the name, the hint's tail
        for cut in range(1, min(len(text), len(_HINT_PREFIX_CF) + 1)):
            head, rest = text[:cut], text[cut:]
            if _HINT_PREFIX_CF.endswith(head) and len(rest) <= 4:
                # Across the hint's prefix and its last 4 characters.
                tails = map(_HAY_TAIL, rows.hays)
                mask = _or(mask, bytes(map(str.startswith, tails, repeat(rest))))
        # Permission labels and ids, and creators, are decided once per distinct value.
        sets = {ids: text in s.hay for ids, s in self._sets.items()}
        if any(sets.values()):
            mask = _or(mask, bytes(map(sets.__getitem__, rows.perms)))
        creators = {c: text in c.casefold() for c in set(rows.creators)}
        if any(creators.values()):
            mask = _or(mask, bytes(map(creators.__getitem__, rows.creators)))
        return mask

    def _haystack(self, rows: PreparedKeys, i: int) -> str:
        key = rows.keys[i]
        fields = (key.name, key.hint, self._set_of(rows.perms[i]).text)
        return "\x00".join((*fields, " ".join(key.permissions), key.created_by.name)).casefold()

    def _set_of(self, ids: tuple[str, ...]) -> _PermissionSet:
        found = self._sets.get(ids)
        if found is None:
            found = self._sets[ids] = _PermissionSet(ids, self._catalog)
        return found

    @staticmethod
    def _select(order: Order, mask: bytes) -> Order:
        """The rows of ``order`` that ``mask`` lets through, in that order."""
        return tuple(compress(order, map(mask.__getitem__, order)))

    def _rebuild_view(self) -> None:
        self._freeze()
        self._view_in_order = True
        self._shown = self._mask(self._rows)
        self._view = self._select(self._order(), self._shown)
        self._never_shown = None

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rebuild_view()
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def _is_server_order(self) -> bool:
        return (
            self._sort_column == Column.CREATED and self._sort_order == Qt.SortOrder.DescendingOrder
        )

    def _order(self) -> Order:
        """Every row number, in the current sort order (kept until the rows change)."""
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        wanted = (self._sort_column, descending)
        order = self._orders.get(wanted)
        if order is None:
            base = self._orders.get((Column.CREATED, True))
            if base is None:
                base = self._orders[(Column.CREATED, True)] = _base_order(self._rows, self._numbers)
            # The other direction, when known, is nearly sorted already (timsort's
            # best case), and its ties are in the server's order as ``base``'s are.
            start = base
            if self._sort_column != Column.CREATED:
                start = self._orders.get((self._sort_column, not descending), base)
            ranks = self._ranks() if self._sort_column == Column.PERMISSIONS else None
            order = _column_order(self._rows, start, self._sort_column, descending, ranks)
            self._orders[wanted] = order
        return order

    def _ranks(self) -> dict[Any, int]:
        """Each permission set's place when sorting by permissions (equal sets, equal places)."""
        ranks: dict[Any, int] = {}
        place: dict[Any, int] = {}
        for ids, s in sorted(self._sets.items(), key=lambda item: item[1].sort_key):
            ranks[ids] = place.setdefault(s.sort_key, len(place))
        return ranks

    def _remap_persistent(self, persistent: list[QModelIndex], old_rows: list[int]) -> None:
        if not persistent:
            return
        view = self._view
        rows = set(old_rows)
        rows.discard(-1)
        if len(rows) > 16:  # one pass over the view beats many searches of it
            position = {row: n for n, row in enumerate(view)}
        else:  # the usual few (the current row, a selection's corners): C-level searches
            position = {}
            for row in rows:
                with contextlib.suppress(ValueError):
                    position[row] = view.index(row)
        new = []
        for idx, row in zip(persistent, old_rows, strict=True):
            n = position.get(row)
            new.append(self.index(n, idx.column()) if n is not None else QModelIndex())
        self.changePersistentIndexList(persistent, new)

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    # -- queries for the views and controllers -------------------------------------

    def key_at(self, row: int) -> ApiKey | None:
        if 0 <= row < len(self._view):
            return self._rows.keys[self._view[row]]
        return None

    def row_of(self, key_id: str) -> int | None:
        i = self._by_id.get(key_id)
        if i is None or not self._shown[i]:
            return None
        try:
            return self._view.index(i)
        except ValueError:
            return None

    def key_by_id(self, key_id: str) -> ApiKey | None:
        i = self._by_id.get(key_id)
        return self._rows.keys[i] if i is not None else None

    def visible_keys(self) -> list[ApiKey]:
        return list(map(self._rows.keys.__getitem__, self._view))

    def all_keys(self) -> list[ApiKey]:
        return list(self._rows.keys)

    @property
    def total_loaded(self) -> int:
        return len(self._rows)

    def counts(self) -> tuple[int, int]:
        """(keys shown, of which never used)."""
        if self._never_shown is None:
            used = self._rows.last_used
            self._never_shown = sum(map(lt, map(used.__getitem__, self._view), repeat(0.0)))
        return len(self._view), self._never_shown

    def names_in_use(self) -> set[str]:
        active = self._rows.revoked.translate(_FLIP)
        return set(map(str.casefold, compress(map(_NAME, self._rows.keys), active)))


def _sort_fields(key: ApiKey) -> tuple[Any, ...]:
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
    )
