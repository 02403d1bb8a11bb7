#!/usr/bin/env bash
# Sign RakerOne Desktop.app with a Developer ID, notarize it, staple the tickets, and wrap
# it in a signed, notarized disk image. Runs on macOS only (codesign, notarytool, hdiutil);
# the project's Linux machines can't, see packaging/README.md.
#
#   RAKERONE_CODESIGN_IDENTITY="Developer ID Application: RakerOne (TEAMID)" \
#   NOTARY_PROFILE=rakerone-notary \
#   packaging/macos/sign-and-notarize.sh
#
# NOTARY_PROFILE names credentials stored once with:
#   xcrun notarytool store-credentials rakerone-notary --apple-id ... --team-id ... --password ...
set -euo pipefail
cd "$(dirname "$0")/../.."

identity=${RAKERONE_CODESIGN_IDENTITY:?set RAKERONE_CODESIGN_IDENTITY to a Developer ID Application identity}
profile=${NOTARY_PROFILE:?set NOTARY_PROFILE to a notarytool keychain profile}
app="packaging/dist/RakerOne Desktop.app"
entitlements=packaging/macos/entitlements.plist
version=$(python3 -c 'import rakerone_desktop as r; print(r.__version__)')
dmg="packaging/dist/RakerOne-Desktop-$version.dmg"

[ -d "$app" ] || { echo "no $app: run python packaging/build.py first" >&2; exit 1; }

sign() {
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$identity" "$@"
}

# 1. Inside out: every library and plugin, then the program, then the bundle
#    (Apple advises against --deep for signing).
find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) \
    ! -path "*/Contents/MacOS/rakerone-desktop" -print0 |
    while IFS= read -r -d '' file; do
        if file -b "$file" | grep -q 'Mach-O'; then sign "$file"; fi
    done
sign "$app/Contents/MacOS/rakerone-desktop"
sign "$app"
codesign --verify --deep --strict --verbose=2 "$app"

# 2. Notarize the app (as a zip), staple its ticket.
zip="packaging/dist/RakerOne-Desktop-$version.zip"
ditto -c -k --keepParent "$app" "$zip"
xcrun notarytool submit "$zip" --keychain-profile "$profile" --wait
xcrun stapler staple "$app"
rm -f "$zip"

# 3. The disk image: signed, notarized, stapled.
rm -f "$dmg"
hdiutil create -volname "RakerOne Desktop" -srcfolder "$app" -ov -format UDZO "$dmg"
codesign --force --timestamp --sign "$identity" "$dmg"
xcrun notarytool submit "$dmg" --keychain-profile "$profile" --wait
xcrun stapler staple "$dmg"

# 4. What Gatekeeper will say.
spctl --assess --type execute --verbose=2 "$app"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
echo "ready: $dmg"
