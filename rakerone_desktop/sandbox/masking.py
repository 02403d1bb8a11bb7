"""Credentials never reach the sandbox's logs, even when a client puts one in a URL.

The access log writes each request's path; a client may paste a key or a
session token into it (``GET /api/v1/api-keys/rone_...``). :func:`mask_secrets`
replaces anything shaped like an API key (``rone_`` + base62) or a session
token (``sess_`` + URL-safe base64) before it is written, and
:class:`MaskingFormatter` does the same for every line the sandbox logs, as a
second line of defence (a traceback, a library's message).
"""

from __future__ import annotations

import logging
import re

# Shapes, not exact formats: a truncated or mistyped secret is masked too.
_SECRET = re.compile(r"(rone_|sess_)[A-Za-z0-9_\-]{4,}")
MASK = "[masked]"


def mask_secrets(text: str) -> str:
    """``text`` with every key- or session-token-shaped value replaced by its prefix + mask."""
    return _SECRET.sub(lambda m: m.group(1) + MASK, text)


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))
