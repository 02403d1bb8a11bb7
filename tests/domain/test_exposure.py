"""Naming where an exposure report came from."""

from __future__ import annotations

import pytest

from rakerone_desktop.domain.exposure import found_on_github


@pytest.mark.parametrize(
    ("url", "source", "expected"),
    [
        ("https://github.com/acme/app/blob/main/x.py", "commit", True),
        ("https://gist.github.com/acme/1", "content", True),
        (None, "github", True),
        ("https://github.com.evil.example/x", "commit", False),
        ("https://gitlab.com/acme/app", "commit", False),
        (None, "commit", False),
        ("not a url", "", False),
    ],
)
def test_a_report_is_from_github_by_its_address_or_its_source(url, source, expected):
    assert found_on_github(url, source) is expected
