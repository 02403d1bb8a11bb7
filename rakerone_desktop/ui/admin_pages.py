"""Admin → Overview and Admin → Audit log: their sidebar entries, pages and the way
back to the API keys page (a count's filter, an audit target's key).

The main window holds one :class:`AdminPages` and wires nothing else for them;
the audit log's entry shows only when the server offers ``audit_log``.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from rakerone_desktop.models.audit_model import AuditLogModel
from rakerone_desktop.models.keys_model import ApiKeysModel, KeyFilter
from rakerone_desktop.models.server_features import AUDIT_LOG, ServerFeatures
from rakerone_desktop.ui.audit_page import AuditLogPage
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.overview_page import OverviewPage
from rakerone_desktop.ui.theme import icon

KEYS_PAGE = "keysPage"


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
        model = keys_page.model
        self._model = model
        self.overview_page = OverviewPage(server, pages)
        self.overview_page.set_unused_days(model.unused_days)
        self.audit_page = AuditLogPage(AuditLogModel(self), pages)
        self._page_of: dict[str, QWidget] = {}
        self.items: dict[str, QListWidgetItem] = {}
        for page, glyph, text in (
            (self.overview_page, "app", self.tr("Overview")),
            (self.audit_page, "search", self.tr("Audit log")),
        ):
            item = QListWidgetItem(icon(glyph), text)
            item.setData(Qt.ItemDataRole.UserRole, page.objectName())
            sidebar.addItem(item)
            pages.addWidget(page)
            self._page_of[page.objectName()] = page
            self.items[page.objectName()] = item
        self.items["auditLogPage"].setHidden(True)
        sidebar.currentItemChanged.connect(self._on_sidebar_item)
        self.overview_page.filterRequested.connect(self.show_keys_filtered)
        self.audit_page.keyTargetActivated.connect(self.show_key)
        # The model's method, not the window's: no reference cycle through the window.
        self.audit_page.set_key_lookup(functools.partial(key_id_for, model))
        keys_page.unusedDaysChanged.connect(self.overview_page.set_unused_days)

    def _on_sidebar_item(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        name = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        self._pages.setCurrentWidget(self._page_of.get(str(name), self._keys_page))

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
        audit_item = self.items["auditLogPage"]
        audit_item.setHidden(not features.offers(AUDIT_LOG))
        if audit_item.isHidden() and self._pages.currentWidget() is self.audit_page:
            self.show_page(KEYS_PAGE)
