"""The API keys page against the real sandbox: contents, sort, search, filters, states."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from rakerone_desktop.api.models import ApiKeyPage, Permission
from rakerone_desktop.controllers.keys import KeysController
from rakerone_desktop.models.keys_model import ApiKeysModel, Column, KeyFilter, Role
from rakerone_desktop.runtime.tasks import TaskRunner
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.factories import make_key
from tests.support.fake_client import FakeClient
from tests.support.faultproxy import Fault, FaultProxy

pytestmark = pytest.mark.integration


@pytest.fixture
def keys_window(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    return controller, window


def _names(model):
    return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]


def test_table_matches_the_api(keys_window, admin_api):
    _controller, window = keys_window
    model = window.keys_page.model
    # The table lists every key that is not revoked. Against a server of part 2
    # that includes disabled and expired keys, which this table does not tell
    # apart yet; the server's own "active" filter leaves them out.
    server_active = [
        k for p in admin_api.iter_key_pages(status="all") for k in p.items if not k.is_revoked
    ]
    assert sorted(_names(model)) == sorted(k.name for k in server_active)
    # Default order is the server's: newest first.
    created = [model.index(r, Column.CREATED).data(Role.SORT) for r in range(model.rowCount())]
    assert created == sorted(created, reverse=True)
    catalog = {p.id: p for p in admin_api.permissions()}
    for row in range(model.rowCount()):
        key = model.index(row, 0).data(Role.KEY)
        text = model.index(row, Column.PERMISSIONS).data()
        if not key.permissions:
            assert text == "No permissions"
        else:
            labels = {catalog[p].label for p in key.permissions}
            assert set(text.split(", ")) == labels
        last_used = model.index(row, Column.LAST_USED).data()
        assert (last_used == "Never") == (key.last_used_at is None)
    assert any(
        t == "No permissions" for t in (model.index(r, 1).data() for r in range(model.rowCount()))
    )
    assert any("Can impersonate" in model.index(r, 1).data() for r in range(model.rowCount()))


def test_header_click_sorts_each_column(qtbot, keys_window):
    _controller, window = keys_window
    table = window.keys_page.table
    header = table.horizontalHeader()
    model = window.keys_page.model
    for column in (Column.NAME, Column.PERMISSIONS, Column.LAST_USED, Column.CREATED):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        values = [model.index(r, column).data(Role.SORT) for r in range(model.rowCount())]
        order = header.sortIndicatorOrder()
        assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder)
        assert model.sort_column == column


def test_search_field_filters_as_you_type(qtbot, keys_window):
    _controller, window = keys_window
    page = window.keys_page
    page.search_field.setFocus()
    QTest.keyClicks(page.search_field, "webhook relay")
    qtbot.waitUntil(lambda: page.model.search_text == "webhook relay", timeout=2000)
    names = _names(page.model)
    assert names and all("webhook relay" in n.lower() for n in names)
    page.search_field.clear()
    qtbot.waitUntil(lambda: page.model.search_text == "", timeout=2000)
    QTest.keyClicks(page.search_field, "zzzz-nothing-matches")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_match, timeout=2000)


def test_filters_from_the_spec(qtbot, keys_window, admin_api):
    _controller, window = keys_window
    page = window.keys_page
    box = page.filter_box
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    assert [box.itemText(i) for i in range(box.count())] == [
        "All",
        "Never used",
        "Not used in 90 days",
        "Can impersonate",
        "Revoked",
        # The sandbox serves part 2: its filters follow (exposure reports aside).
        "Expiring soon",
        "Expired",
        "No expiry",
        "Disabled",
    ]
    revoked = {k.name for p in admin_api.iter_key_pages(status="revoked") for k in p.items}
    page.set_filter(KeyFilter.REVOKED)
    assert set(_names(page.model)) == revoked and revoked
    page.set_filter(KeyFilter.NEVER_USED)
    assert all(
        page.model.index(r, Column.LAST_USED).data() == "Never"
        for r in range(page.model.rowCount())
    )
    page.set_filter(KeyFilter.IMPERSONATE)
    assert page.model.rowCount() >= 1
    assert all(
        "Can impersonate" in page.model.index(r, 1).data() for r in range(page.model.rowCount())
    )
    # The View menu follows the selector.
    assert window.filter_actions[KeyFilter.IMPERSONATE].isChecked()


def test_details_pane_shows_the_selected_key_and_its_activity(qtbot, keys_window):
    _controller, window = keys_window
    page = window.keys_page
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Role.KEY).permissions)
    key = model.index(row, 0).data(Role.KEY)
    page.select_key(key.id)
    details = page.details
    assert details.objectName() == "detailsPane"
    assert details.title.text() == key.name
    assert details.hint.text() == key.hint
    first_perm = model.catalog[key.permissions[0]]
    assert first_perm.description in details.permissions.text()
    qtbot.waitUntil(lambda: details.events.count() > 0, timeout=10_000)
    assert any(
        "Created" in details.events.item(i).text() or "created" in details.events.item(i).text()
        for i in range(details.events.count())
    )


def test_status_bar_counts_and_last_refresh(keys_window):
    _controller, window = keys_window
    shown, never = window.keys_page.model.counts()
    assert window.count_label.text() == f"{shown:,} keys shown, {never:,} never used"
    assert window.refresh_label.text().startswith("Last refreshed ")


def test_empty_state(qtbot, start_app, empty_sandbox):
    controller = start_app("--server", empty_sandbox.url)
    window = sign_in(qtbot, controller, empty_sandbox)
    wait_loaded(qtbot, controller)
    page = window.keys_page
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty_state, timeout=5000)
    assert page.empty_state.objectName() == "emptyState"
    assert page.empty_state.title.text() == "No API keys yet"
    assert page.empty_state.create_button.isVisible()


def test_error_banner_with_request_id_and_retry(qtbot, start_app, demo_sandbox):
    proxy = FaultProxy(demo_sandbox.url).start()
    try:
        controller = start_app("--server", proxy.url)
        info = demo_sandbox
        dialog = controller.sign_in_dialog
        dialog.server_field.setText(proxy.url)
        dialog.email_field.setText(info.admin_email)
        dialog.password_field.setText(info.admin_password or "")
        # Three 503s: the client retries the list twice, then reports.
        fault = proxy.add(
            Fault(
                "GET",
                r"/api/v1/api-keys",
                "status",
                status=503,
                times=3,
                headers={"Retry-After": "0"},
            )
        )
        with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
            dialog.sign_in_button.click()
        window = blocker.args[0]
        banner = window.keys_page.banner
        qtbot.waitUntil(banner.isVisible, timeout=20_000)
        assert banner.objectName() == "errorBanner"
        assert fault.request_id in banner.request_id.text()
        assert "HTTP 503" in banner.message.text()
        # Retry works once the server is well again.
        banner.retry_button.click()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=20_000)
        assert window.keys_page.model.rowCount() > 0
    finally:
        proxy.stop()


def test_closing_the_window_mid_request_crashes_nothing(qtbot, start_app, demo_sandbox):
    proxy = FaultProxy(demo_sandbox.url).start()
    release = threading.Event()
    try:
        controller = start_app("--server", proxy.url)
        window = sign_in(qtbot, controller, demo_sandbox)
        wait_loaded(qtbot, controller)
        proxy.add(Fault("GET", r"/api/v1/api-keys", "stall", release=release))
        window.keys_page.refresh_button.click()
        assert controller.runner.active_count >= 1
        window.close()
        release.set()
        qtbot.waitUntil(lambda: controller.runner.active_count == 0, timeout=30_000)
    finally:
        release.set()
        proxy.stop()


class _SlowFirstClient(FakeClient):
    """First listing blocks until released; the second answers at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0
        self.old = [make_key("Old answer")]
        self.new = [make_key("New answer")]

    def iter_key_pages(
        self, *, status: str = "active", page_size: int = 1000
    ) -> Iterator[ApiKeyPage]:
        self.calls += 1
        if self.calls == 1:
            self.release.wait(10)
            yield ApiKeyPage(items=tuple(self.old), next_cursor=None, total=1)
        else:
            yield ApiKeyPage(items=tuple(self.new), next_cursor=None, total=1)

    def permissions(self) -> tuple[Permission, ...]:
        return ()


