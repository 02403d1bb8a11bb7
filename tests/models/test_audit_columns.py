"""The audit log's column table and CSV (plain Python)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from rakerone_desktop.api.models import AuditActor, AuditEvent, AuditTarget
from rakerone_desktop.models.audit_columns import (
    ACTIONS,
    AUDIT_CSV_HEADER,
    COLUMNS,
    AuditColumn,
    action_label,
    audit_csv,
)

AT = datetime(2026, 11, 30, 7, 5, 9, tzinfo=UTC)


def _event(name: str, action: str = "api_key.created", target: bool = True) -> AuditEvent:
    return AuditEvent(
        id="evt_1",
        at=AT,
        action=action,
        actor=AuditActor(kind="user", id="usr_1", name="@admin"),
        ip="192.0.2.1",
        summary="-1+1",
        target=AuditTarget(kind="api_key", id="key_1", name=name) if target else None,
    )


def test_the_contract_s_actions_have_labels_and_an_unknown_one_stays_as_sent():
    assert len(ACTIONS) == 10
    assert action_label("session.created", str.upper) == "SIGNED IN"
    assert action_label("api_key.teleported", str.upper) == "api_key.teleported"


def test_cells_read_as_the_page_shows_them():
    e = _event("Nightly export")
    cells = [c.display(e, str, lambda d: d.isoformat()) for c in COLUMNS]
    assert cells[AuditColumn.WHO] == "@admin"
    assert cells[AuditColumn.ACTION] == "Key created"
    assert cells[AuditColumn.TARGET] == "Nightly export"
    assert COLUMNS[AuditColumn.TARGET].display(_event("", target=False), str, str) == ""


def test_csv_is_formula_safe_with_utc_times():
    rows = list(csv.reader(io.StringIO(audit_csv([_event("=HYPERLINK(1)")]))))
    assert tuple(rows[0]) == AUDIT_CSV_HEADER
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["target_name"] == "'=HYPERLINK(1)"
    assert row["actor_name"] == "'@admin"
    assert row["summary"] == "'-1+1"
    assert row["at_utc"] == "2026-11-30T07:05:09Z"
