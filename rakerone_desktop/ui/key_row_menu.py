"""The key actions of part 2 in the window: Keys → Edit…, Disable, Enable, and the row menu.

The row menu (right click, the Menu key, Shift+F10) holds the Keys menu's key
actions: Edit…, Disable, Enable, Rotate…, Revoke…, those visible only. Edit,
Disable and Enable show only when the server offers them and read-only mode
is off.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from rakerone_desktop.models.server_features import KEY_DISABLE, KEY_METADATA, ServerFeatures
from rakerone_desktop.ui.keys_page import KeysPage


class KeyRowActions(QObject):
    editRequested = Signal(str)  # key id, or "" for the selected key
    disableRequested = Signal(list)  # key ids
    enableRequested = Signal(list)  # key ids

    def __init__(
        self,
        window: QWidget,
        page: KeysPage,
        rotate_action: QAction,
        revoke_action: QAction,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._page = page
        self._rotate = rotate_action
        self._revoke = revoke_action
        self.row_menu: QMenu | None = None
        self.edit_action = self._action(self.tr("&Edit…"), "F2")
        self.disable_action = self._action(self.tr("&Disable"), "Ctrl+D")
        self.enable_action = self._action(self.tr("E&nable"), "Ctrl+Shift+D")
        self.edit_action.triggered.connect(lambda: self.editRequested.emit(""))
        self.disable_action.triggered.connect(
            lambda: self.disableRequested.emit(self._selected_ids())
        )
        self.enable_action.triggered.connect(
            lambda: self.enableRequested.emit(self._selected_ids())
        )
        table = page.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_row_menu)
        # The Menu key and Shift+F10 open the row menu at the current row on every
        # platform (some deliver no context-menu event for them).
        self.row_menu_action = QAction(self.tr("Key actions"), window)
        self.row_menu_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")]
        )
        self.row_menu_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.row_menu_action.triggered.connect(self._row_menu_from_keyboard)
        table.addAction(self.row_menu_action)
        details = page.details
        details.editRequested.connect(self.editRequested.emit)
        details.disableRequested.connect(lambda key_id: self.disableRequested.emit([key_id]))
        details.enableRequested.connect(lambda key_id: self.enableRequested.emit([key_id]))
        self.sync(ServerFeatures(), read_only=False)

    def _action(self, text: str, shortcut: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(shortcut))
        return action

    def _selected_ids(self) -> list[str]:
        return [k.id for k in self._page.selected_keys()]

    def show_row_menu(self, pos: QPoint) -> None:
        table = self._page.table
        menu = QMenu(self._window)
        menu.setObjectName("keyRowMenu")
        menu.setAccessibleName(self.tr("Key actions"))
        for action in (
            self.edit_action,
            self.disable_action,
            self.enable_action,
            self._rotate,
            self._revoke,
        ):
            if action.isVisible():
                menu.addAction(action)
        if menu.isEmpty():
            menu.deleteLater()
            return
        menu.aboutToHide.connect(menu.deleteLater)
        self.row_menu = menu
        menu.popup(table.viewport().mapToGlobal(pos))

    def _row_menu_from_keyboard(self) -> None:
        table = self._page.table
        rect = table.visualRect(table.currentIndex())
        self.show_row_menu(rect.center() if rect.isValid() else table.viewport().rect().center())

    def sync(self, features: ServerFeatures, *, read_only: bool) -> None:
        """Show what the server offers, unless read-only mode is on."""
        offers_edit = features.offers(KEY_METADATA)
        offers_disable = features.offers(KEY_DISABLE)
        for action, offered in (
            (self.edit_action, offers_edit),
            (self.disable_action, offers_disable),
            (self.enable_action, offers_disable),
        ):
            action.setVisible(offered and not read_only)
            action.setEnabled(offered and not read_only)
        self._page.details.set_offers(edit=offers_edit, disable=offers_disable)
