"""What a support ticket needs, and never a secret: Help → Copy diagnostics.

The text names the app's, Qt's and Python's versions, the operating system,
the server (its address only), the language, where the settings and the log
file are, and the last errors with their request ids. It is built from
fields chosen for it, never from a dump of objects, so a session token, a
password or a key value has no way in; the whole text then passes
:func:`mask_secrets` as a second line of defence.
"""

from __future__ import annotations

import platform
import sys
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLocale, QSysInfo, qVersion

from rakerone_desktop import __version__
from rakerone_desktop.runtime.logging_setup import mask_secrets

#: The libraries whose versions matter when something goes wrong.
COMPONENTS = ("requests", "urllib3", "truststore", "certifi", "keyring", "msgspec")
MAX_ERRORS = 20


@dataclass(frozen=True)
class RecordedError:
    when: datetime
    task: str
    kind: str
    message: str
    status: int | None
    request_id: str | None

    def line(self) -> str:
        parts = [self.when.strftime("%Y-%m-%d %H:%M:%S UTC"), self.task, self.kind]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.request_id:
            parts.append(f"request id {self.request_id}")
        return " · ".join(parts) + f": {self.message}"


class ErrorHistory:
    """The last few failures of background work, for the diagnostics."""

    def __init__(self, size: int = MAX_ERRORS) -> None:
        self._errors: deque[RecordedError] = deque(maxlen=size)

    def record(self, task: str, error: object, when: datetime | None = None) -> None:
        # ApiError (and its subclasses) carry status and request_id; their
        # messages are written for people and hold no secret by construction.
        message = getattr(error, "message", None)
        if not isinstance(message, str):
            message = str(error) if isinstance(error, BaseException) else repr(error)
        status = getattr(error, "status", None)
        request_id = getattr(error, "request_id", None)
        self._errors.append(
            RecordedError(
                when=when or datetime.now(UTC),
                task=task,
                kind=type(error).__name__,
                message=mask_secrets(message)[:500],
                status=status if isinstance(status, int) else None,
                request_id=request_id if isinstance(request_id, str) else None,
            )
        )

    def entries(self) -> list[RecordedError]:
        """Oldest first."""
        return list(self._errors)

    def clear(self) -> None:
        self._errors.clear()


def server_address(url: str) -> str:
    """The server's address without user info, path parameters, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def _home_relative(path: str) -> str:
    home = str(Path.home())
    return "~" + path[len(home) :] if home and path.startswith(home) else path


def _version(name: str) -> str:
    from importlib import metadata  # ~25 ms to import: only when diagnostics are asked for

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def collect(
    *,
    server: str | None = None,
    role: str | None = None,
    errors: Iterable[RecordedError] = (),
    platform_name: str = "",
    language: str | None = None,
    settings_file: str | None = None,
    log_file: str | None = None,
    read_only: bool | None = None,
) -> str:
    """The diagnostics as plain text (English: support reads it)."""
    frozen = "packaged build" if getattr(sys, "frozen", False) else "from source"
    lines = [
        f"RakerOne Desktop {__version__} ({frozen})",
        f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}"
        f" ({platform.python_implementation()})",
        f"OS: {QSysInfo.prettyProductName()} · {platform.machine()}"
        + (f" · Qt platform {platform_name}" if platform_name else ""),
        f"Locale: {QLocale().name()} · translation: {language or 'none (English)'}",
        "Libraries: " + ", ".join(f"{name} {_version(name)}" for name in COMPONENTS),
        f"Server: {server_address(server) if server else 'not signed in'}"
        + (f" · signed in as {role}" if server and role else ""),
    ]
    if read_only is not None:
        lines.append(f"Read-only mode: {'on' if read_only else 'off'}")
    if settings_file:
        lines.append(f"Settings: {_home_relative(settings_file)}")
    lines.append(f"Log file: {_home_relative(log_file) if log_file else 'none (stderr only)'}")
    recorded = list(errors)
    lines.append("")
    if recorded:
        lines.append(f"Last errors ({len(recorded)}, oldest first):")
        lines += [f"- {e.line()}" for e in recorded]
    else:
        lines.append("Last errors: none")
    return mask_secrets("\n".join(lines)) + "\n"
