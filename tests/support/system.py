"""System components some tests need, and what happens where one is missing.

A newcomer's machine may have only Python: there a test that needs a system
program (D-Bus, gnome-keyring, Xvfb, the desktop-file and AppStream
validators) or the X11 libraries of Qt's xcb platform is *skipped*, with the
reason and the ``apt-get install`` line that provides it. CI sets ``CI=true``
and installs them all, so there a missing component *fails* the test: CI
cannot pass without having run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def missing(what: str, apt_packages: str) -> NoReturn:
    """Skip (or, in CI, fail) because ``what`` is not on this machine."""
    install = f"sudo apt-get install {apt_packages}"
    if in_ci():
        pytest.fail(f"{what} is missing, and CI must run this test (install: {install})")
    pytest.skip(f"{what} is not installed here; to run this test: {install}")


def require_program(name: str, apt_package: str) -> str:
    """The program's path; skipped where it isn't on PATH (failed in CI)."""
    found = shutil.which(name)
    if found is None:
        missing(f"the program {name!r}", apt_package)
    return found


# The shared libraries Qt's xcb platform plugin loads, and the Debian packages
# that provide them (Qt's own list for X11, as of Qt 6.5 and later).
XCB_PACKAGES = (
    "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1"
)


def _xcb_plugin() -> Path | None:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = sorted(folder.glob("libqxcb*.so"))
    return found[0] if found else None


def unresolved_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the loader can't find (``ldd``)."""
    result = subprocess.run(
        ["ldd", str(library)], capture_output=True, text=True, timeout=30, check=False
    )
    return sorted(
        line.split("=>")[0].strip() for line in result.stdout.splitlines() if "not found" in line
    )


def require_xcb() -> None:
    """Qt's xcb platform can load here (its plugin's libraries resolve)."""
    if shutil.which("ldd") is None:
        missing("ldd (to check Qt's X11 libraries)", "libc-bin")
    plugin = _xcb_plugin()
    if plugin is None:
        pytest.fail("PySide6 has no xcb platform plugin")
    libraries = unresolved_libraries(plugin)
    if libraries:
        missing(f"Qt's X11 libraries ({', '.join(libraries)})", XCB_PACKAGES)


def require_xvfb() -> str:
    """``xvfb-run``, with Xvfb and the X11 libraries Qt needs under it."""
    xvfb_run = require_program("xvfb-run", "xvfb")
    require_program("Xvfb", "xvfb")
    require_program("xauth", "xauth")
    require_xcb()
    return xvfb_run
