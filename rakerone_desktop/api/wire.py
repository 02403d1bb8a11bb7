"""How values are written on the wire: times, path segments, fields left out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final
from urllib.parse import quote

MAX_BULK_REVOKE: Final = 1000  # ids in one bulk revoke or disable
MAX_ROTATE_GRACE: Final = 7 * 24 * 60 * 60  # the longest grace of a rotated key


class Unset:
    """The type of :data:`UNSET`: "leave this field out of the request"."""

    _instance: Unset | None = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = Unset()


def format_time(value: datetime) -> str:
    """RFC 3339 in UTC with ``Z`` and whole seconds, as the contract writes times."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a time sent to the server must carry its time zone")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def time_or_none(value: datetime | None) -> str | None:
    return None if value is None else format_time(value)


def segment(value: str) -> str:
    """``value`` as one path segment."""
    # "." and ".." survive quoting and urllib3 would resolve them, sending the
    # call to another endpoint; an empty id would hit the collection itself.
    if value in ("", ".", ".."):
        raise ValueError("a key id must not be empty, '.' or '..'")
    return quote(value, safe="")
