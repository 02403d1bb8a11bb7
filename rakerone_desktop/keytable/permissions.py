"""What a key's permissions show, decided once per distinct set of permissions.

Badges, labels, "can impersonate" and what a search finds depend on the
permission catalog; computing them per distinct set, not per row, makes a
catalog that arrives after the keys cost nothing per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rakerone_desktop.api.models import Permission

PermIds = tuple[str, ...]


class PermissionSet:
    """What one distinct set of permissions shows, given the catalog."""

    __slots__ = ("badges", "hay", "impersonates", "sort_key", "text")

    def __init__(self, ids: PermIds, catalog: dict[str, Permission]) -> None:
        labels: list[tuple[str, bool]] = []
        impersonates = False
        for pid in ids:
            perm = catalog.get(pid)
            if perm is None:
                labels.append((pid, False))
            else:
                labels.append((perm.label, perm.impersonation))
                impersonates = impersonates or perm.impersonation
        # Warnings first, so "Can impersonate" is never hidden by elision.
        labels.sort(key=lambda item: not item[1])
        self.badges: tuple[tuple[str, bool], ...] = tuple(labels)
        self.impersonates = impersonates
        self.text = ", ".join(label for label, _ in labels) if labels else ""
        self.sort_key = (impersonates, len(labels), self.text.casefold())
        self.hay = (self.text + "\x00" + " ".join(ids)).casefold()


class PermissionSets:
    """Every distinct permission set seen, for one catalog."""

    __slots__ = ("catalog", "sets")

    def __init__(self) -> None:
        self.catalog: dict[str, Permission] = {}
        self.sets: dict[PermIds, PermissionSet] = {}

    def set_catalog(self, permissions: Iterable[Permission]) -> None:
        self.catalog = {p.id: p for p in permissions}
        self.sets = {ids: PermissionSet(ids, self.catalog) for ids in self.sets}

    def register(self, perms: Iterable[PermIds]) -> None:
        sets = self.sets
        for ids in set(perms).difference(sets):
            sets[ids] = PermissionSet(ids, self.catalog)

    def of(self, ids: PermIds) -> PermissionSet:
        found = self.sets.get(ids)
        if found is None:
            found = self.sets[ids] = PermissionSet(ids, self.catalog)
        return found

    def ranks(self) -> dict[Any, int]:
        """Each set's place when sorting by permissions (equal sets, equal places)."""
        ranks: dict[Any, int] = {}
        place: dict[Any, int] = {}
        for ids, s in sorted(self.sets.items(), key=lambda item: item[1].sort_key):
            ranks[ids] = place.setdefault(s.sort_key, len(place))
        return ranks
