"""Bidirectional-text spoofing in names (issue #6, item 1: "names full of RTL overrides").

A name is shown exactly as the server sent it (a cell, a title), but where
the app puts a name inside a sentence of its own ("“%1” — active, last used:
…", "Revoke “%1”", "%1 by %2"), a RIGHT-TO-LEFT OVERRIDE left open in the
name would run on into the app's words and reverse them: "— active" could be
made to read as something else. Every such name is bidi-isolated
(FSI … PDI), so the app's own words always read the way they were written.

The check is Qt's own layout of the final text: the app's words after the
name must advance left to right, character by character.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from rakerone_desktop.api.models import Actor, Event, EventPage, RevokeResult
from rakerone_desktop.ui.details_pane import DetailsPane
from rakerone_desktop.ui.find_key_dialog import FindKeyDialog, Probe
from rakerone_desktop.ui.revoke_dialog import RevokeDialog
from rakerone_desktop.ui.text import isolate
from tests.support.factories import CATALOG, make_key

SPOOFS = [
    "invoice\u202egnp.exe",  # RLO left open
    "x\u2069\u202eevil",  # a stray PDI first, to close the app's isolate early
    "\u2067\u202eopen isolate",  # an isolate opened and never closed
    "\u202b\u202eembedded",  # an embedding and an override, neither closed
]


@pytest.fixture(autouse=True)
def _gui(qapp):
    """Text layout needs the application (its fonts)."""
    return qapp


def _x_positions(text: str) -> list[float]:
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000_000)
    layout.endLayout()
    xs = []
    for i in range(len(text) + 1):
        x = line.cursorToX(i)
        xs.append(x[0] if isinstance(x, tuple) else x)
    return xs


def assert_reads_left_to_right(text: str, words: str) -> None:
    """The app's ``words`` inside ``text`` (on its first line) advance left to right."""
    line = text.split("\n", 1)[0]
    start = line.rindex(words)
    xs = _x_positions(line)
    steps = [xs[i + 1] - xs[i] for i in range(start, start + len(words))]
    assert all(step > 0 for step in steps), (line, words, steps)


def test_the_check_sees_the_spoof():
    # Without isolation, the app's words after an open override run backwards.
    with pytest.raises(AssertionError):
        assert_reads_left_to_right("“invoice\u202egnp.exe” — active", " — active")
    assert_reads_left_to_right("“" + isolate(SPOOFS[0]) + "” — active", " — active")


@pytest.mark.parametrize("name", SPOOFS)
def test_isolate_contains_whatever_the_name_opens(name):
    wrapped = isolate(name)
    assert wrapped.startswith("\u2068")
    assert wrapped.endswith("\u2069")
    assert name.replace("\u2069", "") in wrapped.replace("\u2069", "")
    assert_reads_left_to_right(f"{wrapped} by Alex", " by Alex")


def test_isolate_leaves_plain_names_readable():
    assert isolate("Webhook relay (prod)") == "\u2068Webhook relay (prod)\u2069"
    assert isolate("") == "\u2068\u2069"


@pytest.mark.parametrize("name", SPOOFS)
def test_find_by_value_results(qtbot, name):
    dialog = FindKeyDialog()
    qtbot.addWidget(dialog)
    active = make_key(name)
    revoked = make_key(name, revoked=datetime(2026, 11, 1, tzinfo=UTC), creator=name)
    dialog._probes = [Probe(active.hint, "a" * 64), Probe(revoked.hint, "b" * 64)]
    dialog.show_results([("a" * 64, active), ("b" * 64, revoked)])
    texts = [dialog.table.item(r, dialog.COL_RESULT).text() for r in range(2)]
    assert_reads_left_to_right(texts[0], "” — active, last used: ")
    assert_reads_left_to_right(texts[1], "” — already revoked on ")


@pytest.mark.parametrize("name", SPOOFS)
def test_revoke_dialog(qtbot, name):
    one = RevokeDialog([make_key(name)])
    qtbot.addWidget(one)
    assert_reads_left_to_right(one.windowTitle(), "Revoke “")
    assert one.windowTitle().endswith("”")
    assert_reads_left_to_right(one.windowTitle() + " x", "” x")

    keys = [make_key(name), make_key(name)]
    many = RevokeDialog(keys)
    qtbot.addWidget(many)
    for row in range(many.list.count()):
        assert_reads_left_to_right(many.list.item(row).text(), ") — ")
    many.show_results(tuple(RevokeResult(k.id, "revoked") for k in keys))
    for row in range(many.list.count()):
        assert_reads_left_to_right(many.list.item(row).text(), ") — Revoked")


@pytest.mark.parametrize("name", SPOOFS)
def test_details_pane(qtbot, name):
    pane = DetailsPane()
    qtbot.addWidget(pane)
    key = make_key("plain", creator=name, revoked=datetime(2026, 11, 1, tzinfo=UTC))
    pane.show_key(key, {p.id: p for p in CATALOG})
    assert pane.title.text() == "plain"
    assert_reads_left_to_right(" " + pane.created.text() + " end", " end")
    assert_reads_left_to_right(" " + pane.revoked.text() + " end", " end")
    event = Event(
        id="evt_1",
        at=datetime(2026, 11, 2, tzinfo=UTC),
        action="api_key.used",
        actor=Actor(kind="api_key", id=key.id, name=name),
        ip="10.0.0.1",
        summary=name,
    )
    pane.show_events(key.id, EventPage(items=(event,), next_cursor=None), False)
    text = pane.events.item(0).text()
    assert_reads_left_to_right(text.split("\n")[1], " · 10.0.0.1")
