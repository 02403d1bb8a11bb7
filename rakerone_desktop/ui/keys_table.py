"""The keys table: its view, its setup, and which columns it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip, QWidget

from rakerone_desktop.keytable.columns import COLUMNS
from rakerone_desktop.models.keys_model import ApiKeysModel, Column
from rakerone_desktop.runtime.settings import Options
from rakerone_desktop.ui.delegates import KeysTableDelegate
from rakerone_desktop.ui.preserve import restore_state, save_state
from rakerone_desktop.ui.text import plain_tooltip

if TYPE_CHECKING:
    from rakerone_desktop.models.server_features import ServerFeatures
    from rakerone_desktop.runtime.settings import Settings


class KeysTableView(QTableView):
    """The keys table; tooltips shown as plain text whatever a name contains."""

    def __init__(self, model: ApiKeysModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("apiKeysTable")
        self.setModel(model)
        # A reset (a filter or a search) makes the view lay its items out on a
        # later event-loop turn, and that repaints every row a second time, after
        # the paint the reset itself asked for: lay out at once, so the rows are
        # painted once. (A new order is not helped by this: it is left to Qt.)
        model.modelReset.connect(self._lay_out_now)
        self.delegate = KeysTableDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setMouseTracking(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def _lay_out_now(self) -> None:
        self.executeDelayedItemsLayout()

    def set_up_columns(self, model: ApiKeysModel, parent: QWidget) -> None:
        """Row heights, column widths, order and sort; sized by ``parent``'s font."""
        vheader = self.verticalHeader()
        vheader.hide()
        # Fixed row heights: nothing is measured per row (O(rows) at 100k keys).
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(parent.fontMetrics().height() + 16)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for spec in COLUMNS:
            if spec.width_em is None:  # it takes the room the others leave
                header.setSectionResizeMode(spec.id, QHeaderView.ResizeMode.Stretch)
        # The indicator first: enabling sorting sorts by whatever it shows.
        header.setSortIndicator(model.sort_column, model.sort_order)
        header.setSortIndicatorShown(True)
        self.setSortingEnabled(True)
        em = parent.fontMetrics().horizontalAdvance("M")
        for spec in COLUMNS:
            if spec.width_em is not None:
                header.resizeSection(spec.id, spec.width_em * em)
            self.setColumnHidden(spec.id, spec.optional or spec.feature is not None)
        # Expires reads best after Created; Revoke stays the last column shown.
        header.moveSection(header.visualIndex(Column.EXPIRES), header.visualIndex(Column.HINT))
        for column in (Column.OWNER, Column.TAGS, Column.DESCRIPTION):
            header.moveSection(header.visualIndex(column), header.visualIndex(Column.REVOKE))

    def apply_feature_columns(self, features: ServerFeatures) -> None:
        """Part-2 columns: Expires shown when offered; the optional ones never shown
        when not offered (when offered, as the person chose: ``MainWindow``)."""
        for spec in COLUMNS:
            if spec.feature is not None and not spec.optional:
                self.setColumnHidden(spec.id, not features.offers(spec.feature))
            elif spec.feature is not None and not features.offers(spec.feature):
                self.setColumnHidden(spec.id, True)

    def restore_header(self, settings: Settings) -> None:
        if settings.get(Options.header_columns) == len(COLUMNS):
            restore_state(settings, Options.header_state, self.horizontalHeader().restoreState)

    def save_header(self, settings: Settings | None) -> None:
        save_state(settings, Options.header_state, self.horizontalHeader().saveState())
        if settings is not None:
            settings.set(Options.header_columns, len(COLUMNS))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            index = self.indexAt(event.pos())
            text = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(str(text)), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
