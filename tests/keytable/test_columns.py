"""The column table: every column declares every fact, and the facts agree with each other."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest

from rakerone_desktop.keytable.columns import (
    COLUMNS,
    CONTEXT,
    CSV_FIELDS,
    OPTIONAL_COLUMNS,
    PRESORTED,
    SORTABLE_COLUMNS,
    Column,
    KeyColumn,
    Paint,
)
from rakerone_desktop.keytable.engine import KeyTable
from rakerone_desktop.keytable.export import KEY_CSV_HEADER, keys_csv
from rakerone_desktop.keytable.steps import run
from rakerone_desktop.keytable.store import PreparedKeys
from tests.support.factories import CATALOG, NOW, make_key

GERMAN = Path(__file__).parents[2] / "resources" / "translations" / "rakerone_de.ts"


def table_of(keys) -> KeyTable:
    table = KeyTable()
    table.set_catalog(CATALOG)
    table.now = NOW.timestamp()
    table.adopt(PreparedKeys.from_keys(keys))
    table.rebuild_view()
    return table


@pytest.fixture
def keys():
    return [
        make_key(
            "Relay",
            permissions=("playbooks.run", "users.impersonate"),
            last_used=NOW - timedelta(minutes=5),
            ip="203.0.113.7",
            user_agent="Relay/2.1",
        ),
        make_key("=SUM(A1)", permissions=(), creator="sam"),
        make_key("old", revoked=NOW, permissions=("legacy.unknown",)),
        make_key("beta", last_used=NOW - timedelta(days=3), ip=None, user_agent="curl/8"),
    ]


def test_columns_are_in_their_places_and_each_declares_every_fact():
    assert [c.id for c in COLUMNS] == list(Column)
    for col in COLUMNS:
        assert isinstance(col, KeyColumn)
        assert col.header.strip(), col.id
        assert callable(col.display) and callable(col.tooltip), col.id
        assert col.csv, f"{col.id.name} writes nothing to a CSV"
        assert isinstance(col.paint, Paint)
        # A column sorts both ways or not at all: the plain key and the fast path.
        assert (col.sort_value is None) == (col.sort_keys is None), col.id
    assert len({c.header for c in COLUMNS}) == len(COLUMNS)


def test_derived_lists_follow_the_table():
    assert OPTIONAL_COLUMNS == (
        Column.HINT,
        Column.CREATED_BY,
        Column.LAST_USED_IP,
        Column.LAST_USED_USER_AGENT,
        Column.OWNER,
        Column.TAGS,
        Column.DESCRIPTION,
    )
    assert Column.REVOKE not in SORTABLE_COLUMNS
    assert set(PRESORTED) == set(SORTABLE_COLUMNS) - {Column.CREATED, Column.PERMISSIONS}


def test_every_header_and_text_has_its_german_translation():
    root = ET.parse(GERMAN).getroot()
    german = {
        m.findtext("source"): m.findtext("translation")
        for ctx in root.iter("context")
        if ctx.findtext("name") == CONTEXT
        for m in ctx.iter("message")
    }
    for col in COLUMNS:
        assert german.get(col.header), f"no German for the header {col.header!r}"


def test_the_keys_csv_keeps_its_layout():
    assert KEY_CSV_HEADER == (
        "id",
        "name",
        "permissions",
        "permission_labels",
        "hint",
        "created_at_utc",
        "created_by",
        "last_used_at_utc",
        "last_used_ip",
        "last_used_user_agent",
        "revoked_at_utc",
        "revoked_by",
        "status",
        # Part 2 (key lifecycle), after the part-1 layout (extended only):
        "expires_at_utc",
        "owner",
        "tags",
        "description",
    )
    assert [f.place for f in CSV_FIELDS] == list(range(len(CSV_FIELDS)))


def test_csv_display_and_sort_agree(keys):
    table = table_of(keys)
    labels = {p.id: p.label for p in CATALOG}
    rows = list(csv.DictReader(io.StringIO(keys_csv(keys, labels), newline="")))
    by_id = {row["id"]: row for row in rows}
    for i, key in enumerate(table.rows.keys):
        row = by_id[key.id]
        shown = {col.id: col.display(table, i) for col in COLUMNS}
        # Text columns export what they show (defused where a spreadsheet would run it).
        for col in (Column.NAME, Column.HINT, Column.CREATED_BY, Column.LAST_USED_IP):
            (field,) = next(c for c in COLUMNS if c.id == col).csv
            assert row[field.name].removeprefix("'") == shown[col], (col, key.name)
        assert row["last_used_user_agent"] == shown[Column.LAST_USED_USER_AGENT]
        assert row["status"] == ("revoked" if key.revoked_at else "active")
        assert shown[Column.REVOKE] == ("Revoked" if key.revoked_at else "Revoke")
        assert row["permissions"].split() == list(key.permissions)
        badges = [label for label, _ in table.perm_set(i).badges]
        assert set(row["permission_labels"].split("; ")) - {""} == set(badges)
        assert shown[Column.PERMISSIONS] == (", ".join(badges) or "No permissions")


@pytest.mark.parametrize("col", [c for c in COLUMNS if c.sortable], ids=lambda c: c.id.name)
def test_the_fast_sort_keys_order_rows_as_the_plain_ones(keys, col):
    table = table_of([*keys, make_key("Alpha", ip="10.0.0.1", last_used=NOW)])
    n = len(table.rows)
    assert col.sort_keys is not None and col.sort_value is not None
    fast = run(col.sort_keys(table.rows, table.sets.ranks(), 2))
    plain = [col.sort_value(table, i) for i in range(n)]
    by_fast = sorted(range(n), key=lambda i: (fast[i], i))
    by_plain = sorted(range(n), key=lambda i: (plain[i], i))
    assert by_fast == by_plain


def test_tooltips_are_text_or_nothing(keys):
    table = table_of(keys)
    for i in range(len(table.rows)):
        for col in COLUMNS:
            tip = col.tooltip(table, i)
            assert tip is None or (isinstance(tip, str) and tip)
    relay = table.rows.keys.index(keys[0])
    tip = COLUMNS[Column.LAST_USED].tooltip(table, relay)
    assert tip is not None and "203.0.113.7" in tip and "Relay/2.1" in tip
