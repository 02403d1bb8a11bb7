"""The key lifecycle's actions against the real sandbox: the wizard's new fields, Edit
key (and its 412), Disable and Enable everywhere Revoke is, Rotate on the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu, QPlainTextEdit, QPushButton

from rakerone_desktop.ui.edit_key_dialog import NARROW_ONLY
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.faultproxy import Fault, problem

pytestmark = pytest.mark.integration


@pytest.fixture
def app(qtbot, start_app, demo_sandbox):
    def start(*extra: str):
        controller = start_app("--server", demo_sandbox.url, *extra)
        window = sign_in(qtbot, controller, demo_sandbox)
        wait_loaded(qtbot, controller)
        qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
        return controller, window

    return start


def _key(admin_api, name, permissions=("records.read",), **kw):
    return admin_api.create_key(name, list(permissions), **kw).api_key


def _shown(qtbot, page, key_id):
    qtbot.waitUntil(lambda: page.model.key_by_id(key_id) is not None, timeout=20_000)
    assert page.select_key(key_id)


def _reload(qtbot, window, controller):
    keys = controller.current.keys
    with qtbot.waitSignal(keys.loaded, timeout=20_000):
        window.refreshRequested.emit()


def _open_wizard(qtbot, controller):
    flows = controller.current.flows
    with qtbot.waitSignal(flows.wizardShown, timeout=5000) as blocker:
        controller.current.window.keys_page.create_button.click()
    return blocker.args[0]


# -- the create wizard, extended ----------------------------------------------------------------


def test_wizard_sends_description_owner_tags_and_expiry(qtbot, app, admin_api):
    controller, _window = app()
    flows = controller.current.flows
    made = []
    flows.created.connect(made.append)
    wizard = _open_wizard(qtbot, controller)
    description = wizard.findChild(QPlainTextEdit, "keyDescriptionField")
    owner = wizard.findChild(QComboBox, "keyOwnerField")
    tags = wizard.findChild(QLineEdit, "keyTagsField")
    expiry = wizard.findChild(QComboBox, "keyExpiryField")
    for field in (description, owner, tags, expiry):
        assert field is not None and field.isVisibleTo(wizard) and field.accessibleName()
    # The policy: 365 days by default, no maximum (so Never is offered), stated in words.
    assert expiry.currentData() == 365
    assert expiry.findData("never") >= 0
    assert "365" in wizard.name_page.lifecycle.expiry.limit.text()
    assert owner.currentData() is None  # nobody, until the person picks someone
    qtbot.waitUntil(lambda: owner.findData("usr_sam") >= 0, timeout=20_000)

    wizard.findChild(QLineEdit, "keyNameField").setText("Billing export (lifecycle)")
    tags.setText("Billing, -nope")
    assert wizard.name_page.lifecycle.tags_error.isVisibleTo(wizard)
    assert not wizard.name_page.isComplete()
    tags.setText("Billing prod billing")
    assert "twice" in wizard.name_page.lifecycle.tags_error.text()
    tags.setText("Billing prod")
    assert not wizard.name_page.lifecycle.tags_error.isVisibleTo(wizard)
    assert wizard.name_page.isComplete()
    description.setPlainText("Nightly export to the billing system.\nAsk Sam.")
    owner.setCurrentIndex(owner.findData("usr_sam"))
    expiry.setCurrentIndex(expiry.findData(30))
    wizard.next()
    wizard.permissions_page.checkboxes["records.read"].setChecked(True)
    wizard.next()
    review = wizard.review_page.summary_extras.text()
    assert "billing, prod" in review and "Sam Rivera" in review
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as blocker:
        wizard.button(wizard.WizardButton.FinishButton).click()
    blocker.args[0].copy_button.click()
    blocker.args[0].done_button.click()
    controller.clipboard.clear_if_ours()

    key = admin_api.get_key(made[0].id)
    assert key.description == "Nightly export to the billing system.\nAsk Sam."
    assert key.owner is not None and key.owner.id == "usr_sam"
    assert key.tags == ("billing", "prod")
    assert key.expires_at is not None
    left = key.expires_at - datetime.now(UTC)
    assert timedelta(days=29, hours=23) < left <= timedelta(days=30)


def test_wizard_puts_a_server_refusal_on_the_field_it_names(qtbot, start_app, demo_sandbox, proxy):
    controller = start_app("--server", proxy.url)
    dialog = controller.sign_in_dialog
    dialog.server_field.setText(proxy.url)
    dialog.email_field.setText(demo_sandbox.admin_email)
    dialog.password_field.setText(demo_sandbox.admin_password or "")
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    window = blocker.args[0]
    wait_loaded(qtbot, controller)
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    flows = controller.current.flows
    wizard = _open_wizard(qtbot, controller)
    wizard.findChild(QLineEdit, "keyNameField").setText("Refused tags")
    wizard.findChild(QLineEdit, "keyTagsField").setText("team:billing")
    wizard.next()
    wizard.next()
    body = problem(
        422,
        "validation",
        "Some fields are not valid.",
        "req_tags_refused",
        errors=[{"field": "tags", "message": "The server refuses this tag."}],
    )
    proxy.add(
        Fault(
            "POST",
            r"/api/v1/api-keys",
            "status",
            status=422,
            body=body,
            request_id="req_tags_refused",
        )
    )
    with qtbot.waitSignal(flows.createFailed, timeout=20_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    # Back on the name page, the message under Tags; everything typed is still there.
    assert wizard.currentId() == wizard.name_page_id
    error = wizard.name_page.lifecycle.tags_error
    assert error.isVisibleTo(wizard) and error.text() == "The server refuses this tag."
    assert wizard.findChild(QLineEdit, "keyTagsField").text() == "team:billing"
    wizard.reject()


def test_against_a_part_one_server_the_wizard_and_menus_are_as_before(
    qtbot, start_app, part_one_sandbox
):
    controller = start_app("--server", part_one_sandbox.url)
    window = sign_in(qtbot, controller, part_one_sandbox)
    wait_loaded(qtbot, controller)
    organization = controller.current.organization
    qtbot.waitUntil(lambda: organization._call is None, timeout=20_000)
    for action in (window.edit_action, window.disable_action, window.enable_action):
        assert not action.isVisible()
    wizard = _open_wizard(qtbot, controller)
    assert not wizard.name_page.lifecycle.isVisibleTo(wizard)
    assert wizard.extras() is None  # nothing part 2 is sent
    wizard.reject()
    page = window.keys_page
    page.select_key(page.model.key_at(0).id)
    details = page.details
    assert not details.disable_button.isVisibleTo(window)
    assert not details.edit_button.isVisibleTo(window)
    # Rotate is the part-1 wizard.
    rotate = controller.current.flows.rotate()
    assert rotate is not None and rotate.objectName() == "createKeyWizard"
    rotate.reject()


# -- edit -------------------------------------------------------------------------------------


def _open_edit(qtbot, controller, window, key_id):
    lifecycle = controller.current.flows.lifecycle
    _shown(qtbot, window.keys_page, key_id)
    button = window.keys_page.details.edit_button
    assert button.isVisible()
    with qtbot.waitSignal(lifecycle.editDialogShown, timeout=5000) as blocker:
        button.click()
    dialog = blocker.args[0]
    assert dialog.objectName() == "editKeyDialog"
    return dialog


def test_edit_narrows_in_place_and_sends_only_what_changed(qtbot, app, admin_api):
    expires = datetime.now(UTC) + timedelta(days=30)
    key = _key(
        admin_api,
        "Edit me",
        ("records.read", "records.write"),
        tags=["old"],
        expires_at=expires,
    )
    controller, window = app()
    lifecycle = controller.current.flows.lifecycle
    dialog = _open_edit(qtbot, controller, window, key.id)
    # Only granted permissions can be unticked; none can be added, and it says why.
    assert dialog.checkboxes["records.write"].isEnabled()
    assert not dialog.checkboxes["playbooks.run"].isEnabled()
    assert not dialog.checkboxes["playbooks.run"].isChecked()
    assert any(label.text() == NARROW_ONLY for label in dialog.findChildren(type(dialog.error)))
    # A later expiry is refused inline, before anything is sent.
    expiry = dialog.findChild(QComboBox, "keyExpiryField")
    assert expiry.findData(365) < 0  # a later preset isn't even offered
    expiry.setCurrentIndex(expiry.findData("date"))
    dialog.expiry.date.setDate(QDate.currentDate().addDays(200))
    assert dialog.expiry.error.isVisible()
    assert "only move earlier" in dialog.expiry.error.text()
    save = dialog.findChild(QPushButton, "saveKeyButton")
    assert not save.isEnabled()
    expiry.setCurrentIndex(expiry.findData(7))
    assert save.isEnabled()

    dialog.name_field.setText("Edited in place")
    dialog.checkboxes["records.write"].setChecked(False)
    dialog.findChild(QLineEdit, "keyTagsField").setText("new, Team:Billing")
    assert set(dialog.changes()) == {"name", "permissions", "tags", "expires_at"}
    with qtbot.waitSignal(lifecycle.saved, timeout=20_000):
        save.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    server = admin_api.get_key(key.id)
    assert server.name == "Edited in place"
    assert server.permissions == ("records.read",)
    assert server.tags == ("new", "team:billing")
    assert server.expires_at < expires - timedelta(days=20)
    assert server.version == key.version + 1
    assert window.model.key_by_id(key.id).name == "Edited in place"  # from the answer


def test_edit_conflict_shows_their_values_and_keeps_what_was_typed(qtbot, app, admin_api):
    key = _key(admin_api, "Contested key", description="first")
    controller, window = app()
    lifecycle = controller.current.flows.lifecycle
    dialog = _open_edit(qtbot, controller, window, key.id)
    # Meanwhile someone else edits the key.
    admin_api.update_key(key.id, version=key.version, name="Their name", description="theirs")
    dialog.name_field.setText("My name")
    dialog.findChild(QPlainTextEdit, "keyDescriptionField").setPlainText("mine")
    with qtbot.waitSignal(lifecycle.editFailed, timeout=20_000):
        dialog.save_button.click()
    qtbot.waitUntil(dialog.current_values.isVisible, timeout=20_000)
    assert "Someone else changed this key" in dialog.conflict.text()
    assert "Their name" in dialog.current_values.text()
    assert "theirs" in dialog.current_values.text()
    assert dialog.name_field.text() == "My name"  # nothing typed is lost
    assert dialog.description.toPlainText() == "mine"
    assert window.model.key_by_id(key.id).name == "Their name"  # the row: as the server says
    with qtbot.waitSignal(lifecycle.saved, timeout=20_000):
        dialog.save_button.click()
    assert admin_api.get_key(key.id).name == "My name"
    assert admin_api.get_key(key.id).description == "mine"


# -- disable and enable ----------------------------------------------------------------------


def test_disable_and_enable_from_the_details_pane(qtbot, app, admin_api):
    key = _key(admin_api, "Switch me off")
    controller, window = app()
    lifecycle = controller.current.flows.lifecycle
    _shown(qtbot, window.keys_page, key.id)
    details = window.keys_page.details
    disable = details.findChild(QPushButton, "disableKeyButton")
    enable = details.findChild(QPushButton, "enableKeyButton")
    assert disable.isVisible() and not enable.isVisible()
    with qtbot.waitSignal(lifecycle.disabledChanged, timeout=20_000):
        disable.click()  # never used: no question, no typing
    assert admin_api.get_key(key.id).status == "disabled"
    assert window.model.key_by_id(key.id).status == "disabled"
    qtbot.waitUntil(enable.isVisible, timeout=5000)
    assert not disable.isVisible()
    assert details.status.text() == "Disabled"
    with qtbot.waitSignal(lifecycle.disabledChanged, timeout=20_000):
        enable.click()
    assert admin_api.get_key(key.id).status == "active"
    assert window.model.key_by_id(key.id).status == "active"


def test_the_row_menu_offers_every_key_action_and_opens_from_the_keyboard(qtbot, app, admin_api):
    key = _key(admin_api, "Row menu key")
    _controller, window = app()
    _shown(qtbot, window.keys_page, key.id)
    table = window.keys_page.table
    table.customContextMenuRequested.emit(QPoint(4, 4))  # a right click
    menu = window.row_menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts == ["Edit…", "Disable", "Enable", "Rotate…", "Revoke…"]
    menu.hide()
    window.row_actions.row_menu = None
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.row_menu is not None and window.row_menu.isVisible())
    window.row_menu.hide()
    # Every action has a keyboard way in: a shortcut or the Keys menu's mnemonic.
    assert window.edit_action.shortcut().toString() == "F2"
    assert window.disable_action.shortcut().toString() == "Ctrl+D"
    assert window.enable_action.shortcut().toString() == "Ctrl+Shift+D"


def test_several_selected_keys_are_disabled_in_one_call(qtbot, app, admin_api):
    first = _key(admin_api, "Bulk disable A")
    second = _key(admin_api, "Bulk disable B")
    controller, window = app()
    flows = controller.current.flows
    page = window.keys_page
    _shown(qtbot, page, first.id)
    _shown(qtbot, page, second.id)
    selection = page.table.selectionModel()
    for key_id in (first.id, second.id):
        selection.select(
            page.index_of(key_id),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert {k.id for k in page.selected_keys()} >= {first.id, second.id}
    with qtbot.waitSignal(flows.messageShown, timeout=20_000) as blocker:
        window.disable_action.trigger()
    summary = blocker.args[0].text().replace("\u2068", "").replace("\u2069", "")
    assert "Bulk disable A: disabled" in summary and "Bulk disable B: disabled" in summary
    blocker.args[0].accept()
    for key_id in (first.id, second.id):
        assert admin_api.get_key(key_id).status == "disabled"
        assert window.model.key_by_id(key_id).status == "disabled"


def test_incident_revoke_offers_disable_first(qtbot, app, admin_api):
    key = _key(admin_api, "Incident zzq key")
    controller, window = app()
    flows = controller.current.flows
    page = window.keys_page
    _shown(qtbot, page, key.id)
    page.search_field.setText("Incident zzq")
    qtbot.waitUntil(lambda: len(page.model.visible_keys()) == 1, timeout=5000)
    dialog = flows.revoke_shown()
    button = dialog.findChild(QPushButton, "disableAllShownButton")
    assert button.isVisible()
    with qtbot.waitSignal(flows.lifecycle.disabledChanged, timeout=20_000):
        button.click()
    assert admin_api.get_key(key.id).status == "disabled"
    assert admin_api.get_key(key.id).revoked_at is None


def test_read_only_hides_edit_disable_and_enable(qtbot, app, admin_api):
    key = _key(admin_api, "Read-only key")
    controller, window = app("--read-only")
    _shown(qtbot, window.keys_page, key.id)
    details = window.keys_page.details
    for action in (window.edit_action, window.disable_action, window.enable_action):
        assert not action.isVisible()
    assert not details.disable_button.isVisible()
    assert not details.edit_button.isVisible()
    lifecycle = controller.current.flows.lifecycle
    assert lifecycle.edit() is None and not lifecycle.disable()


# -- rotate on the server ---------------------------------------------------------------------


def test_rotate_with_a_grace_period_then_copy_once(qtbot, app, admin_api):
    old = _key(admin_api, "Rotate on the server", ("records.read",), tags=["svc"])
    controller, window = app()
    flows = controller.current.flows
    _shown(qtbot, window.keys_page, old.id)
    with qtbot.waitSignal(flows.lifecycle.rotateDialogShown, timeout=5000) as blocker:
        window.rotate_action.trigger()
    dialog = blocker.args[0]
    assert dialog.objectName() == "rotateKeyDialog"
    grace = dialog.findChild(QComboBox, "oldKeyGraceField")
    assert [grace.itemText(i) for i in range(grace.count())] == [
        "Immediately",
        "1 hour",
        "24 hours",
        "7 days",
    ]
    assert grace.currentData() == 86400
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as copy:
        dialog.findChild(QPushButton, "confirmRotateButton").click()
    copy_dialog = copy.args[0]
    assert copy_dialog.secret_field.text().startswith("rone_")
    copy_dialog.copy_button.click()
    copy_dialog.done_button.click()
    controller.clipboard.clear_if_ours()
    server_old = admin_api.get_key(old.id)
    left = server_old.expires_at - datetime.now(UTC)
    assert timedelta(hours=23) < left <= timedelta(hours=24)
    row_old = window.model.key_by_id(old.id)
    assert row_old.expires_at == server_old.expires_at  # from the rotation's answer
    assert old.id in window.model.rotated
    new = [k for k in window.model.visible_keys() if k.name == old.name and k.id != old.id]
    assert new and new[0].tags == ("svc",)


def test_find_by_value_offers_disable_beside_revoke(qtbot, app, admin_api):
    created = admin_api.create_key("Found and disabled", ["records.read"])
    controller, window = app()
    flows = controller.current.flows
    _shown(qtbot, window.keys_page, created.api_key.id)
    find = flows.find()
    find.field.clear()
    with qtbot.waitSignal(flows.lookedUp, timeout=20_000):
        find.field.paste_text(f"token={created.secret}")
    buttons = find.disable_buttons()
    assert [b.objectName() for b in buttons] == [f"findDisable:{created.api_key.id}"]
    assert find.revoke_buttons()  # Revoke stays beside it
    with qtbot.waitSignal(flows.lifecycle.disabledChanged, timeout=20_000):
        buttons[0].click()
    assert admin_api.get_key(created.api_key.id).status == "disabled"
    # The results are read again: the key now shows as disabled.
    qtbot.waitUntil(lambda: "disabled" in find.table.item(0, 1).text(), timeout=20_000)
    find.close()


def test_edit_of_a_key_revoked_meanwhile_says_so(qtbot, app, admin_api):
    key = _key(admin_api, "Revoked while editing")
    controller, window = app()
    lifecycle = controller.current.flows.lifecycle
    dialog = _open_edit(qtbot, controller, window, key.id)
    admin_api.revoke_key(key.id)
    dialog.name_field.setText("Too late")
    with qtbot.waitSignal(lifecycle.editFailed, timeout=20_000):
        dialog.save_button.click()
    qtbot.waitUntil(dialog.current_values.isVisible, timeout=20_000)
    assert "revoked or expired" in dialog.conflict.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.name_field.text() == "Too late"
    dialog.reject()


def test_disabling_a_key_in_use_asks_first_and_the_key_is_refused_after(
    qtbot, app, admin_api, demo_sandbox
):
    from tests.support.sandbox_http import Api

    created = admin_api.create_key("In use right now", ["records.read"])
    integration = Api(demo_sandbox.url, created.secret)
    try:
        assert integration.get("/me").status_code == 200  # used a moment ago
        controller, window = app()
        lifecycle = controller.current.flows.lifecycle
        key_id = created.api_key.id
        qtbot.waitUntil(
            lambda: (
                (k := window.model.key_by_id(key_id)) is not None and k.last_used_at is not None
            ),
            timeout=20_000,
        )
        _shown(qtbot, window.keys_page, key_id)
        with qtbot.waitSignal(lifecycle.questionShown, timeout=5000) as blocker:
            window.keys_page.details.disable_button.click()
        box = blocker.args[0]
        assert "last hour" in box.text()
        assert admin_api.get_key(key_id).status == "active"  # nothing sent yet
        with qtbot.waitSignal(lifecycle.disabledChanged, timeout=20_000):
            box.findChild(QPushButton, "confirmDisableButton").click()
        assert integration.get("/me").status_code == 401  # refused like a revoked key
        with qtbot.waitSignal(lifecycle.disabledChanged, timeout=20_000):
            window.keys_page.details.enable_button.click()
        assert integration.get("/me").status_code == 200  # and back
    finally:
        integration.close()
