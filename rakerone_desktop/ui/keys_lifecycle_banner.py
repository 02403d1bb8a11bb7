"""What the keys page's lifecycle banner says after each refresh: keys that expire
soon, and keys reported exposed since the person last looked."""

from __future__ import annotations

from itertools import compress, repeat
from math import ceil
from operator import gt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from rakerone_desktop.domain.exposure import found_on_github
from rakerone_desktop.keytable.columns import COLUMNS
from rakerone_desktop.keytable.filters import filter_mask
from rakerone_desktop.models.keys_model import ApiKeysModel, Column, KeyFilter
from rakerone_desktop.models.server_features import KEY_DISABLE, ServerFeatures
from rakerone_desktop.runtime.settings import Options
from rakerone_desktop.ui.banner import LifecycleBanner

if TYPE_CHECKING:
    from rakerone_desktop.api.models import ApiKey
    from rakerone_desktop.runtime.settings import Settings


class LifecycleBannerState(QObject):
    """Fills ``banner`` from the model; remembers a dismissed count of expiring keys
    (until it changes) and, in the settings, the newest exposure the person has seen."""

    def __init__(self, banner: LifecycleBanner, model: ApiKeysModel) -> None:
        super().__init__(banner)
        self.banner = banner
        self.model = model
        self.settings: Settings | None = None
        self._expiring_dismissed: int | None = None  # the count dismissed, until it changes
        self._expiring_count = 0
        self._newest_exposure = 0.0

    def update(self, features: ServerFeatures) -> None:
        table = self.model.table
        rows = table.rows
        banner = self.banner
        count = 0
        if features.offers(COLUMNS[Column.EXPIRES].feature or ""):
            mask = filter_mask(
                rows, KeyFilter.EXPIRING_SOON, 0, table.now, table.sets, table.warning_days
            )
            count = mask.count(1)
        self._expiring_count = count
        if count != self._expiring_dismissed:
            self._expiring_dismissed = None
            banner.set_expiring(count, table.warning_days)
        seen = float(self.settings.get(Options.exposure_seen_at) if self.settings else 0)
        fresh = [
            rows.keys[i] for i in compress(range(len(rows)), map(gt, rows.exposed, repeat(seen)))
        ]
        banner.set_exposed(
            len(fresh),
            self.exposed_message(fresh),
            [k.id for k in fresh if k.revoked_at is None],
            [k.id for k in fresh if k.lifecycle_status == "disabled"]
            if features.offers(KEY_DISABLE)
            else [],
        )
        self._newest_exposure = max(
            (k.exposure.reported_at.timestamp() for k in fresh if k.exposure), default=seen
        )

    @staticmethod
    def exposed_message(keys: list[ApiKey]) -> str:
        if not keys:
            return ""
        # Where it was found, as a person names it: GitHub for a github.com address
        # (a report's ``source`` says what kind of place it was: a commit, an issue).
        places = {
            "GitHub" if found_on_github(k.exposure.url, k.exposure.source) else ""
            for k in keys
            if k.exposure
        }
        where = places.pop() if len(places) == 1 else ""
        n = len(keys)
        if where:
            text = (
                QCoreApplication.translate("KeysPage", "1 key was reported exposed on %1")
                if n == 1
                else QCoreApplication.translate("KeysPage", "%2 keys were reported exposed on %1")
            ).replace("%1", where)
        else:
            text = (
                QCoreApplication.translate("KeysPage", "1 key was reported exposed")
                if n == 1
                else QCoreApplication.translate("KeysPage", "%2 keys were reported exposed")
            )
        text = text.replace("%2", str(n))
        statuses = {k.lifecycle_status for k in keys}
        if statuses == {"disabled"}:
            text += (
                QCoreApplication.translate("KeysPage", " and was disabled")
                if n == 1
                else QCoreApplication.translate("KeysPage", " and were disabled")
            )
        elif statuses == {"revoked"}:
            text += (
                QCoreApplication.translate("KeysPage", " and was revoked")
                if n == 1
                else QCoreApplication.translate("KeysPage", " and were revoked")
            )
        elif statuses == {"active"}:
            text += (
                QCoreApplication.translate("KeysPage", "; it still works")
                if n == 1
                else QCoreApplication.translate("KeysPage", "; they still work")
            )
        return text

    def dismissed(self) -> None:
        self._expiring_dismissed = self._expiring_count

    def exposed_seen(self) -> None:
        if self.settings is not None:
            seen = self.settings.get(Options.exposure_seen_at)
            self.settings.set(Options.exposure_seen_at, max(seen, ceil(self._newest_exposure)))
