"""The API keys table: a thin, fast adapter over plain ``ApiKey`` values.

Filtering, searching and sorting happen here, in Python over lists, and
never through a ``QSortFilterProxyModel`` (whose Python callbacks cost tens of
seconds at 100,000 rows). Everything a cell needs is computed once per row
when the row arrives; ``data()`` is O(1) and returns early for roles it does
not serve. Relative "Last used" texts depend on the clock, so they are
computed from a cached "now" for the few rows actually painted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from enum import IntEnum
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


class _Row:
    """Everything one key's cells need, computed once."""

    __slots__ = (
        "badges",
        "created_text",
        "created_ts",
        "haystack",
        "impersonates",
        "key",
        "last_used_ts",
        "name_sort",
        "perm_text",
    )

    def __init__(self, key: ApiKey, catalog: dict[str, Permission]) -> None:
        self.key = key
        labels: list[tuple[str, bool]] = []
        impersonates = False
        for pid in key.permissions:
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
        self.perm_text = ", ".join(label for label, _ in labels) if labels else ""
        self.created_ts = key.created_at.timestamp()
        self.last_used_ts = key.last_used_at.timestamp() if key.last_used_at else None
        self.name_sort = key.name.casefold()
        self.created_text: str | None = None
        self.haystack = "\x00".join(
            (key.name, key.hint, self.perm_text, " ".join(key.permissions), key.created_by.name)
        ).casefold()