def test_an_older_refresh_finishing_late_is_dropped(qtbot):
    runner = TaskRunner()
    model = ApiKeysModel()
    client = _SlowFirstClient()
    keys = KeysController(client, runner, model)
    keys._has_loaded = True  # both refreshes are full reloads
    keys.refresh()
    qtbot.waitUntil(lambda: client.calls == 1, timeout=5000)  # the first is under way
    keys.refresh()
    qtbot.waitUntil(lambda: model.total_loaded == 1, timeout=5000)
    assert model.key_at(0).name == "New answer"
    client.release.set()
    runner.wait_for_done(5000)
    qtbot.wait(50)  # let the stale answer's queued signal be delivered
    assert model.key_at(0).name == "New answer"
    keys.shutdown()


def test_keyboard_shortcuts_focus_search_and_refresh(qtbot, keys_window):
    _controller, window = keys_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keySequence(window, "Ctrl+F")
    assert window.keys_page.search_field.hasFocus()
    keys = _controller.current.keys
    with qtbot.waitSignal(keys.loaded, timeout=20_000):
        QTest.keyClick(window, Qt.Key.Key_F5)


def test_accessible_names_on_icon_only_and_table(keys_window):
    _controller, window = keys_window
    page = window.keys_page
    assert page.refresh_button.text() == ""
    assert page.refresh_button.accessibleName() == "Refresh"
    assert page.table.accessibleName() == "API keys"
    assert page.search_field.accessibleName()
    assert page.filter_box.accessibleName()
