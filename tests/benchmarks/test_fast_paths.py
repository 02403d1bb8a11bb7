"""The fast paths behind the benchmark's figures behave exactly as the plain ones.

The keys model filters, searches and sorts with C-level masks over columns,
cached orders, a background presort and per-permission-set labels (for speed
at 100,000 keys). These properties hold it to the plain, row-by-row
definitions it replaced: which keys are shown, in which order, with which
counts, however the keys arrived (pages, a swap, one by one) and whatever
happened since. The page prefetcher of the keys controller is checked too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import structs
from PySide6.QtCore import Qt

from rakerone_desktop.api.models import ApiKey, Exposure, Permission, PersonRef
from rakerone_desktop.controllers.prefetch import Prefetch
from rakerone_desktop.domain.keyformat import ALPHABET
from rakerone_desktop.models.keys_model import (
    ApiKeysModel,
    Column,
    KeyFilter,
    PreparedKeys,
    Role,
)

NOW = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)
CATALOG = (
    Permission("playbooks.run", "Run playbooks", "", "Playbooks", False),
    Permission("records.write", "Write records", "", "Records", False),
    Permission("records.read", "Read records", "", "Records", False),
    Permission("users.impersonate", "Can impersonate", "", "Users", True),
)
PERMISSION_IDS = [p.id for p in CATALOG] + ["legacy.unknown"]
NAMES = ["Data import", "data IMPORT", "Straße sync", "STRASSE sync", "relay", "İstanbul", "é"]
CREATORS = [
    PersonRef("usr_a", "Alex Admin"),
    PersonRef("usr_b", "alex admin"),
    PersonRef("u", "Sam"),
]
AGENTS = [None, "curl/8.5.0", "CURL/8.5.0", "python-requests/2.32"]
IPS = [None, "203.0.113.7", "198.51.100.2", "10.0.0.1"]
SEARCHES = [
    "",
    "a",
    "da",
    "data",
    "rone",
    "one_",
    "…",
    "_…a",
    "…a",
    "imp",
    "can imp",
    "records.",
    "sam",
    "strasse",
    "ß",
    "İ",
    "x\x00y",
    "zzz",
    # owner: and tag: prefixes (whole tags; owners by part of the name), alone and combined
    "owner:alex",
    'owner:"alex admin"',
    "owner:sam data",
    "tag:prod",
    "tag:prod-eu",
    "TAG:CI owner:a",
    "tag:",
]
OWNERS = [None, PersonRef("usr_a", "Alex Admin"), PersonRef("u", "Sam"), PersonRef("x", "sAM")]
TAGS = [(), ("prod",), ("prod-eu", "ci"), ("ci",)]
SORTABLE = [c for c in Column if c != Column.REVOKE]


@st.composite
def api_keys(draw: Any, n: int) -> ApiKey:
    created = NOW - timedelta(days=draw(st.integers(0, 5)))  # many ties
    used = draw(st.one_of(st.none(), st.integers(0, 400)))
    revoked = draw(st.booleans())
    creator = draw(st.sampled_from(CREATORS))
    part_two = draw(st.booleans())  # a part-1 answer has none of the lifecycle fields
    lifecycle: dict[str, Any] = {}
    if part_two:
        status = "revoked" if revoked else draw(st.sampled_from(["active", "disabled", "expired"]))
        expires = draw(st.one_of(st.none(), st.integers(-3, 400)))  # days from NOW
        reported = draw(st.one_of(st.none(), st.integers(0, 30)))
        lifecycle = {
            "status": status,
            "expires_at": None if expires is None else NOW + timedelta(days=expires, hours=1),
            "owner": draw(st.sampled_from(OWNERS)),
            "tags": draw(st.sampled_from(TAGS)),
            "description": draw(st.sampled_from(["", "Nightly", "nightly\nsync"])),
            "exposure": None
            if reported is None
            else Exposure(NOW - timedelta(days=reported), "github", None),
            "version": 1,
        }
    return ApiKey(
        id=f"key_{draw(st.integers(0, 10**6)):07d}_{n}",
        name=draw(st.sampled_from(NAMES)),
        permissions=tuple(draw(st.lists(st.sampled_from(PERMISSION_IDS), max_size=3, unique=True))),
        hint="rone_…" + "".join(draw(st.lists(st.sampled_from(ALPHABET), min_size=4, max_size=4))),
        created_at=created,
        created_by=creator,
        last_used_at=None if used is None else NOW - timedelta(days=used),
        last_used_ip=None if used is None else draw(st.sampled_from(IPS)),
        last_used_user_agent=None if used is None else draw(st.sampled_from(AGENTS)),
        revoked_at=NOW if revoked else None,
        revoked_by=creator if revoked else None,
        **lifecycle,
    )


key_lists = st.integers(0, 40).flatmap(
    lambda size: st.tuples(*(api_keys(n) for n in range(size))).map(list)
)


# -- the plain definitions ---------------------------------------------------------------


def _labels(key: ApiKey, catalog: dict[str, Permission]) -> list[tuple[str, bool]]:
    labels = [
        (catalog[p].label, catalog[p].impersonation) if p in catalog else (p, False)
        for p in key.permissions
    ]
    labels.sort(key=lambda item: not item[1])
    return labels


def _perm_text(key: ApiKey, catalog: dict[str, Permission]) -> str:
    return ", ".join(label for label, _ in _labels(key, catalog))


def _status(key: ApiKey) -> str:
    """The key's status now: the server's, or expired when its expiry has passed since."""
    status = key.lifecycle_status
    if status in ("active", "disabled") and key.expires_at is not None and key.expires_at <= NOW:
        return "expired"
    return status


WARNING_DAYS = 14


def _passes_filter(key: ApiKey, flt: str, days: int, catalog: dict[str, Permission]) -> bool:
    status = _status(key)
    if flt == KeyFilter.ALL:
        return key.revoked_at is None
    if flt == KeyFilter.REVOKED:
        return key.revoked_at is not None
    if flt == KeyFilter.EXPIRED:
        return status == "expired"
    if flt == KeyFilter.DISABLED:
        return key.lifecycle_status == "disabled"
    if flt == KeyFilter.EXPOSED:
        return key.exposure is not None
    if flt == KeyFilter.NO_EXPIRY:
        return key.expires_at is None and status in ("active", "disabled")
    if status != "active":
        return False
    used = key.last_used_at.timestamp() if key.last_used_at else None
    if flt == KeyFilter.NEVER_USED:
        return used is None
    if flt == KeyFilter.UNUSED:
        return used is None or used < NOW.timestamp() - days * 86400
    if flt == KeyFilter.IMPERSONATE:
        return any(w for _, w in _labels(key, catalog))
    if flt == KeyFilter.EXPIRING_SOON:
        return key.expires_at is not None and key.expires_at <= NOW + timedelta(days=WARNING_DAYS)
    raise AssertionError(flt)


def _terms(search: str) -> tuple[str, list[str], list[str]]:
    """The search taken apart word by word (the plain way): free text, owners, tags."""
    free: list[str] = []
    owners: list[str] = []
    tags: list[str] = []
    words = iter(search.split(" "))
    for word in words:
        low = word.casefold()
        for prefix, into in (("owner:", owners), ("tag:", tags)):
            if low.startswith(prefix) and len(word) > len(prefix):
                value = word[len(prefix) :]
                if value.startswith('"'):
                    value = value[1:]
                    while not value.endswith('"'):
                        value += " " + next(words)
                    value = value[:-1]
                into.append(value.casefold())
                break
        else:
            if word:
                free.append(word)
    return " ".join(free), owners, tags


def _passes(key: ApiKey, flt: str, days: int, search: str, catalog: dict[str, Permission]) -> bool:
    if not _passes_filter(key, flt, days, catalog):
        return False
    free, owners, tags = _terms(search)
    owner = key.owner.name.casefold() if key.owner else None
    if any(owner is None or o not in owner for o in owners):
        return False
    if any(t not in key.tags for t in tags):
        return False
    search = free
    hay = "\x00".join(
        (
            key.name,
            key.hint,
            _perm_text(key, catalog),
            " ".join(key.permissions),
            key.created_by.name,
        )
    ).casefold()
    return not search or search in hay


def _sort_value(key: ApiKey, col: Column, catalog: dict[str, Permission]) -> Any:
    labels = _labels(key, catalog)
    return {
        Column.NAME: key.name.casefold(),
        Column.PERMISSIONS: (
            any(w for _, w in labels),
            len(labels),
            _perm_text(key, catalog).casefold(),
        ),
        Column.LAST_USED: key.last_used_at.timestamp() if key.last_used_at else -1.0,
        Column.CREATED: key.created_at.timestamp(),
        Column.HINT: key.hint,
        Column.CREATED_BY: key.created_by.name.casefold(),
        Column.LAST_USED_IP: key.last_used_ip or "",
        Column.LAST_USED_USER_AGENT: (key.last_used_user_agent or "").casefold(),
        Column.EXPIRES: key.expires_at.timestamp() if key.expires_at else float("inf"),
        Column.OWNER: key.owner.name.casefold() if key.owner else "",
        Column.TAGS: ", ".join(key.tags).casefold(),
        Column.DESCRIPTION: key.description.casefold(),
    }[col]


def expected_ids(
    keys: list[ApiKey],
    flt: str,
    days: int,
    search: str,
    col: Column,
    order: Qt.SortOrder,
    catalog: dict[str, Permission],
) -> list[str]:
    latest = {k.id: k for k in keys}  # a key seen twice: its last version, first place
    unique = [latest[i] for i in dict.fromkeys(k.id for k in keys)]
    shown = [k for k in unique if _passes(k, flt, days, search.strip().casefold(), catalog)]
    shown.sort(key=lambda k: (k.created_at.timestamp(), k.id), reverse=True)
    reverse = order == Qt.SortOrder.DescendingOrder
    if col != Column.CREATED:
        shown.sort(key=lambda k: _sort_value(k, col, catalog), reverse=reverse)
    elif not reverse:
        shown.reverse()
    return [k.id for k in shown]


def revoke(key: ApiKey, by: PersonRef) -> ApiKey:
    """``key`` as the server answers once it is revoked."""
    status = None if key.status is None else "revoked"
    return structs.replace(key, revoked_at=NOW, revoked_by=by, status=status)


# -- the model, driven ---------------------------------------------------------------------


def shown_ids(model: ApiKeysModel) -> list[str]:
    return [model.index(r, 0).data(Role.KEY_ID) for r in range(model.rowCount())]


def load(model: ApiKeysModel, keys: list[ApiKey], how: str, page: int) -> None:
    if how == "pages":
        for start in range(0, len(keys), page):
            model.append_keys(keys[start : start + page])
        model.finish_loading()
    elif how == "prepared":
        rows = PreparedKeys()
        for start in range(0, len(keys), page):
            rows.extend(ApiKeysModel.prepare(keys[start : start + page]))
        descending = model.sort_order == Qt.SortOrder.DescendingOrder
        model.replace_prepared(rows.finish((model.sort_column, descending), step=STEP))
    elif how == "swap":
        model.replace_all(keys)
    else:
        for key in keys:
            model.upsert_key(key)


def presort(model: ApiKeysModel) -> None:
    work = model.sort_work()
    if work is not None:
        model.adopt_sorted(work.run())


STEP = 3  # rows per step of work done in steps
fast = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def new_model() -> ApiKeysModel:
    """A model that sorts ahead and in steps on lists this small, so those paths run too."""
    model = ApiKeysModel()
    model.table.presort_min_rows = 0
    model.table.sort_step = STEP
    return model


@fast
@given(
    keys=key_lists,
    how=st.sampled_from(["pages", "prepared", "swap", "one by one"]),
    page=st.integers(1, 7),
    catalog_first=st.booleans(),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["filter", "search", "sort", "presort", "revoke", "create"]),
            st.integers(0, 10**6),
        ),
        max_size=8,
    ),
)
def test_shown_keys_and_order_match_the_definitions(
    qapp: Any,
    keys: list[ApiKey],
    how: str,
    page: int,
    catalog_first: bool,
    steps: list[tuple[str, int]],
) -> None:
    model = new_model()
    model.set_now(NOW.timestamp())
    catalog: dict[str, Permission] = {}
    if catalog_first:
        model.set_catalog(CATALOG)
        catalog = {p.id: p for p in CATALOG}
    load(model, keys, how, page)
    if not catalog_first:
        model.set_catalog(CATALOG)
        catalog = {p.id: p for p in CATALOG}
    flt, days, search = KeyFilter.ALL, 90, ""
    col, order = model.sort_column, model.sort_order
    everything = list(keys)

    def check() -> None:
        want = expected_ids(everything, flt, days, search, col, order, catalog)
        assert shown_ids(model) == want
        by_id = {k.id: k for k in everything}
        never = sum(1 for i in want if by_id[i].last_used_at is None)
        assert model.counts() == (len(want), never)
        for row, key_id in enumerate(want[:5]):
            assert model.row_of(key_id) == row
            assert model.index(row, Column.PERMISSIONS).data(Role.BADGES) == tuple(
                _labels(by_id[key_id], catalog)
            )
        assert model.names_in_use() == {
            k.name.casefold() for k in by_id.values() if k.revoked_at is None
        }

    check()
    for action, n in steps:
        if action == "filter":
            flt = KeyFilter.ORDER[n % len(KeyFilter.ORDER)]
            days = (30, 90, 365)[n % 3]
            model.set_filter(flt, days)
        elif action == "search":
            search = SEARCHES[n % len(SEARCHES)]
            model.set_search(search)
        elif action == "sort":
            col = SORTABLE[n % len(SORTABLE)]
            order = Qt.SortOrder.AscendingOrder if n % 2 else Qt.SortOrder.DescendingOrder
            model.sort(col, order)
        elif action == "presort":
            presort(model)
        elif action == "revoke" and everything:
            victim = everything[n % len(everything)]
            revoked = revoke(victim, CREATORS[0])
            everything.append(revoked)
            model.upsert_key(revoked)
        elif action == "create":
            created = ApiKey(
                id=f"key_new_{n}",
                name=NAMES[n % len(NAMES)],
                permissions=("users.impersonate",) if n % 2 else (),
                hint="rone_…" + ALPHABET[n % 62] * 4,
                created_at=NOW + timedelta(seconds=n % 3),
                created_by=CREATORS[n % 3],
                last_used_at=None,
                last_used_ip=None,
                last_used_user_agent=None,
                revoked_at=None,
                revoked_by=None,
            )
            if created.id not in {k.id for k in everything}:
                everything.append(created)
                model.upsert_key(created)
        check()


@fast
@given(keys=key_lists, column=st.sampled_from(SORTABLE), descending=st.booleans())
def test_presorted_orders_equal_orders_sorted_on_a_click(
    qapp: Any, keys: list[ApiKey], column: Column, descending: bool
) -> None:
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    clicked, presorted = new_model(), new_model()
    for model in (clicked, presorted):
        model.set_catalog(CATALOG)
        model.replace_all(keys)
    presort(presorted)
    # Both directions, in either order: the second comes from the first.
    for model in (clicked, presorted):
        model.sort(column, Qt.SortOrder.AscendingOrder if descending else order)
        model.sort(column, order)
    assert shown_ids(presorted) == shown_ids(clicked)
    catalog = {p.id: p for p in CATALOG}
    assert shown_ids(clicked) == expected_ids(keys, KeyFilter.ALL, 90, "", column, order, catalog)


def test_a_stale_presort_is_refused(qapp: Any) -> None:
    keys = [
        ApiKey(
            f"key_{n}",
            name,
            (),
            "rone_…" + "abcd",
            NOW - timedelta(days=n),
            CREATORS[0],
            None,
            None,
            None,
            None,
            None,
        )
        for n, name in enumerate(["b", "c", "a"])
    ]
    model = new_model()
    model.replace_all(keys)
    work = model.sort_work()
    assert work is not None
    model.upsert_key(structs.replace(keys[0], name="z"))  # what names sort by changed
    work.run()
    model.adopt_sorted(work)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert [model.key_at(r).name for r in range(3)] == ["a", "c", "z"]


@fast
@given(
    keys=key_lists,
    flt=st.sampled_from(KeyFilter.ORDER),
    column=st.sampled_from(SORTABLE),
    descending=st.booleans(),
    victims=st.lists(st.integers(0, 10**6), max_size=10),
)
def test_revoking_keys_one_by_one_moves_only_their_rows(
    qapp: Any,
    keys: list[ApiKey],
    flt: str,
    column: Column,
    descending: bool,
    victims: list[int],
) -> None:
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    catalog = {p.id: p for p in CATALOG}
    model = new_model()
    model.set_now(NOW.timestamp())
    model.set_catalog(CATALOG)
    model.replace_all(keys)
    model.set_filter(flt)
    model.sort(column, order)
    everything = list(keys)
    for n in victims:
        if not keys:
            break
        victim = keys[n % len(keys)]
        revoked = revoke(victim, CREATORS[1])
        everything.append(revoked)
        model.upsert_key(revoked)
        assert shown_ids(model) == expected_ids(everything, flt, 90, "", column, order, catalog)


# -- the prefetcher -------------------------------------------------------------------------


def test_prefetch_yields_in_order_and_raises_where_the_source_raised() -> None:
    def pages() -> Any:
        yield from range(5)
        raise ValueError("the sixth page broke the contract")

    got = []
    with pytest.raises(ValueError, match="sixth"), Prefetch(pages()) as ahead:
        got.extend(ahead)
    assert got == [0, 1, 2, 3, 4]


def test_prefetch_reads_at_most_one_ahead_and_closes_its_source_when_left() -> None:
    import threading

    produced: list[int] = []
    closed = threading.Event()

    def pages() -> Any:
        try:
            for n in range(100):
                produced.append(n)
                yield n
        finally:
            closed.set()

    with Prefetch(pages(), ahead=1) as ahead:
        first = next(iter(ahead))
    assert first == 0
    assert closed.wait(5), "the source was not closed"
    # The one handed over, one waiting in the queue, at most one being put.
    assert len(produced) <= 3
