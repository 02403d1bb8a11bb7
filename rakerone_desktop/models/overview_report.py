"""The Overview as a saved report: one self-contained HTML file, and the counts as CSV.

The HTML has inline styles only: no scripts, no links to anything outside
the file, nothing a browser would fetch. Every text in it (the server's key
names and people, and the app's own labels) passes through ``html.escape``;
the chart is a table of bars drawn with inline widths. The CSV follows the
keys export's rules (formula-safe cells, UTC ISO times).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from rakerone_desktop.domain.csv_export import iso_utc, write_csv
from rakerone_desktop.models.overview import BUCKETS, COUNTS, Overview


@dataclass(frozen=True, slots=True)
class ReportTexts:
    """The report's words, already in the person's language."""

    title: str
    server: str
    generated: str  # "Generated %1" with %1 for the UTC time
    counts_heading: str
    chart_heading: str
    review_heading: str
    review_more: str  # "… and %1 more" with %1 for the number
    name: str
    hint: str
    created_by: str
    reasons: str
    count: str
    labels: Mapping[str, str]  # count and bucket names → labels


def _e(text: object) -> str:
    return escape(str(text), quote=True)


_STYLE_BODY = "font-family:sans-serif;margin:24px;color:#1f2328;background:#ffffff"
_STYLE_TABLE = "border-collapse:collapse;margin:8px 0 20px 0"
_STYLE_CELL = "border:1px solid #d0d7de;padding:4px 10px;text-align:left"
_STYLE_NUM = "border:1px solid #d0d7de;padding:4px 10px;text-align:right"


def overview_html(overview: Overview, texts: ReportTexts) -> str:
    labels = texts.labels
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        # Belt and braces: even a browser that found something to fetch may not.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_e(texts.title)}</title></head>",
        f'<body style="{_STYLE_BODY}">',
        f"<h1>{_e(texts.title)}</h1>",
        f"<p>{_e(texts.server)}<br>"
        f"{_e(texts.generated.replace('%1', iso_utc(overview.computed_at)))}</p>",
        f"<h2>{_e(texts.counts_heading)}</h2>",
        f'<table style="{_STYLE_TABLE}">',
    ]
    for name in COUNTS:
        value = overview.counts.get(name)
        if value is None:
            continue
        out.append(
            f'<tr><th style="{_STYLE_CELL}">{_e(labels[name])}</th>'
            f'<td style="{_STYLE_NUM}">{value:d}</td></tr>'
        )
    out.append("</table>")
    out.append(f"<h2>{_e(texts.chart_heading)}</h2>")
    out.append(f'<table style="{_STYLE_TABLE}">')
    top = max(overview.buckets.values(), default=0) or 1
    for name in BUCKETS:
        n = overview.buckets.get(name, 0)
        width = round(300 * n / top)
        out.append(
            f'<tr><th style="{_STYLE_CELL}">{_e(labels[name])}</th>'
            f'<td style="{_STYLE_CELL};width:320px">'
            f'<div style="background:#2f6feb;height:14px;width:{width:d}px"></div></td>'
            f'<td style="{_STYLE_NUM}">{n:d}</td></tr>'
        )
    out.append("</table>")
    if overview.review:
        out.append(f"<h2>{_e(texts.review_heading)}</h2>")
        out.append(f'<table style="{_STYLE_TABLE}"><tr>')
        for head in (texts.name, texts.hint, texts.created_by, texts.reasons):
            out.append(f'<th style="{_STYLE_CELL}">{_e(head)}</th>')
        out.append("</tr>")
        for row in overview.review:
            reasons = ", ".join(labels.get(r, r) for r in row.reasons)
            out.append(
                "<tr>"
                + "".join(
                    f'<td style="{_STYLE_CELL}">{_e(v)}</td>'
                    for v in (row.name, row.hint, row.created_by, reasons)
                )
                + "</tr>"
            )
        out.append("</table>")
        if overview.review_more:
            out.append(f"<p>{_e(texts.review_more.replace('%1', str(overview.review_more)))}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def overview_csv(overview: Overview, labels: Mapping[str, str]) -> str:
    """One row per count and per bar: (kind, name, label, count, computed_at_utc)."""
    when = iso_utc(overview.computed_at)
    rows: list[tuple[str, str, str, int, str]] = [
        ("count", name, labels[name], value, when)
        for name in COUNTS
        if (value := overview.counts.get(name)) is not None
    ]
    rows += [("last_used", name, labels[name], overview.buckets[name], when) for name in BUCKETS]
    return write_csv(("kind", "name", "label", "count", "computed_at_utc"), rows)
