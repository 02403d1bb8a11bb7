"""The remembered view of the main window: its place and size, the table's
column widths and order, its sort, and which optional columns are shown."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from rakerone_desktop.models.keys_model import Column
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.ui.main_window import MainWindow


class ViewState(QObject):
    """Restores the view when the window opens and saves it as it changes."""

    def __init__(self, settings: Settings, main: MainWindow) -> None:
        super().__init__(main)
        self.settings = settings
        self._main = main
        page = main.keys_page
        page.filterChanged.connect(self._save_filter)
        page.unusedDaysChanged.connect(self._save_unused_days)
        page.table.horizontalHeader().sortIndicatorChanged.connect(self._save_sort)
        for action in main.column_actions.values():
            action.toggled.connect(self._save_columns)

    def restore(self) -> None:
        self._restore_layout(self._main)
        self._restore_view(self._main)

    def save(self) -> None:
        self._save_layout(self._main)

    def _save_filter(self, name: str) -> None:
        self.settings.set(Options.key_filter, name)

    def _save_unused_days(self, days: int) -> None:
        self.settings.set(Options.unused_days, days)

    def _restore_view(self, main: MainWindow) -> None:
        names: list[str] = self.settings.get(Options.shown_columns)
        shown = set(names)
        for col in main.column_actions:
            main.set_column_visible(col, col.name in shown)
        name = self.settings.get(Options.sort_column)
        column = Column.__members__.get(name, Column.CREATED)
        order = (
            Qt.SortOrder.DescendingOrder
            if self.settings.get(Options.sort_descending)
            else Qt.SortOrder.AscendingOrder
        )
        main.keys_page.table.sortByColumn(column, order)

    def _save_sort(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(Column) and column != Column.REVOKE:
            self.settings.set(Options.sort_column, Column(column).name)
            self.settings.set(Options.sort_descending, order == Qt.SortOrder.DescendingOrder)

    def _restore_layout(self, main: MainWindow) -> None:
        """The window's size and place, and the table's column widths and order."""
        geometry = self.settings.get(Options.window_geometry)
        if not geometry.isEmpty():
            main.restoreGeometry(geometry)
        header = self.settings.get(Options.header_state)
        if not header.isEmpty():
            main.keys_page.table.horizontalHeader().restoreState(header)

    def _save_layout(self, main: MainWindow) -> None:
        self.settings.set(Options.window_geometry, main.saveGeometry())
        self.settings.set(Options.header_state, main.keys_page.table.horizontalHeader().saveState())

    def _save_columns(self, *_args: object) -> None:
        self.settings.set(
            Options.shown_columns, [c.name for c in self._main.visible_optional_columns()]
        )
