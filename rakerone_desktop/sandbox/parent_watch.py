"""Stop the sandbox when the process that started it is gone.

``rakerone-desktop --sandbox`` starts the sandbox as a child. If the app is
killed (a crash, SIGKILL, a closed terminal), nobody sends the child its
SIGTERM; with ``--stop-with-parent`` the child notices that it was orphaned
(its parent process id changes) and stops cleanly by itself.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5


class ParentWatch:
    def __init__(self, on_orphaned: Callable[[], None]) -> None:
        self._parent = os.getppid()
        self._on_orphaned = on_orphaned
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="parent-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            if os.getppid() != self._parent:
                log.info("the process that started the sandbox is gone: stopping")
                self._on_orphaned()
                return
