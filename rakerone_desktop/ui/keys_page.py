"""The API keys page: toolbar, table, empty state, error banner, details."""

from __future__ import annotations

from itertools import compress, repeat
from math import ceil
from operator import gt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.keytable.columns import COLUMNS
from rakerone_desktop.keytable.filters import filter_mask
from rakerone_desktop.models.keys_model import (
    ApiKeysModel,
    Column,
    KeyFilter,
    filter_label,
)
from rakerone_desktop.models.server_features import KEY_DISABLE, PART_ONE, ServerFeatures
from rakerone_desktop.runtime.settings import Options
from rakerone_desktop.ui.accessibility import name_clear_button
from rakerone_desktop.ui.banner import ErrorBanner, LifecycleBanner
from rakerone_desktop.ui.delegates import KeysTableDelegate
from rakerone_desktop.ui.details_pane import DetailsPane
from rakerone_desktop.ui.preserve import restore_state, save_state
from rakerone_desktop.ui.text import plain_tooltip
from rakerone_desktop.ui.theme import icon

if TYPE_CHECKING:
    from rakerone_desktop.api.models import ApiKey
    from rakerone_desktop.runtime.settings import Settings


class KeysTableView(QTableView):
    """The keys table; tooltips shown as plain text whatever a name contains."""

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


