"""Server text as plain text, wherever Qt would guess at rich text.

Qt renders a tooltip as HTML when it "might be rich text"; a key named
``<img src=...>`` must show those characters instead. Tooltips built from
server text go through :func:`plain_tooltip`.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Rich text that displays ``text`` literally, line breaks kept."""
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<qt><p style='white-space:pre-wrap'>{escaped}</p></qt>"
