"""The table engine without Qt: loading, filters, search, sort, sorting in steps."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from msgspec import structs

from rakerone_desktop.keytable.columns import PRESORTED, SERVER_ORDER, Column
from rakerone_desktop.keytable.engine import KeyTable
from rakerone_desktop.keytable.filters import KeyFilter
from rakerone_desktop.keytable.sort import Sorted
from rakerone_desktop.keytable.steps import run, run_paced, sorted_in_steps
from rakerone_desktop.keytable.store import FREE_STEP, PreparedKeys, Trash
from tests.support.factories import CATALOG, NOW, make_key


def loaded(keys, *, step: int | None = None) -> KeyTable:
    table = KeyTable()
    table.now = NOW.timestamp()
    table.set_catalog(CATALOG)
    if step is not None:
        table.sort_step, table.presort_min_rows = step, 0
    table.adopt(PreparedKeys.from_keys(keys))
    table.rebuild_view()
    return table


def names(table: KeyTable) -> list[str]:
    return [table.rows.keys[i].name for i in table.view]


def sample():
    return [
        make_key("Webhook relay", permissions=("playbooks.run",), last_used=NOW),
        make_key(
            "Importer", permissions=("users.impersonate",), last_used=NOW - timedelta(days=200)
        ),
        make_key("nothing", permissions=()),
        make_key("Old CI", revoked=NOW),
        make_key("alpha", creator="Sam Security"),
    ]


def test_the_engine_imports_no_qt():
    code = (
        "import sys, rakerone_desktop.keytable, rakerone_desktop.keytable.export;"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_filters_search_and_counts():
    table = loaded(sample())
    assert names(table) == ["Webhook relay", "Importer", "nothing", "alpha"]  # newest first
    assert table.counts() == (4, 2)
    assert table.set_filter(KeyFilter.REVOKED)
    table.rebuild_view()
    assert names(table) == ["Old CI"]
    assert table.set_filter(KeyFilter.IMPERSONATE)
    table.rebuild_view()
    assert names(table) == ["Importer"]
    assert not table.set_filter(KeyFilter.IMPERSONATE)  # no change, nothing to do
    table.set_filter(KeyFilter.ALL)
    assert table.set_search("  SAM sec ")
    table.rebuild_view()
    assert names(table) == ["alpha"]
    assert table.names_in_use() == {"webhook relay", "importer", "nothing", "alpha"}


def test_a_longer_search_narrows_the_view_in_place():
    table = loaded(sample())
    table.set_search("i")
    table.rebuild_view()
    before = names(table)
    table.set_search("im")
    table.narrow_view()
    assert names(table) == [n for n in before if "im" in n.casefold()]


def test_sort_both_ways_and_back_to_the_server_order():
    table = loaded(sample())
    server = names(table)
    table.view = table.sorted_view((Column.NAME, False))
    assert names(table) == ["alpha", "Importer", "nothing", "Webhook relay"]
    table.view = table.sorted_view((Column.NAME, True))
    assert names(table) == ["Webhook relay", "nothing", "Importer", "alpha"]
    table.view = table.sorted_view(SERVER_ORDER)
    assert names(table) == server


def test_a_revocation_restates_one_row():
    keys = sample()
    table = loaded(keys)
    revoked = structs.replace(keys[1], revoked_at=NOW)
    assert not table.update(revoked)  # what rows sort by did not change
    was, now, pos = table.restate(table.by_id[revoked.id])
    assert (was, now, pos) == (True, False, 1)


def test_sort_work_in_steps_gives_the_orders_a_click_gives():
    keys = [make_key(f"k{n % 7}", creator=f"c{n % 3}", last_used=NOW) for n in range(40)]
    table = loaded(keys, step=3)
    work = table.sort_work()
    assert work is not None
    steps = 1
    while not work.step():
        steps += 1
    assert steps > len(PRESORTED)  # it really went in steps
    table.adopt_sorted(work)
    assert all((c, False) in table.orders for c in PRESORTED)
    clicked = loaded(keys)
    for column in PRESORTED:
        assert table.orders[(column, False)] == clicked.sorted_view((column, False)), column


def test_a_stale_sort_work_is_refused():
    keys = [make_key(n) for n in ("b", "c", "a")]
    table = loaded(keys, step=2)
    work = table.sort_work()
    assert work is not None
    table.update(structs.replace(keys[0], name="z"))  # what names sort by changed
    table.adopt_sorted(work.run())
    table.view = table.sorted_view((Column.NAME, False))
    assert names(table) == ["a", "c", "z"]


@given(st.lists(st.integers(-5, 5)), st.integers(1, 9), st.booleans())
def test_sorting_in_steps_is_sorted(items, step, reverse):
    numbers = list(range(len(items)))
    by = [x % 3 for x in items]  # many ties: stability shows
    got = run(sorted_in_steps(numbers, by.__getitem__, reverse, step))
    assert got == sorted(numbers, key=by.__getitem__, reverse=reverse)


def test_run_paced_rests_between_steps():
    rests = []

    def job():
        yield
        yield
        return "done"

    assert run_paced(job(), lambda: rests.append(1)) == "done"
    assert rests == [1, 1]


def test_trash_frees_a_slice_at_a_time():
    trash = Trash()
    big = list(range(10_000))
    trash.add((1, 2), big)
    turns = 0
    while trash.free_some():
        turns += 1
    # Sliced down to one step's worth, then dropped whole; the tuple, whole.
    assert turns == 3 and len(big) <= FREE_STEP and not trash


@given(
    st.lists(st.tuples(st.integers(0, 40), st.booleans()), max_size=60, unique_by=lambda t: t[0])
)
def test_select_keeps_the_rows_the_mask_lets_through_in_order(rows):
    from rakerone_desktop.keytable.engine import select

    size = 1 + max((i for i, _ in rows), default=0)
    mask = bytearray(size)
    for i, keep in rows:
        mask[i] = keep
    order = tuple(i for i, _ in rows)
    assert select(order, bytes(mask)) == tuple(i for i in order if mask[i])


def test_counts_follow_usage_changes_and_searches():
    table = loaded(sample())
    assert table.counts() == (4, 2)
    nothing = table.key_by_id(table.rows.keys[2].id)
    assert nothing is not None and nothing.name == "nothing"
    assert table.update(structs.replace(nothing, last_used_at=NOW))  # now used
    table.rebuild_view()
    assert table.counts() == (4, 1)
    table.set_search("alpha")
    table.rebuild_view()
    assert table.counts() == (1, 1)
    table.set_search("")
    table.set_filter(KeyFilter.REVOKED)
    table.rebuild_view()
    assert table.counts() == (1, 1)  # "Old CI" was never used


@given(
    st.lists(st.integers(0, 4), max_size=40),
    st.randoms(use_true_random=False),
    st.integers(1, 9),
)
def test_the_other_direction_turned_round_is_the_sorted_one(values, rnd, step):
    """``reversed_order`` gives what sorting the server's order the other way gives,
    and knows its own runs of ties (so it turns back round too)."""
    from rakerone_desktop.keytable.sort import reversed_order, tie_runs, with_ties

    base = list(range(len(values)))
    rnd.shuffle(base)  # any server order
    for descending in (False, True):
        other = sorted(base, key=values.__getitem__, reverse=not descending)
        sorted_ahead = with_ties(other, run(tie_runs(other, values, step)))
        turned = reversed_order(sorted_ahead)
        assert turned == tuple(sorted(base, key=values.__getitem__, reverse=descending))
        assert reversed_order(turned) == tuple(other)


def test_a_second_click_after_sorting_ahead_is_the_order_a_sort_gives():
    keys = [make_key(f"k{n % 4}", creator=f"c{n % 2}", last_used=NOW) for n in range(12)]
    table = loaded(keys, step=5)
    work = table.sort_work()
    assert work is not None
    table.adopt_sorted(work.run())
    plain = loaded(keys)
    for column in (*PRESORTED, Column.PERMISSIONS):
        assert isinstance(table.orders[(column, False)], Sorted), column
        assert table.sorted_view((column, True)) == plain.sorted_view((column, True)), column
        assert isinstance(table.orders[(column, True)], Sorted)  # turned round, not sorted
        assert table.sorted_view((column, False)) == plain.sorted_view((column, False)), column


def test_permissions_are_sorted_ahead_once_the_catalog_is_known():
    table = KeyTable()
    table.presort_min_rows = 0
    table.adopt(PreparedKeys.from_keys(sample()))
    work = table.sort_work()
    assert work is not None
    table.adopt_sorted(work.run())
    assert (Column.PERMISSIONS, False) not in table.orders  # no places for sets yet
    table.set_catalog(CATALOG)
    work = table.sort_work()
    assert work is not None
    table.adopt_sorted(work.run())
    clicked = loaded(sample())
    clicked.sorted_view((Column.PERMISSIONS, False))
    assert table.orders[(Column.PERMISSIONS, False)] == clicked.order()


def test_sorting_ahead_by_permissions_is_refused_after_a_new_catalog():
    table = loaded(sample())
    table.presort_min_rows = 0
    work = table.sort_work()
    assert work is not None
    table.set_catalog(CATALOG)  # the places of the sets may have changed
    table.adopt_sorted(work.run())
    assert (Column.PERMISSIONS, False) not in table.orders
