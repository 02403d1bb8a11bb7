"""The actions of every signed-in window, an admin's main window and a member's
admin-only window alike: File → Switch server…, Sign out, Quit and Help → Session….

Their texts are the main window's (translated in the ``MainWindow`` context); the
window puts them in its menus and says what they do with its signals."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


def make_action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


class SessionActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.switch_action = make_action(
            window, QCoreApplication.translate("MainWindow", "S&witch server…")
        )
        self.sign_out_action = make_action(
            window, QCoreApplication.translate("MainWindow", "Sign &out")
        )
        self.quit_action = make_action(
            window,
            QCoreApplication.translate("MainWindow", "&Quit"),
            QKeySequence.StandardKey.Quit,
        )
        self.session_action = make_action(
            window, QCoreApplication.translate("MainWindow", "&Session…")
        )
        self.session_action.setToolTip(
            QCoreApplication.translate("MainWindow", "Server, account, when the session ends")
        )
