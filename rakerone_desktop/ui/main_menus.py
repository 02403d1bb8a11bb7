"""The main window's menu bar: File, Keys, View and Help, and their actions.

Its texts are the main window's (translated in the ``MainWindow`` context); the
window connects the actions to what they do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow

from rakerone_desktop.models.keys_model import (
    OPTIONAL_COLUMNS,
    ApiKeysModel,
    Column,
    KeyFilter,
    column_title,
    filter_label,
)
from rakerone_desktop.ui.key_row_menu import KeyRowActions
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.session_actions import SessionActions, make_action


class MainMenus(QObject):
    def __init__(self, window: QMainWindow, keys_page: KeysPage, model: ApiKeysModel) -> None:
        super().__init__(window)
        self._window = window
        bar = window.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        # Switch server, Sign out, Quit and Session: a member's window has them too.
        self.session_actions = SessionActions(window)
        self.switch_action = self.session_actions.switch_action
        self.export_action = self._action(
            QCoreApplication.translate("MainWindow", "&Export keys as CSV…"), "Ctrl+E"
        )
        self.preferences_action = self._action(
            QCoreApplication.translate("MainWindow", "&Preferences…"),
            QKeySequence.StandardKey.Preferences,
        )
        self.sign_out_action = self.session_actions.sign_out_action
        self.quit_action = self.session_actions.quit_action
        for a in (self.switch_action, self.export_action, self.preferences_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_out_action)
        file_menu.addAction(self.quit_action)

        keys_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Keys"))
        self.create_action = self._action(
            QCoreApplication.translate("MainWindow", "&Create key…"), "Ctrl+N"
        )
        self.rotate_action = self._action(QCoreApplication.translate("MainWindow", "R&otate…"))
        self.revoke_action = self._action(QCoreApplication.translate("MainWindow", "&Revoke…"))
        self.revoke_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        # Delete acts on the table only; typing in the search field must not revoke.
        # The one binding of Delete: this action, on the table.
        self.revoke_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        keys_page.table.addAction(self.revoke_action)
        self.find_action = self._action(
            QCoreApplication.translate("MainWindow", "&Find key by value…"), "Ctrl+Shift+F"
        )
        self.revoke_shown_action = self._action(
            QCoreApplication.translate("MainWindow", "Revoke all &shown keys…")
        )
        self.export_activity_action = self._action(
            QCoreApplication.translate("MainWindow", "Export &activity of the selected key…")
        )
        self.row_actions = KeyRowActions(window, keys_page, self.rotate_action, self.revoke_action)
        self.edit_action = self.row_actions.edit_action
        self.disable_action = self.row_actions.disable_action
        self.enable_action = self.row_actions.enable_action
        keys_menu.addAction(self.create_action)
        keys_menu.addAction(self.edit_action)
        for a in (self.rotate_action, self.disable_action, self.enable_action, self.revoke_action):
            keys_menu.addAction(a)
        keys_menu.addAction(self.revoke_shown_action)
        keys_menu.addSeparator()
        keys_menu.addAction(self.find_action)
        keys_menu.addAction(self.export_activity_action)

        view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
        self.refresh_action = self._action(
            QCoreApplication.translate("MainWindow", "&Refresh"), QKeySequence.StandardKey.Refresh
        )
        if self.refresh_action.shortcut() != QKeySequence("F5"):
            self.refresh_action.setShortcuts([QKeySequence("F5"), self.refresh_action.shortcut()])
        self.search_action = self._action(
            QCoreApplication.translate("MainWindow", "&Search"), QKeySequence.StandardKey.Find
        )
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.search_action)
        view_menu.addSeparator()
        self.filter_group = QActionGroup(window)
        self.filter_actions: dict[str, QAction] = {}
        for name in KeyFilter.ORDER:
            act = QAction(filter_label(name, model.unused_days), window, checkable=True)
            act.setData(name)
            self.filter_group.addAction(act)
            view_menu.addAction(act)
            act.setVisible(keys_page.offers_filter(name))
            self.filter_actions[name] = act
        self.filter_actions[KeyFilter.ALL].setChecked(True)
        view_menu.addSeparator()
        columns_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Columns"))
        self.column_actions: dict[Column, QAction] = {}
        for col in OPTIONAL_COLUMNS:
            act = QAction(column_title(col), window, checkable=True)
            act.setVisible(keys_page.offers_column(col))
            columns_menu.addAction(act)
            self.column_actions[col] = act
        view_menu.addSeparator()
        self.read_only_action = QAction(
            QCoreApplication.translate("MainWindow", "Read-&only mode"), window, checkable=True
        )
        self.read_only_action.setToolTip(
            QCoreApplication.translate("MainWindow", "Hide every action that changes keys")
        )
        view_menu.addAction(self.read_only_action)

        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        self.about_action = self._action(
            QCoreApplication.translate("MainWindow", "&About RakerOne Desktop")
        )
        self.diagnostics_action = self._action(
            QCoreApplication.translate("MainWindow", "Copy &diagnostics")
        )
        self.diagnostics_action.setToolTip(
            QCoreApplication.translate(
                "MainWindow",
                "Versions, server and recent errors for a support ticket; never a secret",
            )
        )
        help_menu.addAction(self.diagnostics_action)
        self.session_action = self.session_actions.session_action
        help_menu.addAction(self.session_action)
        help_menu.addAction(self.about_action)

        keys_page.table.addAction(self.revoke_action)

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        return make_action(self._window, text, shortcut)

    def sync_filters(self, keys_page: KeysPage) -> None:
        """Part-2 filters: in the View menu only when offered."""
        for name, act in self.filter_actions.items():
            act.setVisible(keys_page.offers_filter(name))

    def check_filter(self, name: str) -> None:
        act = self.filter_actions.get(name)
        if act is not None:
            act.setChecked(True)

    def set_unused_days(self, days: int) -> None:
        self.filter_actions[KeyFilter.UNUSED].setText(filter_label(KeyFilter.UNUSED, days))

    def chosen_columns(self) -> list[str]:
        """The optional columns the person chose, also those this server doesn't offer."""
        return [c.name for c, act in self.column_actions.items() if act.isChecked()]
