"""The API keys page: toolbar, table, empty state, error banner, details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.keytable.columns import COLUMNS
from rakerone_desktop.models.keys_model import ApiKeysModel, Column, KeyFilter
from rakerone_desktop.models.server_features import PART_ONE, ServerFeatures
from rakerone_desktop.runtime.settings import Options
from rakerone_desktop.ui.banner import ErrorBanner, LifecycleBanner
from rakerone_desktop.ui.delegates import KeysTableDelegate
from rakerone_desktop.ui.details_pane import DetailsPane
from rakerone_desktop.ui.keys_lifecycle_banner import LifecycleBannerState
from rakerone_desktop.ui.keys_states import EmptyState, KeysStack, NoMatchState
from rakerone_desktop.ui.keys_table import KeysTableView
from rakerone_desktop.ui.keys_toolbar import KeysToolbar, offers_filter
from rakerone_desktop.ui.preserve import restore_state, save_state

if TYPE_CHECKING:
    from rakerone_desktop.api.models import ApiKey
    from rakerone_desktop.runtime.settings import Settings

__all__ = ["EmptyState", "KeysPage", "KeysTableView", "NoMatchState"]


class KeysPage(QWidget):
    createRequested = Signal()
    refreshRequested = Signal()
    revokeRequested = Signal(list)  # key ids
    enableRequested = Signal(list)  # key ids (the lifecycle banner's Enable)
    disableRequested = Signal(list)  # key ids
    selectionChanged = Signal(object)  # ApiKey | None
    filterChanged = Signal(str)
    unusedDaysChanged = Signal(int)
    moreEventsRequested = Signal(str, str)  # key id, cursor (from the details pane)
    exportActivityRequested = Signal(str)  # key id (from the details pane)

    def __init__(self, model: ApiKeysModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.server_features: ServerFeatures = PART_ONE
        self._read_only = False
        self._loading = False
        self._loaded_once = False
        self._settings: Settings | None = None

        title = QLabel(self.tr("API keys"))
        title.setProperty("role", "pageTitle")
        intro = QLabel(
            self.tr(
                "An API key lets an outside system work with RakerOne on its own, with its own "
                "permissions and its own name in the audit trail. "
                "Give a key only the permissions it actually needs."
            )
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "intro")

        self.banner = ErrorBanner(self)
        # A notice (session-only sign-in, say) stays until dismissed; refreshes don't hide it.
        self.notice = ErrorBanner(self, object_name="noticeBanner")
        # Keys that expire soon, keys newly reported exposed (after each refresh).
        self.lifecycle_banner = LifecycleBanner(self)
        self.banner_state = LifecycleBannerState(self.lifecycle_banner, model)
        # Parents first, then children: with the app's style sheet, each move of a
        # built widget into a new parent styles its whole subtree again.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.stack = KeysStack(self.splitter)
        self.table = KeysTableView(model, self.stack)
        self.table.setAccessibleName(self.tr("API keys"))
        self.table.set_up_columns(model, self)
        # The empty and no-match states are built the first time they are shown.
        self.stack.addWidget(self.table)
        self.details = DetailsPane(self.splitter)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.toolbar = KeysToolbar(model, self)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.lifecycle_banner)
        layout.addWidget(self.splitter, 1)

        self._selected_id: str | None = None
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.setInterval(0)
        self._connect_signals()
        self._update_stack()

    def _connect_signals(self) -> None:
        self._banner_timer.timeout.connect(self.update_lifecycle_banner)
        # toolbar
        toolbar = self.toolbar
        toolbar.create_button.clicked.connect(self.createRequested.emit)
        toolbar.refresh_button.clicked.connect(self.refreshRequested.emit)
        toolbar.filterChanged.connect(self.filterChanged.emit)
        toolbar.unusedDaysChanged.connect(self.unusedDaysChanged.emit)
        self.banner.retryRequested.connect(self.refreshRequested.emit)
        self.stack.createRequested.connect(self.createRequested.emit)
        self.stack.clearRequested.connect(self.show_all)
        lifecycle = self.lifecycle_banner
        lifecycle.showFilterRequested.connect(toolbar.show_filtered)
        lifecycle.revokeRequested.connect(self.revokeRequested.emit)
        lifecycle.enableRequested.connect(self.enableRequested.emit)
        lifecycle.exposedSeen.connect(self.banner_state.exposed_seen)
        lifecycle.dismissed.connect(self.banner_state.dismissed)
        # table
        self.table.delegate.revokeClicked.connect(self._revoke_one)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._save_sort)
        # details
        self.details.revokeRequested.connect(self._revoke_one)
        self.details.moreEventsRequested.connect(self.moreEventsRequested.emit)
        self.details.exportRequested.connect(self.exportActivityRequested.emit)
        # model
        self.model.visibleRowsChanged.connect(self._update_stack)
        self.model.modelReset.connect(self._restore_selection_after_reset)

    # -- the toolbar's and the table's parts, as the app and its tests name them ----------

    @property
    def create_button(self) -> QPushButton:
        return self.toolbar.create_button

    @property
    def refresh_button(self) -> QPushButton:
        return self.toolbar.refresh_button

    @property
    def search_field(self) -> QLineEdit:
        return self.toolbar.search_field

    @property
    def filter_box(self) -> QComboBox:
        return self.toolbar.filter_box

    @property
    def unused_days(self) -> QSpinBox:
        return self.toolbar.unused_days

    @property
    def busy(self) -> QProgressBar:
        return self.toolbar.busy

    @property
    def delegate(self) -> KeysTableDelegate:
        return self.table.delegate

    # -- the empty and no-match states, built on first use -------------------------------

    @property
    def empty_state(self) -> EmptyState:
        return self.stack.empty_state

    @property
    def no_match(self) -> NoMatchState:
        return self.stack.no_match

    # -- the remembered layout -------------------------------------------------------------

    def restore_layout(self, settings: Settings) -> None:
        """Column widths and order, sort, filter and the details' width, as saved last;
        from now on the sort and the filter are saved as they change."""
        self._settings = settings
        self.toolbar.settings = settings
        self.banner_state.settings = settings
        self.table.restore_header(settings)
        self.table.apply_feature_columns(self.server_features)
        # A saved header may show a column that read-only mode hides.
        self.table.setColumnHidden(Column.REVOKE, self._read_only)
        restore_state(settings, Options.details_splitter_state, self.splitter.restoreState)
        self.unused_days.setValue(settings.get(Options.unused_days))
        self.set_filter(settings.get(Options.key_filter))
        column = Column.__members__.get(settings.get(Options.sort_column), Column.CREATED)
        descending = settings.get(Options.sort_descending)
        self.table.sortByColumn(
            column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )

    def save_layout(self) -> None:
        self.table.save_header(self._settings)
        save_state(self._settings, Options.details_splitter_state, self.splitter.saveState())

    def _save_sort(self, column: int, order: Qt.SortOrder) -> None:
        if self._settings is None or not 0 <= column < len(Column) or column == Column.REVOKE:
            return
        self._settings.set(Options.sort_column, Column(column).name)
        self._settings.set(Options.sort_descending, order == Qt.SortOrder.DescendingOrder)

    # -- state -------------------------------------------------------------------------

    def set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.busy.setVisible(loading)
        self.refresh_button.setEnabled(True)
        if not loading:
            self._loaded_once = True
            # In a turn of its own: the refresh's swap has just held the GUI thread.
            self._banner_timer.start()
        self._update_stack()

    def set_server_features(self, features: ServerFeatures) -> None:
        """What the server offers beyond part 1: the lifecycle columns and filters show
        only when their feature is offered (the optional ones as the person chose, see
        ``MainWindow``); the key policy says what "Expiring soon" means."""
        self.server_features = features
        policy = features.policy
        self.model.set_warning_days(policy.expiry_warning_days if policy else 14)
        self.table.apply_feature_columns(features)
        self.toolbar.fill_filters(features)
        if self._loaded_once and not self._loading:
            self.update_lifecycle_banner()

    def offers_column(self, column: Column) -> bool:
        feature = COLUMNS[column].feature
        return feature is None or self.server_features.offers(feature)

    def offers_filter(self, name: str) -> bool:
        return offers_filter(self.server_features, name)

    def update_lifecycle_banner(self) -> None:
        """After a refresh: keys that expire within the warning days, and keys reported
        exposed since the person last looked (``Options.exposure_seen_at``)."""
        self.banner_state.update(self.server_features)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.create_button.setVisible(not read_only)
        self.stack.set_read_only(read_only)
        self.table.setColumnHidden(Column.REVOKE, read_only)
        self.details.set_read_only(read_only)
        self.lifecycle_banner.set_read_only(read_only)

    def _update_stack(self) -> None:
        self.stack.show_state(
            self.table,
            shown=self.model.rowCount(),
            loaded=self.model.total_loaded,
            loaded_once=self._loaded_once,
            loading=self._loading,
        )

    def show_all(self) -> None:
        self.toolbar.show_all()

    def set_filter(self, name: str) -> None:
        self.toolbar.set_filter(name)

    def _apply_search(self) -> None:
        self.toolbar.apply_search()

    def focus_search(self) -> None:
        self.toolbar.focus_search()

    # -- selection -----------------------------------------------------------------------

    def selected_keys(self) -> list[ApiKey]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        keys = [self.model.key_at(r) for r in rows]
        return [k for k in keys if k is not None]

    def current_key(self) -> ApiKey | None:
        keys = self.selected_keys()
        return keys[0] if len(keys) == 1 else None

    def _revoke_one(self, key_id: str) -> None:
        self.revokeRequested.emit([key_id])

    def _on_selection(self, *_args: object) -> None:
        key = self.current_key()
        self._selected_id = key.id if key is not None else None
        self.details.set_rotated(key is not None and key.id in self.model.rotated)
        self.details.show_key(key, self.model.catalog)
        self.selectionChanged.emit(key)

    def select_key(self, key_id: str) -> bool:
        row = self.model.row_of(key_id)
        if row is None:
            return False
        index = self.model.index(row, Column.NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def show_all_for(self, key_id: str) -> None:
        """Make sure ``key_id``'s row is on screen (clearing search/filter if they hide it)."""
        if self.model.row_of(key_id) is None:
            self.toolbar.clear_search_now()
            self.set_filter(KeyFilter.ALL)
        self.select_key(key_id)

    def _restore_selection_after_reset(self) -> None:
        if self._selected_id is None:
            return
        key_id = self._selected_id
        if not self.select_key(key_id):
            self.details.show_key(None, {})
            self._selected_id = None
            self.selectionChanged.emit(None)
        else:
            key = self.model.key_by_id(key_id)
            self.details.show_key(key, self.model.catalog)

    def refresh_details(self) -> None:
        key = self.details.key
        if key is not None:
            self.details.show_key(self.model.key_by_id(key.id), self.model.catalog)

    def index_of(self, key_id: str, column: Column = Column.NAME) -> QModelIndex:
        row = self.model.row_of(key_id)
        return self.model.index(row, column) if row is not None else QModelIndex()
