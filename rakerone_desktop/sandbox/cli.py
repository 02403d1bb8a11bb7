"""``rakerone-sandbox``: start the sandbox server, print one ready line, serve.

stdout carries exactly one line, the ready line (JSON), so a parent process
can read it without parsing logs; everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sqlite3
import ssl
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import uvicorn

from rakerone_desktop import __version__
from rakerone_desktop.sandbox import openapi_export, report_exposure, scanning
from rakerone_desktop.sandbox.app import create_app
from rakerone_desktop.sandbox.config import LOOPBACK_HOSTS, Settings
from rakerone_desktop.sandbox.limits import host_name
from rakerone_desktop.sandbox.masking import MaskingFormatter
from rakerone_desktop.sandbox.parent_watch import ParentWatch
from rakerone_desktop.sandbox.seed import Seeded, parse_seed, prepare
from rakerone_desktop.sandbox.server import SandboxServer, base_url, bind, is_loopback
from rakerone_desktop.sandbox.service import Sandbox
from rakerone_desktop.sandbox.store import Store
from rakerone_desktop.sandbox.traffic import TrafficSimulator

log = logging.getLogger("rakerone.sandbox")


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0 to 65535, not {value}")
    return value


# Where a password may come from besides the command line (which other users
# of the machine can read in the process list).
PASSWORD_ENV = {
    "admin": "RAKERONE_SANDBOX_ADMIN_PASSWORD",
    "member": "RAKERONE_SANDBOX_MEMBER_PASSWORD",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rakerone-sandbox",
        description="A local RakerOne API server for demos and tests. When it is ready it "
        "prints one JSON line to stdout with its URL and sign-in details.",
        epilog="Passwords: --admin-password beats --admin-password-file beats "
        f"{PASSWORD_ENV['admin']} (the same for the member, with "
        f"{PASSWORD_ENV['member']}). The database file (--db) is created readable by "
        "its owner only. 'rakerone-sandbox report-exposure --help': send a signed "
        "exposure report to a running sandbox, as GitHub's secret scanning would.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that is not a loopback address, and answer requests whatever "
        "host name they use (otherwise only localhost, 127.0.0.1, [::1] and the --host "
        "address are answered; others get 421)",
    )
    parser.add_argument("--port", type=_port, default=0, help="port (default 0: a free one)")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite database file, or :memory: (default: a temporary file deleted at exit)",
    )
    parser.add_argument(
        "--seed",
        default="demo",
        metavar="demo|empty|N",
        help="what a new database holds (default demo; N = that many keys)",
    )
    parser.add_argument(
        "--simulate-traffic",
        action="store_true",
        help="some demo keys call the server every few seconds",
    )
    for role in ("admin", "member"):
        parser.add_argument(
            f"--{role}-password",
            metavar="PASSWORD",
            help=f"the {role}'s password (replaces the stored one). Other users of this "
            f"machine can read a command line: prefer --{role}-password-file or the "
            f"{PASSWORD_ENV[role]} environment variable",
        )
        parser.add_argument(
            f"--{role}-password-file",
            metavar="PATH",
            help=f"read the {role}'s password from the first line of this file",
        )
    parser.add_argument(
        "--last-used-interval",
        type=_non_negative,
        default=60,
        metavar="SECONDS",
        help="write a key's last use at most this often (default 60)",
    )
    parser.add_argument(
        "--session-ttl",
        type=_positive,
        default=12 * 60 * 60,
        metavar="SECONDS",
        help="session lifetime (default 43200)",
    )
    parser.add_argument(
        "--no-password-sign-in",
        action="store_true",
        help="refuse POST /sessions: people sign in with their browser only",
    )
    parser.add_argument(
        "--api-part",
        type=int,
        choices=(1, 2),
        default=2,
        help="serve the whole API (2, default) or only part 1, without the key lifecycle "
        "(to try a client against a part-1 server)",
    )
    parser.add_argument(
        "--tls-cert",
        metavar="PATH",
        help="serve HTTPS with this certificate (PEM, the chain may follow it); needs --tls-key",
    )
    parser.add_argument("--tls-key", metavar="PATH", help="the certificate's private key (PEM)")
    parser.add_argument(
        "--stop-with-parent",
        action="store_true",
        help="stop when the process that started the sandbox is gone (used by the desktop app)",
    )
    parser.add_argument(
        "--export-openapi", metavar="PATH", help="write the OpenAPI document to PATH and exit"
    )
    parser.add_argument(
        "--scanning-public-key",
        action="append",
        default=[],
        metavar="ID=PEM_FILE",
        help="trust exposure reports (POST /api/v1/secret-scanning/reports) signed by this "
        "ECDSA P-256 public key, named ID in the Github-Public-Key-Identifier header "
        "(repeatable; with none, and no --demo-scanner, the route is a 404)",
    )
    parser.add_argument(
        "--demo-scanner",
        action="store_true",
        help="also trust the demo scanner key that 'rakerone-sandbox report-exposure' signs "
        "with (made on first use, see --scanner-key-file); the ready line then names it",
    )
    parser.add_argument(
        "--scanner-key-file",
        metavar="PATH",
        help="the demo scanner's private key (default: $"
        f"{scanning.KEY_FILE_ENV}, else demo-scanner-key.pem in the user's state folder)",
    )
    return parser


def _password(parser: argparse.ArgumentParser, args: argparse.Namespace, role: str) -> str | None:
    """The option, else the file's first line, else the environment variable, else None."""
    given: str | None = getattr(args, f"{role}_password")
    if given is not None:
        return given
    path: str | None = getattr(args, f"{role}_password_file")
    if path is not None:
        try:
            with open(path, encoding="utf-8") as file:
                line = file.readline().rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            parser.error(f"cannot read --{role}-password-file {path}: {exc}")
        if not line:
            parser.error(f"--{role}-password-file {path} holds no password on its first line")
        return line
    return os.environ.get(PASSWORD_ENV[role]) or None


