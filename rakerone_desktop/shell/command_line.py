"""The command line: options, their checks, and how the session makes its API client."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rakerone_desktop import __version__
from rakerone_desktop.ui.theme import Scheme

if TYPE_CHECKING:
    from rakerone_desktop.api.client import RakerOneClient


class ArgumentError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ArgumentError(f"{self.prog}: {message}\nTry '{self.prog} --help'.", 2)

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise ArgumentError("", status)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 3600, not {text}")
    return value


def client_factory(args: argparse.Namespace) -> Callable[..., RakerOneClient]:
    """How the session makes its API client: with the command line's timeouts.

    The HTTP stack (requests, urllib3) is imported on the first call, in a
    background job, rather than before the first window is on screen.
    """
    read = getattr(args, "read_timeout", None)

    def make(**kwargs: Any) -> RakerOneClient:
        from rakerone_desktop.api.client import RakerOneClient, Timeouts

        if read is not None:
            kwargs.setdefault("timeouts", Timeouts(read=read))
        return RakerOneClient(**kwargs)

    return make


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rakerone-desktop",
        description="RakerOne Desktop: manage your organization's RakerOne API keys.",
    )
    parser.add_argument("--version", action="version", version=f"RakerOne Desktop {__version__}")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="start a local sandbox server with demo data and sign in to it as its admin",
    )
    parser.add_argument(
        "--sandbox-seed",
        default="demo",
        metavar="demo|empty|N",
        help="what the sandbox starts with (default: demo)",
    )
    parser.add_argument("--server", metavar="URL", help="the server to sign in to")
    parser.add_argument(
        "--read-timeout",
        type=_positive_seconds,
        metavar="SECONDS",
        help="give up on a server answer after this long (default: 30)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="hide every action that changes keys (for staff who should only look)",
    )
    parser.add_argument(
        "--color-scheme",
        choices=[s.value for s in Scheme],
        default=Scheme.SYSTEM.value,
        help="light, dark, or follow the system (default)",
    )
    parser.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        default="warning",
        help="how much to log to stderr (default: warning)",
    )
    parser.add_argument(
        "--new-instance",
        action="store_true",
        help="start even if the app is already running (normally a second launch raises it)",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="open the main window without a server, close it after its first paint, and "
        "print a JSON report (for checking a build)",
    )
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    args = build_parser().parse_args(list(argv))
    seed = args.sandbox_seed
    if seed not in ("demo", "empty") and not (seed.isdigit() and int(seed) >= 0):
        raise ArgumentError(
            f"rakerone-desktop: --sandbox-seed must be demo, empty or a number, not {seed!r}", 2
        )
    return args
