"""Sign-in throttling, as the person at the screen meets it (issue #6, item 6).

After five wrong passwords for one email within a minute, every attempt for
that email, right or wrong, is refused with ``429`` for the rest of the
minute (``tests/sandbox/test_sessions.py`` checks the server). The dialog
says when to try again, keeps what was typed, and another account can still
sign in from it.
"""

from __future__ import annotations

import re

import pytest

from tests.support.qt_helpers import MAX_FREEZE_S, Heartbeat, visible_message_boxes

pytestmark = pytest.mark.integration


def _attempt(qtbot, controller, password: str) -> str:
    dialog = controller.sign_in_dialog
    dialog.password_field.setText(password)
    with qtbot.waitSignal(controller.session.signInFailed, timeout=20_000):
        dialog.sign_in_button.click()
    shown = [
        label.text()
        for label in (dialog.server_error, dialog.email_error, dialog.password_error,
                      dialog.general_error)
        if label.isVisible()
    ]  # fmt: skip
    assert len(shown) == 1, shown
    return shown[0]


def test_five_failures_throttle_the_email_and_the_dialog_says_for_how_long(
    qtbot, start_app, empty_sandbox
):
    info = empty_sandbox
    controller = start_app("--server", info.url)
    dialog = controller.sign_in_dialog
    dialog.server_field.setText(info.url)
    dialog.email_field.setText(info.admin_email)
    beat = Heartbeat().start()
    for n in range(5):
        assert _attempt(qtbot, controller, f"wrong password {n}") == "Wrong email or password"
    # The sixth, even with the right password, is refused for a while.
    text = _attempt(qtbot, controller, info.admin_password or "")
    match = re.fullmatch(r"Too many failed attempts\. Try again in (\d+) seconds?\.", text)
    assert match, text
    assert 1 <= int(match.group(1)) <= 60
    assert beat.stop() < MAX_FREEZE_S
    assert visible_message_boxes() == []
    # Everything typed is still there.
    assert dialog.server_field.text() == info.url
    assert dialog.email_field.text() == info.admin_email
    assert dialog.password_field.text() == (info.admin_password or "")
    assert dialog.sign_in_button.isEnabled()
    assert controller.current is None

    # Another account is not affected.
    dialog.email_field.setText(info.member_email)
    dialog.password_field.setText(info.member_password or "")
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    assert blocker.args[0].objectName() == "adminOnlyWindow"
