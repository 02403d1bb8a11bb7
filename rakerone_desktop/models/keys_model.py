"""The API keys table: a thin, fast adapter over plain ``ApiKey`` values.

Filtering, searching and sorting happen here, in Python, and never through a
``QSortFilterProxyModel`` (whose Python callbacks cost tens of seconds at
100,000 rows). The model is built for that many keys:

- Rows are stored by column (a list or an array per field, see
  :class:`PreparedKeys`), not as one object per row: little memory, and next
  to nothing for the cycle collector to walk.
- What a row needs is computed off the GUI thread: :meth:`ApiKeysModel.prepare`
  is thread-safe, and the keys controller calls it in its background job. The
  GUI thread only appends ready columns (one ``beginInsertRows`` per page) or
  swaps in a whole list (one reset).
- A filter or a search is a mask built by C-level ``map`` over the columns; a
  sort is one ``list.sort`` with a C-level key, and each sorted order is kept
  until the rows change, so clicking a header twice sorts once.
- What depends on the permission catalog (badges, labels, "can impersonate")
  is computed once per distinct set of permissions, not once per row, so a
  catalog that arrives after the keys costs nothing per row.

``data()`` is O(1) and returns early for roles it does not serve. Relative
"Last used" texts depend on the clock, so they are computed from a cached
"now" for the few rows actually painted; "Created" texts are computed when a
row is first painted, then kept.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import IntEnum
from itertools import compress, repeat
from operator import attrgetter, contains, itemgetter, lt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
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


#: Sorting runs in steps this long when it runs off the GUI thread, so the GUI
#: thread gets the interpreter between steps (``list.sort`` never lets go of it).
_SORT_STEP = 16_384


def _sorted_in_steps(items: list[int], key: Any, reverse: bool) -> list[int]:
    """``sorted(items, key=key, reverse=reverse)``, in bounded steps: sorted runs,
    then pairwise merges (``list.sort`` of two sorted runs is one linear merge).
    Stable, like ``sorted``: equal keys keep the order they had in ``items``."""
    runs = [
        sorted(items[i : i + _SORT_STEP], key=key, reverse=reverse)
        for i in range(0, len(items), _SORT_STEP)
    ]
    while len(runs) > 1:
        merged = []
        for n in range(0, len(runs) - 1, 2):
            run = runs[n] + runs[n + 1]
            run.sort(key=key, reverse=reverse)
            merged.append(run)
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return runs[0] if runs else []


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
        self.keys: list[ApiKey] = []
        #: The casefolded name, NUL, the casefolded last 4 characters of the hint.
        self.hays: list[str] = []
        self.perms: list[tuple[str, ...]] = []  # shared tuples (see api.models)
        self.creators: list[str] = []
        self.created: array[float] = array("d")  # POSIX times
        self.last_used: array[float] = array("d")  # POSIX times, _NEVER for never
        self.revoked = bytearray()  # 1 for a revoked key
        #: The rows are as the server lists keys: newest first, ties by id descending.
        self.in_server_order = True
        # Filled by finish(), for a swap of the whole list:
        self.numbers: list[int] | None = None  # 0..n-1, shared by every order
        self.by_id: dict[str, int] | None = None
        self.orders: dict[tuple[Column, bool], list[int]] = {}

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
        self.keys.extend(more.keys)
        self.hays.extend(more.hays)
        self.perms.extend(more.perms)
        self.creators.extend(more.creators)
        self.created.extend(more.created)
        self.last_used.extend(more.last_used)
        self.revoked.extend(more.revoked)
        self.numbers = self.by_id = None
        self.orders = {}

    def set_row(self, i: int, key: ApiKey) -> None:
        one = PreparedKeys.from_keys([key])
        if one.created[0] != self.created[i]:
            self.in_server_order = False
        self.keys[i] = key
        self.hays[i] = one.hays[0]
        self.perms[i] = one.perms[0]
        self.creators[i] = one.creators[0]
        self.created[i] = one.created[0]
        self.last_used[i] = one.last_used[0]
        self.revoked[i] = one.revoked[0]

    def finish(self, sort: tuple[Column, Qt.SortOrder] | None = None) -> PreparedKeys:
        """Index the ids and sort for ``sort`` now, off the GUI thread (for a swap)."""
        numbers = self.numbers = list(range(len(self.keys)))
        self.by_id = dict(zip(map(_ID, self.keys), numbers, strict=True))
        base = _base_order(self, numbers, stepwise=True)
        self.orders = {(Column.CREATED, True): base}
        if sort is not None and sort[0] != Column.PERMISSIONS:  # that one needs the catalog
            column, order = sort
            descending = order == Qt.SortOrder.DescendingOrder
            self.orders[(column, descending)] = _column_order(
                self, base, column, descending, None, stepwise=True
            )
        return self


def _base_order(rows: PreparedKeys, numbers: list[int], *, stepwise: bool = False) -> list[int]:
    """Row numbers newest first, ties by id descending: the server's order."""
    if rows.in_server_order:
        return list(numbers)
    sort = _sorted_in_steps if stepwise else sorted
    ids = list(map(_ID, rows.keys))
    by_id = sort(numbers, ids.__getitem__, True)  # type: ignore[operator]
    return sort(by_id, rows.created.__getitem__, True)  # type: ignore[operator,no-any-return]


