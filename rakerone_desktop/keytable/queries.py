"""What the keys table is asked about its rows: a key by position or id, the keys
shown, counts, the names in use. Reads only; ``KeyTable`` has them."""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, lt

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.keytable.filters import active
from rakerone_desktop.keytable.store import Order, PreparedKeys

_NAME = attrgetter("name")


class RowQueries:
    """The questions that change nothing (a part of ``KeyTable``)."""

    rows: PreparedKeys
    by_id: dict[str, int]
    view: Order
    shown: bytes
    never_shown: int | None

    def key_at(self, pos: int) -> ApiKey | None:
        if 0 <= pos < len(self.view):
            return self.rows.keys[self.view[pos]]
        return None

    def row_of(self, key_id: str) -> int | None:
        i = self.by_id.get(key_id)
        if i is None or not self.shown[i]:
            return None
        try:
            return self.view.index(i)
        except ValueError:
            return None

    def key_by_id(self, key_id: str) -> ApiKey | None:
        i = self.by_id.get(key_id)
        return self.rows.keys[i] if i is not None else None

    def visible_keys(self) -> list[ApiKey]:
        return list(map(self.rows.keys.__getitem__, self.view))

    def counts(self) -> tuple[int, int]:
        """(keys shown, of which never used)."""
        if self.never_shown is None:
            used = self.rows.last_used
            self.never_shown = sum(map(lt, map(used.__getitem__, self.view), repeat(0.0)))
        return len(self.view), self.never_shown

    def names_in_use(self) -> set[str]:
        return set(map(str.casefold, compress(map(_NAME, self.rows.keys), active(self.rows))))
