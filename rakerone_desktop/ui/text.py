"""Server text as plain text, wherever Qt would guess at rich text.

Qt renders a tooltip as HTML when it "might be rich text"; a key named
``<img src=...>`` must show those characters instead. Tooltips built from
server text go through :func:`plain_tooltip`.

Server text placed inside the app's own sentences goes through
:func:`isolate`: a name that opens a right-to-left override and never closes
it must not reverse the app's words that follow it.
"""

from __future__ import annotations

import html

_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
_PDI = "\u2069"


def isolate(text: str) -> str:
    """``text`` as a bidi isolate (FSI … PDI): whatever direction or override it
    opens ends with it. A stray PDI in ``text`` (one that would close the
    isolate early) is dropped; an isolate ``text`` opens and leaves open is closed."""
    depth = 0
    kept = []
    for ch in text:
        if ch in _ISOLATE_OPENERS:
            depth += 1
        elif ch == _PDI:
            if depth == 0:
                continue
            depth -= 1
        kept.append(ch)
    return "\u2068" + "".join(kept) + _PDI * depth + _PDI


def plain_tooltip(text: str) -> str:
    """Rich text that displays ``text`` literally, line breaks kept."""
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<qt><p style='white-space:pre-wrap'>{escaped}</p></qt>"
