"""Names full of HTML, bidi overrides, emoji and 10,000 characters (issue #6, item 1).

The sandbox refuses such names, so the fault proxy writes them into the
server's answers: key names, creators, user agents and event summaries. The
app must show every one as exactly those characters (security guide, line
12), never as markup, and stay responsive while it lays out and paints them.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from rakerone_desktop.models.keys_model import Column, KeyFilter
from tests.support.app_driver import wait_loaded
from tests.support.faultproxy import Fault
from tests.support.qt_helpers import MAX_FREEZE_S

pytestmark = pytest.mark.integration

HOSTILE = [
    '<b>bold</b> <img src="http://127.0.0.1:9/track.png"> <a href="x">link</a>',
    "invoice\u202egnp.exe",  # RIGHT-TO-LEFT OVERRIDE: shows as "invoiceexe.png"
    "\u2067isolate\u2069 \u200bzero\u200dwidth \ufeffbom",
    "🔑 Deploy bot 👩🏽‍💻🚀 ̷̧c̸o̵m̶b̷i̴n̸i̷n̶g̷",
    "&lt;not an entity&gt; &amp; <script>alert(1)</script>",
    "line one\nline two\ttabbed\r\nthree",
    "long " + "W" * 10_000,
]


def _rewrite_keys(doc):
    for item, name in zip(doc["items"], HOSTILE, strict=False):
        item["name"] = name
        item["created_by"]["name"] = name
        item["last_used_user_agent"] = name
        item["last_used_at"] = item["created_at"]
        item["last_used_ip"] = "<i>10.0.0.1</i>"
    return doc


def _rewrite_events(doc):
    for event in doc["items"]:
        event["summary"] = HOSTILE[0]
        event["actor"]["name"] = HOSTILE[1]
    return doc


def _literal(rich: str) -> str:
    """What a person reads when Qt renders ``rich`` as rich text."""
    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText()


def _shown_tooltip(table, index) -> str:
    """Hover ``index`` the way Qt does and return the tooltip the view put up."""
    table.scrollTo(index)
    center = table.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, center, table.viewport().mapToGlobal(center))
    QApplication.sendEvent(table.viewport(), event)
    assert QToolTip.isVisible()
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def _normalised(text: str) -> str:
    # A rich-text rendering turns line breaks and tabs into spaces or paragraphs.
    return " ".join(text.split())


def test_hostile_names_show_as_plain_text(qtbot, start_app, demo_sandbox, proxy, heartbeat):
    proxy.add(Fault("GET", r"/api/v1/api-keys", "rewrite", rewrite=_rewrite_keys, times=1000))
    proxy.add(
        Fault("GET", r"/api/v1/api-keys/[^/]+/events", "rewrite", rewrite=_rewrite_events,
              times=1000)
    )  # fmt: skip
    controller = start_app("--server", proxy.url)
    dialog = controller.sign_in_dialog
    dialog.server_field.setText(proxy.url)
    dialog.email_field.setText(demo_sandbox.admin_email)
    dialog.password_field.setText(demo_sandbox.admin_password or "")
    heartbeat.start()
    with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000) as blocker:
        dialog.sign_in_button.click()
    window = blocker.args[0]
    wait_loaded(qtbot, controller)
    page = window.keys_page
    model = page.model
    # The newest keys got the names; some may be revoked (other tests revoke keys).
    filters = {KeyFilter.ALL: {}, KeyFilter.REVOKED: {}}
    for name_filter, found in filters.items():
        page.set_filter(name_filter)
        for row in range(model.rowCount()):
            found[model.key_at(row).name] = model.key_at(row)
    located = {n: f for f, found in filters.items() for n in found if n in HOSTILE}
    assert set(located) == set(HOSTILE), "every rewritten key should be listed"
    shown = list(HOSTILE)

    for name in shown:
        page.set_filter(located[name])
        row = next(r for r in range(model.rowCount()) if model.key_at(r).name == name)
        key = model.key_at(row)
        if name == HOSTILE[-1]:
            # Painting every row, the 10,000-character name included, takes no time.
            started = time.perf_counter()
            window.grab()
            assert time.perf_counter() - started < MAX_FREEZE_S
        # The table's text is exactly the name.
        assert model.index(row, Column.NAME).data() == name
        # The tooltips the view shows (creator; user agent) read as the name, not markup.
        for column in (Column.CREATED, Column.LAST_USED):
            tip = _shown_tooltip(page.table, model.index(row, column))
            assert _normalised(name) in _normalised(_literal(tip)), tip[:300]

        # The details pane: the title and "created by" are plain-text labels with the name.
        page.select_key(key.id)
        details = page.details
        assert details.title.textFormat() == Qt.TextFormat.PlainText
        assert details.title.text() == name
        for label in details.findChildren(QLabel):
            if name in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()

    # The events list (summaries and actors from the server) shows them literally.
    page.set_filter(located[HOSTILE[0]])
    key = next(
        model.key_at(r) for r in range(model.rowCount()) if model.key_at(r).name == HOSTILE[0]
    )
    page.select_key(key.id)
    events = page.details.events
    qtbot.waitUntil(lambda: events.count() > 0, timeout=10_000)
    texts = [events.item(i).text() for i in range(events.count())]
    assert any(HOSTILE[0] in t for t in texts), texts

    # The revoke confirmation is titled with the name, verbatim, in plain text.
    revoke = controller.current.flows.revoke([key])
    assert shown[0] in revoke.windowTitle()
    for label in revoke.findChildren(QLabel):
        if shown[0] in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText
    revoke.reject()

    # Searching for one of them works, and the window never froze.
    page.set_filter(located[HOSTILE[1]])
    page.search_field.setText("gnp.exe")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.key_at(0).name == HOSTILE[1]
    assert heartbeat.stop() < MAX_FREEZE_S
