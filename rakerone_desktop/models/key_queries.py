"""What the views and controllers ask the keys model: a key by row or id, the keys
shown and loaded, counts. Plain reads of the engine under the model."""

from __future__ import annotations

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.keytable.engine import KeyTable


class KeyQueries:
    """The keys model's questions that change nothing (``ApiKeysModel`` has them)."""

    _table: KeyTable

    def key_at(self, row: int) -> ApiKey | None:
        return self._table.key_at(row)

    def row_of(self, key_id: str) -> int | None:
        return self._table.row_of(key_id)

    def key_by_id(self, key_id: str) -> ApiKey | None:
        return self._table.key_by_id(key_id)

    def visible_keys(self) -> list[ApiKey]:
        return self._table.visible_keys()

    def all_keys(self) -> list[ApiKey]:
        return list(self._table.rows.keys)

    @property
    def total_loaded(self) -> int:
        return len(self._table.rows)

    def counts(self) -> tuple[int, int]:
        """(keys shown, of which never used)."""
        return self._table.counts()

    def names_in_use(self) -> set[str]:
        return self._table.names_in_use()
