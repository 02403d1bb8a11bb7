"""The lifecycle dialogs and fields on their own (no server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rakerone_desktop.api.errors import KeyInactiveError, ServerError
from rakerone_desktop.api.models import KeyPolicy, Organization
from rakerone_desktop.models.server_features import ServerFeatures
from rakerone_desktop.ui.edit_key_dialog import EditKeyDialog
from rakerone_desktop.ui.key_fields import ExpiryField, parse_tags
from rakerone_desktop.ui.rotate_dialog import RotateKeyDialog
from tests.support.factories import CATALOG, make_key

ALL = ("key_expiry", "key_disable", "key_metadata", "key_rotate")


def features(**policy: object) -> ServerFeatures:
    return ServerFeatures(Organization("org_1", "Org", ALL, KeyPolicy(**policy)))  # type: ignore[arg-type]


def live_key(**changes: object):
    key = msgspec.structs.replace(make_key(), status="active", version=3)
    return msgspec.structs.replace(key, **changes)


def test_tags_follow_the_contract():
    assert parse_tags("Billing, prod  team:eu") == (["billing", "prod", "team:eu"], None)
    assert parse_tags("")[1] is None
    assert parse_tags("-x")[1] is not None  # must start with a letter or digit
    assert parse_tags("a" * 41)[1] is not None
    assert parse_tags("a, A")[1] is not None  # equal once lowercased
    assert parse_tags(" ".join(f"t{i}" for i in range(21)))[1] is not None


def test_a_policy_maximum_hides_never_and_caps_the_presets(qtbot):
    field = ExpiryField(KeyPolicy(max_lifetime_days=60, default_lifetime_days=30))
    qtbot.addWidget(field)
    data = [field.choice.itemData(i) for i in range(field.choice.count())]
    assert "never" not in data
    assert data == [7, 30, 60, "date"]
    assert field.choice.currentData() == 30
    assert "60 days" in field.limit.text()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert field.value(now) == now + timedelta(days=30)


def test_no_policy_default_preselects_never(qtbot):
    field = ExpiryField(KeyPolicy())
    qtbot.addWidget(field)
    assert field.choice.currentData() == "never"
    assert field.value() is None


def test_edit_explains_a_key_inactive_answer_and_keeps_the_input(qtbot):
    dialog = EditKeyDialog(live_key(), {p.id: p for p in CATALOG}, features())
    qtbot.addWidget(dialog)
    dialog.name_field.setText("Typed name")
    dialog.set_busy(True)
    dialog.show_failure(KeyInactiveError("inactive", status=409, request_id="req_409"))
    assert "can't be edited any more" in dialog.error.text()
    assert "req_409" in dialog.error.text()
    assert dialog.name_field.text() == "Typed name"
    assert dialog.save_button.isEnabled() and not dialog.busy


def test_edit_sends_only_what_changed(qtbot):
    key = live_key(permissions=("playbooks.run", "records.write"), tags=("a",))
    dialog = EditKeyDialog(key, {p.id: p for p in CATALOG}, features())
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    dialog.checkboxes["playbooks.run"].setChecked(False)
    assert dialog.changes() == {"permissions": ["records.write"]}
    assert not dialog.checkboxes["users.impersonate"].isEnabled()


def test_rotate_failure_names_the_request_and_keeps_the_choice(qtbot):
    dialog = RotateKeyDialog(live_key())
    qtbot.addWidget(dialog)
    dialog.grace.setCurrentIndex(dialog.grace.findData(3600))
    dialog.set_busy(True)
    dialog.show_failure(ServerError("HTTP 500", status=500, request_id="req_500"))
    assert "req_500" in dialog.error.text()
    assert dialog.seconds() == 3600 and dialog.confirm_button.isEnabled()


def _edit_dialog():
    return EditKeyDialog(live_key(), {p.id: p for p in CATALOG}, features()), "Saving…"


def _rotate_dialog():
    return RotateKeyDialog(live_key()), "Rotating…"


@pytest.mark.parametrize("make", [_edit_dialog, _rotate_dialog], ids=["edit", "rotate"])
def test_edit_and_rotate_wait_for_the_answer_the_same_way(qtbot, make):
    dialog, waiting = make()
    qtbot.addWidget(dialog)
    dialog.show()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    action = dialog.footer.action_button
    assert action.isDefault()
    assert dialog.buttons.buttonRole(action) == QDialogButtonBox.ButtonRole.AcceptRole
    dialog.set_busy(True)
    assert dialog.status.text() == waiting and not cancel.isEnabled()
    dialog.reject()  # the answer is on its way: the dialog stays
    assert dialog.isVisible()
    dialog.show_failure(KeyInactiveError("inactive", status=409, request_id="req_409"))
    assert dialog.error.text().endswith(" (request id req_409)")
    assert dialog.error.isVisible() and dialog.error.textFormat() == Qt.TextFormat.PlainText
    assert dialog.status.text() == "" and cancel.isEnabled()
    dialog.show_failure(ServerError("HTTP 500", status=500, request_id="req_500"))
    assert "(request id" not in dialog.error.text()  # only the inactive answer names it
    cancel.click()
    assert not dialog.isVisible()
