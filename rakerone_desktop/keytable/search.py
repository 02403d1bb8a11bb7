"""Which rows a search finds: the columns' ``search`` texts, searched at C speed.

A row matches when the casefolded search text is in the casefolded search
text of any of its columns (see ``KeyColumn.search``: the plain definition,
used as is for a search across fields). The columns searched most are served
from what :class:`PreparedKeys` holds, per row or per distinct value.

Two prefixes narrow a search to one field (:func:`parse_search`): ``owner:NAME``
(the owner's name contains NAME) and ``tag:TAG`` (the key has the tag TAG,
exactly); a value with spaces is quoted (``owner:"ada lovelace"``). Terms and
the free text left over must all match. Each is decided once per distinct
owner or tag set, so they cost as little as a filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat
from operator import contains, itemgetter

from rakerone_desktop.keytable.columns import COLUMNS, Column, KeyColumn
from rakerone_desktop.keytable.filters import both, either
from rakerone_desktop.keytable.permissions import PermissionSets
from rakerone_desktop.keytable.store import HINT_PREFIX_CF, PreparedKeys

_HAY_TAIL = itemgetter(slice(-4, None))
#: Served by the fast paths below; any other column with a ``search`` text is
#: searched row by row.
_FAST = {Column.NAME, Column.HINT, Column.PERMISSIONS, Column.CREATED_BY}
SEARCHED: tuple[KeyColumn, ...] = tuple(c for c in COLUMNS if c.search is not None)
_OTHERS: tuple[KeyColumn, ...] = tuple(c for c in SEARCHED if c.id not in _FAST)


def haystack(rows: PreparedKeys, i: int, sets: PermissionSets) -> str:
    """Every searched text of row ``i``, casefolded, NUL between fields."""
    key = rows.keys[i]
    s = sets.of(rows.perms[i])
    return "\x00".join(c.search(key, s) for c in SEARCHED if c.search is not None).casefold()


_TERM = re.compile(r'(?<!\S)(owner|tag):(?:"([^"]*)"?|(\S+))', re.IGNORECASE)
_SPACES = re.compile(r"\s+")
#: A search typed further only narrows what it finds unless it has (or gets) a prefix.
PREFIXES = ("owner:", "tag:")


@dataclass(frozen=True, slots=True)
class Search:
    """A search, taken apart: the free text and the ``owner:``/``tag:`` terms (casefolded)."""

    text: str
    owners: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def parse_search(text: str) -> Search:
    """``text`` (casefolded) taken apart: terms anywhere, the rest is the free text."""
    owners: list[str] = []
    tags: list[str] = []

    def take(m: re.Match[str]) -> str:
        value = (m.group(2) if m.group(2) is not None else m.group(3)).strip().casefold()
        if value:
            (owners if m.group(1).casefold() == "owner" else tags).append(value)
        return " "

    free = _SPACES.sub(" ", _TERM.sub(take, text)).strip().casefold()
    return Search(free, tuple(owners), tuple(tags))


def has_prefix(text: str) -> bool:
    folded = text.casefold()
    return any(p in folded for p in PREFIXES)


def owner_matches(owner: str, wanted: str) -> bool:
    """The plain definition of ``owner:``: the owner's name contains it (casefolded)."""
    return bool(owner) and wanted in owner.casefold()


def tag_matches(tags: tuple[str, ...], wanted: str) -> bool:
    """The plain definition of ``tag:``: one of the key's tags is it (casefolded)."""
    return any(t.casefold() == wanted for t in tags)


def search_mask(rows: PreparedKeys, text: str, sets: PermissionSets) -> bytes:
    """One byte per row: 1 if the row passes the search ``text`` (casefolded): its
    free text is in the row's searched texts, and each ``owner:``/``tag:`` term holds."""
    if not has_prefix(text):
        return _text_mask(rows, text, sets)
    search = parse_search(text)
    mask = _text_mask(rows, search.text, sets) if search.text else b"\x01" * len(rows)
    for wanted in search.owners:
        found = {o: owner_matches(o, wanted) for o in set(rows.owners)}
        mask = both(mask, bytes(map(found.__getitem__, rows.owners)))
    for wanted in search.tags:  # one C-level ``in`` per row (see PreparedKeys.tag_hays)
        whole = "\x00" + wanted + "\x00"
        mask = both(mask, bytes(map(contains, rows.tag_hays, repeat(whole))))
    return mask


def _text_mask(rows: PreparedKeys, text: str, sets: PermissionSets) -> bytes:
    n = len(rows)
    if "\x00" in text:  # only a match across fields could contain it: the slow, exact way
        return bytes(text in haystack(rows, i, sets) for i in range(n))
    if text in HINT_PREFIX_CF:  # "rone_…" is in every hint
        return b"\x01" * n
    mask = bytes(map(contains, rows.hays, repeat(text)))  # the name, the hint's tail
    for cut in range(1, min(len(text), len(HINT_PREFIX_CF) + 1)):
        head, rest = text[:cut], text[cut:]
        if HINT_PREFIX_CF.endswith(head) and len(rest) <= 4:
            # Across the hint's prefix and its last 4 characters.
            tails = map(_HAY_TAIL, rows.hays)
            mask = either(mask, bytes(map(str.startswith, tails, repeat(rest))))
    # Permission labels and ids, and creators, are decided once per distinct value.
    found = {ids: text in s.hay for ids, s in sets.sets.items()}
    if any(found.values()):
        mask = either(mask, bytes(map(found.__getitem__, rows.perms)))
    creators = {c: text in c.casefold() for c in set(rows.creators)}
    if any(creators.values()):
        mask = either(mask, bytes(map(creators.__getitem__, rows.creators)))
    for col in _OTHERS:
        assert col.search is not None
        of, keys = sets.of, rows.keys
        more = bytes(text in col.search(keys[i], of(rows.perms[i])).casefold() for i in range(n))
        mask = either(mask, more)
    return mask
