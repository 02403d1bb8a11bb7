"""The PyInstaller smoke test: build the Linux bundle from the committed spec on this
machine, start it, and report its size and start time.

The build takes about half a minute; every test here shares it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rakerone_desktop import __version__
from rakerone_desktop.app import APP_ID
from tests.packaging.tools import REPORT, ROOT
from tests.support.system import require_programs, require_xvfb, unavailable

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
]

RUNS = 5
#: Generous ceilings for a 2-core CI machine; the measured figures are printed.
MAX_SIZE_MIB = 200
MAX_VERSION_SECONDS = 3.0
MAX_SELF_CHECK_SECONDS = 10.0
#: The Qt libraries a build of this app may carry: PySide6-Essentials, no add-ons.
QT_LIBRARIES = {
    "libQt6Core.so.6",
    "libQt6Gui.so.6",
    "libQt6Widgets.so.6",
    "libQt6Network.so.6",
    "libQt6DBus.so.6",
    "libQt6Svg.so.6",
    "libQt6XcbQpa.so.6",
    "libQt6WaylandClient.so.6",
    "libicudata.so.73",
    "libicui18n.so.73",
    "libicuuc.so.73",
}
PYSIDE_MODULES = {"QtCore", "QtGui", "QtWidgets", "QtNetwork"}


@pytest.fixture(scope="module")
def build_dirs() -> Iterator[tuple[Path, Path]]:
    if importlib.util.find_spec("PyInstaller") is None:
        unavailable("PyInstaller (in the test extra)", "pip install -e '.[test]'")
    # PyInstaller finds shared libraries with ldd, and reads, patches and strips
    # them with binutils (not on a minimal Debian).
    require_programs(
        ("ldd", "libc-bin"), ("objdump", "binutils"), ("objcopy", "binutils"), ("strip", "binutils")
    )
    root = Path(tempfile.mkdtemp(prefix="rakerone-bundle-"))
    yield root / "dist", root / "work"
    shutil.rmtree(root, ignore_errors=True)  # ~130 MiB


@pytest.fixture(scope="module")
def bundle(build_dirs) -> Path:
    dist, work = build_dirs
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(dist),
            "--work",
            str(work),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    REPORT.append(
        f"built in {time.monotonic() - started:.0f} s from packaging/rakerone-desktop.spec"
    )
    return dist / "rakerone-desktop"


@pytest.fixture
def home(tmp_path) -> Iterator[dict[str, str]]:
    """A clean user: its own settings, state, runtime folder; offscreen; English."""
    runtime = Path(tempfile.mkdtemp(prefix="rb-"))  # short: a socket path has a limit
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "PYTHON", "QT_", "LC_", "XDG_")) and k != "LANGUAGE"
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    yield env
    shutil.rmtree(runtime, ignore_errors=True)


def run(bundle: Path, *args: str, env: dict[str, str], timeout: float = 60):
    return subprocess.run(
        [str(bundle / "rakerone-desktop"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def self_check(bundle: Path, env: dict[str, str]) -> dict:
    result = run(bundle, "--self-check", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed(bundle: Path, *args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = run(bundle, *args, env=env)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    return elapsed


def test_version(bundle, home):
    result = run(bundle, "--version", env=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"RakerOne Desktop {__version__}"


def test_self_check_opens_and_closes_the_main_window(bundle, home):
    report = self_check(bundle, home)
    assert report["ok"] is True, report
    assert report["frozen"] is True
    assert report["platform"] == "offscreen"
    assert report["desktop_file_name"] == APP_ID
    assert report["translations"] == ["de"]
    assert report["language"] is None  # English
    assert set(report["checks"]) >= {"svg_icon", "window_icon", "window_painted", "api_stack"}
    assert not (Path(home["XDG_STATE_HOME"])).exists(), "a self-check writes no log file"


def test_german_in_the_bundle(bundle, home):
    report = self_check(bundle, {**home, "LANG": "de_DE.UTF-8"})
    assert report["language"] == "de"
    assert report["ok"] is True


@pytest.fixture(scope="module")
def xvfb_run() -> str:
    return require_xvfb()


def test_self_check_on_x11(xvfb_run, bundle, home):  # xvfb_run first: skip before building
    env = {**home, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        [xvfb_run, "-a", str(bundle / "rakerone-desktop"), "--self-check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert report["ok"] is True


def test_the_sandbox_server_is_not_in_the_default_build(bundle, build_dirs, home):
    result = run(bundle, "--sandbox", env=home)
    assert result.returncode == 2
    assert "doesn't include the sandbox server" in result.stderr
    _dist, work = build_dirs
    modules = (work / "rakerone-desktop" / "PYZ-00.toc").read_text(encoding="utf-8")
    assert "'rakerone_desktop.sandbox.launcher'" in modules
    assert "'rakerone_desktop.app'" in modules
    for absent in (
        "fastapi",
        "uvicorn",
        "starlette",
        "pydantic",
        "rakerone_desktop.sandbox.app",
        "rakerone_desktop.sandbox.server",
        "pytest",
        "hypothesis",
    ):
        assert f"'{absent}'" not in modules, absent
    internal = bundle / "_internal"
    for absent in ("fastapi", "uvicorn", "pydantic_core"):
        assert not (internal / absent).exists()


def test_only_pyside6_essentials_without_addons(bundle):
    pyside = bundle / "_internal" / "PySide6"
    modules = {p.name.split(".")[0] for p in pyside.glob("Qt*.so")}
    assert modules == PYSIDE_MODULES
    libraries = {p.name for p in (pyside / "Qt" / "lib").iterdir()}
    assert libraries <= QT_LIBRARIES, libraries - QT_LIBRARIES
    assert not (pyside / "Qt" / "qml").exists()
    translations = sorted(p.name for p in (pyside / "Qt" / "translations").iterdir())
    assert translations == ["qtbase_de.qm"]
    plugins = {
        p.relative_to(pyside / "Qt" / "plugins").as_posix()
        for p in (pyside / "Qt" / "plugins").rglob("*.so")
    }
    assert "iconengines/libqsvgicon.so" in plugins
    assert {"platforms/libqxcb.so", "platforms/libqwayland.so"} <= plugins
    assert not [p for p in plugins if "gtk" in p or "egl" in p or "sqldrivers" in p]
    dangling = [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_desktop_files_are_in_the_bundle(bundle):
    share = bundle / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").exists()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").exists()


def test_a_second_launch_raises_the_first_and_exits(qtbot, bundle, home):
    first = subprocess.Popen(
        [str(bundle / "rakerone-desktop"), "--log-level", "info"],
        env=home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    socket_path = Path(home["XDG_RUNTIME_DIR"]) / f"{APP_ID}.instance"
    try:
        qtbot.waitUntil(lambda: socket_path.exists() or first.poll() is not None, timeout=30_000)
        assert first.poll() is None, first.communicate()
        second = run(bundle, env=home, timeout=30)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
    finally:
        first.terminate()  # SIGTERM: the app quits cleanly
        _out, err = first.communicate(timeout=30)
    assert first.returncode == 0, err
    logs = list(Path(home["XDG_STATE_HOME"]).rglob("rakerone-desktop.log"))
    assert len(logs) == 1, "the log file goes to the user's state folder"
    text = logs[0].read_text(encoding="utf-8")
    assert f"RakerOne Desktop {__version__} started" in text
    assert "does not support raise()" in text  # the second launch raised the window


def test_size_and_start_time(bundle, home, tmp_path):
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    archive = tmp_path / "rakerone-desktop.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)
    packed = archive.stat().st_size
    run(bundle, "--version", env=home)  # a first, cold start isn't measured
    version = statistics.median(timed(bundle, "--version", env=home) for _ in range(RUNS))
    check = statistics.median(timed(bundle, "--self-check", env=home) for _ in range(RUNS))
    paint = statistics.median(self_check(bundle, home)["first_paint_ms"] for _ in range(RUNS))
    REPORT.extend(
        [
            f"size: {size / 2**20:.1f} MiB in {len(files)} files "
            f"({packed / 2**20:.1f} MiB as .tar.gz)",
            f"start, median of {RUNS}: --version {version:.2f} s; --self-check (start, "
            f"open the main window, first paint, close, exit) {check:.2f} s; "
            f"first paint {paint:.0f} ms after the window is built",
        ]
    )
    results = bundle.parent / "bundle-report.json"
    results.write_text(
        json.dumps(
            {
                "size_bytes": size,
                "files": len(files),
                "tar_gz_bytes": packed,
                "version_seconds_median": round(version, 3),
                "self_check_seconds_median": round(check, 3),
                "first_paint_ms_median": paint,
                "runs": RUNS,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    assert size < MAX_SIZE_MIB * 2**20
    assert version < MAX_VERSION_SECONDS
    assert check < MAX_SELF_CHECK_SECONDS


def test_appimage_recipe_lays_out_a_working_appdir(bundle, home, tmp_path):
    """appimagetool itself can't be had here; everything up to it is checked."""
    appdir = tmp_path / "AppDir"
    env = {**home, "RAKERONE_DIST": str(bundle.parent), "RAKERONE_APPDIR": str(appdir)}
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "appimage" / "build-appimage.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (appdir / f"{APP_ID}.desktop").exists()
    assert (appdir / ".DirIcon").resolve() == (appdir / f"{APP_ID}.png").resolve()
    assert (appdir / "usr" / "share" / "metainfo" / f"{APP_ID}.appdata.xml").exists()
    version = subprocess.run(
        [str(appdir / "AppRun"), "--version"],
        env=home,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert version.stdout.strip() == f"RakerOne Desktop {__version__}"
    report = json.loads(
        subprocess.run(
            [str(appdir / "AppRun"), "--self-check"],
            env={**home, "APPDIR": str(appdir)},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert report["ok"] is True
