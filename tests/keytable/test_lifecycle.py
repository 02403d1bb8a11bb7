"""Key lifecycle in the table: the Expires/Owner/Tags/Description columns, the status
badges, the new filters and the ``owner:``/``tag:`` search prefixes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from msgspec import structs

from rakerone_desktop.api.models import Exposure, PersonRef
from rakerone_desktop.keytable.columns import COLUMNS, Column, status_badges
from rakerone_desktop.keytable.engine import KeyTable
from rakerone_desktop.keytable.filters import KeyFilter
from rakerone_desktop.keytable.search import parse_search
from rakerone_desktop.keytable.steps import run
from rakerone_desktop.keytable.store import PreparedKeys
from tests.support.factories import CATALOG, NOW, make_key

ADA = PersonRef("usr_ada", "Ada Lovelace")
GRACE = PersonRef("usr_grace", "Grace Hopper")


def part_two(key, **fields):
    return structs.replace(key, status=fields.pop("status", "active"), version=1, **fields)


@pytest.fixture
def keys():
    return [
        part_two(make_key("soon"), expires_at=NOW + timedelta(days=3), owner=ADA, tags=("prod",)),
        part_two(make_key("later"), expires_at=NOW + timedelta(days=200), owner=GRACE),
        part_two(make_key("forever"), tags=("ci", "prod-eu"), description="Nightly\nsecond"),
        part_two(
            make_key("gone"),
            status="expired",
            expires_at=NOW - timedelta(days=1),
            owner=ADA,
        ),
        part_two(
            make_key("paused"),
            status="disabled",
            disabled_at=NOW - timedelta(hours=2),
            disabled_by=GRACE,
            exposure=Exposure(NOW - timedelta(hours=3), "github", "https://github.com/o/r/x"),
        ),
        part_two(make_key("dead", revoked=NOW), status="revoked", owner=ADA),
        # The server still said active, but its expiry has passed since.
        part_two(make_key("stale"), expires_at=NOW - timedelta(minutes=1)),
    ]


def table_of(keys) -> KeyTable:
    table = KeyTable()
    table.set_catalog(CATALOG)
    table.now = NOW.timestamp()
    table.adopt(PreparedKeys.from_keys(keys))
    table.rebuild_view()
    return table


def names(table: KeyTable) -> list[str]:
    return [k.name for k in table.visible_keys()]


def shown(table: KeyTable, column: Column) -> dict[str, str]:
    col = COLUMNS[column]
    return {k.name: col.display(table, i) for i, k in enumerate(table.rows.keys)}


def test_expires_says_when_never_or_expired(keys):
    table = table_of(keys)
    text = shown(table, Column.EXPIRES)
    assert text["soon"] == "in 259200 s"  # PlainTexts; the Qt side says "in 3 days"
    assert text["forever"] == "Never"
    assert text["gone"] == text["stale"] == "Expired"
    assert text["dead"] == ""
    i = table.by_id[keys[0].id]
    tip = COLUMNS[Column.EXPIRES].tooltip(table, i)
    assert tip is not None and "UTC" in tip


def test_a_key_rotated_on_the_server_says_so(keys):
    table = table_of(keys)
    table.rotated.add(keys[0].id)
    assert shown(table, Column.EXPIRES)["soon"] == "Expires in 259200 s (rotated)"


def test_owner_tags_description(keys):
    table = table_of(keys)
    assert shown(table, Column.OWNER)["soon"] == "Ada Lovelace"
    assert shown(table, Column.TAGS)["forever"] == "ci, prod-eu"
    assert shown(table, Column.DESCRIPTION)["forever"] == "Nightly"  # the first line
    i = table.by_id[keys[2].id]
    assert COLUMNS[Column.DESCRIPTION].tooltip(table, i) == "Nightly\nsecond"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (KeyFilter.ALL, {"soon", "later", "forever", "gone", "paused", "stale"}),
        (KeyFilter.EXPIRING_SOON, {"soon"}),
        (KeyFilter.EXPIRED, {"gone", "stale"}),
        (KeyFilter.NO_EXPIRY, {"forever", "paused"}),
        (KeyFilter.DISABLED, {"paused"}),
        (KeyFilter.EXPOSED, {"paused"}),
        # "Never used" and the like count only keys that work now.
        (KeyFilter.NEVER_USED, {"soon", "later", "forever"}),
        (KeyFilter.REVOKED, {"dead"}),
    ],
)
def test_filters(keys, flt, expected):
    table = table_of(keys)
    table.set_filter(flt)
    table.rebuild_view()
    assert set(names(table)) == expected


def test_expiring_soon_follows_the_policy(keys):
    table = table_of(keys)
    table.set_filter(KeyFilter.EXPIRING_SOON)
    assert table.set_warning_days(365)
    table.rebuild_view()
    assert set(names(table)) == {"soon", "later"}


def test_a_part_one_key_is_active_or_revoked():
    table = table_of([make_key("one"), make_key("two", revoked=NOW)])
    assert names(table) == ["one"]
    assert all(not status_badges(table, i) for i in range(2))
    for flt in (KeyFilter.EXPIRED, KeyFilter.DISABLED, KeyFilter.EXPOSED):
        table.set_filter(flt)
        table.rebuild_view()
        assert names(table) == []
    table.set_filter(KeyFilter.NEVER_USED)
    table.rebuild_view()
    assert names(table) == ["one"]


def test_badges_and_the_name_tooltip(keys):
    table = table_of(keys)
    by_name = {k.name: i for i, k in enumerate(table.rows.keys)}
    assert status_badges(table, by_name["paused"]) == ("Disabled", "Exposed")
    assert status_badges(table, by_name["gone"]) == ("Expired",)
    assert status_badges(table, by_name["soon"]) == ()
    tip = COLUMNS[Column.NAME].tooltip(table, by_name["paused"])
    assert tip is not None
    assert "Disabled" in tip and "Grace Hopper" in tip
    assert "Exposed" in tip and "github" in tip and "https://github.com/o/r/x" in tip


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("owner:ada", {"soon", "gone"}),
        ('owner:"ada lovelace"', {"soon", "gone"}),
        ("OWNER:Grace", {"later"}),
        ("tag:prod", {"soon"}),  # whole tags: not prod-eu
        ("tag:PROD-EU", {"forever"}),
        ("tag:prod owner:ada", {"soon"}),
        ("soon owner:ada", {"soon"}),
        ("owner:ada gone", {"gone"}),
        ("owner:nobody", set()),
    ],
)
def test_search_prefixes(keys, search, expected):
    table = table_of(keys)
    table.set_search(search)
    table.rebuild_view()
    assert set(names(table)) == expected


def test_parse_search():
    s = parse_search('foo owner:"ada lovelace" tag:ci  bar')
    assert (s.text, s.owners, s.tags) == ("foo bar", ("ada lovelace",), ("ci",))
    assert parse_search("xowner:a").text == "xowner:a"  # a prefix starts a word


def test_typing_a_tag_further_is_not_taken_as_narrowing(keys):
    table = table_of(keys)
    table.set_search("tag:pro")
    table.rebuild_view()
    assert names(table) == []
    before = table.search
    table.set_search("tag:prod")
    assert not table.narrows(before)


@pytest.mark.parametrize("column", [Column.EXPIRES, Column.OWNER, Column.TAGS])
def test_sorts_fast_as_plain(keys, column):
    table = table_of(keys)
    col = COLUMNS[column]
    assert col.sort_keys is not None and col.sort_value is not None
    fast = list(run(col.sort_keys(table.rows, None, 2)))
    plain = [col.sort_value(table, i) for i in range(len(keys))]
    assert fast == plain
    if column == Column.EXPIRES:  # never-expiring keys last, ascending
        order = sorted(range(len(keys)), key=fast.__getitem__)
        assert {table.rows.keys[i].name for i in order[-3:]} == {"forever", "paused", "dead"}
