"""Pending rotations (old key id → new key id), kept in the settings.

Ids only, so the "rotation in progress" row survives a restart. A rotation
ends when its old key is confirmed revoked, or is gone after a refresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.settings import Options, Settings


class PendingRotations(QObject):
    changed = Signal(object)  # dict old id -> new id

    def __init__(
        self, settings: Settings, model: ApiKeysModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._model = model
        self._model.set_rotations(self.pending())

    def pending(self) -> dict[str, str]:
        return self._settings.get(Options.pending_rotations)

    def start(self, old_id: str, new_id: str) -> None:
        rotations = self.pending()
        rotations[old_id] = new_id
        self._store(rotations)

    def prune(self, *_args: object) -> None:
        """Forget rotations whose old key is gone or revoked (after a refresh)."""
        rotations = self.pending()
        keep = {}
        for old, new in rotations.items():
            key = self._model.key_by_id(old)
            if key is not None and key.revoked_at is None:
                keep[old] = new
        if keep != rotations:
            self._store(keep)

    def finish(self, revoked_ids: Iterable[str]) -> None:
        """The old keys among ``revoked_ids`` are revoked: their rotations are done."""
        done = set(revoked_ids)
        rotations = self.pending()
        keep = {old: new for old, new in rotations.items() if old not in done}
        if keep != rotations:
            self._store(keep)

    def _store(self, rotations: dict[str, str]) -> None:
        self._settings.set(Options.pending_rotations, rotations)
        self._model.set_rotations(rotations)
        self.changed.emit(rotations)
