"""CSV exports of keys, activity and revoke results: safe to open in a spreadsheet.

Times are UTC ISO 8601 with a ``Z``; no secret ever appears (a key's value is
never known after its copy dialog closes, and the hint is all that is shown).
Every cell that a spreadsheet could read as a formula — one starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return — is prefixed with a
single quote, as OWASP recommends, so a key named ``=HYPERLINK(...)`` stays
text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, defused if a spreadsheet would run it."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def iso_utc(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Person(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class _Key(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def permissions(self) -> Sequence[str]: ...
    @property
    def hint(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def created_by(self) -> _Person: ...
    @property
    def last_used_at(self) -> datetime | None: ...
    @property
    def last_used_ip(self) -> str | None: ...
    @property
    def last_used_user_agent(self) -> str | None: ...
    @property
    def revoked_at(self) -> datetime | None: ...
    @property
    def revoked_by(self) -> _Person | None: ...


class _Actor(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class _Event(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def action(self) -> str: ...
    @property
    def actor(self) -> _Actor: ...
    @property
    def ip(self) -> str | None: ...
    @property
    def summary(self) -> str: ...


KEY_COLUMNS = (
    "id",
    "name",
    "permissions",
    "permission_labels",
    "hint",
    "created_at_utc",
    "created_by",
    "last_used_at_utc",
    "last_used_ip",
    "last_used_user_agent",
    "revoked_at_utc",
    "revoked_by",
    "status",
)

EVENT_COLUMNS = ("id", "at_utc", "action", "actor_kind", "actor_id", "actor_name", "ip", "summary")
RESULT_COLUMNS = ("id", "name", "hint", "outcome")


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def keys_csv(keys: Iterable[_Key], labels: Mapping[str, str] | None = None) -> str:
    labels = labels or {}
    return _write(
        KEY_COLUMNS,
        (
            (
                k.id,
                k.name,
                " ".join(k.permissions),
                "; ".join(labels.get(p, p) for p in k.permissions),
                k.hint,
                iso_utc(k.created_at),
                k.created_by.name,
                iso_utc(k.last_used_at),
                k.last_used_ip,
                k.last_used_user_agent,
                iso_utc(k.revoked_at),
                k.revoked_by.name if k.revoked_by else "",
                "revoked" if k.revoked_at else "active",
            )
            for k in keys
        ),
    )


def events_csv(events: Iterable[_Event]) -> str:
    return _write(
        EVENT_COLUMNS,
        (
            (e.id, iso_utc(e.at), e.action, e.actor.kind, e.actor.id, e.actor.name, e.ip, e.summary)
            for e in events
        ),
    )


def results_csv(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """Revoke results: (id, name, hint, outcome)."""
    return _write(RESULT_COLUMNS, rows)
