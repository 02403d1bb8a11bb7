"""Admin → Audit log against the real sandbox: filters, paging, the key jump, CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.models.audit_columns import AuditColumn, AuditFilters
from rakerone_desktop.models.server_features import AUDIT_LOG
from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess
from tests.support.app_driver import sign_in, wait_loaded

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def busy_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReadyInfo]:
    """A few thousand audit events, for paging."""
    db = tmp_path_factory.mktemp("busy") / "sandbox.db"
    sandbox = SandboxProcess("--seed", "3000", "--db", str(db))
    sandbox.start()
    yield sandbox.ready
    sandbox.stop()


def open_audit_log(qtbot, start_app, info: ReadyInfo):
    app = start_app("--server", info.url)
    main = sign_in(qtbot, app, info)
    wait_loaded(qtbot, app)
    qtbot.waitUntil(lambda: main.server_features.offers(AUDIT_LOG), timeout=20_000)
    item = main.sidebar_items["auditLogPage"]
    assert not item.isHidden()
    main.sidebar.setCurrentItem(item)
    page = main.audit_page
    assert main.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    return app, main, page


def server_events(info: ReadyInfo, **filters: object) -> list:
    client = RakerOneClient(base_url=info.url)
    client.sign_in(info.admin_email, info.admin_password or "")
    try:
        events, cursor = [], None
        while True:
            page = client.list_audit_events(limit=1000, cursor=cursor, **filters)  # type: ignore[arg-type]
            events.extend(page.items)
            if page.next_cursor is None:
                return events
            cursor = page.next_cursor
    finally:
        client.close()


def test_the_audit_log_shows_the_newest_first_and_filters_by_action_and_person(
    qtbot, start_app, demo_sandbox
):
    app, _main, page = open_audit_log(qtbot, start_app, demo_sandbox)
    audit = app.current.audit
    events = page.model.events()
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    # The person's own sign-in is there.
    assert any(e.action == "session.created" for e in server_events(demo_sandbox))
    # Action filter: only sign-ins.
    i = page.action_box.findData("session.created")
    with qtbot.waitSignal(audit.pageLoaded, timeout=20_000):
        page.action_box.setCurrentIndex(i)
    qtbot.waitUntil(lambda: not audit.busy, timeout=20_000)
    rows = page.model.events()
    assert rows and all(e.action == "session.created" for e in rows)
    assert page.model.data(page.model.index(0, AuditColumn.ACTION)) == "Signed in"
    # Person filter: the organization's users, then only what that one did.
    qtbot.waitUntil(lambda: page.person_box.count() > 1, timeout=20_000)
    page.action_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not audit.busy, timeout=20_000)
    admin_row = next(
        r for r in range(page.person_box.count()) if page.person_box.itemText(r) == main_user(app)
    )
    admin_id = page.person_box.itemData(admin_row)
    with qtbot.waitSignal(audit.pageLoaded, timeout=20_000):
        page.person_box.setCurrentIndex(admin_row)
    rows = page.model.events()
    assert rows and all(e.actor.id == admin_id for e in rows)


def main_user(app) -> str:
    return app.current.signed_in.user.name


def test_the_time_range_and_key_filters_ask_the_server(qtbot, start_app, demo_sandbox):
    app, main, page = open_audit_log(qtbot, start_app, demo_sandbox)
    audit = app.current.audit
    created = next(e for e in page.model.events() if e.target and e.target.kind == "api_key")
    key = main.model.key_by_id(created.target.id)
    assert key is not None
    with qtbot.waitSignal(audit.pageLoaded, timeout=20_000):
        page.set_key_filter(key.name)  # a name picked from the keys model
    assert audit.filters.api_key_id == key.id
    rows = page.model.events()
    assert rows and all(e.target is not None and e.target.id == key.id for e in rows)
    # A range in the far past: nothing, and the empty state says so.
    page.set_key_filter("")
    qtbot.waitUntil(lambda: not audit.busy, timeout=20_000)
    page.until_edit.setDate(page.until_edit.date().addYears(-30))
    with qtbot.waitSignal(audit.pageLoaded, timeout=20_000):
        page.until_check.setChecked(True)
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty_label


def test_a_later_filter_change_drops_the_answers_to_earlier_ones(qtbot, start_app, busy_sandbox):
    app, _main, page = open_audit_log(qtbot, start_app, busy_sandbox)
    audit = app.current.audit
    audit.set_filters(AuditFilters())
    audit.set_filters(AuditFilters(action="api_key.revoked"))
    qtbot.waitUntil(lambda: not audit.busy and page.model.rowCount() > 0, timeout=20_000)
    qtbot.wait(300)  # let any older answer arrive (it must be dropped)
    assert all(e.action == "api_key.revoked" for e in page.model.events())


def test_scrolling_pages_in_every_event_once_newest_first(qtbot, start_app, busy_sandbox):
    expected = [e.id for e in server_events(busy_sandbox)]  # all older than the app's first page
    assert len(expected) > 1000
    app, _main, page = open_audit_log(qtbot, start_app, busy_sandbox)
    audit = app.current.audit
    # Only what fills the view (and a page ahead) is fetched at first.
    qtbot.waitUntil(lambda: not audit.busy, timeout=20_000)
    assert page.model.rowCount() < len(expected)
    bar = page.table.verticalScrollBar()

    def scrolled_to_the_end() -> bool:
        bar.setValue(bar.maximum())
        return not audit.has_more and not audit.busy

    qtbot.waitUntil(scrolled_to_the_end, timeout=60_000)
    got = [e.id for e in page.model.events()]
    # New sign-ins may land at the top while paging; keyset paging never repeats a row.
    assert len(got) == len(set(got))
    assert set(expected) <= set(got)


def test_double_click_on_a_key_target_selects_that_key_even_if_a_filter_hid_it(
    qtbot, start_app, demo_sandbox
):
    _app, main, page = open_audit_log(qtbot, start_app, demo_sandbox)
    main.keys_page.set_filter("revoked")
    row = next(r for r in range(page.model.rowCount()) if page.model.key_id_at(r) is not None)
    key_id = page.model.key_id_at(row)
    key = main.model.key_by_id(key_id)
    assert key is not None and key.revoked_at is None
    page.table.doubleClicked.emit(page.model.index(row, AuditColumn.TARGET))
    assert main.pages.currentWidget() is main.keys_page
    assert main.sidebar.currentRow() == 0
    current = main.keys_page.current_key()
    assert current is not None and current.id == key_id


def test_export_writes_every_matching_event_formula_safe(
    qtbot, start_app, demo_sandbox, admin_api, tmp_path: Path
):
    hostile = '=HYPERLINK("http://x","y")'
    admin_api.create_key(hostile, perm_ids(admin_api)[:1])
    _app, _main, page = open_audit_log(qtbot, start_app, demo_sandbox)
    out = tmp_path / "audit.csv"
    page.exportTo.emit(str(out))
    qtbot.waitUntil(out.exists, timeout=20_000)
    qtbot.waitUntil(lambda: "Saved" in page.status.text(), timeout=20_000)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    on_server = server_events(demo_sandbox)
    assert {r["id"] for r in rows} <= {e.id for e in on_server}
    assert len(rows) >= len(on_server) - 2  # a sign-in may land in between
    names = [r["target_name"] for r in rows if r["action"] == "api_key.created"]
    assert "'" + hostile in names
    assert hostile not in names
    assert all(r["at_utc"].endswith("Z") for r in rows)


def perm_ids(client: RakerOneClient) -> list[str]:
    return [p.id for p in client.permissions() if not p.impersonation]


def test_a_part_one_server_has_no_audit_log(qtbot, start_app, part_one_sandbox):
    app = start_app("--server", part_one_sandbox.url)
    main = sign_in(qtbot, app, part_one_sandbox)
    wait_loaded(qtbot, app)
    organization = app.current.organization
    qtbot.waitUntil(lambda: organization._call is None, timeout=20_000)
    assert main.sidebar_items["auditLogPage"].isHidden()
    assert not main.sidebar_items["overviewPage"].isHidden()


def test_a_failed_page_shows_the_request_id_and_retry_fetches_it_again(
    qtbot, start_app, demo_sandbox, monkeypatch
):
    from rakerone_desktop.api.errors import ServerError

    app, _main, page = open_audit_log(qtbot, start_app, demo_sandbox)
    audit = app.current.audit
    client = app.current.signed_in.client
    real = client.list_audit_events
    failures = [ServerError("The server had a problem.", status=503, request_id="req_audit42")]

    def flaky(**kwargs):
        if failures:
            raise failures.pop()
        return real(**kwargs)

    monkeypatch.setattr(client, "list_audit_events", flaky)
    with qtbot.waitSignal(audit.failed, timeout=20_000):
        page.action_box.setCurrentIndex(page.action_box.findData("api_key.created"))
    banner = page.banner
    assert banner.isVisibleTo(page)
    assert "req_audit42" in banner.request_id.text()
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(audit.pageLoaded, timeout=20_000):
        banner.retry_button.click()
    assert not banner.isVisibleTo(page)
    assert page.model.rowCount() > 0
    assert all(e.action == "api_key.created" for e in page.model.events())
