"""The app's log file, in the user's log folder, rotated by size.

``rakerone-desktop`` writes INFO and above to ``rakerone-desktop.log`` in:

- Linux: ``$XDG_STATE_HOME/RakerOne/RakerOne Desktop/log`` (``~/.local/state/...``;
  inside Flatpak, the app's own ``~/.var/app/com.rakerone.Desktop/.local/state/...``)
- macOS: ``~/Library/Logs/RakerOne Desktop``
- Windows: ``%LOCALAPPDATA%\\RakerOne\\RakerOne Desktop\\logs``

The file is rotated at 1 MiB, keeping four older files (``.log.1`` … ``.log.4``).
Every record passes the :class:`SecretMaskingFilter` first, like stderr's.
Only :func:`main` of the app installs it, when it creates the application, so
tests and scripts that drive the app write no file unless they ask.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from rakerone_desktop.runtime.logging_setup import SecretMaskingFilter

_Location = QStandardPaths.StandardLocation

FILE_NAME = "rakerone-desktop.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 4
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_handler: logging.handlers.RotatingFileHandler | None = None


def default_log_dir() -> Path:
    """The user's log folder for this app (needs the application's name set)."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "RakerOne Desktop"
    if sys.platform == "win32":
        local = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppLocalDataLocation
        )
        return Path(local) / "logs"
    state = QStandardPaths.writableLocation(_Location.StateLocation)
    return Path(state) / "log"


def install(
    directory: Path | None = None,
    *,
    level: int = logging.INFO,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> Path:
    """Start logging to the file; returns its path. Replaces an earlier file handler."""
    global _handler
    remove()
    folder = directory if directory is not None else default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
    )
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(SecretMaskingFilter())
    root = logging.getLogger()
    if root.getEffectiveLevel() > level:
        # The root's level was stderr's choice; keep it for stderr, and let INFO reach the file.
        for other in root.handlers:
            if other.level == logging.NOTSET:
                other.setLevel(root.level)
        root.setLevel(level)
    root.addHandler(handler)
    _handler = handler
    return path


def current() -> Path | None:
    """The file being written, or None."""
    return Path(_handler.baseFilename) if _handler is not None else None


def remove() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
