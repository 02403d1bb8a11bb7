"""One logging setup: Python logging, with Qt's messages routed into it.

Nothing in the app logs a header, a body, a token or a key. As a second line
of defence, :class:`SecretMaskingFilter` masks anything shaped like a key, a
session token (``sess_…``) or a bearer token in every record, whoever wrote it.

An unhandled exception, in the main thread, in a Qt slot (PySide6 hands those
to ``sys.excepthook``) or in a Python thread, is logged through the same
handlers and filters (:func:`install_exception_hooks`): its traceback is masked
and reaches the log file, instead of going to stderr unmasked.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_KEY_RE = re.compile(r"rone_[0-9A-Za-z]{8,}")
# A session token: "sess_" and URL-safe base64 (43 characters from the sandbox;
# 16 or more are enough to call it one, so "sess_expired" is left alone).
_SESSION_RE = re.compile(r"sess_[0-9A-Za-z_\-]{16,}")
_BEARER_RE = re.compile(r"(?i)(bearer\s+)[^\s'\",;]+")
_TOKEN_FIELD_RE = re.compile(
    r"(?i)(['\"]?(?:token|password|secret)['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"
)

MASK = "«hidden»"


def mask_secrets(text: str) -> str:
    text = _KEY_RE.sub("rone_" + MASK, text)
    text = _SESSION_RE.sub("sess_" + MASK, text)
    text = _BEARER_RE.sub(r"\1" + MASK, text)
    return _TOKEN_FIELD_RE.sub(r"\1" + MASK, text)


class SecretMaskingFilter(logging.Filter):
    """Masks key-shaped values and bearer tokens in a record's final text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = mask_secrets(message)
        if masked != message or record.args:
            record.msg = masked
            record.args = None
        if record.exc_info and record.exc_text is None:
            # Format the traceback now so that it can be masked too.
            record.exc_text = mask_secrets(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    logging.getLogger(f"qt.{category}").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


_installed_filter = SecretMaskingFilter()

crash_log = logging.getLogger("rakerone_desktop.unhandled")


def _sys_excepthook(
    exc_type: type[BaseException],
    exc_value: BaseException,
    exc_traceback: TracebackType | None,
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc_value, exc_traceback)
        return
    crash_log.critical(
        "Unhandled exception: %s", exc_type.__name__, exc_info=(exc_type, exc_value, exc_traceback)
    )


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    crash_log.critical(
        "Unhandled exception in thread %s: %s",
        name,
        args.exc_type.__name__,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def install_exception_hooks() -> None:
    """Log unhandled exceptions (main thread, Qt slots, threads) through the masking handlers."""
    sys.excepthook = _sys_excepthook
    threading.excepthook = _thread_excepthook


def install_masking_filter(logger: logging.Logger | None = None) -> None:
    """Put the masking filter on every handler of ``logger`` (default: root)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if _installed_filter not in handler.filters:
            handler.addFilter(_installed_filter)
    if _installed_filter not in target.filters:
        target.addFilter(_installed_filter)


def setup_logging(level: int = logging.INFO, *, route_qt: bool = True, **_: Any) -> None:
    """Configure logging for the app process (called once, in the composition root)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install_masking_filter(root)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    install_exception_hooks()
    if route_qt:
        qInstallMessageHandler(_qt_message_handler)
