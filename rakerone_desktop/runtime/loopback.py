"""The loopback redirect listener of browser sign-in (RFC 8252 §7.3).

A ``QTcpServer`` on ``127.0.0.1``, an ephemeral port, event-driven on the GUI
thread's loop (it never blocks): it waits for the browser to come back to
``http://127.0.0.1:<port><path>?code=…&state=…``, checks ``state`` in
constant time, answers the browser with a small page that says it can be
closed, and reports once through :attr:`LoopbackListener.finished`.

Only the expected path counts: any other path gets ``404`` (a browser asks
for ``/favicon.ico``, say) and the listener keeps waiting. The first request
to the expected path ends it, whatever it carries: the server closes, every
other connection is dropped, and a later request finds nothing listening.
So do a timeout (5 minutes), a cancel and a failure to listen.
"""

from __future__ import annotations

import enum
import functools
import html
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QHostAddress, QTcpServer, QTcpSocket

from rakerone_desktop.domain.compare import same_state

DEFAULT_PATH: Final = "/callback"
DEFAULT_TIMEOUT_MS: Final = 5 * 60 * 1000
MAX_HEADER_BYTES: Final = 16 * 1024
MAX_CONNECTIONS: Final = 32

_PAGE_CSP: Final = "default-src 'none'; base-uri 'none'; form-action 'none'"


class Outcome(enum.Enum):
    CODE = "code"  # the browser brought a code (state matched)
    DENIED = "denied"  # error=access_denied: the person declined
    ERROR = "error"  # another error redirect, or no code
    WRONG_STATE = "wrong_state"  # state missing or not the one sent
    TIMED_OUT = "timed_out"
    LISTEN_FAILED = "listen_failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class RedirectResult:
    outcome: Outcome
    code: str | None = None
    message: str = ""  # for a person, translated; empty for CODE
    error: str | None = None  # the redirect's ``error`` parameter, if any

    def __repr__(self) -> str:  # the code is a credential for 60 seconds
        code = "<hidden>" if self.code is not None else None
        return f"RedirectResult(outcome={self.outcome}, code={code}, message={self.message!r})"


