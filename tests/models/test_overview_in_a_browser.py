"""The saved Overview report opened in a real browser (headless Chromium).

A person saves the report and opens it in a browser; this test does the
same: Chromium parses the file, and what it built (its DOM) holds every name
as text, with no element a hostile key name could have smuggled in, and it
paints a page (a screenshot that is not blank).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rakerone_desktop.models.overview import BUCKETS, OverviewInput, compute_overview
from rakerone_desktop.models.overview_report import ReportTexts, overview_html
from tests.support.factories import make_key
from tests.support.system import require_program

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
HOSTILE = ("<script>document.title='pwned'</script>", '"><img src=x onerror=alert(1)>')


def _chromium() -> list[str]:
    binary = require_program("chromium", "chromium")
    return [
        binary,
        "--headless=new",
        "--no-sandbox",  # tests may run as root (CI containers)
        "--disable-gpu",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing leaves the machine
    ]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    keys = [make_key(name) for name in HOSTILE]  # never used: listed for review
    keys += [make_key(f"key {n}", last_used=NOW - timedelta(days=n)) for n in range(12)]
    ov = compute_overview(OverviewInput(keys, frozenset(), NOW, offered=frozenset()))
    labels = {name: name.replace("_", " ").title() for name in (*ov.counts, *BUCKETS)}
    texts = ReportTexts(
        "API keys overview",
        "Server: https://rakerone.example",
        "Generated %1",
        "Counts",
        "Keys by last use",
        "Keys to review",
        "… and %1 more",
        "Name",
        "Hint",
        "Created by",
        "Why",
        "Keys",
        labels,
    )
    path = tmp_path / "overview.html"
    path.write_text(overview_html(ov, texts), encoding="utf-8")
    return path


def test_chromium_builds_the_report_with_every_name_as_text(report: Path):
    out = subprocess.run(
        [*_chromium(), "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dom = _Elements()
    dom.feed(out.stdout)
    dom.close()
    assert "h1" in dom.tags and "table" in dom.tags
    assert not {"script", "img", "iframe", "object", "embed", "link"} & set(dom.tags)
    assert not any(name.startswith("on") for name in dom.attrs)
    text = "".join(dom.text)
    for name in HOSTILE:
        assert name in text  # shown as the key's name, exactly
    assert "<title>API keys overview</title>" in out.stdout  # no script renamed the page


def test_chromium_paints_the_report(report: Path, tmp_path: Path):
    shot = tmp_path / "overview.png"
    subprocess.run(
        [*_chromium(), f"--screenshot={shot}", "--window-size=1000,1200", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() == 1000
    # Not a blank page: the text and the bars leave many pixels that are not white.
    small = image.scaled(100, 120)
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    assert len(colours) > 20
