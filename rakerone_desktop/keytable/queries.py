"""What the keys table is asked about its rows: a key by position or id, the keys
shown, counts, the names in use. Reads only; ``KeyTable`` has them."""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, lt

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.keytable.filters import active, both
from rakerone_desktop.keytable.store import Order, PreparedKeys

_NAME = attrgetter("name")


class RowQueries:
    """The questions that change nothing (a part of ``KeyTable``)."""

    rows: PreparedKeys
    by_id: dict[str, int]
    view: Order
    shown: bytes
    never_shown: int | None
    generation: int
    _never_used: tuple[int, bytes]  # (generation, mask)

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
        """(keys shown, of which never used).

        The rows shown are those ``shown`` lets through (``view`` is ``shown``
        in order), so the second count is the bits set in both masks."""
        if self.never_shown is None:
            self.never_shown = both(self.shown, self.never_used()).count(1)
        return len(self.view), self.never_shown

    def never_used(self) -> bytes:
        """1 for each row never used; kept until the rows change (``generation``:
        a change of ``last_used`` is a change of what rows sort by)."""
        generation, mask = self._never_used
        if generation != self.generation or len(mask) != len(self.rows):
            mask = bytes(map(lt, self.rows.last_used, repeat(0.0)))
            self._never_used = (self.generation, mask)
        return mask

    def names_in_use(self) -> set[str]:
        return set(map(str.casefold, compress(map(_NAME, self.rows.keys), active(self.rows))))
