"""System components some tests need, and what happens where one is missing.

A newcomer's machine may have only Python: there a test that needs a system
program (D-Bus, gnome-keyring, Xvfb, the desktop-file and AppStream
validators) or the X11 libraries of Qt's xcb platform is *skipped*, with the
reason and the ``apt-get install`` line that provides it. CI sets ``CI=true``
and installs them all, so there a missing component *fails* the test: CI
cannot pass without having run it.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def unavailable(what: str, install: str) -> NoReturn:
    """Skip (or, in CI, fail) because ``what`` is not on this machine."""
    if in_ci():
        pytest.fail(
            f"this test needs {what}, missing here, and CI (CI=true) must run it; "
            f"install: {install}",
            pytrace=False,
        )
    pytest.skip(f"this test needs {what}, missing here; to run it: {install}")


def missing(what: str, apt_packages: str) -> NoReturn:
    """:func:`unavailable`, for something a Debian package provides."""
    unavailable(what, f"sudo apt-get install {apt_packages}")


def require_program(name: str, apt_package: str) -> str:
    """The program's path; skipped where it isn't on PATH (failed in CI)."""
    found = shutil.which(name)
    if found is None:
        missing(f"the program {name!r}", apt_package)
    return found


def require_programs(*programs: tuple[str, str]) -> list[str]:
    """:func:`require_program` for several ``(name, apt_package)``, naming every missing one."""
    absent = [(name, package) for name, package in programs if shutil.which(name) is None]
    if absent:
        names = ", ".join(repr(name) for name, _ in absent)
        packages = " ".join(dict.fromkeys(package for _, package in absent))
        missing(f"the programs {names}", packages)
    return [require_program(name, package) for name, package in programs]


# The Debian packages that provide the shared libraries Qt's xcb platform
# plugin loads (``ldd`` of ``libqxcb.so``, Qt 6.8 to 6.11; the rest come as
# their dependencies). ``.ci/run`` installs the same list.
XCB_PACKAGES = (
    "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libx11-xcb1"
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


# What Qt's own libraries need beyond a minimal Debian (libQt6Gui: OpenGL/EGL,
# xkbcommon, fontconfig and its fonts, GLib, D-Bus). A desktop has them all.
QT_PACKAGES = "libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3"


def require_qt_libraries() -> None:
    """Stop the run at once, with the install line, if Qt itself can't load.

    Nearly every test needs Qt (the app is a Qt app), so this is not a skip:
    without these libraries neither the app nor its tests can run.
    """
    try:
        importlib.import_module("PySide6.QtGui")
    except ImportError as exc:
        if "cannot open shared object file" not in str(exc):
            raise
        raise pytest.UsageError(
            f"Qt can't load: {exc}. The app and its tests need Qt's runtime libraries; "
            f"install them with: sudo apt-get install {QT_PACKAGES}"
        ) from None
