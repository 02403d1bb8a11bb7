"""The audit log table's Qt model: a thin adapter over ``audit_columns``.

Rows are appended a page at a time (one ``beginInsertRows`` per page) and
cleared when the filters change. Each page's cell texts (local times,
translated action names) are worked out once, off the GUI thread, by
:meth:`AuditLogModel.prepare` on the worker that fetched the page; ``data()``
only looks them up, so a paint formats nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from rakerone_desktop.api.models import AuditEvent
from rakerone_desktop.models import timefmt
from rakerone_desktop.models.audit_columns import COLUMNS, AuditColumn, AuditRow, audit_rows

_Index = QModelIndex | QPersistentModelIndex


class AuditRole(IntEnum):
    EVENT = Qt.ItemDataRole.UserRole + 1  # the AuditEvent
    KEY_ID = Qt.ItemDataRole.UserRole + 2  # the target key's id, or None


def tr(source: str) -> str:
    return QCoreApplication.translate("AuditLogModel", source)


def _tooltip(row: AuditRow, col: int) -> str | None:
    if col == AuditColumn.WHEN:
        return row.when_utc
    if col == AuditColumn.TARGET and row.key_id is not None:
        return tr("Double-click to show this key")
    return row.texts[col] or None


_D = Qt.ItemDataRole
#: Every cell's flags, worked out once (``|`` of two Qt flags is a Python call per cell).
_ROW_FLAGS: Final = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
#: The roles served, each with how; a view asks for a dozen roles per painted cell,
#: and the others are answered with one dictionary lookup.
_ROLES: Final[dict[int, Callable[[AuditRow, int], Any]]] = {
    int(_D.DisplayRole): lambda row, col: row.texts[col],
    int(_D.AccessibleTextRole): lambda row, col: row.texts[col],
    int(_D.ToolTipRole): _tooltip,
    int(AuditRole.EVENT): lambda row, _col: row.event,
    int(AuditRole.KEY_ID): lambda row, _col: row.key_id,
}


class AuditLogModel(QAbstractTableModel):
    """The events loaded so far, newest first, as the server sent them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        return _ROW_FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        serve = _ROLES.get(role)
        if serve is None:
            return None
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        return serve(self._rows[row], index.column())

    # -- what the controller and the page use ------------------------------------------

    @staticmethod
    def prepare(events: Sequence[AuditEvent]) -> tuple[AuditRow, ...]:
        """The rows for a page of ``events``; thread-safe (call it off the GUI thread)."""
        return audit_rows(events, tr, timefmt.local_time, timefmt.utc_time)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def append(self, events: Sequence[AuditEvent]) -> None:
        """Add a page of events (their texts worked out here: prefer :meth:`append_prepared`)."""
        self.append_prepared(self.prepare(events))

    def append_prepared(self, rows: Sequence[AuditRow]) -> None:
        """Add a page prepared off the GUI thread, in one ``beginInsertRows``."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def event_at(self, row: int) -> AuditEvent | None:
        return self._rows[row].event if 0 <= row < len(self._rows) else None

    def key_id_at(self, row: int) -> str | None:
        return self._rows[row].key_id if 0 <= row < len(self._rows) else None

    def events(self) -> list[AuditEvent]:
        return [r.event for r in self._rows]
