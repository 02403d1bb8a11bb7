"""``rakerone-sandbox report-exposure``: send a signed exposure report to a sandbox.

It plays GitHub's secret scanning: it signs the report with the demo scanner's
P-256 key (made on first use, mode 0600, in the user's state folder) that a
sandbox started with ``--demo-scanner`` (as the desktop app starts its own)
trusts, so a person can watch the app react to a leaked key.
"""

from __future__ import annotations

import argparse
import json
import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import scanning

COMMAND = "report-exposure"
DEFAULT_LOCATION = "https://github.com/example-org/example-repo/blob/main/config/settings.py"
TIMEOUT = 15


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"rakerone-sandbox {COMMAND}",
        description="Report an API key as exposed to a running sandbox, signed the way "
        "GitHub's secret scanning signs its reports. The sandbox must trust the demo "
        "scanner key (--demo-scanner; the desktop app's own sandbox does).",
    )
    parser.add_argument(
        "--url", required=True, help="the sandbox's address, as its ready line prints it"
    )
    parser.add_argument(
        "--location",
        default=DEFAULT_LOCATION,
        metavar="URL",
        help="where the key was found (the report's url; default: a made-up GitHub file)",
    )
    parser.add_argument("--source", default="content", help="where it was found (default: content)")
    parser.add_argument(
        "--type", default="rakerone_api_key", help="the secret type (default: rakerone_api_key)"
    )
    parser.add_argument(
        "--scanner-key-file",
        metavar="PATH",
        help="the scanner's private key (default: the demo scanner's, made on first use)",
    )
    parser.add_argument(
        "--cafile", metavar="PEM", help="trust this certificate (a sandbox serving HTTPS)"
    )
    parser.add_argument(
        "key",
        metavar="KEY",
        help="the whole key (rone_...), or - to read it from standard input (a command "
        "line is visible to other users of this machine)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    token = sys.stdin.readline().strip() if args.key == "-" else args.key.strip()
    if not keyformat.is_valid_key(token):
        # The scanner would not report it, and the sandbox would ignore it.
        print("That is not a RakerOne key (rone_..., with a valid checksum).", file=sys.stderr)
        return 2
    key_file = Path(args.scanner_key_file or scanning.default_key_file())
    try:
        private = scanning.load_or_create_private_key(key_file)
    except (OSError, ValueError, TypeError) as exc:
        print(f"Cannot use the scanner key {key_file}: {exc}", file=sys.stderr)
        return 1
    body = json.dumps(
        [{"token": token, "type": args.type, "url": args.location, "source": args.source}]
    ).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - the URL is the person's own sandbox
        args.url.rstrip("/") + "/api/v1/secret-scanning/reports",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            scanning.IDENTIFIER_HEADER: scanning.key_identifier(private.public_key()),
            scanning.SIGNATURE_HEADER: scanning.sign(private, body),
        },
    )
    context = ssl.create_default_context(cafile=args.cafile) if args.cafile else None
    if context is not None:
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT, context=context) as answer:  # noqa: S310
            rows = json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        detail = _detail(exc.read())
        print(f"The sandbox refused the report: {exc.code} {detail}", file=sys.stderr)
        if exc.code in {401, 404}:
            print(
                "Does it trust the demo scanner key? Start it with --demo-scanner (the "
                "desktop app's own sandbox does), with the same --scanner-key-file.",
                file=sys.stderr,
            )
        return 1
    except (OSError, ValueError) as exc:
        print(f"Cannot reach the sandbox at {args.url}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(rows))
    labels = {row.get("label") for row in rows if isinstance(row, dict)}
    if "true_positive" in labels:
        print("Reported: the sandbox knows this key and applied its policy.", file=sys.stderr)
    else:
        print("Reported, but this key is not one of the sandbox's keys.", file=sys.stderr)
    return 0


def _detail(body: bytes) -> str:
    try:
        return str(json.loads(body).get("detail", ""))
    except (ValueError, AttributeError):
        return ""
