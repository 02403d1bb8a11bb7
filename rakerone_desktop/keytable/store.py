"""Rows stored by column: what the table reads from each key, computed once, on any thread.

A list or an array per field, not one object per row: little memory, and next
to nothing for the cycle collector to walk at 100,000 keys.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.domain.keyformat import HINT_ELLIPSIS, PREFIX

if TYPE_CHECKING:
    from rakerone_desktop.keytable.columns import Column

#: Every hint is this prefix and the key's last 4 characters (``ApiKey`` checks it).
HINT_PREFIX = PREFIX + HINT_ELLIPSIS
HINT_PREFIX_CF = HINT_PREFIX.casefold()
TAIL = len(HINT_PREFIX)
NEVER = -1.0  # "last used" of a key never used, as a number (it sorts first)
NO_EXPIRY = float("inf")  # "expires" of a key that never expires (it sorts last)
NOT_EXPOSED = -1.0  # "exposed" of a key with no exposure report

#: Status codes, one byte per row (``PreparedKeys.status``).
ACTIVE, DISABLED, EXPIRED, REVOKED = 0, 1, 2, 3
STATUS_CODE = {"active": ACTIVE, "disabled": DISABLED, "expired": EXPIRED, "revoked": REVOKED}

ID = attrgetter("id")
_PERMISSIONS = attrgetter("permissions")
_CREATOR_NAME = attrgetter("created_by.name")
_CREATED_AT = attrgetter("created_at")
_LAST_USED_AT = attrgetter("last_used_at")
_LIFECYCLE_STATUS = attrgetter("lifecycle_status")
_EXPIRES_AT = attrgetter("expires_at")
_OWNER = attrgetter("owner")
_TAGS = attrgetter("tags")
_EXPOSURE = attrgetter("exposure")

#: Row numbers in some order. Tuples, not lists: a tuple of numbers drops out of
#: the cycle collector's sight the first time it looks, so a dozen orders of
#: 100,000 rows don't lengthen every collection.
Order = tuple[int, ...]
#: A sorted order's name: the column and whether it is descending.
OrderKey = tuple["Column", bool]

_T = TypeVar("_T")


def extended(seq: Sequence[_T], more: Iterable[_T]) -> list[_T]:
    """``seq`` with ``more`` after it: in place for a list, a new list for a tuple."""
    if isinstance(seq, list):
        seq.extend(more)
        return seq
    return [*seq, *more]


def replaced(seq: Sequence[_T], i: int, value: _T) -> Sequence[_T]:
    """``seq`` with item ``i`` set: in place for a list, a new tuple for a tuple."""
    if isinstance(seq, list):
        seq[i] = value
        return seq
    return (*seq[:i], value, *seq[i + 1 :])


def tag_hay(tags: tuple[str, ...]) -> str:
    """What ``tag:`` searches in: ``"\0prod\0ci\0"`` (casefolded)."""
    return "\x00" + "\x00".join(tags).casefold() + "\x00" if tags else ""


def _in_server_order(created: array[float], keys: Sequence[ApiKey]) -> bool:
    """Newest first, ties by id descending, each row strictly after the one before."""
    for n in range(1, len(keys)):
        a, b = created[n - 1], created[n]
        if a < b or (a == b and keys[n - 1].id <= keys[n].id):
            return False
    return True


class PreparedKeys:
    """Keys and the columns the table reads from them, computed once, on any thread.

    Build one with :meth:`from_keys` (in a background job) and hand it to the
    model on the GUI thread. Nothing in here depends on a model or on the
    permission catalog.
    """

    __slots__ = (
        "by_id",
        "created",
        "creators",
        "distinct_perms",
        "expires",
        "exposed",
        "hays",
        "in_server_order",
        "keys",
        "last_used",
        "numbers",
        "orders",
        "owners",
        "perms",
        "revoked",
        "status",
        "tag_hays",
        "tags",
    )

    def __init__(self) -> None:
        # Lists while rows are added, tuples once they rest (see freeze()).
        self.keys: Sequence[ApiKey] = []
        #: The casefolded name, NUL, the casefolded last 4 characters of the hint.
        self.hays: Sequence[str] = []
        self.perms: Sequence[tuple[str, ...]] = []  # shared tuples (see api.models)
        self.creators: Sequence[str] = []
        self.created: array[float] = array("d")  # POSIX times
        self.last_used: array[float] = array("d")  # POSIX times, NEVER for never
        self.revoked = bytearray()  # 1 for a revoked key
        # Part 2 (key lifecycle); from a part-1 server: active or revoked, no expiry,
        # no owner, no tags, no exposure.
        self.status = bytearray()  # ACTIVE, DISABLED, EXPIRED or REVOKED (the server's word)
        self.expires: array[float] = array("d")  # POSIX times, NO_EXPIRY for never
        self.exposed: array[float] = array("d")  # the latest report, NOT_EXPOSED for none
        self.owners: Sequence[str] = []  # the owner's name, "" for nobody
        self.tags: Sequence[tuple[str, ...]] = []  # shared tuples (see api.models)
        #: Each key's tags, casefolded, NUL before and after each: ``tag:`` finds a
        #: whole tag with one C-level ``in`` per row (shared strings).
        self.tag_hays: Sequence[str] = []
        #: The rows are as the server lists keys: newest first, ties by id descending.
        self.in_server_order = True
        # Filled by finish(), for a swap of the whole list:
        self.numbers: list[int] | None = None  # 0..n-1, shared by every order
        self.by_id: dict[str, int] | None = None
        self.orders: dict[OrderKey, Order] = {}
        self.distinct_perms: set[tuple[str, ...]] | None = None

    @classmethod
    def from_keys(cls, keys: Iterable[ApiKey]) -> PreparedKeys:
        rows = cls()
        ks = rows.keys = list(keys)
        rows.hays = [k.name.casefold() + "\x00" + k.hint[TAIL:].casefold() for k in ks]
        rows.perms = list(map(_PERMISSIONS, ks))
        rows.creators = list(map(_CREATOR_NAME, ks))
        rows.created = array("d", map(datetime.timestamp, map(_CREATED_AT, ks)))
        rows.last_used = array(
            "d", [NEVER if t is None else t.timestamp() for t in map(_LAST_USED_AT, ks)]
        )
        rows.revoked = bytearray([k.revoked_at is not None for k in ks])
        rows.status = bytearray(map(STATUS_CODE.__getitem__, map(_LIFECYCLE_STATUS, ks)))
        rows.expires = array(
            "d", [NO_EXPIRY if t is None else t.timestamp() for t in map(_EXPIRES_AT, ks)]
        )
        rows.exposed = array(
            "d",
            [NOT_EXPOSED if e is None else e.reported_at.timestamp() for e in map(_EXPOSURE, ks)],
        )
        rows.owners = ["" if o is None else o.name for o in map(_OWNER, ks)]
        rows.tags = list(map(_TAGS, ks))
        hay_of = {t: tag_hay(t) for t in set(rows.tags)}
        rows.tag_hays = list(map(hay_of.__getitem__, rows.tags))
        rows.in_server_order = _in_server_order(rows.created, ks)
        return rows

    def __len__(self) -> int:
        return len(self.keys)

    def extend(self, more: PreparedKeys) -> None:
        """Add ``more`` after these rows (the order stays known when it continues)."""
        if self.keys and more.keys:
            a, b = self.created[-1], more.created[0]
            continues = a > b or (a == b and self.keys[-1].id > more.keys[0].id)
        else:
            continues = True
        self.in_server_order = self.in_server_order and more.in_server_order and continues
        self.keys = extended(self.keys, more.keys)
        self.hays = extended(self.hays, more.hays)
        self.perms = extended(self.perms, more.perms)
        self.creators = extended(self.creators, more.creators)
        self.created.extend(more.created)
        self.last_used.extend(more.last_used)
        self.revoked.extend(more.revoked)
        self.status.extend(more.status)
        self.expires.extend(more.expires)
        self.exposed.extend(more.exposed)
        self.owners = extended(self.owners, more.owners)
        self.tags = extended(self.tags, more.tags)
        self.tag_hays = extended(self.tag_hays, more.tag_hays)
        self.numbers = self.by_id = self.distinct_perms = None
        self.orders = {}

    def set_row(self, i: int, key: ApiKey) -> None:
        one = PreparedKeys.from_keys([key])
        if one.created[0] != self.created[i]:
            self.in_server_order = False
        self.keys = replaced(self.keys, i, key)
        self.hays = replaced(self.hays, i, one.hays[0])
        self.perms = replaced(self.perms, i, one.perms[0])
        self.creators = replaced(self.creators, i, one.creators[0])
        self.created[i] = one.created[0]
        self.last_used[i] = one.last_used[0]
        self.revoked[i] = one.revoked[0]
        self.status[i] = one.status[0]
        self.expires[i] = one.expires[0]
        self.exposed[i] = one.exposed[0]
        self.owners = replaced(self.owners, i, one.owners[0])
        self.tags = replaced(self.tags, i, one.tags[0])
        self.tag_hays = replaced(self.tag_hays, i, one.tag_hays[0])

    def freeze(self) -> None:
        """Make the columns tuples: the cycle collector stops walking them (a list
        of 100,000 keys is looked through at every full collection; a tuple of
        them is dropped from its sight the first time)."""
        self.keys = tuple(self.keys)
        self.hays = tuple(self.hays)
        self.perms = tuple(self.perms)
        self.creators = tuple(self.creators)
        self.owners = tuple(self.owners)
        self.tags = tuple(self.tags)
        self.tag_hays = tuple(self.tag_hays)

    def finish(self, sort: OrderKey | None = None, *, step: int | None = None) -> PreparedKeys:
        """Index the ids and sort now, off the GUI thread, for a swap: by ``sort``
        (the table's order), and ascending by every column a click sorts by."""
        from rakerone_desktop.keytable.sort import finish  # sort builds on this module

        finish(self, sort, step)
        return self


#: Items of a list still being built that :class:`Trash` frees per step.
FREE_STEP = 4_096


class Trash:
    """Containers of replaced rows, freed a slice at a time.

    Freeing 100,000 keys at once holds a thread for tens of milliseconds; one
    container (or one slice of a list) per :meth:`free_some` never does.
    """

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: list[object] = []

    def add(self, *items: object) -> None:
        self._items += items

    def __bool__(self) -> bool:
        return bool(self._items)

    def free_some(self) -> bool:
        """Free one container or slice; True while more is left."""
        items = self._items
        if items:
            item = items[-1]
            if isinstance(item, list) and len(item) > FREE_STEP:
                del item[-FREE_STEP:]  # a list still being built: a slice at a time
            else:
                items.pop()  # the keys' tuple, the biggest, takes about 10 ms
        return bool(items)
