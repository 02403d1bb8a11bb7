"""The audit log table's Qt model: a thin adapter over ``audit_columns``.

Rows are appended a page at a time (one ``beginInsertRows`` per page) and
cleared when the filters change; ``data()`` is O(1), and texts are computed
only for the cells actually painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from rakerone_desktop.api.models import AuditEvent
from rakerone_desktop.models import timefmt
from rakerone_desktop.models.audit_columns import COLUMNS, AuditColumn

_Index = QModelIndex | QPersistentModelIndex


class AuditRole(IntEnum):
    EVENT = Qt.ItemDataRole.UserRole + 1  # the AuditEvent
    KEY_ID = Qt.ItemDataRole.UserRole + 2  # the target key's id, or None


def tr(source: str) -> str:
    return QCoreApplication.translate("AuditLogModel", source)


def _when(at: Any) -> str:
    return timefmt.local_time(at)


class AuditLogModel(QAbstractTableModel):
    """The events loaded so far, newest first, as the server sent them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return tr(COLUMNS[section].header)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < len(self._events):
            return None
        e = self._events[row]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return COLUMNS[col].display(e, tr, _when)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == AuditColumn.WHEN:
                return timefmt.utc_time(e.at)
            if col == AuditColumn.TARGET and self.key_id_at(row) is not None:
                return tr("Double-click to show this key")
            return COLUMNS[col].display(e, tr, _when) or None
        if role == AuditRole.EVENT:
            return e
        if role == AuditRole.KEY_ID:
            return self.key_id_at(row)
        return None

    # -- what the controller and the page use ------------------------------------------

    def clear(self) -> None:
        self.beginResetModel()
        self._events = []
        self.endResetModel()

    def append(self, events: Sequence[AuditEvent]) -> None:
        if not events:
            return
        first = len(self._events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self._events.extend(events)
        self.endInsertRows()

    def event_at(self, row: int) -> AuditEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def key_id_at(self, row: int) -> str | None:
        e = self.event_at(row)
        if e is None or e.target is None or e.target.kind != "api_key":
            return None
        return e.target.id

    def events(self) -> list[AuditEvent]:
        return list(self._events)
