"""The Overview's counts and bars, and its report, from plain keys (no Qt, no server)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import msgspec

from rakerone_desktop.api.models import Exposure
from rakerone_desktop.models.overview import (
    DISABLED,
    EXPIRING_SOON,
    EXPOSED,
    NO_EXPIRY,
    OverviewInput,
    compute_overview,
)
from rakerone_desktop.models.overview_report import ReportTexts, overview_csv, overview_html
from tests.support.factories import make_key

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
PART_TWO = frozenset({NO_EXPIRY, EXPIRING_SOON, DISABLED, EXPOSED})


def _data(keys, offered=PART_TWO):
    return OverviewInput(keys, frozenset({"admin.impersonate"}), NOW, offered=offered)


def test_each_key_counts_where_the_keys_page_filters_would_show_it():
    keys = [
        make_key("used today", last_used=NOW - timedelta(hours=1)),
        make_key("used this week", last_used=NOW - timedelta(days=3)),
        make_key("used this month", last_used=NOW - timedelta(days=20)),
        make_key("old", last_used=NOW - timedelta(days=200)),
        make_key("never"),
        make_key("impersonates", permissions=("admin.impersonate",), last_used=NOW),
        make_key("revoked", revoked=NOW - timedelta(days=1)),
    ]
    keys.append(msgspec.structs.replace(make_key("expiring"), expires_at=NOW + timedelta(days=3)))
    keys.append(msgspec.structs.replace(make_key("later"), expires_at=NOW + timedelta(days=300)))
    keys.append(msgspec.structs.replace(make_key("off"), status="disabled"))
    keys.append(
        msgspec.structs.replace(
            make_key("leaked"), exposure=Exposure(reported_at=NOW, source="github")
        )
    )
    ov = compute_overview(_data(keys))
    assert ov.total == 10  # revoked keys count nowhere
    assert ov.counts["active"] == 9
    # As the keys page's filters, the usable keys only ("off" is disabled).
    assert ov.counts["never_used"] == 4  # never, expiring, later, leaked
    assert ov.counts["unused"] == 5  # old, and the never used (as the keys page's filter)
    assert ov.counts["impersonate"] == 1
    assert ov.counts[EXPIRING_SOON] == 1
    assert ov.counts[NO_EXPIRY] == 8
    assert ov.counts[DISABLED] == 1
    assert ov.counts[EXPOSED] == 1
    assert ov.buckets["week"] == 1 and ov.buckets["month"] == 1 and ov.buckets["older"] == 1
    assert ov.buckets["never"] == 5
    assert sum(ov.buckets.values()) == ov.total
    assert {r.name for r in ov.review} >= {"leaked", "impersonates", "never"}


def test_part_two_counts_are_absent_unless_offered():
    ov = compute_overview(_data([make_key()], offered=frozenset()))
    for name in (NO_EXPIRY, EXPIRING_SOON, DISABLED, EXPOSED):
        assert ov.counts[name] is None


def test_report_and_csv_escape_and_defuse_names():
    keys = [make_key("<b>x</b>"), make_key("=cmd|' /C calc'!A0")]
    ov = compute_overview(_data(keys))
    labels = {n: n.upper() for n in (*ov.counts, "today", "week", "month", "older", "never")} | {
        "never_used": "=Never"
    }
    texts = ReportTexts("T", "S", "G %1", "C", "K", "R", "+%1", "N", "H", "B", "W", "#", labels)
    html = overview_html(ov, texts)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    rows = list(csv.reader(io.StringIO(overview_csv(ov, labels))))
    assert ["count", "never_used", "'=Never", "2", "2026-11-30T12:00:00Z"] in rows