class LoopbackListener(QObject):
    """Waits for one redirect. Connect :attr:`finished` before :meth:`start`."""

    # One :class:`RedirectResult`, exactly once; the listener is closed by then.
    finished = Signal(object)

    def __init__(
        self,
        expected_state: str,
        *,
        path: str = DEFAULT_PATH,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        port: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not path.startswith("/"):
            raise ValueError("the redirect path must start with /")
        self._state = expected_state
        self._path = path
        self._port = port
        self._timeout_ms = timeout_ms
        self._server = QTcpServer(self)
        self._server.newConnection.connect(self._on_new_connection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._sockets: dict[QTcpSocket, bytearray] = {}
        self._done = False
        self._listening_port = 0

    # -- the public side ------------------------------------------------------------

    def start(self) -> bool:
        """Listen; False (and ``finished`` with LISTEN_FAILED) if that is impossible."""
        if self._done or self._server.isListening():
            return self._server.isListening()
        address = QHostAddress(QHostAddress.SpecialAddress.LocalHost)
        if not self._server.listen(address, self._port):
            reason = self._server.errorString()
            self._finish(
                RedirectResult(
                    Outcome.LISTEN_FAILED,
                    message=self.tr(
                        "Can't wait for the browser's answer: listening on this computer "
                        "failed ({reason})."
                    ).format(reason=reason),
                )
            )
            return False
        # Kept: once closed, the server reports port 0, and the redirect URI
        # must still name the port for the code exchange.
        self._listening_port = int(self._server.serverPort())
        self._timer.start(self._timeout_ms)
        return True

    @property
    def port(self) -> int:
        """The port listened on (also after closing); 0 before :meth:`start`."""
        return self._listening_port

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{self._path}"

    @property
    def is_listening(self) -> bool:
        return self._server.isListening()

    @property
    def is_finished(self) -> bool:
        return self._done

    def cancel(self) -> None:
        """Stop waiting; ``finished`` reports CANCELLED unless it has reported already."""
        self._finish(RedirectResult(Outcome.CANCELLED, message=self.tr("Sign-in cancelled.")))

    # -- connections ----------------------------------------------------------------------

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if self._done or len(self._sockets) >= MAX_CONNECTIONS:
                sock.abort()
                sock.deleteLater()
                continue
            self._sockets[sock] = bytearray()
            sock.readyRead.connect(functools.partial(self._on_ready_read, sock))
            sock.disconnected.connect(functools.partial(self._forget, sock))

    def _forget(self, sock: QTcpSocket) -> None:
        self._sockets.pop(sock, None)
        # Also reached while Qt destroys the sockets with their server.
        if shiboken6.isValid(sock):
            sock.deleteLater()

    def _on_ready_read(self, sock: QTcpSocket) -> None:
        buffer = self._sockets.get(sock)
        if buffer is None or self._done:
            return
        buffer += bytes(sock.readAll().data())
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(buffer) > MAX_HEADER_BYTES:
                self._answer(sock, 431, self.tr("The request is too large."))
            return
        head = bytes(buffer[:end])
        del self._sockets[sock]  # one request per connection; the answer closes it
        self._handle(sock, head)

    def _handle(self, sock: QTcpSocket, head: bytes) -> None:
        request_line = head.split(b"\r\n", 1)[0]
        parts = request_line.split(b" ")
        if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
            self._answer(sock, 400, self.tr("This isn't a request this app understands."))
            return
        method, target = parts[0], parts[1].decode("latin-1")
        path, _, query = target.partition("?")
        if path != self._path:
            # Not the redirect (a favicon, a stray request): keep waiting.
            self._answer(sock, 404, self.tr("Nothing here."))
            return
        if method != b"GET":
            self._answer(sock, 405, self.tr("Only GET is answered here."), allow="GET")
            return
        result = self._result_of(query)
        if result.outcome is Outcome.CODE:
            # Said before the app has exchanged the code: it reports the outcome itself.
            title = self.tr("Back to RakerOne Desktop")
            text = self.tr(
                "The sign-in was handed to RakerOne Desktop. You can close this page and "
                "return to the app."
            )
            status = 200
        else:
            title = self.tr("Sign-in didn't complete")
            text = result.message + " " + self.tr("You can close this page.")
            status = 400 if result.outcome is Outcome.WRONG_STATE else 200
        self._answer(sock, status, text, title=title)
        self._finish(result)

    def _result_of(self, query: str) -> RedirectResult:
        values: dict[str, str] = {}
        repeated = False
        for name, value in parse_qsl(query, keep_blank_values=True):
            repeated |= name in values
            values[name] = value
        if repeated or not same_state(self._state, values.get("state")):
            return RedirectResult(
                Outcome.WRONG_STATE,
                message=self.tr(
                    "The browser's answer doesn't belong to this sign-in (its state doesn't "
                    "match), so it was ignored. Start the sign-in again."
                ),
            )
        error = values.get("error")
        if error == "access_denied":
            return RedirectResult(
                Outcome.DENIED,
                error=error,
                message=self.tr("Sign-in was declined in the browser."),
            )
        if error is not None:
            description = " ".join(values.get("error_description", "").split())[:300]
            return RedirectResult(
                Outcome.ERROR,
                error=error[:100],
                message=self.tr("The server refused the sign-in: {error}. {description}")
                .format(error=error[:100], description=description)
                .strip(),
            )
        code = values.get("code")
        if not code:
            return RedirectResult(
                Outcome.ERROR,
                message=self.tr("The browser came back without a sign-in code."),
            )
        return RedirectResult(Outcome.CODE, code=code)

    def _answer(
        self,
        sock: QTcpSocket,
        status: int,
        text: str,
        *,
        title: str | None = None,
        allow: str | None = None,
    ) -> None:
        reasons = {
            200: "OK",
            400: "Bad Request",
            404: "Not Found",
            405: "Method Not Allowed",
            431: "Request Header Fields Too Large",
        }
        heading = title or text
        #: The language code of this translation (de, fr…), for the page shown in the browser.
        lang = self.tr("en")
        page = (
            f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" '
            'content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(heading)}</title>\n</head>\n<body>\n"
            f"<h1>{html.escape(heading)}</h1>\n"
            + (f"<p>{html.escape(text)}</p>\n" if title else "")
            + "</body>\n</html>\n"
        ).encode("utf-8")
        headers = [
            f"HTTP/1.1 {status} {reasons.get(status, 'Error')}",
            "Content-Type: text/html; charset=utf-8",
            f"Content-Length: {len(page)}",
            f"Content-Security-Policy: {_PAGE_CSP}",
            "Cache-Control: no-store",
            "Referrer-Policy: no-referrer",
            "X-Content-Type-Options: nosniff",
            "Connection: close",
        ]
        if allow:
            headers.append(f"Allow: {allow}")
        sock.write(("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + page)
        sock.disconnectFromHost()  # after what was written has gone out

    # -- the end ------------------------------------------------------------------------

    def _on_timeout(self) -> None:
        minutes = max(1, round(self._timeout_ms / 60_000))
        # Two texts, as in models/timefmt.py: %n plurals need a catalog even for English.
        if minutes == 1:
            text = self.tr(
                "No answer came from the browser within %n minute. Start the sign-in again.",
                "",
                minutes,
            )
        else:
            text = self.tr(
                "No answer came from the browser within %n minutes. Start the sign-in again.",
                "",
                minutes,
            )
        self._finish(RedirectResult(Outcome.TIMED_OUT, message=text))

    def _finish(self, result: RedirectResult) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        self._server.close()
        for sock in list(self._sockets):
            sock.abort()  # connections that sent nothing yet: nobody will answer them
        self._sockets.clear()
        self.finished.emit(result)
