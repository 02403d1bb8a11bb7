"""Linux desktop integration: the .desktop file, AppStream metainfo and icons validate,
and every file names the same application id, binary and version."""

from __future__ import annotations

import configparser
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import desktop_files
import pytest
from packaging.requirements import Requirement

from rakerone_desktop import __version__
from rakerone_desktop.app import APP_ID
from tests.packaging.tools import ROOT
from tests.support.system import require_program

DESKTOP = ROOT / "resources" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "linux" / f"{APP_ID}.metainfo.xml"
SCREENSHOTS = ROOT / "resources" / "screenshots"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def gui_script() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (name,) = pyproject["project"]["gui-scripts"]
    return name


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    prefix = tmp_path_factory.mktemp("prefix")
    desktop_files.install_linux(prefix)
    return prefix / "share"


def test_desktop_file_validates(installed):
    tool = require_program("desktop-file-validate", "desktop-file-utils")
    for path in (DESKTOP, installed / "applications" / DESKTOP.name):
        result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.strip() == "", result.stdout  # not even a hint


def test_metainfo_validates(installed):
    tool = require_program("appstreamcli", "appstream")
    for path in (METAINFO, installed / "metainfo" / METAINFO.name):
        result = subprocess.run(
            [tool, "validate", "--no-net", "--explain", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        # Errors and warnings fail; "pedantic" notes (the id's capital letter) don't.
        assert "E:" not in result.stdout, result.stdout
        assert "W:" not in result.stdout, result.stdout


def test_every_file_names_the_same_app():
    entry = desktop_entry()
    component = ET.parse(METAINFO).getroot()
    binary = gui_script()
    assert DESKTOP.name == f"{APP_ID}.desktop"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == binary
    assert entry["TryExec"] == binary
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == binary
    assert component.find("translation").text == "rakerone"  # rakerone_<lang>.qm


def test_release_notes_and_screenshots_are_current():
    component = ET.parse(METAINFO).getroot()
    releases = component.findall("releases/release")
    assert releases, "the metainfo needs release notes"
    newest = releases[0]
    assert newest.get("version") == __version__, "add a <release> for the new version"
    assert newest.find("description/p") is not None
    shots = component.findall("screenshots/screenshot/image")
    assert len(shots) >= 2
    for image in shots:
        url = image.text or ""
        assert url.startswith("https://")
        assert f"/{__version__}/" in url, "screenshots are published per version"
        local = SCREENSHOTS / url.rsplit("/", 1)[1]
        assert local.exists(), f"{url} has no file in resources/screenshots"
        width, height = png_size(local.read_bytes())
        assert (image.get("width"), image.get("height")) == (str(width), str(height))


def test_hicolor_icons_come_from_the_one_svg(installed):
    icons = installed / "icons" / "hicolor"
    scalable = icons / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == desktop_files.ICON_SOURCE.read_bytes()
    for size in desktop_files.PNG_SIZES:
        png = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png.read_bytes()) == (size, size)


def test_windows_and_macos_icons_are_well_formed():
    ico = desktop_files.ico_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(desktop_files.ICO_SIZES))
    for n, size in enumerate(desktop_files.ICO_SIZES):
        w, h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * n : 22 + 16 * n]
        )
        assert (w or 256, h or 256) == (size, size)
        assert png_size(ico[offset : offset + length]) == (size, size)

    icns = desktop_files.icns_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    pos, seen = 8, {}
    while pos < len(icns):
        kind, length = icns[pos : pos + 4], struct.unpack(">I", icns[pos + 4 : pos + 8])[0]
        seen[kind] = png_size(icns[pos + 8 : pos + length])
        pos += length
    assert seen == {k: (s, s) for k, s in desktop_files.ICNS_TYPES}


def test_flatpak_manifest_matches_the_app():
    import yaml

    manifest = yaml.safe_load(
        (ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml").read_text(encoding="utf-8")
    )
    assert manifest["id"] == APP_ID
    assert manifest["command"] == gui_script()
    assert manifest["runtime"] == "org.kde.Platform"
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["runtime-version"] == manifest["base-version"]
    assert "--talk-name=org.freedesktop.secrets" in manifest["finish-args"]
    # The Flatpak's Python dependencies are the app's on Linux, less PySide6 (from the
    # base app); a dependency for another system only (PyObjC on macOS) is left out.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linux = {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"}
    requirements = [Requirement(d) for d in pyproject["project"]["dependencies"]]
    wanted = {
        r.name.lower() for r in requirements if r.marker is None or r.marker.evaluate(linux)
    } - {"pyside6-essentials"}
    assert "pyobjc-framework-cocoa" not in wanted
    listed = {
        line.split(">")[0].split("=")[0].strip().lower()
        for line in (ROOT / "packaging" / "flatpak" / "requirements.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert listed == wanted


def test_windows_installer_script_takes_the_version_and_keeps_its_id():
    iss = (ROOT / "packaging" / "windows" / "rakerone-desktop.iss").read_text(encoding="utf-8")
    assert "#ifndef AppVersion" in iss  # refuses to build without the app's version
    assert "AppId={{BBC1C71E-4B18-48C4-8ADD-DDE0F2D4DF0D}" in iss  # never changes
    assert 'Source: "..\\dist\\rakerone-desktop\\*"' in iss
    assert "PrivilegesRequired=lowest" in iss
