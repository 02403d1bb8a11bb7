"""Which rows a search finds: the columns' ``search`` texts, searched at C speed.

A row matches when the casefolded search text is in the casefolded search
text of any of its columns (see ``KeyColumn.search``: the plain definition,
used as is for a search across fields). The columns searched most are served
from what :class:`PreparedKeys` holds, per row or per distinct value.
"""

from __future__ import annotations

from itertools import repeat
from operator import contains, itemgetter

from rakerone_desktop.keytable.columns import COLUMNS, Column, KeyColumn
from rakerone_desktop.keytable.filters import either
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


def search_mask(rows: PreparedKeys, text: str, sets: PermissionSets) -> bytes:
    """One byte per row: 1 if the row's searched texts contain ``text`` (casefolded)."""
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