class EmptyState(QWidget):
    createRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        art = QLabel()
        art.setPixmap(icon("empty").pixmap(96, 96))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        art.setAccessibleName(self.tr("No API keys"))
        self.title = QLabel(self.tr("No API keys yet"))
        self.title.setProperty("role", "pageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt = QLabel(
            self.tr(
                "Create a key to let an outside system — a script, an integration, or another "
                "app — work with RakerOne on its own."
            )
        )
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setProperty("role", "intro")
        self.create_button = QPushButton(icon("add"), self.tr("Create key"))
        self.create_button.setObjectName("emptyStateCreateButton")
        self.create_button.setProperty("role", "primary")
        self.create_button.clicked.connect(self.createRequested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(art)
        layout.addWidget(self.title)
        layout.addWidget(self.prompt)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


class NoMatchState(QWidget):
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noMatchState")
        self.label = QLabel(self.tr("No keys match this search and filter."))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setProperty("role", "intro")
        button = QPushButton(self.tr("Show all keys"))
        button.clicked.connect(self.clearRequested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


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
        self._empty_state: EmptyState | None = None
        self._no_match: NoMatchState | None = None
        # The filter the person chose last: applied once the server offers it.
        self._wanted_filter = KeyFilter.ALL
        self._filling_filters = False
        self._expiring_dismissed: int | None = None  # the count dismissed, until it changes
        self._expiring_count = 0
        self._newest_exposure = 0.0

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
        # Parents first, then children: with the app's style sheet, each move of a
        # built widget into a new parent styles its whole subtree again.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.stack = QStackedWidget(self.splitter)
        self.table = self._build_table(model, self.stack)
        # The empty and no-match states are built the first time they are shown.
        self.stack.addWidget(self.table)
        self.details = DetailsPane(self.splitter)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(self._build_toolbar(model))
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.lifecycle_banner)
        layout.addWidget(self.splitter, 1)

        # Debounce keystrokes only slightly: a search at 100k rows takes a few ms.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(60)
        self._selected_id: str | None = None
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.setInterval(0)
        self._banner_timer.timeout.connect(self.update_lifecycle_banner)
        self._connect_signals()
        self._update_stack()

    def _build_toolbar(self, model: ApiKeysModel) -> QHBoxLayout:
        self.create_button = QPushButton(icon("add"), self.tr("Create key"))
        self.create_button.setObjectName("createKeyButton")
        self.create_button.setProperty("role", "primary")
        self.create_button.setToolTip(self.tr("Create key (Ctrl+N)"))
        self.refresh_button = QPushButton(icon("refresh"), "")
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Refresh (F5)"))
        self.search_field = QLineEdit()
        self.search_field.setObjectName("keySearchField")
        self.search_field.setPlaceholderText(self.tr("Search name, hint, permission, creator"))
        self.search_field.setAccessibleName(self.tr("Search keys"))
        self.search_field.setClearButtonEnabled(True)
        name_clear_button(self.search_field, self.tr("Clear search"))
        # The magnifier inside the field is a button to assistive technology:
        # it gets a name, and pressing it does what its name says.
        self._search_icon = self.search_field.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self._search_icon.setText(self.tr("Search keys"))
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("keyFilter")
        self.filter_box.setAccessibleName(self.tr("Filter keys"))
        self._add_filter_items()
        self.busy = QProgressBar()
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Loading"))
        self.busy.hide()
        self.unused_days = QSpinBox()
        self.unused_days.setObjectName("unusedDaysSpin")
        self.unused_days.setRange(1, 3650)
        self.unused_days.setValue(model.unused_days)
        self.unused_days.setSuffix(self.tr(" days"))
        self.unused_days.setAccessibleName(self.tr("Not used in how many days"))
        self.unused_days.setToolTip(self.tr("The threshold of the “Not used in … days” filter"))
        self.unused_days.setVisible(model.filter_name == KeyFilter.UNUSED)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.create_button)
        toolbar.addWidget(self.refresh_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.search_field, 1)
        filter_label_widget = QLabel(self.tr("&Show:"))
        filter_label_widget.setBuddy(self.filter_box)
        toolbar.addWidget(filter_label_widget)
        toolbar.addWidget(self.filter_box)
        toolbar.addWidget(self.unused_days)
        toolbar.addWidget(self.busy)
        return toolbar

    def _build_table(self, model: ApiKeysModel, parent: QWidget) -> KeysTableView:
        table = KeysTableView(parent)
        table.setObjectName("apiKeysTable")
        table.setAccessibleName(self.tr("API keys"))
        table.setModel(model)
        self.delegate = KeysTableDelegate(table)
        table.setItemDelegate(self.delegate)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setMouseTracking(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vheader = table.verticalHeader()
        vheader.hide()
        # Fixed row heights: nothing is measured per row (O(rows) at 100k keys).
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for spec in COLUMNS:
            if spec.width_em is None:  # it takes the room the others leave
                header.setSectionResizeMode(spec.id, QHeaderView.ResizeMode.Stretch)
        # The indicator first: enabling sorting sorts by whatever it shows.
        header.setSortIndicator(model.sort_column, model.sort_order)
        header.setSortIndicatorShown(True)
        table.setSortingEnabled(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for spec in COLUMNS:
            if spec.width_em is not None:
                header.resizeSection(spec.id, spec.width_em * em)
            table.setColumnHidden(spec.id, spec.optional or spec.feature is not None)
        # Expires reads best after Created; Revoke stays the last column shown.
        header.moveSection(header.visualIndex(Column.EXPIRES), header.visualIndex(Column.HINT))
        for column in (Column.OWNER, Column.TAGS, Column.DESCRIPTION):
            header.moveSection(header.visualIndex(column), header.visualIndex(Column.REVOKE))
        return table

    def _connect_signals(self) -> None:
        # toolbar
        self.create_button.clicked.connect(self.createRequested.emit)
        self.refresh_button.clicked.connect(self.refreshRequested.emit)
        self.search_field.textChanged.connect(self._on_search)
        self._search_timer.timeout.connect(self._apply_search)
        self.filter_box.currentIndexChanged.connect(self._on_filter)
        self.unused_days.valueChanged.connect(self._on_unused_days)
        self.banner.retryRequested.connect(self.refreshRequested.emit)
        lifecycle = self.lifecycle_banner
        lifecycle.showFilterRequested.connect(self._show_filtered)
        lifecycle.revokeRequested.connect(self.revokeRequested.emit)
        lifecycle.enableRequested.connect(self.enableRequested.emit)
        lifecycle.exposedSeen.connect(self._exposed_seen)
        lifecycle.dismiss_button.clicked.connect(self._lifecycle_dismissed)
        # table
        self.delegate.revokeClicked.connect(self._revoke_one)
        self._search_icon.triggered.connect(self._focus_search)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._save_sort)
        # details
        self.details.revokeRequested.connect(self._revoke_one)
        self.details.moreEventsRequested.connect(self.moreEventsRequested.emit)
        self.details.exportRequested.connect(self.exportActivityRequested.emit)
        # model
        self.model.visibleRowsChanged.connect(self._update_stack)
        self.model.modelReset.connect(self._restore_selection_after_reset)

    # -- the empty and no-match states, built on first use -------------------------------

    @property
    def empty_state(self) -> EmptyState:
        if self._empty_state is None:
            self._empty_state = EmptyState()
            self._empty_state.create_button.setVisible(not self._read_only)
            self._empty_state.createRequested.connect(self.createRequested.emit)
            self.stack.addWidget(self._empty_state)
        return self._empty_state

    @property
    def no_match(self) -> NoMatchState:
        if self._no_match is None:
            self._no_match = NoMatchState()
            self._no_match.clearRequested.connect(self.show_all)
            self.stack.addWidget(self._no_match)
        return self._no_match

    # -- the remembered layout -------------------------------------------------------------

    def restore_layout(self, settings: Settings) -> None:
        """Column widths and order, sort, filter and the details' width, as saved last;
        from now on the sort and the filter are saved as they change."""
        self._settings = settings
        if settings.get(Options.header_columns) == len(COLUMNS):
            restore_state(
                settings, Options.header_state, self.table.horizontalHeader().restoreState
            )
        self._apply_feature_columns()
        # A saved header may show a column that read-only mode hides.
        self.table.setColumnHidden(Column.REVOKE, self._read_only)
        restore_state(settings, Options.details_splitter_state, self.splitter.restoreState)
        self.unused_days.setValue(settings.get(Options.unused_days))
        self._wanted_filter = settings.get(Options.key_filter)
        self.set_filter(self._wanted_filter)
        column = Column.__members__.get(settings.get(Options.sort_column), Column.CREATED)
        descending = settings.get(Options.sort_descending)
        self.table.sortByColumn(
            column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )

    def save_layout(self) -> None:
        save_state(self._settings, Options.header_state, self.table.horizontalHeader().saveState())
        if self._settings is not None:
            self._settings.set(Options.header_columns, len(COLUMNS))
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
        self._apply_feature_columns()
        self._fill_filters()
        if self._loaded_once and not self._loading:
            self.update_lifecycle_banner()

    def _apply_feature_columns(self) -> None:
        """Part-2 columns: Expires shown when offered; the optional ones never shown
        when not offered (when offered, as the person chose: ``MainWindow``)."""
        features = self.server_features
        for spec in COLUMNS:
            if spec.feature is not None and not spec.optional:
                self.table.setColumnHidden(spec.id, not features.offers(spec.feature))
            elif spec.feature is not None and not features.offers(spec.feature):
                self.table.setColumnHidden(spec.id, True)

    def offers_column(self, column: Column) -> bool:
        feature = COLUMNS[column].feature
        return feature is None or self.server_features.offers(feature)

    def _fill_filters(self) -> None:
        """The filters the server supports, in the combo; the chosen one kept (or the
        one the person chose last, once it is offered again)."""
        box = self.filter_box
        self._filling_filters = True
        box.blockSignals(True)
        self._add_filter_items()
        box.blockSignals(False)
        i = box.findData(self._wanted_filter)
        box.setCurrentIndex(max(0, i))
        self._on_filter(box.currentIndex())
        self._filling_filters = False

    def _add_filter_items(self) -> None:
        box = self.filter_box
        box.clear()
        for name in KeyFilter.ORDER:
            if self.offers_filter(name):
                box.addItem(filter_label(name, self.model.unused_days), name)

    def offers_filter(self, name: str) -> bool:
        feature = KeyFilter.FEATURE.get(name)
        return feature is None or self.server_features.offers(feature)

    # -- the lifecycle banner ------------------------------------------------------------

    def update_lifecycle_banner(self) -> None:
        """After a refresh: keys that expire within the warning days, and keys reported
        exposed since the person last looked (``Options.exposure_seen_at``)."""
        features = self.server_features
        table = self.model.table
        rows = table.rows
        banner = self.lifecycle_banner
        count = 0
        if features.offers(COLUMNS[Column.EXPIRES].feature or ""):
            mask = filter_mask(
                rows, KeyFilter.EXPIRING_SOON, 0, table.now, table.sets, table.warning_days
            )
            count = mask.count(1)
        self._expiring_count = count
        if count != self._expiring_dismissed:
            self._expiring_dismissed = None
            banner.set_expiring(count, table.warning_days)
        seen = float(self._settings.get(Options.exposure_seen_at) if self._settings else 0)
        fresh = [
            rows.keys[i] for i in compress(range(len(rows)), map(gt, rows.exposed, repeat(seen)))
        ]
        banner.set_exposed(
            len(fresh),
            self._exposed_message(fresh),
            [k.id for k in fresh if k.revoked_at is None],
            [k.id for k in fresh if k.lifecycle_status == "disabled"]
            if features.offers(KEY_DISABLE)
            else [],
        )
        self._newest_exposure = max(
            (k.exposure.reported_at.timestamp() for k in fresh if k.exposure), default=seen
        )

    def _exposed_message(self, keys: list[ApiKey]) -> str:
        if not keys:
            return ""
        # Where it was found, as a person names it: GitHub for a github.com address
        # (a report's ``source`` says what kind of place it was: a commit, an issue).
        places = {_place(k.exposure.url, k.exposure.source) for k in keys if k.exposure}
        where = places.pop() if len(places) == 1 else ""
        n = len(keys)
        if where:
            text = (
                self.tr("1 key was reported exposed on %1")
                if n == 1
                else self.tr("%2 keys were reported exposed on %1")
            ).replace("%1", where)
        else:
            text = (
                self.tr("1 key was reported exposed")
                if n == 1
                else self.tr("%2 keys were reported exposed")
            )
        text = text.replace("%2", str(n))
        statuses = {k.lifecycle_status for k in keys}
        if statuses == {"disabled"}:
            text += self.tr(" and was disabled") if n == 1 else self.tr(" and were disabled")
        elif statuses == {"revoked"}:
            text += self.tr(" and was revoked") if n == 1 else self.tr(" and were revoked")
        elif statuses == {"active"}:
            text += self.tr("; it still works") if n == 1 else self.tr("; they still work")
        return text

    def _lifecycle_dismissed(self) -> None:
        self._expiring_dismissed = self._expiring_count

    def _exposed_seen(self) -> None:
        if self._settings is not None:
            seen = self._settings.get(Options.exposure_seen_at)
            self._settings.set(Options.exposure_seen_at, max(seen, ceil(self._newest_exposure)))

    def _show_filtered(self, name: str) -> None:
        self.search_field.clear()
        self._apply_search()
        self.set_filter(name)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.create_button.setVisible(not read_only)
        if self._empty_state is not None:
            self._empty_state.create_button.setVisible(not read_only)
        self.table.setColumnHidden(Column.REVOKE, read_only)
        self.details.set_read_only(read_only)
        self.lifecycle_banner.set_read_only(read_only)

    def _update_stack(self) -> None:
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.table)
        elif self.model.total_loaded == 0 and self._loaded_once and not self._loading:
            self.stack.setCurrentWidget(self.empty_state)
        elif self.model.total_loaded > 0 and not self._loading:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)

    def show_all(self) -> None:
        self.search_field.clear()
        self.filter_box.setCurrentIndex(0)
        self._apply_search()

    def set_filter(self, name: str) -> None:
        self._wanted_filter = name  # applied when the server offers it, if not now
        i = self.filter_box.findData(name)
        if i >= 0:
            self.filter_box.setCurrentIndex(i)

    def _on_filter(self, _index: int) -> None:
        name = self.filter_box.currentData()
        if name is None:
            return
        self.model.set_filter(name)
        self.unused_days.setVisible(name == KeyFilter.UNUSED)
        if not self._filling_filters:
            self._wanted_filter = name
            if self._settings is not None:
                self._settings.set(Options.key_filter, name)
        self.filterChanged.emit(name)

    def _on_unused_days(self, days: int) -> None:
        self.model.set_filter(self.model.filter_name, days)
        i = self.filter_box.findData(KeyFilter.UNUSED)
        self.filter_box.setItemText(i, filter_label(KeyFilter.UNUSED, days))
        if self._settings is not None:
            self._settings.set(Options.unused_days, days)
        self.unusedDaysChanged.emit(days)

    def _on_search(self, _text: str) -> None:
        self._search_timer.start()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_field.text())

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

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

    def _focus_search(self) -> None:
        self.search_field.setFocus()

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
            self.search_field.blockSignals(True)
            self.search_field.clear()
            self.search_field.blockSignals(False)
            self.model.set_search("")
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


def _place(url: str | None, source: str) -> str:
    host = (urlsplit(url or "").hostname or "").casefold()
    if host == "github.com" or host.endswith(".github.com") or source.casefold() == "github":
        return "GitHub"
    return ""
