"""The copy-once dialog never exposes the key to assistive technology.

On Linux, AT-SPI lets any process on the session bus read what a widget
exposes: its name, description, value and text. The key field says what it
holds ("API key, 47 characters, ending in …XyZ9") and never the value, while
Copy still copies the real key.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtGui import QAccessible, QGuiApplication

from rakerone_desktop.domain.keyformat import generate_key
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.copy_key_dialog import CopyKeyDialog

TEXTS = (
    QAccessible.Text.Name,
    QAccessible.Text.Description,
    QAccessible.Text.Value,
    QAccessible.Text.Help,
    QAccessible.Text.Accelerator,
    QAccessible.Text.UserText,
)


def everything_exposed(interface) -> list[str]:
    """Every string assistive technology can read from ``interface`` and its children."""
    out = [interface.text(kind) for kind in TEXTS]
    text = interface.textInterface()
    if text is not None:
        out.append(text.text(0, text.characterCount()))
    for i in range(interface.childCount()):
        child = interface.child(i)
        if child is not None:
            out.extend(everything_exposed(child))
    return out


def _dialog(qtbot, secret: str) -> tuple[CopyKeyDialog, SecretClipboard]:
    clipboard = SecretClipboard(clear_after_seconds=0)
    dialog = CopyKeyDialog(secret, "Webhook relay", clipboard)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog, clipboard


def test_the_key_field_describes_the_key_without_exposing_it(qtbot):
    secret = generate_key()
    dialog, clipboard = _dialog(qtbot, secret)
    field = dialog.secret_field
    assert field.text() == secret  # shown on screen as before
    gc.collect()  # the interface must outlive Python's garbage collection
    interface = QAccessible.queryAccessibleInterface(field)
    assert interface.role() == QAccessible.Role.EditableText
    assert interface.text(QAccessible.Text.Name) == "Your new API key"
    expected = f"API key, {len(secret)} characters, ending in …{secret[-4:]}"
    assert interface.text(QAccessible.Text.Description) == expected
    assert interface.text(QAccessible.Text.Value) == expected
    assert interface.textInterface() is None
    assert interface.state().readOnly
    for exposed in everything_exposed(interface):
        assert secret[5:15] not in exposed

    # The whole dialog, as a screen reader walks it, holds no part of the key.
    window = QAccessible.queryAccessibleInterface(dialog)
    exposed = everything_exposed(window)
    assert expected in exposed
    assert not [text for text in exposed if secret[5:15] in text]

    # Copy still copies the real value.
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == secret
    dialog.finish()
    assert field.text() == ""
    assert interface.text(QAccessible.Text.Description) == "API key, not shown"
    clipboard.clear_if_ours()


def test_the_interface_goes_with_its_dialog(qtbot):
    # Qt's accessibility cache deletes the interface with its widget; nothing
    # dangles for the next dialog (a crash here would end the test run).
    for _ in range(3):
        secret = generate_key()
        dialog, clipboard = _dialog(qtbot, secret)
        interface = QAccessible.queryAccessibleInterface(dialog.secret_field)
        assert secret[-4:] in interface.text(QAccessible.Text.Description)
        dialog.finish()
        dialog.deleteLater()
        qtbot.waitUntil(lambda d=dialog: not shiboken6.isValid(d), timeout=5000)
        gc.collect()
        clipboard.clear_if_ours()
