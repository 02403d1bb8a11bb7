#!/usr/bin/env bash
# Wrap the PyInstaller build in an AppImage: one file that runs on most Linux desktops.
#
#   python packaging/build.py                      # the one-folder build first
#   packaging/appimage/build-appimage.sh           # → packaging/dist/RakerOne_Desktop-<version>-x86_64.AppImage
#
# It lays out packaging/build/AppDir (AppRun, the desktop file, the icon, the metainfo,
# the app under usr/lib/rakerone-desktop), then runs appimagetool. appimagetool is not in
# Debian or PyPI and these machines reach no other download site, so here the script stops
# after the AppDir (tests/packaging starts the app from it); on a release machine, put
# appimagetool on PATH (or set APPIMAGETOOL). Build on the oldest distribution you support:
# the bundle carries the build machine's libraries (libstdc++, libX11, glib) but uses the
# host's glibc, so it runs on distributions as new or newer than that.
set -euo pipefail
cd "$(dirname "$0")/../.."

dist=${RAKERONE_DIST:-packaging/dist}
appdir=${RAKERONE_APPDIR:-packaging/build/AppDir}
bundle="$dist/rakerone-desktop"
app_id=com.rakerone.Desktop

[ -x "$bundle/rakerone-desktop" ] || { echo "no $bundle: run python packaging/build.py first" >&2; exit 1; }
version=$("$bundle/rakerone-desktop" --version | awk '{print $NF}')
arch=$(uname -m)

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib"
cp -a "$bundle" "$appdir/usr/lib/rakerone-desktop"
# The desktop integration files go to AppDir/usr/share (and the desktop file and icon at
# the top, where AppImage tools look for them).
mv "$appdir/usr/lib/rakerone-desktop/share" "$appdir/usr/share"
mv "$appdir/usr/share/metainfo/$app_id.metainfo.xml" "$appdir/usr/share/metainfo/$app_id.appdata.xml"
cp "$appdir/usr/share/applications/$app_id.desktop" "$appdir/"
cp "$appdir/usr/share/icons/hicolor/256x256/apps/$app_id.png" "$appdir/$app_id.png"
ln -s "$app_id.png" "$appdir/.DirIcon"
cat > "$appdir/AppRun" <<'APPRUN'
#!/bin/sh
# Started by the AppImage runtime with APPDIR set (or by hand from an AppDir).
here=${APPDIR:-$(dirname "$(readlink -f "$0")")}
exec "$here/usr/lib/rakerone-desktop/rakerone-desktop" "$@"
APPRUN
chmod +x "$appdir/AppRun"
echo "AppDir ready: $appdir"

tool=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [ -z "$tool" ]; then
    echo "appimagetool not found: stopping at the AppDir (see the comment at the top)" >&2
    exit 0
fi
out="$dist/RakerOne_Desktop-$version-$arch.AppImage"
ARCH=$arch "$tool" "$appdir" "$out"
echo "built $out"
