"""Texts without Qt: the source strings as they are, times in ISO 8601 (for tests and scripts)."""

from __future__ import annotations

from datetime import UTC, datetime


class PlainTexts:
    """A ``columns.Texts`` that translates nothing."""

    def tr(self, source: str) -> str:
        return source

    def relative(self, then: float | None, now: float) -> str:
        if then is None:
            return "Never"
        return f"{int(now - then)} s ago"

    def ahead(self, then: float, now: float) -> str:
        return f"in {int(then - now)} s"

    def local_date(self, when: datetime) -> str:
        return when.astimezone().date().isoformat()

    def local_time(self, when: datetime) -> str:
        return when.astimezone().isoformat(timespec="seconds")

    def utc_time(self, when: datetime) -> str:
        return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
