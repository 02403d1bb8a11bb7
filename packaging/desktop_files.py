"""Desktop integration files and icons, all from resources/ (one icon source: app.svg).

    python packaging/desktop_files.py linux PREFIX     # PREFIX/share/{applications,metainfo,icons}
    python packaging/desktop_files.py icons OUT_DIR    # app.ico (Windows) and app.icns (macOS)

``linux`` installs, under ``PREFIX/share``:

- ``applications/com.rakerone.Desktop.desktop`` and
  ``metainfo/com.rakerone.Desktop.metainfo.xml`` (from ``resources/linux/``);
- ``icons/hicolor/scalable/apps/com.rakerone.Desktop.svg`` and PNGs at every
  size in :data:`PNG_SIZES`, rendered from ``resources/icons/app.svg``.

The Flatpak manifest, the AppImage recipe and a distribution package call it
with their own prefix (``/app``, ``AppDir/usr``, ``/usr``). The PNGs, the
``.ico`` and the ``.icns`` are rendered here with Qt's SVG renderer and written
as PNG-compressed icon files, so no other tool (ImageMagick, iconutil) is needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "com.rakerone.Desktop"
ICON_SOURCE = ROOT / "resources" / "icons" / "app.svg"
LINUX_DIR = ROOT / "resources" / "linux"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types holding PNG data, by pixel size (the @2x ones share sizes).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def _ensure_gui() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_gui.app = QGuiApplication(["desktop_files"])  # type: ignore[attr-defined]


def render_png(size: int, svg: Path = ICON_SOURCE) -> bytes:
    """The icon as a square PNG of ``size`` pixels, transparent around the artwork."""
    _ensure_gui()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RuntimeError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows .ico with one PNG-compressed image per size (Vista and later)."""
    images = [render_png(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for size, png in zip(sizes, images, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(images)


def icns_bytes() -> bytes:
    """A macOS .icns made of PNG elements."""
    cache: dict[int, bytes] = {}
    body = b""
    for kind, size in ICNS_TYPES:
        png = cache.setdefault(size, render_png(size))
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def install_linux(prefix: Path) -> list[Path]:
    """Install the desktop file, the metainfo and the hicolor icons under ``prefix/share``."""
    share = prefix / "share"
    written = []
    targets = {
        share / "applications" / f"{APP_ID}.desktop": LINUX_DIR / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml": LINUX_DIR / f"{APP_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": ICON_SOURCE,
    }
    for target, source in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    for size in PNG_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_png(size))
        written.append(target)
    return written


def write_platform_icons(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    ico = out_dir / "app.ico"
    ico.write_bytes(ico_bytes())
    icns = out_dir / "app.icns"
    icns.write_bytes(icns_bytes())
    return [ico, icns]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    linux = sub.add_parser("linux", help="install the Linux desktop files under PREFIX/share")
    linux.add_argument("prefix", type=Path)
    icons = sub.add_parser("icons", help="write app.ico and app.icns into OUT_DIR")
    icons.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    written = install_linux(args.prefix) if args.command == "linux" else []
    if args.command == "icons":
        written = write_platform_icons(args.out_dir)
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
