"""The logging filter: the second line of defence (security guide, line 10).

Nothing in the app logs a key, a token or a password (the secrets audit in
``tests/hardening`` shows that, unmasked). Should some code, ours or a
library's, ever do it anyway, the filter on the app's handlers masks anything
shaped like a key or a bearer token before it is written.
"""

from __future__ import annotations

import io
import logging

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
