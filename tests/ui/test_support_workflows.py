"""Security and support workflows against the real sandbox: find by value,
incident revoke, audit views, CSV export, read-only mode."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from rakerone_desktop.domain.keyformat import generate_key
from rakerone_desktop.models.keys_model import Column, KeyFilter
from tests.support.app_driver import sign_in, wait_loaded

pytestmark = pytest.mark.integration


@pytest.fixture
def signed_in(qtbot, start_app, demo_sandbox):
    def start(*extra: str):
        controller = start_app("--server", demo_sandbox.url, *extra)
        window = sign_in(qtbot, controller, demo_sandbox)
        wait_loaded(qtbot, controller)
        return controller, window

    return start


def _bad_checksum(key: str) -> str:
    last = key[-1]
    return key[:-1] + ("A" if last != "A" else "B")


def test_find_a_pasted_block_of_valid_revoked_unknown_and_malformed_values(
    qtbot, signed_in, admin_api, caplog
):
    caplog.set_level("DEBUG")
    active = admin_api.create_key("Leaked in a log file", ["records.read"])
    revoked = admin_api.create_key("Already revoked leak", [])
    admin_api.revoke_key(revoked.api_key.id)
    unknown = generate_key()
    malformed = _bad_checksum(generate_key())
    block = (
        f"2026-11-26 ERROR auth failed token={active.secret}\n"
        f'export RAKERONE_KEY="{revoked.secret}"\n'
        f"old: {unknown}\nnoise rone_short and {malformed}\n"
    )
    controller, _window = signed_in()
    QGuiApplication.clipboard().setText("nothing key-shaped here")
    dialog = controller.current.flows.find()
    assert dialog.objectName() == "findKeyDialog"
    field = dialog.findChild(type(dialog.field), "findKeyField")
    assert field.echoMode() == field.EchoMode.Password  # masked
    field.paste_text(block)
    qtbot.waitUntil(lambda: not dialog._busy and dialog.table.rowCount() >= 4, timeout=20_000)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert "Leaked in a log file" in rows["rone_…" + active.secret[-4:]]
    assert "already revoked on" in rows["rone_…" + revoked.secret[-4:]]
    assert rows["rone_…" + unknown[-4:]] == "No key in this organization matches"
    assert "fails the checksum" in rows["rone_…" + malformed[-4:]]
    assert "fails the checksum" in rows["rone_…" + "rone_short"[-4:]]
    # Only digests went to the server; no value reached a log record.
    for value in (active.secret, revoked.secret, unknown, malformed):
        assert value not in caplog.text
    dialog.close()
    assert field.text() == ""


def test_not_a_key_at_all(qtbot, signed_in):
    controller, _window = signed_in()
    dialog = controller.current.flows.find()
    dialog.field.clear()
    dialog.field.setText("hunter2")
    dialog.find_button.click()
    assert "isn't a RakerOne key" in dialog.message.text()
    assert controller.runner.active_count == 0
    dialog.close()


def test_leaked_value_to_revoked_in_three_actions(qtbot, signed_in, admin_api):
    created = admin_api.create_key("Exposed in a paste bin", ["playbooks.run"])
    controller, window = signed_in()
    QGuiApplication.clipboard().setText(f"look: {created.secret}")  # the responder copied it
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    flows = controller.current.flows
    # 1. Ctrl+Shift+F: the dialog opens, takes the clipboard and looks it up.
    with qtbot.waitSignal(flows.findDialogShown, timeout=5000) as shown:
        QTest.keySequence(window, "Ctrl+Shift+F")
    dialog = shown.args[0]
    qtbot.waitUntil(lambda: bool(dialog.revoke_buttons()), timeout=20_000)
    # 2. Revoke on the result.
    with qtbot.waitSignal(flows.revokeDialogShown, timeout=5000) as confirm:
        dialog.revoke_buttons()[0].click()
    # 3. Confirm.
    with qtbot.waitSignal(controller.current.flows.revoked, timeout=20_000):
        confirm.args[0].revoke_button.click()
    assert admin_api.get_key(created.api_key.id).revoked_at is not None
    qtbot.waitUntil(lambda: "already revoked" in dialog.table.item(0, 1).text(), timeout=20_000)
    dialog.close()


def test_incident_revoke_by_filter_needs_the_count_typed_and_saves_results(
    qtbot, signed_in, admin_api, tmp_path
):
    tag = "incident-7f3a"
    made = [
        admin_api.create_key(f"Compromised {tag} #{i}", ["users.impersonate"]).api_key
        for i in range(7)
    ]
    controller, window = signed_in()
    page = window.keys_page
    page.set_filter(KeyFilter.IMPERSONATE)
    page.search_field.setText(tag)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=5000)
    flows = controller.current.flows
    with qtbot.waitSignal(flows.revokeDialogShown, timeout=5000) as shown:
        window.revoke_shown_action.trigger()
    dialog = shown.args[0]
    assert dialog.windowTitle() == "Revoke 7 keys"
    assert dialog.list.count() == 7  # the preview lists each key
    assert not dialog.revoke_button.isEnabled()
    dialog.typed.setText("6")
    assert not dialog.revoke_button.isEnabled()
    dialog.typed.setText("7")
    assert dialog.revoke_button.isEnabled()
    with qtbot.waitSignal(controller.current.flows.revoked, timeout=20_000):
        dialog.revoke_button.click()
    assert all(admin_api.get_key(k.id).revoked_at is not None for k in made)
    assert dialog.save_button.isVisible()
    target = tmp_path / "results.csv"
    with qtbot.waitSignal(flows.fileDialogShown, timeout=5000) as file_dialog:
        dialog.save_button.click()
    with qtbot.waitSignal(controller.current.flows.exported, timeout=10_000):
        file_dialog.args[0].fileSelected.emit(str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["id"] for r in rows} == {k.id for k in made}
    assert {r["outcome"] for r in rows} == {"revoked"}
    dialog.close_button.click()


def test_export_what_the_table_shows_with_hostile_names(qtbot, signed_in, admin_api, tmp_path):
    # (Control characters such as tab and newline are refused by the server itself.)
    hostile = [
        '=HYPERLINK("http://x","y")',
        "+1+1",
        "-2",
        "@SUM(A1)",
        'plain, with "quotes"; and a comma',
        "<b>bold</b> 🔑",
    ]
    for name in hostile:
        admin_api.create_key(name, ["records.read"])
    controller, window = signed_in()
    page = window.keys_page
    page.search_field.setText("")
    page.model.set_search("")
    flows = controller.current.flows
    target = tmp_path / "keys.csv"
    with qtbot.waitSignal(flows.fileDialogShown, timeout=5000) as file_dialog:
        window.export_action.trigger()
    with qtbot.waitSignal(controller.current.flows.exported, timeout=10_000):
        file_dialog.args[0].fileSelected.emit(str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == page.model.rowCount()
    names = {r["name"] for r in rows}
    for name in hostile:
        expected = "'" + name if name[0] in "=+-@" else name
        assert expected in names, (name, names)
    for row in rows:
        assert row["created_at_utc"].endswith("Z")
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())
        assert "rone_" not in "".join(row.values()).replace("rone_…", "")


def test_export_activity_of_the_selected_key(qtbot, signed_in, tmp_path):
    controller, window = signed_in()
    page = window.keys_page
    key = page.model.key_at(0)
    page.select_key(key.id)
    flows = controller.current.flows
    target = tmp_path / "activity.csv"
    with qtbot.waitSignal(flows.fileDialogShown, timeout=5000) as file_dialog:
        page.details.export_button.click()
    with qtbot.waitSignal(controller.current.flows.exported, timeout=10_000):
        file_dialog.args[0].fileSelected.emit(str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows and all(r["at_utc"].endswith("Z") for r in rows)
    assert any(r["action"] == "api_key.created" for r in rows)


def test_audit_view_survives_a_restart(qtbot, signed_in):
    controller, window = signed_in()
    page = window.keys_page
    page.set_filter(KeyFilter.UNUSED)
    assert page.unused_days.isVisible()
    page.unused_days.setValue(30)
    window.set_column_visible(Column.LAST_USED_IP, True)
    window.column_actions[Column.LAST_USED_IP].setChecked(True)
    page.table.sortByColumn(Column.LAST_USED, Qt.SortOrder.AscendingOrder)
    controller.quit()

    _again, window2 = signed_in()
    page2 = window2.keys_page
    assert page2.model.filter_name == KeyFilter.UNUSED
    assert page2.model.unused_days == 30
    assert page2.filter_box.currentText() == "Not used in 30 days"
    assert not page2.table.isColumnHidden(Column.LAST_USED_IP)
    assert page2.model.sort_column == Column.LAST_USED
    assert page2.model.sort_order == Qt.SortOrder.AscendingOrder


def test_read_only_flag_hides_every_action_that_changes_keys(qtbot, signed_in):
    controller, window = signed_in("--read-only")
    page = window.keys_page
    assert not page.create_button.isVisible()
    assert page.table.isColumnHidden(Column.REVOKE)
    for action in (
        window.create_action,
        window.rotate_action,
        window.revoke_action,
        window.revoke_shown_action,
    ):
        assert not action.isVisible()
    assert window.read_only_action.isChecked() and not window.read_only_action.isEnabled()
    flows = controller.current.flows
    assert flows.create() is None
    page.select_key(page.model.key_at(0).id)
    assert not page.details.revoke_button.isVisible()
    dialog = flows.find()
    assert dialog._read_only
    dialog.close()


def test_read_only_switch_persists(qtbot, signed_in):
    controller, window = signed_in()
    window.read_only_action.trigger()
    assert not window.keys_page.create_button.isVisible()
    controller.quit()
    _again, window2 = signed_in()
    assert window2.read_only_action.isChecked()
    assert not window2.keys_page.create_button.isVisible()
    window2.read_only_action.trigger()
    assert window2.keys_page.create_button.isVisible()
