"""CSV exports: formula injection defused, UTC times, round trips through csv."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from rakerone_desktop.domain.csv_export import events_csv, iso_utc, safe_cell
from rakerone_desktop.keytable.export import keys_csv
from tests.support.factories import make_key


def test_formula_starts_are_defused():
    for text in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("plain") == "plain"
    assert safe_cell(None) == ""


@given(st.text())
def test_any_name_survives_a_round_trip_and_never_starts_a_formula(name):
    key = make_key(name)
    rows = list(csv.reader(io.StringIO(keys_csv([key]), newline="")))
    cell = rows[1][1]
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == name or cell == name


def test_times_are_utc_iso_with_z():
    t = datetime(2026, 11, 26, 15, 3, 12, tzinfo=timezone(timedelta(hours=2)))
    assert iso_utc(t) == "2026-11-26T13:03:12Z"
    key = make_key(created=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    row = next(csv.DictReader(io.StringIO(keys_csv([key]))))
    assert row["created_at_utc"] == "2026-01-02T03:04:05Z"
    assert row["last_used_at_utc"] == ""
    assert row["status"] == "active"


def test_events_csv_columns():
    from rakerone_desktop.api.models import Actor, Event

    event = Event(
        "evt_1",
        datetime(2026, 1, 1, tzinfo=UTC),
        "api_key.used",
        Actor("api_key", "key_1", "=cmd"),
        "203.0.113.9",
        "-called /me",
    )
    row = next(csv.DictReader(io.StringIO(events_csv([event]))))
    assert row == {
        "id": "evt_1",
        "at_utc": "2026-01-01T00:00:00Z",
        "action": "api_key.used",
        "actor_kind": "api_key",
        "actor_id": "key_1",
        "actor_name": "'=cmd",
        "ip": "203.0.113.9",
        "summary": "'-called /me",
    }
