"""The keys table model: roles, filters, search, sort, checked by Qt's model tester."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from rakerone_desktop.models.keys_model import ApiKeysModel, Column, KeyFilter, Role
from tests.support.factories import CATALOG, NOW, make_key


@pytest.fixture
def keys():
    return [
        make_key(
            "Webhook relay (prod)",
            permissions=("playbooks.run",),
            last_used=NOW - timedelta(minutes=3),
            ip="203.0.113.7",
            user_agent="relay/2.1",
        ),
        make_key(
            "Data import service",
            permissions=("records.write", "users.impersonate"),
            last_used=NOW - timedelta(days=200),
        ),
        make_key("Nothing at all", permissions=()),
        make_key("Old CI key", revoked=NOW - timedelta(days=1)),
        make_key("<b>html</b> name", creator="Sam Security"),
    ]


@pytest.fixture
def model(qtbot, keys):
    m = ApiKeysModel()
    QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
    m.set_catalog(CATALOG)
    m.set_now(NOW.timestamp())
    m.append_keys(keys)
    m.finish_loading()
    return m


def names(model):
    return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]


def test_display_roles_are_the_text_a_person_reads(model):
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    relay = rows["Webhook relay (prod)"]
    assert model.index(relay, Column.PERMISSIONS).data() == "Run playbooks"
    assert model.index(relay, Column.LAST_USED).data() == "3 minutes ago"
    nothing = rows["Nothing at all"]
    assert model.index(nothing, Column.PERMISSIONS).data() == "No permissions"
    assert model.index(nothing, Column.LAST_USED).data() == "Never"
    imp = rows["Data import service"]
    # The warning badge comes first so elision never hides it.
    assert model.index(imp, Column.PERMISSIONS).data() == "Can impersonate, Write records"
    assert model.index(imp, Column.PERMISSIONS).data(Role.BADGES) == (
        ("Can impersonate", True),
        ("Write records", False),
    )


def test_last_used_tooltip_has_local_utc_ip_and_agent(model):
    row = names(model).index("Webhook relay (prod)")
    tip = model.index(row, Column.LAST_USED).data(Qt.ItemDataRole.ToolTipRole)
    assert "UTC" in tip and "203.0.113.7" in tip and "relay/2.1" in tip
    created_tip = model.index(row, Column.CREATED).data(Qt.ItemDataRole.ToolTipRole)
    assert "Alex Admin" in created_tip


def test_all_hides_revoked_and_revoked_shows_only_them(model):
    assert "Old CI key" not in names(model)
    model.set_filter(KeyFilter.REVOKED)
    assert names(model) == ["Old CI key"]


def test_filters(model):
    model.set_filter(KeyFilter.NEVER_USED)
    assert set(names(model)) == {"Nothing at all", "<b>html</b> name"}
    model.set_filter(KeyFilter.UNUSED, unused_days=90)
    assert set(names(model)) == {"Nothing at all", "<b>html</b> name", "Data import service"}
    model.set_filter(KeyFilter.UNUSED, unused_days=365)
    assert "Data import service" not in names(model)
    model.set_filter(KeyFilter.IMPERSONATE)
    assert names(model) == ["Data import service"]


def test_search_name_hint_permission_creator(model):
    model.set_search("relay")
    assert names(model) == ["Webhook relay (prod)"]
    model.set_search("sam sec")
    assert names(model) == ["<b>html</b> name"]
    model.set_search("impersonate")
    assert names(model) == ["Data import service"]
    model.set_search("")
    assert len(names(model)) == 4


@pytest.mark.parametrize("column", [c for c in Column if c != Column.REVOKE])
def test_sort_every_column_both_ways(model, column):
    model.sort(column, Qt.SortOrder.AscendingOrder)
    values = [model.index(r, column).data(Role.SORT) for r in range(model.rowCount())]
    assert values == sorted(values)
    model.sort(column, Qt.SortOrder.DescendingOrder)
    values = [model.index(r, column).data(Role.SORT) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)


def test_sort_keeps_persistent_indexes_on_the_same_key(model):
    row = names(model).index("Nothing at all")
    persistent = model.index(row, 0)
    from PySide6.QtCore import QPersistentModelIndex

    p = QPersistentModelIndex(persistent)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert p.data() == "Nothing at all"


def test_upsert_revoked_key_leaves_all(model, keys):
    from msgspec import structs

    revoked = structs.replace(keys[0], revoked_at=NOW)
    model.upsert_key(revoked)
    assert "Webhook relay (prod)" not in names(model)
    model.set_filter(KeyFilter.REVOKED)
    assert "Webhook relay (prod)" in names(model)


def test_counts(model):
    shown, never = model.counts()
    assert (shown, never) == (4, 2)


def test_no_children_and_no_data_for_invalid(model):
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_headers_and_cells_come_from_the_column_table(model):
    from rakerone_desktop.keytable.columns import COLUMNS

    assert model.columnCount() == len(COLUMNS)
    for col in COLUMNS:
        header = model.headerData(col.id, Qt.Orientation.Horizontal)
        assert header == col.header  # no translator installed: the source text
        for row in range(model.rowCount()):
            assert model.index(row, col.id).data() == col.display(
                model.table, model.table.view[row]
            )
    assert model.headerData(len(COLUMNS), Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_roles_it_does_not_serve_answer_nothing(model):
    index = model.index(0, Column.NAME)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert index.data(Qt.ItemDataRole.EditRole) is None
    assert model.index(0, Column.REVOKE).data(Role.SORT) == 0  # Revoke doesn't sort
    model.sort(Column.REVOKE, Qt.SortOrder.AscendingOrder)  # ignored
    assert model.sort_column == Column.CREATED
