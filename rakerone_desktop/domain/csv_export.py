"""CSV exports of activity and revoke results, and the rules every CSV export keeps.

The keys export is ``keytable/export.py`` (its fields are the column table's).

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
from collections.abc import Iterable, Sequence
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


EVENT_COLUMNS = ("id", "at_utc", "action", "actor_kind", "actor_id", "actor_name", "ip", "summary")
RESULT_COLUMNS = ("id", "name", "hint", "outcome")


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def events_csv(events: Iterable[_Event]) -> str:
    return write_csv(
        EVENT_COLUMNS,
        (
            (e.id, iso_utc(e.at), e.action, e.actor.kind, e.actor.id, e.actor.name, e.ip, e.summary)
            for e in events
        ),
    )


def results_csv(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """Revoke results: (id, name, hint, outcome)."""
    return write_csv(RESULT_COLUMNS, rows)
