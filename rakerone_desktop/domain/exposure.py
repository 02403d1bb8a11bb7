"""Where an exposure report came from, as a person names it."""

from __future__ import annotations

from urllib.parse import urlsplit


def found_on_github(url: str | None, source: str) -> bool:
    """True for a report about a github.com address (GitHub secret scanning).

    A report's ``source`` says what kind of place the key was found in (a commit,
    an issue, content); the address says whose place it is.
    """
    host = (urlsplit(url or "").hostname or "").casefold()
    return host == "github.com" or host.endswith(".github.com") or source.casefold() == "github"
