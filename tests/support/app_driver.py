"""Driving the real app like a person: sign in, wait for the keys to load."""

from __future__ import annotations

from rakerone_desktop import app as appmod
from rakerone_desktop.sandbox.launcher import ReadyInfo


def sign_in(
    qtbot,
    controller: appmod.Application,
    info: ReadyInfo,
    *,
    member: bool = False,
    remember: bool = False,
):
    """Fill in the sign-in dialog like a person and wait for the window that follows."""
    dialog = controller.sign_in_dialog
    assert dialog is not None
    dialog.server_field.setText(info.url)
    dialog.email_field.setText(info.member_email if member else info.admin_email)
    dialog.password_field.setText((info.member_password if member else info.admin_password) or "")
    dialog.remember_checkbox.setChecked(remember)
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    return blocker.args[0]


def wait_loaded(qtbot, controller: appmod.Application) -> None:
    current = controller.current
    assert current is not None and current.keys is not None
    keys = current.keys
    qtbot.waitUntil(
        lambda: keys.has_loaded and not keys.loading and bool(keys.model.catalog), timeout=20_000
    )
