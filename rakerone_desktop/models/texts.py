"""The keys table's texts through Qt: translated in the column table's context.

Times are formatted by ``timefmt``."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from rakerone_desktop.keytable.columns import CONTEXT
from rakerone_desktop.models import timefmt


class QtTexts:
    """A ``keytable.columns.Texts``; each translation is looked up once, then kept."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def tr(self, source: str) -> str:
        text = self._cache.get(source)
        if text is None:
            text = self._cache[source] = QCoreApplication.translate(CONTEXT, source)
        return text

    def relative(self, then: float | None, now: float) -> str:
        return timefmt.relative(then, now)

    def ahead(self, then: float, now: float) -> str:
        return timefmt.ahead(then, now)

    def local_date(self, when: datetime) -> str:
        return timefmt.local_date(when)

    def local_time(self, when: datetime) -> str:
        return timefmt.local_time(when)

    def utc_time(self, when: datetime) -> str:
        return timefmt.utc_time(when)


def translate(source: str) -> str:
    """A text of the column table (a header, a filter's name) in the person's language."""
    return QCoreApplication.translate(CONTEXT, source)
