"""One running app per user: a second launch raises the first one's window and exits.

The first instance listens on a local socket (a Unix domain socket, or a
named pipe on Windows) whose name belongs to the user: under
``$XDG_RUNTIME_DIR`` (private to the user; inside Flatpak, the app's own
runtime folder, shared by its instances) when there is one, otherwise a name
that carries the user's id. A second launch connects, sends its command line
as one JSON line, and exits; the first emits :attr:`SingleInstance.activated`
and the app raises its window. A socket left behind by a crash is noticed
(nobody answers) and replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
WRITE_TIMEOUT_MS = 1000
#: A hello is a short command line; anything longer is not one of ours.
MAX_MESSAGE = 64 * 1024


def server_name(app_id: str, runtime_dir: str | None = None) -> str:
    """The local socket's name (or full path) for this user."""
    runtime_dir = runtime_dir if runtime_dir is not None else os.environ.get("XDG_RUNTIME_DIR")
    if sys.platform != "win32" and runtime_dir and Path(runtime_dir).is_dir():
        flatpak_dir = Path(runtime_dir) / "app" / os.environ.get("FLATPAK_ID", "")
        folder = flatpak_dir if os.environ.get("FLATPAK_ID") and flatpak_dir.is_dir() else None
        return str((folder or Path(runtime_dir)) / f"{app_id}.instance")
    try:
        user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:16]
    return f"{app_id}.{digest}"


class SingleInstance(QObject):
    """Either becomes the running instance (:meth:`acquire` is True) or hands over."""

    #: Another launch asked this one to come forward; its arguments (without argv[0]).
    activated = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._connections: set[_Connection] = set()

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def acquire(self, argv: Sequence[str] = ()) -> bool:
        """True: this is the running instance now. False: another one was told and answered."""
        if self._notify(argv):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Either another launch won a race just now, or a crash left the socket behind.
            if self._notify(argv):
                return False
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("Single-instance socket unavailable: %s", server.errorString())
                return True  # run anyway: better two windows than none
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        for connection in list(self._connections):
            connection.close()
        self._connections.clear()
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    # -- the second launch ---------------------------------------------------------------

    def _notify(self, argv: Sequence[str]) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        # Someone answered: an instance is running, whether or not it reads what follows.
        payload = json.dumps({"argv": list(argv)}).encode("utf-8") + b"\n"
        socket.write(payload)
        if not socket.waitForBytesWritten(WRITE_TIMEOUT_MS):
            log.warning("The running instance didn't take the message: %s", socket.errorString())
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(WRITE_TIMEOUT_MS)
        return True

    # -- the running instance -------------------------------------------------------------

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            connection = _Connection(socket, self)
            connection.received.connect(self._on_received)
            self._connections.add(connection)

    def _on_received(self, connection: _Connection, buffer: bytes) -> None:
        self._connections.discard(connection)
        connection.deleteLater()
        line = buffer.split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            argv = [str(a) for a in message["argv"]]
        except (ValueError, KeyError, TypeError):
            log.warning("Ignored a malformed message on the single-instance socket")
            return
        self.activated.emit(argv)


class _Connection(QObject):
    """One client of the single-instance socket: reads its one message, then closes.

    Each connection has its own object, so its slots know their socket
    without asking who sent a signal; bound methods, not lambdas holding the
    socket (a closure that keeps the socket's wrapper alive across
    ``deleteLater()`` crashes PySide).
    """

    received = Signal(object, bytes)  # this connection, what it sent

    def __init__(self, socket: QLocalSocket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._socket = socket
        self._buffer = bytearray()
        self._done = False
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self._finish)

    def _on_ready_read(self) -> None:
        if self._done:
            return
        self._buffer += bytes(self._socket.readAll().data())
        if b"\n" in self._buffer or len(self._buffer) > MAX_MESSAGE:
            self._finish()

    def _finish(self) -> None:
        if self.close():
            self.received.emit(self, bytes(self._buffer))

    def close(self) -> bool:
        """Stop listening and drop the socket; False if that was done before."""
        if self._done:
            return False
        self._done = True
        socket = self._socket
        socket.readyRead.disconnect(self._on_ready_read)
        socket.disconnected.disconnect(self._finish)
        socket.abort()
        socket.deleteLater()
        return True