def _scanning_keys(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> tuple[tuple[str, bytes], ...]:
    """(identifier, PEM) of each --scanning-public-key, then of the demo scanner."""
    keys: dict[str, bytes] = {}
    for given in args.scanning_public_key:
        identifier, sep, path = given.partition("=")
        if not sep or not identifier.strip() or not path:
            parser.error(f"--scanning-public-key wants ID=PEM_FILE, not {given!r}")
        try:
            pem = Path(path).read_bytes()
            scanning.load_public_key(pem)
        except (OSError, ValueError, TypeError) as exc:
            parser.error(f"--scanning-public-key {identifier}: cannot use {path}: {exc}")
        keys[identifier.strip()] = pem
    args.demo_scanner_id = None
    if args.demo_scanner:
        key_file = Path(args.scanner_key_file or scanning.default_key_file())
        try:
            private = scanning.load_or_create_private_key(key_file)
        except (OSError, ValueError, TypeError) as exc:
            parser.error(f"--demo-scanner: cannot use {key_file}: {exc}")
        args.demo_scanner_id = scanning.key_identifier(private.public_key())
        args.scanner_key_file = str(key_file)
        keys[args.demo_scanner_id] = scanning.public_pem(private.public_key())
    return tuple(keys.items())


def _check_tls(parser: argparse.ArgumentParser, cert: str | None, key: str | None) -> None:
    if (cert is None) != (key is None):
        parser.error("--tls-cert and --tls-key go together")
    if cert is None or key is None:
        return
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        parser.error(f"cannot serve TLS with {cert} and {key}: {exc}")


def _traffic_tls(cert: str | None) -> ssl.SSLContext | None:
    """What the traffic simulator trusts: the sandbox's own certificate chain."""
    if cert is None:
        return None
    ctx = ssl.create_default_context(cafile=cert)
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN  # the leaf itself is the anchor
    return ctx


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == [report_exposure.COMMAND]:
        return report_exposure.main(arguments[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
        if not is_loopback(args.host) and not args.allow_remote:
            parser.error(
                f"--host {args.host} is not a loopback address; the sandbox has demo "
                "passwords and keys, so listening beyond this machine needs --allow-remote"
            )
        try:
            seed = parse_seed(args.seed)
        except ValueError as exc:
            parser.error(str(exc))
        _check_tls(parser, args.tls_cert, args.tls_key)
        for role in ("admin", "member"):
            setattr(args, f"{role}_password", _password(parser, args, role))
        args.scanning_keys = _scanning_keys(parser, args)
    except SystemExit as exc:  # argparse's way out: --help (0) or a usage error (2)
        return int(exc.code or 0)

    if args.export_openapi:
        openapi_export.write(Path(args.export_openapi))
        return 0
    _configure_logging()
    return _serve(args, seed)


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    # Masks key- and token-shaped values in every line, whichever logger wrote it.
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def _serve(args: argparse.Namespace, seed: str | int) -> int:
    # Whatever this process creates (the database and its -wal and -shm files,
    # a temporary folder) is private to its owner.
    if os.name != "nt":
        os.umask(0o077)
    # Cleanup runs last-registered first: traffic stops, then the store
    # closes, then a temporary database is deleted.
    with ExitStack() as cleanup:
        db_path = args.db if args.db is not None else _temporary_database(cleanup)
        try:
            store = Store(db_path)
        except (sqlite3.Error, ValueError) as exc:
            log.error("cannot open the database %s: %s", db_path, exc)
            return 1
        cleanup.callback(store.close)
        seeded = prepare(
            store, seed, args.admin_password, args.member_password, lifecycle=args.api_part >= 2
        )
        try:
            sock = bind(args.host, args.port)
        except OSError as exc:
            log.error("cannot listen on %s port %s: %s", args.host, args.port, exc)
            return 1
        url = base_url(sock, args.host, "https" if args.tls_cert else "http")
        if not is_loopback(args.host):
            log.warning("listening on %s: other machines can reach this sandbox", args.host)
        traffic = (
            TrafficSimulator(url, seeded.traffic_secrets, ssl_context=_traffic_tls(args.tls_cert))
            if args.simulate_traffic
            else None
        )
        if traffic is not None:
            cleanup.callback(traffic.stop)

        def on_ready() -> None:
            log.info("RakerOne sandbox ready at %s (database: %s)", url, db_path)
            _print_ready_line(url, seeded, args)
            if traffic is not None:
                traffic.start()

        settings = Settings(
            last_used_interval=args.last_used_interval,
            session_ttl=args.session_ttl,
            password_sign_in=not args.no_password_sign_in,
            public_url=url,
            allowed_hosts=_allowed_hosts(args),
            api_part=args.api_part,
            scanning_public_keys=args.scanning_keys,
        )
        config = uvicorn.Config(
            create_app(Sandbox(store, settings)),
            log_config=None,  # our logging: everything on stderr
            access_log=False,  # our middleware logs requests, with their ids
            proxy_headers=False,  # the peer address is the truth; no X-Forwarded-For
            server_header=False,
            timeout_graceful_shutdown=2,  # the contract: exit within 5 s
            lifespan="off",
            ssl_certfile=args.tls_cert,
            ssl_keyfile=args.tls_key,
        )
        server = SandboxServer(config, on_ready)
        if args.stop_with_parent:
            watch = ParentWatch(server.request_stop)
            watch.start()
            cleanup.callback(watch.stop)
        server.run(sockets=[sock])
    log.info("RakerOne sandbox stopped")
    return 0


def _allowed_hosts(args: argparse.Namespace) -> frozenset[str] | None:
    """The Host names answered: any with --allow-remote, else loopback's and --host's."""
    if args.allow_remote:
        return None
    return LOOPBACK_HOSTS | {host_name(args.host)}


def _temporary_database(cleanup: ExitStack) -> str:
    temp_dir = tempfile.mkdtemp(prefix="rakerone-sandbox-")
    cleanup.callback(shutil.rmtree, temp_dir, ignore_errors=True)
    return str(Path(temp_dir) / "sandbox.db")


def _print_ready_line(url: str, seeded: Seeded, args: argparse.Namespace) -> None:
    ready: dict[str, object] = {
        "url": url,
        "admin_email": seeded.admin_email,
        "admin_password": seeded.admin_password,
        "member_email": seeded.member_email,
        "member_password": seeded.member_password,
    }
    if args.demo_scanner_id is not None:
        # Where 'report-exposure' finds the key it signs with (its default too).
        ready["scanner_key_id"] = args.demo_scanner_id
        ready["scanner_key_file"] = args.scanner_key_file
    line = json.dumps(ready)
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
