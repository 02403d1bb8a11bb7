"""Running the app under uvicorn: binding, the ready signal, a clean exit.

The socket is bound here rather than by uvicorn so the real port is known
when ``--port 0`` asks for a free one, and the ready callback runs only once
uvicorn has started serving on it.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
from collections.abc import Callable
from types import FrameType

import uvicorn

_WILDCARDS = {"0.0.0.0", "::", ""}  # noqa: S104 - names, not a bind


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses; any other name counts as remote."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: a free one)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":
            # Lets a restarted sandbox take its port back from TIME_WAIT (on
            # Windows the option means something else: stealing a live port).
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def base_url(sock: socket.socket, requested_host: str, scheme: str = "http") -> str:
    """The URL a local client should use to reach ``sock`` (``https`` when serving TLS)."""
    host, port = sock.getsockname()[:2]
    if requested_host in _WILDCARDS:
        host = "::1" if sock.family == socket.AF_INET6 else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


class SandboxServer(uvicorn.Server):
    """uvicorn's server with a ready callback and exit status 0 on SIGTERM/SIGINT."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and not self.should_exit:
            self._on_ready()

    def request_stop(self) -> None:
        """Stop gracefully, as on SIGTERM (safe to call from another thread)."""
        self.should_exit = True

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:  # noqa: ARG002
        # uvicorn records the signal and raises it again after shutting down,
        # so the process would die "killed by SIGTERM". A requested stop is a
        # clean stop here: shut down gracefully and let main() return 0. A
        # second Ctrl+C still forces the exit.
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True
        else:
            self.should_exit = True
