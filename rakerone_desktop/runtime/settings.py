"""Every setting the app keeps, declared once, behind one object.

In the manner of Picard's ``options.py``: each key, its type and its default
live here and nowhere else. Settings never hold a secret: the session token
goes to the OS keyring, key values go nowhere at all. Pending rotations are
kept as key ids only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "RakerOne"
APPLICATION = "RakerOne Desktop"


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


class Options:
    last_server = Option("signin/lastServer", "")
    last_email = Option("signin/lastEmail", "")
    remembered_server = Option("signin/rememberedServer", "")
    remembered_email = Option("signin/rememberedEmail", "")  # whose session is remembered
    # Remembered servers, most recent first: {"server", "email", "ca_bundle"}; never a secret.
    server_profiles = Option[list[dict[str, str]]]("signin/serverProfiles", [])
    # When each remembered session ends ("server#email" -> ISO 8601 UTC); the token is
    # in the keyring, never here.
    session_expiry = Option[dict[str, str]]("signin/sessionExpiry", {})
    ca_bundles = Option[dict[str, str]]("tls/caBundles", {})
    clipboard_clear_seconds = Option("clipboard/clearSeconds", 30)  # 0 = never
    auto_refresh_seconds = Option("keys/autoRefreshSeconds", 30)  # 0 = off
    key_filter = Option("keys/filter", "all")
    unused_days = Option("keys/unusedDays", 90)
    shown_columns = Option[list[str]]("keys/shownOptionalColumns", [])
    sort_column = Option("keys/sortColumn", "CREATED")
    sort_descending = Option("keys/sortDescending", True)
    read_only = Option("view/readOnly", False)
    pending_rotations = Option[dict[str, str]]("keys/pendingRotations", {})
    # The newest exposure report the person has seen (POSIX time): the lifecycle
    # banner tells of newer ones only.
    exposure_seen_at = Option("keys/exposureSeenAt", 0)  # whole seconds, rounded up
    window_geometry = Option("window/geometry", QByteArray())
    header_state = Option("keys/headerState", QByteArray())  # column widths and order
    # How many columns the saved header state has: a state saved with another number
    # of columns (an earlier version) is not restored, it would misplace every column.
    header_columns = Option("keys/headerColumns", 0)
    splitter_state = Option("window/splitter", QByteArray())  # sidebar | pages
    details_splitter_state = Option("keys/detailsSplitter", QByteArray())  # table | details


class Settings:
    """Typed access to ``QSettings``; the only place that constructs one."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)

    @property
    def file_name(self) -> str:
        return self._q.fileName()

    def get(self, option: Option[T]) -> T:
        raw = self._q.value(option.key)
        if raw is None:
            return _copy(option.default)
        default = option.default
        try:
            if isinstance(default, bool):
                return (raw in (True, "true", "1", 1)) if not isinstance(raw, bool) else raw  # type: ignore[return-value]
            if isinstance(default, int):
                return int(raw)  # type: ignore[return-value]
            if isinstance(default, str):
                return str(raw)  # type: ignore[return-value]
            if isinstance(default, (dict, list)):
                value = json.loads(str(raw))
                if isinstance(value, type(default)):
                    return value
                return _copy(default)
            if isinstance(default, QByteArray):
                return raw if isinstance(raw, QByteArray) else _copy(default)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return _copy(default)
        return raw  # type: ignore[no-any-return]

    def set(self, option: Option[T], value: T) -> None:
        stored: Any = value
        if isinstance(value, (dict, list)):
            stored = json.dumps(value, sort_keys=True)
        self._q.setValue(option.key, stored)

    def remove(self, option: Option[Any]) -> None:
        self._q.remove(option.key)

    def sync(self) -> None:
        self._q.sync()


def _copy(value: T) -> T:
    if isinstance(value, dict):
        return dict(value)  # type: ignore[return-value]
    if isinstance(value, list):
        return list(value)  # type: ignore[return-value]
    if isinstance(value, QByteArray):
        return QByteArray(value)  # type: ignore[return-value]
    return value