class ApiKeysModel(QAbstractTableModel):
    """All loaded keys; shows those that pass the filter and search, in order."""

    #: Emitted after the visible rows changed (filter, search, data).
    visibleRowsChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog: dict[str, Permission] = {}
        self._rows: list[_Row] = []
        self._by_id: dict[str, int] = {}
        self._view: list[int] = []
        self._filter = KeyFilter.ALL
        self._unused_days = 90
        self._search = ""
        self._sort_column = Column.CREATED
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._now = time.time()
        self._rotations: dict[str, str] = {}
        self._no_permissions = tr("No permissions")
        self._never = timefmt.never()
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
        row = self._rows[self._view[row_no]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Role.KEY:
            return row.key
        if role == Role.KEY_ID:
            return row.key.id
        if role == Role.BADGES:
            return row.badges
        if role == Role.REVOKED:
            return row.key.revoked_at is not None
        if role == Role.ROTATING:
            return self._rotations.get(row.key.id)
        if role == Role.SORT:
            return self._sort_value(row, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, col)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self._columns or column == Column.REVOKE:
            return
        self._sort_column = Column(column)
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self._rows[self._view[i.row()]].key.id for i in persistent]
        self._sort_view()
        self._remap_persistent(persistent, old_ids)
        self.layoutChanged.emit()

    # -- cells -------------------------------------------------------------------

    def _display(self, row: _Row, col: int) -> str:
        key = row.key
        if col == Column.NAME:
            return key.name
        if col == Column.PERMISSIONS:
            return row.perm_text or self._no_permissions
        if col == Column.LAST_USED:
            return timefmt.relative(row.last_used_ts, self._now)
        if col == Column.CREATED:
            if row.created_text is None:
                row.created_text = timefmt.local_date(key.created_at)
            return row.created_text
        if col == Column.HINT:
            return key.hint
        if col == Column.CREATED_BY:
            return key.created_by.name
        if col == Column.LAST_USED_IP:
            return key.last_used_ip or ""
        if col == Column.LAST_USED_USER_AGENT:
            return key.last_used_user_agent or ""
        if col == Column.REVOKE:
            if key.revoked_at is not None:
                return tr("Revoked")
            return tr("Revoke")
        return ""

    def _tooltip(self, row: _Row, col: int) -> str | None:
        key = row.key
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
                        "Rotation in progress: revoke this key once your integration "
                        "uses the new one."
                    )
                )
            return key.name
        if col == Column.PERMISSIONS:
            return row.perm_text or self._no_permissions
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

    def _sort_value(self, row: _Row, col: int) -> Any:
        if col == Column.NAME:
            return row.name_sort
        if col == Column.PERMISSIONS:
            return (row.impersonates, len(row.badges), row.perm_text.casefold())
        if col == Column.LAST_USED:
            return -1.0 if row.last_used_ts is None else row.last_used_ts
        if col == Column.CREATED:
            return row.created_ts
        if col == Column.HINT:
            return row.key.hint
        if col == Column.CREATED_BY:
            return row.key.created_by.name.casefold()
        if col == Column.LAST_USED_IP:
            return row.key.last_used_ip or ""
        if col == Column.LAST_USED_USER_AGENT:
            return (row.key.last_used_user_agent or "").casefold()
        return 0

    # -- loading -----------------------------------------------------------------

    def set_catalog(self, permissions: Iterable[Permission]) -> None:
        self._catalog = {p.id: p for p in permissions}
        if self._rows:
            self.replace_all([r.key for r in self._rows])

    @property
    def catalog(self) -> dict[str, Permission]:
        return self._catalog

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._by_id = {}
        self._view = []
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def append_keys(self, keys: Sequence[ApiKey]) -> None:
        """Add one page of keys as it arrives (first load).

        Rows are inserted at the end in one ``beginInsertRows`` per page. A
        custom sort order is restored by :meth:`finish_loading`.
        """
        start = len(self._rows)
        fresh = []
        for key in keys:
            if key.id in self._by_id:
                self._update_row(key)
                continue
            self._by_id[key.id] = len(self._rows)
            self._rows.append(_Row(key, self._catalog))
            fresh.append(len(self._rows) - 1)
        visible = [i for i in fresh if self._passes(self._rows[i])]
        del start
        if visible:
            first = len(self._view)
            self.beginInsertRows(QModelIndex(), first, first + len(visible) - 1)
            self._view.extend(visible)
            self.endInsertRows()
        self.visibleRowsChanged.emit()

    def finish_loading(self) -> None:
        if not self._is_server_order():
            self.sort(self._sort_column, self._sort_order)

    def replace_all(self, keys: Sequence[ApiKey]) -> None:
        """Swap in a complete new list in one reset (refresh)."""
        self.beginResetModel()
        self._rows = [_Row(k, self._catalog) for k in keys]
        self._by_id = {r.key.id: i for i, r in enumerate(self._rows)}
        self._rebuild_view()
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def upsert_key(self, key: ApiKey) -> None:
        """A key changed or was created (from the server's answer)."""
        if key.id in self._by_id:
            self._update_row(key)
            self._refilter()
            return
        self._by_id[key.id] = len(self._rows)
        self._rows.append(_Row(key, self._catalog))
        self._refilter()

    def _update_row(self, key: ApiKey) -> None:
        i = self._by_id[key.id]
        self._rows[i] = _Row(key, self._catalog)

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
            rows = self._rows
            self._view = [i for i in self._view if text in rows[i].haystack]
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

    def _passes(self, row: _Row) -> bool:
        key = row.key
        flt = self._filter
        if flt == KeyFilter.REVOKED:
            if key.revoked_at is None:
                return False
        else:
            if key.revoked_at is not None:
                return False
            if flt == KeyFilter.NEVER_USED and row.last_used_ts is not None:
                return False
            if flt == KeyFilter.UNUSED:
                limit = self._now - self._unused_days * _DAY
                if row.last_used_ts is not None and row.last_used_ts >= limit:
                    return False
            if flt == KeyFilter.IMPERSONATE and not row.impersonates:
                return False
        return not self._search or self._search in row.haystack

    def _rebuild_view(self) -> None:
        rows = self._rows
        passes = self._passes
        self._view = [i for i in range(len(rows)) if passes(rows[i])]
        self._sort_view()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rebuild_view()
        self.endResetModel()
        self.visibleRowsChanged.emit()

    def _is_server_order(self) -> bool:
        return (
            self._sort_column == Column.CREATED and self._sort_order == Qt.SortOrder.DescendingOrder
        )

    def _sort_view(self) -> None:
        rows = self._rows
        col = self._sort_column
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        value = self._sort_value
        # Ties break by creation time, newest first, then id: a stable, total order.
        self._view.sort(key=lambda i: (rows[i].created_ts, rows[i].key.id), reverse=True)
        if col != Column.CREATED:
            self._view.sort(key=lambda i: value(rows[i], col), reverse=reverse)
        elif not reverse:
            self._view.reverse()

    def _remap_persistent(self, persistent: list[QModelIndex], old_ids: list[str]) -> None:
        position = {self._rows[j].key.id: n for n, j in enumerate(self._view)}
        new = []
        for idx, key_id in zip(persistent, old_ids, strict=True):
            n = position.get(key_id)
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
            return self._rows[self._view[row]].key
        return None

    def row_of(self, key_id: str) -> int | None:
        i = self._by_id.get(key_id)
        if i is None:
            return None
        try:
            return self._view.index(i)
        except ValueError:
            return None

    def key_by_id(self, key_id: str) -> ApiKey | None:
        i = self._by_id.get(key_id)
        return self._rows[i].key if i is not None else None

    def visible_keys(self) -> list[ApiKey]:
        rows = self._rows
        return [rows[i].key for i in self._view]

    def all_keys(self) -> list[ApiKey]:
        return [r.key for r in self._rows]

    @property
    def total_loaded(self) -> int:
        return len(self._rows)

    def counts(self) -> tuple[int, int]:
        """(keys shown, of which never used)."""
        rows = self._rows
        never = sum(1 for i in self._view if rows[i].last_used_ts is None)
        return len(self._view), never

    def names_in_use(self) -> set[str]:
        return {r.name_sort for r in self._rows if r.key.revoked_at is None}
