"""The main window: sidebar (Admin → API keys), menus, status bar."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.models.keys_model import (
    OPTIONAL_COLUMNS,
    ApiKeysModel,
    Column,
)
from rakerone_desktop.models.server_features import PART_ONE, ServerFeatures
from rakerone_desktop.runtime.settings import Options
from rakerone_desktop.ui.admin_pages import AdminPages
from rakerone_desktop.ui.banner import ErrorBanner
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.main_menus import MainMenus
from rakerone_desktop.ui.preserve import restore_state, save_state
from rakerone_desktop.ui.session_actions import SessionActions
from rakerone_desktop.ui.sidebar import SidebarPanel
from rakerone_desktop.ui.status_bar import KeysStatusBar
from rakerone_desktop.ui.theme import icon

if TYPE_CHECKING:
    from rakerone_desktop.api.errors import ApiError
    from rakerone_desktop.api.models import ApiKey, EventPage
    from rakerone_desktop.runtime.settings import Settings
    from rakerone_desktop.ui.audit_page import AuditLogPage
    from rakerone_desktop.ui.overview_page import OverviewPage

SEED_ADMIN_ONLY = (
    "The whole Admin group, including this page, is admin-only. If you don’t see it, ask an admin."
)


def window_title(server: str) -> str:
    """The title names the server (its port too when the address gives one)."""
    parts = urlsplit(server)
    host = parts.hostname or server
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return f"RakerOne — API keys ({host})"


class MainWindow(QMainWindow):
    """The signed-in admin's window.

    Its public surface is what the app connects to: the ``…Requested`` signals
    below, and the methods under "what the app tells the window". Nothing
    outside names its grandchildren (the table, its header, the details pane).
    """

    createKeyRequested = Signal()
    rotateRequested = Signal()
    revokeSelectedRequested = Signal()
    revokeRequested = Signal(list)  # key ids (a row's button, Delete, the details pane)
    enableRequested = Signal(list)  # key ids (the lifecycle banner's Enable, …)
    disableRequested = Signal(list)  # key ids
    findKeyRequested = Signal()
    exportRequested = Signal()
    refreshRequested = Signal()
    activityRequested = Signal(str, object)  # key id, cursor (None for the first page)
    switchServerRequested = Signal()
    sessionRequested = Signal()  # Help → Session…
    signOutRequested = Signal()
    quitRequested = Signal()
    aboutRequested = Signal()
    copyDiagnosticsRequested = Signal()
    revokeShownRequested = Signal()
    # Part 2 (only when the server offers them): edit in place, disable and enable.
    editRequested = Signal(str)  # key id, or "" for the selected key
    exportActivityRequested = Signal()
    readOnlyToggled = Signal(bool)
    preferencesRequested = Signal()
    #: An Admin page was built ("overviewPage", "auditLogPage"): on its first show, or
    #: when first asked for. Wire it to its controller then.
    pageBuilt = Signal(str)
    closed = Signal()

    def __init__(self, model: ApiKeysModel, server: str, user_name: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(window_title(server))
        self.setWindowIcon(icon("app"))
        self.resize(1280, 780)
        self.model = model
        self.server_features: ServerFeatures = PART_ONE
        self._settings: Settings | None = None
        self._read_only = False

        # Parents first, then children: with the app's style sheet, each move of a
        # built widget into a new parent styles its whole subtree again.
        self.splitter = QSplitter(self)
        self.setCentralWidget(self.splitter)
        side = SidebarPanel(self.splitter)
        self.sidebar = side.sidebar

        self.pages = QStackedWidget(self.splitter)
        self.keys_page = KeysPage(model, self.pages)
        self.pages.addWidget(self.keys_page)
        # Admin → Overview, Audit log (the sidebar entries now; each page on first show)
        self.admin_pages = AdminPages(self, self.sidebar, self.pages, self.keys_page, server)
        self.sidebar_items = self.admin_pages.items

        self.splitter.addWidget(side)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1100])

        self.menus = MainMenus(self, self.keys_page, model)
        menus = self.menus
        self.switch_action = menus.switch_action
        self.export_action = menus.export_action
        self.preferences_action = menus.preferences_action
        self.sign_out_action = menus.sign_out_action
        self.quit_action = menus.quit_action
        self.create_action = menus.create_action
        self.rotate_action = menus.rotate_action
        self.revoke_action = menus.revoke_action
        self.find_action = menus.find_action
        self.revoke_shown_action = menus.revoke_shown_action
        self.export_activity_action = menus.export_activity_action
        self.row_actions = menus.row_actions
        self.edit_action = menus.edit_action
        self.disable_action = menus.disable_action
        self.enable_action = menus.enable_action
        self.refresh_action = menus.refresh_action
        self.search_action = menus.search_action
        self.filter_group = menus.filter_group
        self.filter_actions = menus.filter_actions
        self.column_actions = menus.column_actions
        self.read_only_action = menus.read_only_action
        self.about_action = menus.about_action
        self.diagnostics_action = menus.diagnostics_action
        self.session_action = menus.session_action
        self.status = KeysStatusBar(user_name, self)
        self.setStatusBar(self.status)
        self.count_label = self.status.count_label
        self.refresh_label = self.status.refresh_label
        self.user_label = self.status.user_label
        self._connect_signals()
        self.update_counts()

    def _connect_signals(self) -> None:
        # File menu
        self.switch_action.triggered.connect(self.switchServerRequested.emit)
        self.export_action.triggered.connect(self.exportRequested.emit)
        self.preferences_action.triggered.connect(self.preferencesRequested.emit)
        self.sign_out_action.triggered.connect(self.signOutRequested.emit)
        self.quit_action.triggered.connect(self.quitRequested.emit)
        # Keys menu
        self.create_action.triggered.connect(self.createKeyRequested.emit)
        self.rotate_action.triggered.connect(self.rotateRequested.emit)
        self.revoke_action.triggered.connect(self.revokeSelectedRequested.emit)
        self.find_action.triggered.connect(self.findKeyRequested.emit)
        self.revoke_shown_action.triggered.connect(self.revokeShownRequested.emit)
        self.export_activity_action.triggered.connect(self.exportActivityRequested.emit)
        self.row_actions.editRequested.connect(self.editRequested)
        self.row_actions.disableRequested.connect(self.disableRequested)
        self.row_actions.enableRequested.connect(self.enableRequested)
        # View menu
        self.refresh_action.triggered.connect(self.refreshRequested.emit)
        self.search_action.triggered.connect(self.keys_page.focus_search)
        self.filter_group.triggered.connect(self._on_filter_chosen)
        for act in self.column_actions.values():
            act.toggled.connect(self._on_column_toggled)
        self.read_only_action.toggled.connect(self.readOnlyToggled.emit)
        # Help menu
        self.about_action.triggered.connect(self.aboutRequested.emit)
        self.diagnostics_action.triggered.connect(self.copyDiagnosticsRequested.emit)
        self.session_action.triggered.connect(self.sessionRequested.emit)
        # the keys page
        page = self.keys_page
        page.createRequested.connect(self.createKeyRequested.emit)
        page.refreshRequested.connect(self.refreshRequested.emit)
        page.revokeRequested.connect(self.revokeRequested.emit)
        page.enableRequested.connect(self.enableRequested.emit)
        page.disableRequested.connect(self.disableRequested.emit)
        page.selectionChanged.connect(self._on_key_selected)
        page.moreEventsRequested.connect(self.activityRequested.emit)
        page.exportActivityRequested.connect(self._on_export_activity)
        page.filterChanged.connect(self._sync_filter_actions)
        page.unusedDaysChanged.connect(self._on_unused_days)
        # the Admin pages, built on first show
        self.admin_pages.pageBuilt.connect(self.pageBuilt)
        # the model
        self.model.visibleRowsChanged.connect(self.update_counts)

    @property
    def overview_page(self) -> OverviewPage:
        """Admin → Overview (built now if it has not been shown yet)."""
        return self.admin_pages.overview_page

    @property
    def audit_page(self) -> AuditLogPage:
        """Admin → Audit log (built now if it has not been shown yet)."""
        return self.admin_pages.audit_page

    @property
    def row_menu(self) -> QMenu | None:
        """The row menu last opened (right click, the Menu key, Shift+F10)."""
        return self.row_actions.row_menu

    def _sync_lifecycle_actions(self) -> None:
        self.row_actions.sync(self.server_features, read_only=self._read_only)

    def _on_filter_chosen(self, action: QAction) -> None:
        self.keys_page.set_filter(str(action.data()))

    def _on_column_toggled(self, _checked: bool) -> None:
        for col, act in self.column_actions.items():
            shown = act.isChecked() and self.keys_page.offers_column(col)
            self.keys_page.table.setColumnHidden(col, not shown)
        self._save_columns()

    def _on_key_selected(self, key: ApiKey | None) -> None:
        if key is not None:
            self.activityRequested.emit(key.id, None)

    def _on_export_activity(self, _key_id: str) -> None:
        self.exportActivityRequested.emit()

    def _on_unused_days(self, days: int) -> None:
        self.menus.set_unused_days(days)

    def set_column_visible(self, column: Column, visible: bool) -> None:
        self.keys_page.table.setColumnHidden(
            column, not (visible and self.keys_page.offers_column(column))
        )
        act = self.column_actions.get(column)
        if act is not None and act.isChecked() != visible:
            act.setChecked(visible)

    def visible_optional_columns(self) -> list[Column]:
        return [c for c in OPTIONAL_COLUMNS if not self.keys_page.table.isColumnHidden(c)]

    def _sync_filter_actions(self, name: str) -> None:
        self.menus.check_filter(name)

    def set_server_features(self, features: ServerFeatures) -> None:
        """What the server offers beyond part 1: part-2 controls show only when offered."""
        self.server_features = features
        self.keys_page.set_server_features(features)
        # Part-2 filters and columns: in the View menu only when offered.
        self.menus.sync_filters(self.keys_page)
        for col, act in self.column_actions.items():
            offered = self.keys_page.offers_column(col)
            act.setVisible(offered)
            self.keys_page.table.setColumnHidden(col, not (offered and act.isChecked()))
        self._sync_lifecycle_actions()
        self.admin_pages.set_server_features(features)

    def show_page(self, name: str) -> None:
        """Switch to the page ``name``: "keysPage", "overviewPage" or "auditLogPage"."""
        self.admin_pages.show_page(name)

    def set_read_only(self, read_only: bool, *, locked: bool = False) -> None:
        """Hide every action that changes keys; ``locked`` when the command line said so."""
        for a in (
            self.create_action,
            self.rotate_action,
            self.revoke_action,
            self.revoke_shown_action,
        ):
            a.setVisible(not read_only)
            a.setEnabled(not read_only)
        self.keys_page.set_read_only(read_only)
        self._read_only = read_only
        self._sync_lifecycle_actions()
        self.read_only_action.blockSignals(True)
        self.read_only_action.setChecked(read_only)
        self.read_only_action.blockSignals(False)
        self.read_only_action.setEnabled(not locked)
        title = self.windowTitle().removesuffix(self.tr(" — read-only"))
        self.setWindowTitle(title + (self.tr(" — read-only") if read_only else ""))

    # -- the remembered layout -----------------------------------------------------------

    def restore_layout(self, settings: Settings) -> None:
        """Size and place, the sidebar's width, the table's columns, sort and filter as
        saved last time; from now on they are saved as they change and when the
        window closes."""
        self._settings = settings
        restore_state(settings, Options.window_geometry, self.restoreGeometry)
        restore_state(settings, Options.splitter_state, self.splitter.restoreState)
        self.keys_page.restore_layout(settings)
        names: list[str] = settings.get(Options.shown_columns)
        shown = set(names)
        for col in self.column_actions:
            self.set_column_visible(col, col.name in shown)

    def save_layout(self) -> None:
        save_state(self._settings, Options.window_geometry, self.saveGeometry())
        save_state(self._settings, Options.splitter_state, self.splitter.saveState())
        self.keys_page.save_layout()

    def _save_columns(self) -> None:
        if self._settings is not None:
            # What the person chose, also of columns this server doesn't offer.
            self._settings.set(Options.shown_columns, self.menus.chosen_columns())

    # -- what the app tells the window ---------------------------------------------------

    def set_loading(self, loading: bool) -> None:
        self.keys_page.set_loading(loading)

    def show_loaded(self, when: datetime) -> None:
        """A refresh finished: say when, drop an earlier error, update the details."""
        self.set_last_refresh(when)
        self.keys_page.banner.hide()
        self.keys_page.refresh_details()

    def show_load_error(self, error: ApiError | str) -> None:
        self.keys_page.banner.show_error(error)

    def show_notice(self, text: str) -> None:
        """A notice, not an error (it stays until dismissed; refreshes don't hide it)."""
        self.keys_page.notice.show_error(text, retry=False)

    def hide_notice(self) -> None:
        self.keys_page.notice.hide()

    def refresh_details(self, _catalog: object = None) -> None:
        self.keys_page.refresh_details()

    def show_events(self, key_id: str, page: EventPage, append: bool = False) -> None:
        self.keys_page.details.show_events(key_id, page, append)

    def show_events_error(self, key_id: str, error: object) -> None:
        self.keys_page.details.show_events_error(key_id, error)

    # -- status ------------------------------------------------------------------------

    def update_counts(self) -> None:
        self.status.show_counts(*self.model.counts())

    def set_last_refresh(self, when: datetime) -> None:
        self.status.set_last_refresh(when)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.closed.emit()
        super().closeEvent(event)


class AdminOnlyWindow(QMainWindow):
    """What a member (non-admin) sees after signing in: the seed's own words, and the
    main window's File → Switch server…, Sign out, Quit and Help → Session…."""

    switchServerRequested = Signal()
    sessionRequested = Signal()
    signOutRequested = Signal()
    closed = Signal()

    def __init__(self, server: str, user_name: str) -> None:
        super().__init__()
        self.setObjectName("adminOnlyWindow")
        self.setWindowTitle(window_title(server))
        self.setWindowIcon(icon("app"))
        self.resize(720, 420)
        title = QLabel(self.tr("API keys"))
        title.setProperty("role", "pageTitle")
        self.message = QLabel(self.tr(SEED_ADMIN_ONLY))
        self.message.setObjectName("adminOnlyMessage")
        self.message.setWordWrap(True)
        who = QLabel(self.tr("Signed in as %1").replace("%1", user_name))
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setProperty("role", "hint")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(who)
        self.notice = ErrorBanner(self, object_name="noticeBanner")
        layout.addWidget(self.notice)
        layout.addStretch(1)
        self.setCentralWidget(body)
        actions = SessionActions(self)
        self.switch_action = actions.switch_action
        self.sign_out_action = actions.sign_out_action
        self.quit_action = actions.quit_action
        self.session_action = actions.session_action
        bar = self.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        file_menu.addAction(self.switch_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_out_action)
        file_menu.addAction(self.quit_action)
        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        help_menu.addAction(self.session_action)
        self.switch_action.triggered.connect(self.switchServerRequested.emit)
        self.sign_out_action.triggered.connect(self.signOutRequested.emit)
        self.quit_action.triggered.connect(self.close)
        self.session_action.triggered.connect(self.sessionRequested.emit)

    def show_notice(self, text: str) -> None:
        self.notice.show_error(text, retry=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
