"""Admin → Overview and Admin → Audit log: their sidebar entries, pages and the way
back to the API keys page (a count's filter, an audit target's key).

The main window holds one :class:`AdminPages` and wires nothing else for them;
the audit log's entry shows only when the server offers ``audit_log``.

The sidebar entries exist from the start; each page (and the modules it needs)
is built the first time its entry is chosen, or the first time someone asks
for it (``overview_page``, ``audit_page``), and :attr:`AdminPages.pageBuilt`
says so, for whoever wires the page to its controller.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from rakerone_desktop.models.keys_model import ApiKeysModel, KeyFilter
from rakerone_desktop.models.server_features import AUDIT_LOG, ServerFeatures
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.theme import icon

if TYPE_CHECKING:
    from rakerone_desktop.ui.audit_page import AuditLogPage
    from rakerone_desktop.ui.overview_page import OverviewPage

KEYS_PAGE = "keysPage"
OVERVIEW_PAGE = "overviewPage"
AUDIT_LOG_PAGE = "auditLogPage"


def key_id_for(model: ApiKeysModel, text: str) -> str | None:
    """The id of the loaded key whose id or name (any case) is ``text``."""
    if model.key_by_id(text) is not None:
        return text
    wanted = text.casefold()
    for key in model.all_keys():
        if key.name.casefold() == wanted:
            return key.id
    return None


class AdminPages(QObject):
    #: A page was built (its objectName): connect it now, before it is first shown.
    pageBuilt = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        sidebar: QListWidget,
        pages: QStackedWidget,
        keys_page: KeysPage,
        server: str,
    ) -> None:
        super().__init__(window)  # no Python reference back to the window: no cycle
        self._sidebar = sidebar
        self._pages = pages
        self._keys_page = keys_page
        self._server = server
        self._model = keys_page.model
        self._overview: OverviewPage | None = None
        self._audit: AuditLogPage | None = None
        self.items: dict[str, QListWidgetItem] = {}
        for name, glyph, text in (
            (OVERVIEW_PAGE, "app", self.tr("Overview")),
            (AUDIT_LOG_PAGE, "search", self.tr("Audit log")),
        ):
            item = QListWidgetItem(icon(glyph), text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            sidebar.addItem(item)
            self.items[name] = item
        self.items[AUDIT_LOG_PAGE].setHidden(True)
        sidebar.currentItemChanged.connect(self._on_sidebar_item)
        keys_page.unusedDaysChanged.connect(self._on_unused_days)

    # -- the pages, built on first use ------------------------------------------------------

    @property
    def built(self) -> frozenset[str]:
        """The objectNames of the pages built so far."""
        return frozenset(
            name
            for name, page in ((OVERVIEW_PAGE, self._overview), (AUDIT_LOG_PAGE, self._audit))
            if page is not None
        )

    @property
    def overview_page(self) -> OverviewPage:
        if self._overview is None:
            from rakerone_desktop.ui.overview_page import OverviewPage

            page = OverviewPage(self._server, self._pages)
            page.set_unused_days(self._model.unused_days)
            page.filterRequested.connect(self.show_keys_filtered)
            self._pages.addWidget(page)
            self._overview = page
            self.pageBuilt.emit(OVERVIEW_PAGE)
        return self._overview

    @property
    def audit_page(self) -> AuditLogPage:
        if self._audit is None:
            from rakerone_desktop.models.audit_model import AuditLogModel
            from rakerone_desktop.ui.audit_page import AuditLogPage

            page = AuditLogPage(AuditLogModel(self), self._pages)
            page.keyTargetActivated.connect(self.show_key)
            # The model's method, not the window's: no reference cycle through the window.
            page.set_key_lookup(functools.partial(key_id_for, self._model))
            self._pages.addWidget(page)
            self._audit = page
            self.pageBuilt.emit(AUDIT_LOG_PAGE)
        return self._audit

    def _page(self, name: str) -> QWidget:
        if name == OVERVIEW_PAGE:
            return self.overview_page
        if name == AUDIT_LOG_PAGE:
            return self.audit_page
        return self._keys_page

    def _on_unused_days(self, days: int) -> None:
        if self._overview is not None:  # a page built later reads the model's
            self._overview.set_unused_days(days)

    # -- switching ----------------------------------------------------------------------------

    def _on_sidebar_item(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        name = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        self._pages.setCurrentWidget(self._page(str(name)))

    def show_page(self, name: str) -> None:
        """Switch the sidebar to the page ``name`` ("keysPage" or a page's objectName)."""
        self._sidebar.setCurrentItem(self.items.get(name) or self._sidebar.item(0))

    def show_keys_filtered(self, filter_name: str) -> None:
        """The API keys page with only the filter ``filter_name`` (a name this build
        doesn't know shows all keys)."""
        self.show_page(KEYS_PAGE)
        page = self._keys_page
        page.show_all()
        known = page.filter_box.findData(filter_name) >= 0
        page.set_filter(filter_name if known else KeyFilter.ALL)

    def show_key(self, key_id: str) -> None:
        """The API keys page with ``key_id`` selected and on screen."""
        self.show_page(KEYS_PAGE)
        if self._model.key_by_id(key_id) is None:
            window = self.parent()
            assert isinstance(window, QMainWindow)
            window.statusBar().showMessage(self.tr("That key is not in the loaded list."), 10_000)
            return
        self._keys_page.show_all_for(key_id)

    def set_server_features(self, features: ServerFeatures) -> None:
        audit_item = self.items[AUDIT_LOG_PAGE]
        audit_item.setHidden(not features.offers(AUDIT_LOG))
        if (
            audit_item.isHidden()
            and self._audit is not None
            and self._pages.currentWidget() is self._audit
        ):
            self.show_page(KEYS_PAGE)
