"""Enter in each dialog does what the dialog's default button says, also after the
focus has been on another button (a button that takes the focus can take the
default with it, and then Enter would do something else)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from rakerone_desktop.domain.keyformat import generate_key
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog
from rakerone_desktop.ui.find_key_dialog import FindKeyDialog
from rakerone_desktop.ui.revoke_dialog import RevokeDialog
from tests.support.factories import make_key


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _visit_every_button(dialog) -> None:
    """Focus each visible button in turn, as Tab would, then leave them."""
    for button in dialog.findChildren(QPushButton):
        if button.isVisible() and button.isEnabled():
            button.setFocus(Qt.FocusReason.TabFocusReason)


def test_enter_in_find_by_value_finds(qtbot):
    dialog = _shown(qtbot, FindKeyDialog())
    _visit_every_button(dialog)
    dialog.field.setFocus()
    dialog.field.setText(generate_key())
    with qtbot.waitSignal(dialog.lookupRequested, timeout=2_000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_enter_in_the_copy_dialog_copies_and_never_closes_it(qtbot):
    clipboard = SecretClipboard(clear_after_seconds=0)
    dialog = _shown(qtbot, CopyKeyDialog(generate_key(), "Webhook relay", clipboard))
    _visit_every_button(dialog)
    dialog.secret_field.setFocus()
    with qtbot.waitSignal(dialog.copied, timeout=2_000):
        qtbot.keyClick(dialog.secret_field, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Done is never what Enter means before the key is copied


def test_enter_in_the_revoke_dialog_cancels_whatever_had_the_focus(qtbot):
    dialog = _shown(qtbot, RevokeDialog([make_key("Webhook relay")]))
    _visit_every_button(dialog)
    revoked = []
    dialog.confirmed.connect(revoked.append)
    dialog.setFocus()  # on no button: Enter goes to the default one
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible() and revoked == []  # Revoke is never the default
