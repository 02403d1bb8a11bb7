"""The logging filter: the second line of defence (security guide, line 10).

Nothing in the app logs a key, a token or a password (the secrets audit in
``tests/hardening`` shows that, unmasked). Should some code, ours or a
library's, ever do it anyway, the filter on the app's handlers masks anything
shaped like a key or a bearer token before it is written.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys

import pytest

from rakerone_desktop.domain.keyformat import generate_key, is_valid_key
from rakerone_desktop.runtime import log_file
from rakerone_desktop.runtime.logging_setup import (
    MASK,
    SecretMaskingFilter,
    install_masking_filter,
    mask_secrets,
)

KEY = generate_key()  # a real key: format and checksum
TOKEN = "sess_Zm9vYmFyYmF6cXV4LTEyMzQ1Njc4OTA"


def test_the_test_key_is_a_real_one():
    assert is_valid_key(KEY)


@pytest.mark.parametrize(
    "text",
    [
        f"created {KEY}",
        f"{{'secret': '{KEY}', 'name': 'x'}}",
        f'{{"secret":"{KEY}"}}',
        f"value={KEY[:30]}",  # a truncated key is still masked
        f"line one\n{KEY}\nline three",
        f"<b>{KEY}</b>",
    ],
)
def test_key_shaped_values_are_masked(text):
    masked = mask_secrets(text)
    assert KEY[:30] not in masked
    assert MASK in masked


@pytest.mark.parametrize(
    "text",
    [
        f"Authorization: Bearer {TOKEN}",
        f"authorization: bearer {TOKEN}",
        f"headers={{'Authorization': 'Bearer {TOKEN}'}}",
        f"token={TOKEN}",
        f'{{"token": "{TOKEN}", "expires_at": "2026-11-26T14:03:12Z"}}',
        f"password: {TOKEN}",
        f"'secret': '{TOKEN}'",
    ],
)
def test_bearer_tokens_and_secret_fields_are_masked(text):
    masked = mask_secrets(text)
    assert TOKEN not in masked
    assert MASK in masked


def test_ordinary_text_is_left_alone():
    text = "GET /api-keys -> 200 in 12 ms (request id req_0CEUBtmLcz3Mvbuu) hint rone_…Xy9Z"
    assert mask_secrets(text) == text


@pytest.fixture
def capture():
    """A logger tree of its own, set up the way the app sets up the root."""
    stream = io.StringIO()
    parent = logging.getLogger("masktest")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    parent.addHandler(handler)
    parent.setLevel(logging.DEBUG)
    parent.propagate = False
    install_masking_filter(parent)
    yield logging.getLogger("masktest.api.client"), stream
    parent.removeHandler(handler)
    parent.filters.clear()
    parent.propagate = True


def test_records_from_any_logger_are_masked_on_the_apps_handlers(capture):
    logger, stream = capture
    logger.debug("created %s for %r", KEY, {"Authorization": f"Bearer {TOKEN}"})
    logger.info("plain %s", "text")
    logger.warning(f"f-string {KEY}")
    output = stream.getvalue()
    assert KEY[:20] not in output
    assert TOKEN not in output
    assert "plain text" in output
    assert output.count(MASK) == 3


def test_tracebacks_are_masked_too(capture):
    logger, stream = capture
    try:
        raise ValueError(f"bad key {KEY} with Bearer {TOKEN}")
    except ValueError:
        logger.exception("failed")
    output = stream.getvalue()
    assert "Traceback" in output
    assert "ValueError: bad key" in output
    assert KEY[:20] not in output
    assert TOKEN not in output


def test_a_broken_format_does_not_lose_the_record(capture):
    logger, stream = capture
    record = logging.LogRecord("masktest.x", logging.INFO, __file__, 1, "%d %d", ("x",), None)
    assert SecretMaskingFilter().filter(record) is True  # passed on, not dropped
    logger.info("after %s", KEY)
    assert MASK in stream.getvalue()


def test_masking_twice_changes_nothing():
    once = mask_secrets(f"{KEY} Bearer {TOKEN}")
    assert mask_secrets(once) == once


def test_the_log_file_masks(tmp_path):
    root = logging.getLogger()
    levels = (root.level, [(h, h.level) for h in root.handlers])
    path = log_file.install(tmp_path, level=logging.DEBUG)
    try:
        logging.getLogger("rakerone_desktop.somewhere").warning("oops %s token=%s", KEY, TOKEN)
        logging.getLogger("rakerone_desktop.somewhere").warning("Authorization: Bearer %s", TOKEN)
    finally:
        log_file.remove()
        root.setLevel(levels[0])
        for handler, level in levels[1]:
            handler.setLevel(level)
    text = path.read_text(encoding="utf-8")
    assert "oops" in text
    assert KEY[:20] not in text
    assert TOKEN not in text


@pytest.mark.parametrize(
    "text",
    [
        f"signed in with {TOKEN}",
        f"GET /sessions/{TOKEN}?x=1",
        f"('{TOKEN}',)",
        f"{TOKEN[:25]}",  # a truncated token is still masked
    ],
)
def test_bare_session_tokens_are_masked(text):
    masked = mask_secrets(text)
    assert TOKEN[:20] not in masked
    assert "sess_" + MASK in masked


def test_words_that_start_like_a_token_are_left_alone():
    text = "sess_expired sess_remembered"
    assert mask_secrets(text) == text


# A process of its own: the app's logging setup, the log file, then an
# unhandled exception in a Qt slot, in a Python thread and in the main thread,
# and a Qt warning, each carrying a key and a session token.
_CRASH_SCRIPT = """
import logging, sys, threading
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer, qWarning
from rakerone_desktop.runtime import log_file
from rakerone_desktop.runtime.logging_setup import setup_logging

key, token, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
setup_logging(logging.INFO, route_qt=True)
log_file.install(folder)
app = QCoreApplication([])

def slot():
    raise RuntimeError(f"in a slot {key} {token}")

def worker():
    raise ValueError(f"in a thread {key} {token}")

def done():
    qWarning(f"qt says {token}")
    thread = threading.Thread(target=worker, name="worker")
    thread.start()
    thread.join()
    app.quit()

QTimer.singleShot(0, slot)
QTimer.singleShot(0, done)
app.exec()
raise LookupError(f"in main {key} {token}")
"""


def test_unhandled_exceptions_reach_the_log_file_masked(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH_SCRIPT, KEY, TOKEN, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 1  # the main thread's exception still ends the process
    text = (tmp_path / log_file.FILE_NAME).read_text(encoding="utf-8")
    for where in ("RuntimeError: in a slot", "ValueError: in a thread", "LookupError: in main"):
        assert where in text, text
    assert "Unhandled exception in thread worker" in text
    assert "qt says" in text  # Qt's messages still go through logging
    assert text.count("Traceback") == 3
    for output in (text, proc.stderr):
        assert KEY[:20] not in output
        assert TOKEN[:20] not in output
    assert "LookupError: in main" in proc.stderr  # and stderr still shows it, masked
