"""The audit log table's columns, the contract's action names, filters and CSV.

Plain Python, as ``keytable/columns.py`` is for keys: one row per
:class:`AuditColumn`, with its header and how a cell reads; texts a person
reads are marked with ``QT_TRANSLATE_NOOP`` (context ``AuditLogModel``) and
translated by the Qt side through the ``tr`` it passes in. The CSV keeps the
keys export's rules (``domain/csv_export.py``): UTC ISO times, formula-safe cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Final

from rakerone_desktop.api.models import AuditEvent
from rakerone_desktop.domain.csv_export import iso_utc, write_csv

CONTEXT: Final = "AuditLogModel"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the translation tools; translated later, by the Qt side."""
    del context
    return text


#: The contract's action names (api-v1-lifecycle, "Audit log"), in the filter's order.
ACTIONS: Final[dict[str, str]] = {
    "api_key.created": QT_TRANSLATE_NOOP("AuditLogModel", "Key created"),
    "api_key.updated": QT_TRANSLATE_NOOP("AuditLogModel", "Key edited"),
    "api_key.disabled": QT_TRANSLATE_NOOP("AuditLogModel", "Key disabled"),
    "api_key.enabled": QT_TRANSLATE_NOOP("AuditLogModel", "Key enabled"),
    "api_key.revoked": QT_TRANSLATE_NOOP("AuditLogModel", "Key revoked"),
    "api_key.rotated": QT_TRANSLATE_NOOP("AuditLogModel", "Key rotated"),
    "api_key.exposed": QT_TRANSLATE_NOOP("AuditLogModel", "Key reported exposed"),
    "organization.key_policy_updated": QT_TRANSLATE_NOOP("AuditLogModel", "Key policy changed"),
    "session.created": QT_TRANSLATE_NOOP("AuditLogModel", "Signed in"),
    "session.ended": QT_TRANSLATE_NOOP("AuditLogModel", "Signed out"),
}

Translate = Callable[[str], str]


def action_label(action: str, tr: Translate) -> str:
    """The action's readable name; an action this client doesn't know stays as sent."""
    source = ACTIONS.get(action)
    return action if source is None else tr(source)


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """What the person filters the log by; ``None`` is "any". ``until`` is exclusive."""

    actor_id: str | None = None
    api_key_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditColumn(IntEnum):
    WHEN = 0
    WHO = 1
    ACTION = 2
    TARGET = 3
    IP = 4
    SUMMARY = 5


@dataclass(frozen=True, slots=True)
class AuditColumnSpec:
    header: str
    display: Callable[[AuditEvent, Translate, Callable[[datetime], str]], str]


def _target(e: AuditEvent, _tr: Translate, _t: Callable[[datetime], str]) -> str:
    t = e.target
    if t is None:
        return ""
    return t.name or t.id


COLUMNS: Final[tuple[AuditColumnSpec, ...]] = (
    AuditColumnSpec(QT_TRANSLATE_NOOP("AuditLogModel", "When"), lambda e, _tr, t: t(e.at)),
    AuditColumnSpec(QT_TRANSLATE_NOOP("AuditLogModel", "Who"), lambda e, _tr, _t: e.actor.name),
    AuditColumnSpec(
        QT_TRANSLATE_NOOP("AuditLogModel", "Action"), lambda e, tr, _t: action_label(e.action, tr)
    ),
    AuditColumnSpec(QT_TRANSLATE_NOOP("AuditLogModel", "Target"), _target),
    AuditColumnSpec(QT_TRANSLATE_NOOP("AuditLogModel", "IP"), lambda e, _tr, _t: e.ip or ""),
    AuditColumnSpec(QT_TRANSLATE_NOOP("AuditLogModel", "Summary"), lambda e, _tr, _t: e.summary),
)


def key_target(e: AuditEvent) -> str | None:
    """The id of the key the event is about, if it is about a key."""
    t = e.target
    return t.id if t is not None and t.kind == "api_key" else None


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One event as the table shows it: every cell's text worked out once, when its page
    arrives (on the worker that fetched it), so a paint only looks texts up."""

    event: AuditEvent
    texts: tuple[str, ...]  # one per column, as the cells read
    when_utc: str  # the When cell's tooltip
    key_id: str | None  # the target key's id, or None


def audit_rows(
    events: Sequence[AuditEvent],
    tr: Translate,
    when: Callable[[datetime], str],
    when_utc: Callable[[datetime], str],
) -> tuple[AuditRow, ...]:
    """The table's rows for ``events``: plain Python, safe on any thread when ``tr``,
    ``when`` and ``when_utc`` are (Qt's ``translate`` and the time formats are)."""
    displays = [c.display for c in COLUMNS]
    return tuple(
        AuditRow(e, tuple(d(e, tr, when) for d in displays), when_utc(e.at), key_target(e))
        for e in events
    )


AUDIT_CSV_HEADER: Final = (
    "id",
    "at_utc",
    "action",
    "actor_kind",
    "actor_id",
    "actor_name",
    "target_kind",
    "target_id",
    "target_name",
    "ip",
    "summary",
)


def audit_row(e: AuditEvent) -> tuple[str, ...]:
    t = e.target
    return (
        e.id,
        iso_utc(e.at),
        e.action,
        e.actor.kind,
        e.actor.id,
        e.actor.name,
        "" if t is None else t.kind,
        "" if t is None else t.id,
        "" if t is None else t.name,
        e.ip or "",
        e.summary,
    )


def audit_csv(events: Iterable[AuditEvent]) -> str:
    """The events as CSV, each cell defused for spreadsheets (as the keys export)."""
    return write_csv(AUDIT_CSV_HEADER, (audit_row(e) for e in events))
