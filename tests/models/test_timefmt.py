"""Relative times, past and to come: one ladder of units, each said below its limit."""

from __future__ import annotations

import pytest

from rakerone_desktop.models import timefmt

M, H, D = 60, 3600, 86400


@pytest.mark.parametrize(
    ("seconds", "past", "future"),
    [
        (0, "Just now", "in 1 minute"),
        (44, "Just now", "in 1 minute"),
        (45, "1 minute ago", "in 1 minute"),
        (89, "1 minute ago", "in 1 minute"),
        (90, "2 minutes ago", "in 2 minutes"),
        (59 * M + 29, "59 minutes ago", "in 59 minutes"),
        (59 * M + 30, "1 hour ago", "in 1 hour"),
        (23 * H + 1799, "23 hours ago", "in 23 hours"),
        (23 * H + 1800, "1 day ago", "in 1 day"),
        (30 * D + 43199, "30 days ago", "in 30 days"),
        # A month ago after 30 days; to come, days are counted up to 60.
        (30 * D + 43200, "1 month ago", "in 31 days"),
        (60 * D + 43199, "2 months ago", "in 60 days"),
        (60 * D + 43200, "2 months ago", "in 2 months"),
        (359 * D, "11 months ago", "in 11 months"),
        # A year ago from 12 months (at least one year); to come, months up to 23.
        (360 * D, "1 year ago", "in 12 months"),
        (719 * D, "1 year ago", "in 23 months"),
        (720 * D, "1 year ago", "in 1 year"),
        (730 * D, "2 years ago", "in 2 years"),
        (5000 * D, "13 years ago", "in 13 years"),
    ],
)
def test_the_ladder_of_units(qapp, seconds, past, future):
    assert timefmt.relative(1_000_000_000 - seconds, 1_000_000_000) == past
    assert timefmt.ahead(1_000_000_000 + seconds, 1_000_000_000) == future


def test_never_and_the_past_to_come(qapp):
    assert timefmt.relative(None, 0) == "Never"
    assert timefmt.relative(10, 5) == "Just now"  # a clock a little behind
    assert timefmt.ahead(5, 10) == "in 1 minute"  # already past: the nearest it says


def test_local_and_utc_is_one_line_where_the_computer_keeps_utc(monkeypatch):
    import time
    from datetime import UTC, datetime

    from rakerone_desktop.models import timefmt

    at = datetime(2026, 11, 30, 10, 6, 29, tzinfo=UTC)
    try:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        assert timefmt.local_and_utc(at) == "2026-11-30 10:06:29 UTC"
        monkeypatch.setenv("TZ", "Europe/Berlin")
        time.tzset()
        assert timefmt.local_and_utc(at) == "2026-11-30 11:06:29 CET\n2026-11-30 10:06:29 UTC"
    finally:
        monkeypatch.undo()
        time.tzset()
