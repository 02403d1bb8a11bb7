"""The sandbox app served by uvicorn on a thread of the test process.

For the few tests that must reach inside the server (to hold a request
half-way, say); everything else runs the real child process via the launcher.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from rakerone_desktop.sandbox.app import create_app
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.seed import Seeded, prepare
from rakerone_desktop.sandbox.server import base_url, bind
from rakerone_desktop.sandbox.service import Sandbox
from rakerone_desktop.sandbox.store import Store
from tests.support.sandbox_http import poll_until


@contextmanager
def serve_in_thread(seed: str = "empty") -> Iterator[tuple[str, Seeded]]:
    """Yield (base URL, seeded users) of an in-memory sandbox served on a thread."""
    store = Store(":memory:")
    seeded = prepare(store, seed, None, None)
    sock: socket.socket = bind("127.0.0.1", 0)
    config = uvicorn.Config(
        create_app(Sandbox(store, Settings())), log_config=None, access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        poll_until(lambda: server.started, timeout=30, what="the in-process server")
        yield base_url(sock, "127.0.0.1"), seeded
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()
