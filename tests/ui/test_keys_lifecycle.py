"""The keys page's key lifecycle: the Expires/Owner/Tags/Description columns, the badges,
the filters and search prefixes, the lifecycle banner and the details; against the real
demo sandbox (part 2), against a part-1 sandbox (none of it), and with exposure reports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from msgspec import structs
from PySide6.QtCore import QSettings, Qt

from rakerone_desktop.api.models import Exposure, KeyPolicy, Organization, PersonRef
from rakerone_desktop.models.keys_model import ApiKeysModel, Column, KeyFilter, Role
from rakerone_desktop.models.server_features import (
    EXPOSURE_REPORTS,
    KEY_DISABLE,
    KEY_EXPIRY,
    KEY_METADATA,
    PART_ONE,
    ServerFeatures,
)
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.ui.keys_page import KeysPage
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.factories import CATALOG, NOW, make_key

LIFECYCLE_FILTERS = (
    KeyFilter.EXPIRING_SOON,
    KeyFilter.EXPIRED,
    KeyFilter.NO_EXPIRY,
    KeyFilter.DISABLED,
    KeyFilter.EXPOSED,
)
PART_TWO_COLUMNS = (Column.EXPIRES, Column.OWNER, Column.TAGS, Column.DESCRIPTION)


def _filters(page: KeysPage) -> list[str]:
    return [page.filter_box.itemData(i) for i in range(page.filter_box.count())]


def _keys(model: ApiKeysModel):
    return [model.index(r, 0).data(Role.KEY) for r in range(model.rowCount())]


@pytest.fixture
def part_two_window(qtbot, start_app, demo_sandbox):
    app = start_app("--server", demo_sandbox.url)
    main = sign_in(qtbot, app, demo_sandbox)
    wait_loaded(qtbot, app)
    qtbot.waitUntil(lambda: not main.server_features.part_one_only, timeout=20_000)
    return app, main


@pytest.mark.integration
def test_part_two_columns_filters_prefixes_and_banner(qtbot, part_two_window):
    _app, main = part_two_window
    page, model = main.keys_page, main.model
    # Expires shows; Owner, Tags and Description are in the View ▸ Columns menu.
    assert not page.table.isColumnHidden(Column.EXPIRES)
    for column in (Column.OWNER, Column.TAGS, Column.DESCRIPTION):
        assert main.column_actions[column].isVisible()
        main.set_column_visible(column, True)
        assert not page.table.isColumnHidden(column)
    texts = {model.index(r, Column.EXPIRES).data() for r in range(model.rowCount())}
    assert "Never" in texts and "Expired" in texts
    assert any(t.startswith("in ") and t.endswith("days") for t in texts), texts
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Role.KEY).expires_at)
    tip = model.index(row, Column.EXPIRES).data(Qt.ItemDataRole.ToolTipRole)
    assert "UTC" in tip
    # The filters the sandbox offers (no exposure reports: no Exposed filter).
    offered = _filters(page)
    for name in (KeyFilter.EXPIRING_SOON, KeyFilter.EXPIRED, KeyFilter.NO_EXPIRY):
        assert name in offered
        assert main.filter_actions[name].isVisible()
    assert KeyFilter.DISABLED in offered
    assert (
        KeyFilter.EXPOSED not in offered and not main.filter_actions[KeyFilter.EXPOSED].isVisible()
    )
    warning = main.server_features.policy.expiry_warning_days
    page.set_filter(KeyFilter.EXPIRING_SOON)
    soon = _keys(model)
    assert soon
    for key in soon:
        assert key.lifecycle_status == "active"
        assert key.expires_at is not None
        assert key.expires_at.timestamp() <= model.table.now + warning * 86400
    page.set_filter(KeyFilter.EXPIRED)
    assert _keys(model) and all(
        model.index(r, Column.NAME).data(Role.STATUS_BADGES) == ("Expired",)
        for r in range(model.rowCount())
    )
    assert "Expired" in model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    page.set_filter(KeyFilter.DISABLED)
    disabled = _keys(model)
    assert disabled and all(k.lifecycle_status == "disabled" for k in disabled)
    assert "Disabled" in model.index(0, Column.NAME).data(Role.STATUS_BADGES)
    tip = model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "Disabled" in tip
    page.set_filter(KeyFilter.NO_EXPIRY)
    assert _keys(model) and all(k.expires_at is None for k in _keys(model))
    # "Never used" counts only keys that work now.
    page.set_filter(KeyFilter.NEVER_USED)
    assert all(k.lifecycle_status == "active" for k in _keys(model))
    # owner: and tag: prefixes.
    page.set_filter(KeyFilter.ALL)
    owned = next(k for k in _keys(model) if k.owner and " " in k.owner.name)
    page.search_field.setText(f'owner:"{owned.owner.name.upper()}"')
    page._apply_search()
    assert _keys(model) and all(k.owner == owned.owner for k in _keys(model))
    tagged = next(k for k in model.all_keys() if k.tags and not k.is_revoked)
    page.search_field.setText(f"tag:{tagged.tags[0]} {tagged.name[:3]}")
    page._apply_search()
    shown = _keys(model)
    assert tagged in shown
    assert all(
        tagged.tags[0] in k.tags and tagged.name[:3].casefold() in k.name.casefold() for k in shown
    )
    page.search_field.clear()
    page._apply_search()
    # The banner counts the keys that expire soon; its button applies the filter.
    banner = page.lifecycle_banner
    qtbot.waitUntil(lambda: banner.isVisible() or not banner.isHidden(), timeout=5_000)
    assert banner.objectName() == "lifecycleBanner"
    assert banner.showing_expiring
    assert f"within {warning} days" in banner.expiring_message.text()
    assert str(len(soon)) in banner.expiring_message.text()
    banner.show_expiring_button.click()
    assert model.filter_name == KeyFilter.EXPIRING_SOON
    assert page.filter_box.currentData() == KeyFilter.EXPIRING_SOON
    banner.dismiss_button.click()
    assert banner.isHidden()
    # Details: expiry, owner, status.
    page.set_filter(KeyFilter.DISABLED)
    # The key an admin disabled (the demo's other disabled key was reported exposed).
    by_admin = next(k for k in disabled if k.exposure is None)
    page.select_key(by_admin.id)
    details = page.details
    assert details.lifecycle.text().startswith("Disabled ")
    assert details.owner.text()
    assert not details.exposure.isVisible()


@pytest.mark.integration
def test_a_part_one_server_shows_none_of_it(qtbot, start_app, part_one_sandbox):
    app = start_app("--server", part_one_sandbox.url)
    main = sign_in(qtbot, app, part_one_sandbox)
    wait_loaded(qtbot, app)
    organization = app.current.organization
    qtbot.waitUntil(lambda: organization._call is None, timeout=20_000)
    assert main.server_features is PART_ONE
    page, model = main.keys_page, main.model
    assert model.rowCount() > 0
    for column in PART_TWO_COLUMNS:
        assert page.table.isColumnHidden(column)
        if column in main.column_actions:
            assert not main.column_actions[column].isVisible()
            main.column_actions[column].setChecked(True)  # even chosen, it stays absent
            assert page.table.isColumnHidden(column)
    for name in LIFECYCLE_FILTERS:
        assert name not in _filters(page)
        assert not main.filter_actions[name].isVisible()
    assert _filters(page) == [
        KeyFilter.ALL,
        KeyFilter.NEVER_USED,
        KeyFilter.UNUSED,
        KeyFilter.IMPERSONATE,
        KeyFilter.REVOKED,
    ]
    assert page.lifecycle_banner.isHidden()
    assert all(not model.index(r, 0).data(Role.STATUS_BADGES) for r in range(model.rowCount()))
    page.set_filter(KeyFilter.REVOKED)
    assert all(k.is_revoked for k in _keys(model))
    page.set_filter(KeyFilter.ALL)
    assert all(not k.is_revoked for k in _keys(model))


# -- exposure reports (a server that offers them), on the page alone ------------------

ADA = PersonRef("usr_ada", "Ada Lovelace")


def _exposed_keys():
    report = Exposure(NOW - timedelta(hours=1), "github", "https://github.com/acme/app/blob/x")
    paused = structs.replace(
        make_key("Leaked relay"),
        status="disabled",
        version=2,
        disabled_at=report.reported_at,
        exposure=report,
        owner=ADA,
        tags=("prod",),
        description="Relay for <b>prod</b>",
    )
    fine = structs.replace(make_key("Fine"), status="active", version=1)
    return paused, fine


def _page(qtbot, tmp_path, read_only=False):
    model = ApiKeysModel()
    model.set_now(NOW.timestamp())
    model.set_catalog(CATALOG)
    page = KeysPage(model)
    qtbot.addWidget(page)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    page.restore_layout(settings)
    page.set_read_only(read_only)
    org = Organization(
        "org", "Org", (KEY_EXPIRY, KEY_DISABLE, KEY_METADATA, EXPOSURE_REPORTS), KeyPolicy()
    )
    page.set_server_features(ServerFeatures(org))
    return page, model, settings


def test_newly_exposed_keys_get_the_banner_with_its_actions(qtbot, tmp_path):
    page, model, settings = _page(qtbot, tmp_path)
    paused, fine = _exposed_keys()
    model.replace_all([paused, fine])
    page.set_loading(False)
    banner = page.lifecycle_banner
    qtbot.waitUntil(lambda: banner.showing_exposed)
    assert not banner.isHidden()
    assert banner.exposed_message.text() == "1 key was reported exposed on GitHub and was disabled"
    for button in (
        banner.show_exposed_button,
        banner.revoke_exposed_button,
        banner.enable_exposed_button,
        banner.dismiss_button,
    ):
        assert (not button.isHidden() and button.accessibleName()) or button.text()
    with qtbot.waitSignal(page.enableRequested) as enabled:
        banner.enable_exposed_button.click()
    assert enabled.args == [[paused.id]]
    assert not banner.showing_exposed
    # Seen: the next refresh doesn't tell of it again.
    assert settings.get(Options.exposure_seen_at) >= paused.exposure.reported_at.timestamp()
    page.update_lifecycle_banner()  # what the next refresh does
    assert not banner.showing_exposed
    # The badge and the details.
    page.set_filter(KeyFilter.EXPOSED)
    assert [k.id for k in _keys(model)] == [paused.id]
    badges = model.index(0, Column.NAME).data(Role.STATUS_BADGES)
    assert badges == ("Disabled", "Exposed")
    spoken = model.index(0, Column.NAME).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Leaked relay (Disabled, Exposed)"
    tip = model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "Exposed" in tip and "https://github.com/acme/app/blob/x" in tip
    page.select_key(paused.id)
    details = page.details
    text = details.exposure.text()
    assert "https://github.com/acme/app/blob/x" in text
    assert "GitHub secret scanning" in text and text.endswith("disabled automatically")
    assert details.exposure.textFormat() == Qt.TextFormat.PlainText
    assert details.description.text() == "Relay for <b>prod</b>"
    assert details.tags.text() == "prod"
    assert "Ada Lovelace" in details.owner.text()


def test_the_banner_revokes_shows_and_in_read_only_only_informs(qtbot, tmp_path):
    page, model, _settings = _page(qtbot, tmp_path)
    paused, fine = _exposed_keys()
    model.replace_all([paused, fine])
    page.set_loading(False)
    banner = page.lifecycle_banner
    qtbot.waitUntil(lambda: banner.showing_exposed)
    with qtbot.waitSignal(page.revokeRequested) as revoked:
        banner.revoke_exposed_button.click()
    assert revoked.args == [[paused.id]]

    page2, model2, _s = _page(qtbot, tmp_path / "ro", read_only=True)
    model2.replace_all([paused, fine])
    page2.set_loading(False)
    banner2 = page2.lifecycle_banner
    qtbot.waitUntil(lambda: banner2.showing_exposed)
    assert banner2.revoke_exposed_button.isHidden()
    assert banner2.enable_exposed_button.isHidden()
    banner2.show_exposed_button.click()
    assert model2.filter_name == KeyFilter.EXPOSED


def test_a_key_rotated_on_the_server_says_when_it_stops(qtbot, tmp_path):
    _, model, _settings = _page(qtbot, tmp_path)
    old = structs.replace(
        make_key("Old"), status="active", version=3, expires_at=NOW + timedelta(hours=23)
    )
    model.replace_all([old])
    assert model.index(0, Column.EXPIRES).data() == "in 23 hours"
    model.mark_rotated([old.id])
    assert model.index(0, Column.EXPIRES).data() == "Expires in 23 hours (rotated)"


def test_a_header_saved_with_fewer_columns_is_not_restored(qtbot, tmp_path):
    # An earlier version saved the header of 9 columns; restored as is, it would show
    # hidden columns and misplace the new ones.
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    old_view = QTableView()
    qtbot.addWidget(old_view)
    old_view.setModel(QStandardItemModel(1, 9))
    settings = Settings(QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat))
    settings.set(Options.header_state, old_view.horizontalHeader().saveState())
    page = KeysPage(ApiKeysModel())
    qtbot.addWidget(page)
    page.restore_layout(settings)
    assert page.table.isColumnHidden(Column.HINT)
    assert page.table.isColumnHidden(Column.EXPIRES)
    # What this version saves, it restores.
    page.table.setColumnHidden(Column.HINT, False)
    page.save_layout()
    again = KeysPage(ApiKeysModel())
    qtbot.addWidget(again)
    again.restore_layout(settings)
    assert not again.table.isColumnHidden(Column.HINT)
