"""Names for the controls Qt creates inside the app's widgets.

Assistive technology sees a widget's internal children too: each action
inside a ``QLineEdit`` (its clear button, an icon added with ``addAction``)
is a push button to a screen reader, and without a name it is announced as
just "button". Every such child gets a name here (``tests/ui/test_accessibility.py``
walks the accessibility tree of every screen and fails on an unnamed one).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

# The object name Qt gives the action behind a line edit's clear button
# (QLineEdit::setClearButtonEnabled, the same since Qt 5.2).
CLEAR_ACTION = "_q_qlineeditclearaction"


def name_clear_button(edit: QLineEdit, name: str) -> None:
    """Give ``edit``'s clear button (enabled with ``setClearButtonEnabled``) a name.

    The button takes its text, and so its accessible name and tooltip, from
    its action.
    """
    action = edit.findChild(QAction, CLEAR_ACTION)
    if action is not None:
        action.setText(name)
