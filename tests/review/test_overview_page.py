"""Admin → Overview against the real sandbox: counts, links, chart, the saved report."""

from __future__ import annotations

import csv
import threading
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rakerone_desktop.controllers import overview as overview_controller
from rakerone_desktop.models.overview import COUNT_FILTERS, Overview
from rakerone_desktop.models.server_features import KEY_DISABLE
from tests.support.app_driver import sign_in, wait_loaded

pytestmark = pytest.mark.integration

HOSTILE = ("<script>alert(1)</script>", '"><img src=x>')


def open_overview(qtbot, start_app, info):
    app = start_app("--server", info.url)
    main = sign_in(qtbot, app, info)
    wait_loaded(qtbot, app)
    qtbot.waitUntil(lambda: main.server_features.offers(KEY_DISABLE), timeout=20_000)
    main.show_page("overviewPage")
    page = main.overview_page
    assert main.pages.currentWidget() is page
    qtbot.waitUntil(
        lambda: page.overview is not None and page.overview.counts.get("disabled") is not None,
        timeout=20_000,
    )
    return app, main, page


def all_keys(client):
    keys = []
    for p in client.iter_key_pages(status="all", page_size=500):
        keys.extend(p.items)
    return keys


def test_the_counts_match_the_server_and_each_link_applies_its_filter(
    qtbot, start_app, demo_sandbox, admin_api
):
    _app, main, page = open_overview(qtbot, start_app, demo_sandbox)
    ov: Overview = page.overview
    keys = [k for k in all_keys(admin_api) if k.revoked_at is None]
    now = datetime.now(UTC)
    assert ov.counts["active"] == sum(k.lifecycle_status == "active" for k in keys)
    usable = [k for k in keys if k.lifecycle_status == "active"]
    # As the keys page's filters: never used and not used in 90 days count usable keys.
    assert ov.counts["never_used"] == sum(k.last_used_at is None for k in usable)
    assert ov.counts["disabled"] == sum(k.lifecycle_status == "disabled" for k in keys)
    assert ov.counts["no_expiry"] == sum(k.expires_at is None for k in keys)
    assert ov.counts["unused"] == sum(
        k.last_used_at is None or k.last_used_at < now - timedelta(days=90) for k in usable
    )
    assert sum(ov.buckets.values()) == len(keys)
    assert ov.counts["never_used"] > 0 and ov.counts["impersonate"] > 0
    # The chart says its numbers in words too.
    assert page.chart.accessibleDescription().startswith("Today: ")
    assert str(ov.buckets["never"]) in page.chart.toolTip()
    # Each link: the keys page, with the filter of that count when this build has it.
    for name in ("never_used", "unused", "impersonate", "disabled", "active"):
        page.count_buttons[name].click()
        assert main.pages.currentWidget() is main.keys_page
        wanted = COUNT_FILTERS[name]
        box = main.keys_page.filter_box
        expected = wanted if box.findData(wanted) >= 0 else "all"
        assert main.model.filter_name == expected
        if expected == wanted and name != "active":
            assert main.model.rowCount() == ov.counts[name], name
        main.show_page("overviewPage")


def test_the_counts_are_computed_off_the_gui_thread(qtbot, start_app, demo_sandbox, monkeypatch):
    threads: list[threading.Thread] = []
    real = overview_controller.compute_overview

    def spy(data):
        threads.append(threading.current_thread())
        return real(data)

    monkeypatch.setattr(overview_controller, "compute_overview", spy)
    open_overview(qtbot, start_app, demo_sandbox)
    assert threads and all(t is not threading.main_thread() for t in threads)


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_the_saved_report_is_self_contained_and_escapes_every_name(
    qtbot, start_app, demo_sandbox, admin_api, tmp_path: Path
):
    perm = next(p.id for p in admin_api.permissions() if not p.impersonation)
    for name in HOSTILE:
        admin_api.create_key(name, [perm])
    _app, _main, page = open_overview(qtbot, start_app, demo_sandbox)
    qtbot.waitUntil(lambda: any(r.name == HOSTILE[0] for r in page.overview.review), timeout=20_000)
    path = tmp_path / "overview.html"
    page.saveTo.emit(str(path), page.report_texts())
    qtbot.waitUntil(lambda: "Saved the report" in page.status.text(), timeout=20_000)
    html = path.read_text(encoding="utf-8")
    walker = _Walker()
    walker.feed(html)
    walker.close()
    assert "script" not in walker.tags and "img" not in walker.tags
    assert not {"link", "iframe", "object", "embed", "style"} & set(walker.tags)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    names = {a for a, _ in walker.attrs}
    assert not names & {"src", "href", "srcset", "action"}
    assert not any(n.startswith("on") for n in names)
    assert not any("http" in (v or "") for _, v in walker.attrs)
    texts = "".join(walker.text)
    for name in HOSTILE:
        assert name in texts  # shown as text, exactly
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x&gt;" in html
    # The counts beside it, as CSV.
    with path.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    counts = {r["name"]: int(r["count"]) for r in rows if r["kind"] == "count"}
    assert counts["never_used"] == page.overview.counts["never_used"]
    assert {r["name"] for r in rows if r["kind"] == "last_used"} == set(page.overview.buckets)


def test_nothing_is_counted_until_the_page_is_shown_then_again_after_each_refresh(
    qtbot, start_app, demo_sandbox
):
    app = start_app("--server", demo_sandbox.url)
    main = sign_in(qtbot, app, demo_sandbox)
    wait_loaded(qtbot, app)
    overview = app.current.overview
    # Signed in and loaded, the Admin pages are not built yet (nor the audit controller).
    assert main.admin_pages.built == frozenset() and app.current.audit is None
    assert main.overview_page.overview is None and app.runner.active_count == 0
    with qtbot.waitSignal(overview.computed, timeout=20_000):
        main.show_page("overviewPage")
    first = main.overview_page.overview
    with qtbot.waitSignal(overview.computed, timeout=20_000):
        main.refreshRequested.emit()
    assert main.overview_page.overview is not first