def _sort_keys(rows: PreparedKeys, column: Column, ranks: dict[Any, int] | None) -> Sequence[Any]:
    """One sort key per row, equal in order to :meth:`ApiKeysModel._sort_value`."""
    keys = rows.keys
    if column == Column.NAME:
        return list(map(str.casefold, map(_NAME, keys)))
    if column == Column.PERMISSIONS:
        assert ranks is not None
        return list(map(ranks.__getitem__, rows.perms))
    if column == Column.LAST_USED:
        return rows.last_used
    if column == Column.HINT:
        # Every hint has the same prefix: the last 4 characters decide.
        return list(map(_HINT_TAIL, map(_HINT, keys)))
    if column == Column.CREATED_BY:
        folded = {c: c.casefold() for c in set(rows.creators)}
        return list(map(folded.__getitem__, rows.creators))
    if column == Column.LAST_USED_IP:
        ips = list(map(_IP, keys))
        return list(map(_NONE_AS_EMPTY.get, ips, ips))
    if column == Column.LAST_USED_USER_AGENT:
        agents = list(map(_AGENT, keys))
        folded = {a: (a or "").casefold() for a in set(agents)}
        return list(map(folded.__getitem__, agents))
    raise ValueError(f"no sort keys for column {column}")


def _column_order(
    rows: PreparedKeys,
    base: list[int],
    column: Column,
    descending: bool,
    ranks: dict[Any, int] | None,
    *,
    stepwise: bool = False,
) -> list[int]:
    """Row numbers sorted by ``column``; ties keep the server's order (``base``)."""
    if column == Column.CREATED:
        return list(base) if descending else base[::-1]
    key = _sort_keys(rows, column, ranks).__getitem__
    if stepwise:
        return _sorted_in_steps(base, key, descending)
    return sorted(base, key=key, reverse=descending)


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
        self._numbers: list[int] = []  # 0..n-1: the int objects every order shares
        self._by_id: dict[str, int] = {}
        self._sets: dict[tuple[str, ...], _PermissionSet] = {}
        self._view: list[int] = []  # row numbers shown, in order
        self._shown = bytearray()  # 1 per row that passes the filter and the search
        self._orders: dict[tuple[Column, bool], list[int]] = {}  # every row, sorted
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
        if not index.isValid():
            return None
        row_no = index.row()
        if row_no >= len(self._view):
            return None
        i = self._view[row_no]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(i, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(i, col)
        if role == Role.KEY:
            return self._rows.keys[i]
        if role == Role.KEY_ID:
            return self._rows.keys[i].id
        if role == Role.BADGES:
            return self._set(i).badges
        if role == Role.REVOKED:
            return bool(self._rows.revoked[i])
        if role == Role.ROTATING:
            return self._rotations.get(self._rows.keys[i].id)
        if role == Role.SORT:
            return self._sort_value(i, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(i, col)
        return None

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
        self._remap_persistent(persistent, old_rows)
        self.layoutChanged.emit()

    # -- cells -------------------------------------------------------------------

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
        self._view = []
        self._shown = bytearray()
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
        self._numbers.extend(numbers)
        self._by_id.update(zip(map(_ID, batch.keys), numbers, strict=True))
        self._shown.extend(mask)
        self._orders = {}
        if visible:
            if self._never_shown is not None:
                self._never_shown += sum(map(lt, compress(batch.last_used, mask), repeat(0.0)))
            first = len(self._view)
            self.beginInsertRows(QModelIndex(), first, first + len(visible) - 1)
            self._view.extend(visible)
            self.endInsertRows()
        self.visibleRowsChanged.emit()

    def finish_loading(self) -> None:
        if not self._is_server_order() or not self._rows.in_server_order:
            self.sort(self._sort_column, self._sort_order)

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
        self._rows = rows
        if rows.numbers is None or rows.by_id is None or len(rows.numbers) != len(rows):
            rows.numbers = list(range(len(rows)))
            rows.by_id = dict(zip(map(_ID, rows.keys), rows.numbers, strict=True))
            rows.orders = {}
        self._numbers, self._by_id, self._orders = rows.numbers, rows.by_id, rows.orders
        # The rows keep the lists they were built with; later changes are the model's.
        rows.numbers = rows.by_id = None
        rows.orders = {}
        self._sets = {}
        self._register_sets(rows.perms)
        self._created_text = {}

    def upsert_key(self, key: ApiKey) -> None:
        """A key changed or was created (from the server's answer)."""
        if key.id in self._by_id:
            self._update_row(key)
            self._refilter()
            return
        batch = self.prepare([key])
        n = len(self._numbers)
        base = self._orders.get((Column.CREATED, True))
        self._rows.extend(batch)
        self._numbers.append(n)
        self._by_id[key.id] = n
        self._shown.append(0)
        self._register_sets(batch.perms)
        self._orders = {}
        if base is not None and self._precedes(n, base[0] if base else None):
            # The usual case, a new key: newest of all, so first in the server's order.
            base.insert(0, self._numbers[n])
            self._orders[(Column.CREATED, True)] = base
        self._refilter()

    def _precedes(self, i: int, j: int | None) -> bool:
        if j is None:
            return True
        created = self._rows.created
        a, b = created[i], created[j]
        return a > b or (a == b and self._rows.keys[i].id > self._rows.keys[j].id)

    def _update_row(self, key: ApiKey) -> None:
        i = self._by_id[key.id]
        old = self._rows.keys[i]
        self._rows.set_row(i, key)
        self._created_text.pop(i, None)
        self._register_sets((key.permissions,))
        if _sort_fields(old) != _sort_fields(key):
            self._orders = {}

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
            self._shown = bytearray(self._mask(self._rows))
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
    def _select(order: list[int], mask: bytes | bytearray) -> list[int]:
        """The rows of ``order`` that ``mask`` lets through, in that order."""
        return [i for i in order if mask[i]]

    def _rebuild_view(self) -> None:
        self._shown = bytearray(self._mask(self._rows))
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

    def _order(self) -> list[int]:
        """Every row number, in the current sort order (kept until the rows change)."""
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        wanted = (self._sort_column, descending)
        order = self._orders.get(wanted)
        if order is None:
            base = self._orders.get((Column.CREATED, True))
            if base is None:
                base = self._orders[(Column.CREATED, True)] = _base_order(self._rows, self._numbers)
            ranks = self._ranks() if self._sort_column == Column.PERMISSIONS else None
            order = _column_order(self._rows, base, self._sort_column, descending, ranks)
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
        if len(persistent) > 32:
            position = {row: n for n, row in enumerate(view)}
            where = position.get
        else:

            def where(row: int) -> int | None:
                try:
                    return view.index(row)
                except ValueError:
                    return None

        new = []
        for idx, row in zip(persistent, old_rows, strict=True):
            n = where(row) if row >= 0 else None
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
