"""Build the one-folder app with PyInstaller from the committed spec.

    python packaging/build.py [--dist DIR] [--work DIR]

1. Compiles the resources and the translations (``build_resources.py``: rcc,
   and pyside6-lrelease for resources/translations/*.ts).
2. On Windows and macOS, renders ``app.ico``/``app.icns`` from resources/icons/app.svg.
3. Runs PyInstaller with ``packaging/rakerone-desktop.spec``.
4. On Linux, adds ``share/`` (desktop file, AppStream metainfo, hicolor icons)
   to the bundle, for the AppImage recipe and for unpacking it by hand.

Prints where the bundle is and how big. Defaults: ``packaging/dist`` and
``packaging/build`` (both ignored by git). Needs ``pip install -e ".[package]"``.
``--archive`` also packs a Linux build as ``rakerone-desktop-<version>-linux-<arch>.tar.gz``.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import build_resources  # noqa: E402 - beside this file
import desktop_files  # noqa: E402

SPEC = HERE / "rakerone-desktop.spec"
NAME = "rakerone-desktop"


def bundle_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder, symbolic links not followed."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def build(dist: Path, work: Path) -> Path:
    build_resources.main()
    env = dict(os.environ)
    if sys.platform in ("win32", "darwin"):
        icons = work / "icons"
        desktop_files.write_platform_icons(icons)
        env["RAKERONE_ICON_DIR"] = str(icons)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        env=env,
    )
    if sys.platform == "darwin":
        return dist / "RakerOne Desktop.app"
    bundle = dist / NAME
    if sys.platform.startswith("linux"):
        desktop_files.install_linux(bundle)
    return bundle


def archive(bundle: Path) -> Path:
    from rakerone_desktop import __version__

    name = f"{NAME}-{__version__}-linux-{platform.machine()}.tar.gz"
    path = bundle.parent / name
    with tarfile.open(path, "w:gz") as tar:
        tar.add(bundle, arcname=bundle.name)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=HERE / "dist", help="where the app goes")
    parser.add_argument("--work", type=Path, default=HERE / "build", help="PyInstaller's work")
    parser.add_argument("--archive", action="store_true", help="also pack it (Linux: .tar.gz)")
    args = parser.parse_args(argv)
    bundle = build(args.dist.resolve(), args.work.resolve())
    size, files = bundle_size(bundle)
    print(f"built {bundle}: {size / 2**20:.1f} MiB in {files} files")
    if args.archive and sys.platform.startswith("linux"):
        packed = archive(bundle)
        print(f"packed {packed}: {packed.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
