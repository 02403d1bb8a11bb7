"""A loopback HTTP proxy in front of the sandbox that injects faults on request.

Tests queue faults for requests that match a method and a path pattern; every
other request is forwarded untouched. Faults:

* ``status``: answer with an error status and a problem document (or any body),
  with an ``X-Request-Id``, without forwarding;
* ``drop_response``: forward the request (the server acts on it), then close
  the connection without answering: a lost response;
* ``reset``: close the connection without forwarding;
* ``stall``: wait (on an event, no sleeping) before answering, e.g. past the
  client's read timeout;
* ``raw``: answer with the given status, headers and body bytes as they are;
* ``reset_mid_body``: forward the request (the server acts on it), send the
  answer's status line, headers (with the full ``Content-Length``) and half of
  its body, then reset the connection;
* ``big``: answer ``200`` with a JSON body of ``size`` bytes, streamed a chunk at
  a time, with its ``Content-Length`` declared (``declare_length``) or sent
  chunked so that only reading it finds out;
* ``rewrite``: forward the request and pass the server's JSON answer through
  ``rewrite(doc) -> doc`` (hostile names, contract breaches); ``headers``
  replace the server's (a wrong content type, say).

``refuse()`` closes the listening socket and every open connection, so the
next connection is refused, as if the server were down; ``accept()`` listens
on the same port again.

Loopback only; bounded by the test's own requests.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import struct
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te"}


@dataclass
class Fault:
    method: str
    path: str  # a regular expression matched against the path (without the query)
    kind: str
    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    release: threading.Event | None = None
    request_id: str = field(default_factory=lambda: "req_fault_" + uuid.uuid4().hex[:12])
    size: int = 0  # ``big``: bytes in the body
    declare_length: bool = True  # ``big``: send Content-Length (else chunked)
    rewrite: Callable[[Any], Any] | None = None  # ``rewrite``: doc -> doc
    # The X-Request-Id of each answer this fault gave (None: the answer had none).
    answered_ids: list[str | None] = field(default_factory=list)

    def note(self, headers: dict[str, str] | list[tuple[str, str]]) -> None:
        items = headers.items() if isinstance(headers, dict) else headers
        self.answered_ids.append(next((v for k, v in items if k.lower() == "x-request-id"), None))

    def matches(self, method: str, path: str) -> bool:
        return self.method == method and re.fullmatch(self.path, path) is not None


def problem(status: int, slug: str, detail: str, request_id: str, **extra: object) -> bytes:
    doc = {
        "type": f"https://rakerone.example/problems/{slug}",
        "title": slug.replace("-", " ").capitalize(),
        "status": status,
        "detail": detail,
        "request_id": request_id,
        **extra,
    }
    return json.dumps(doc).encode()


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self._connections: set[socket.socket] = set()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with proxy._lock:
                    proxy._connections.add(self.connection)

            def finish(self) -> None:
                with proxy._lock:
                    proxy._connections.discard(self.connection)
                with contextlib.suppress(OSError):  # the client went away first
                    super().finish()

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def _handle(self) -> None:
                proxy._serve(self)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _handle

        self._handler_class = Handler
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0
        self._listen()

    def _listen(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler_class)
        server.daemon_threads = True
        self._port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> FaultProxy:
        assert self._thread is not None
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            for fault in self._faults:
                if fault.release is not None:
                    fault.release.set()
        self._close()

    def _close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        with self._lock:
            connections = list(self._connections)
            self._connections.clear()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def refuse(self) -> None:
        """Stop listening and drop every connection: the server is down."""
        self._close()

    def accept(self) -> None:
        """Listen again on the same port (after :meth:`refuse`)."""
        if self._server is None:
            self._listen()
            self.start()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            for fault in self._faults:
                if fault.release is not None:
                    fault.release.set()
            self._faults.clear()

    def pending(self) -> int:
        with self._lock:
            return sum(f.times for f in self._faults)

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # -- serving ---------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        method = handler.command
        path = urlsplit(handler.path).path
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
        self.seen.append((method, path, dict(headers)))
        fault = self._take(method, path)
        if fault is None:
            self._forward_and_answer(handler, method, headers, body)
            return
        if fault.kind == "reset":
            self._abort(handler)
            return
        if fault.kind == "drop_response":
            self._forward(method, handler.path, headers, body)
            self._abort(handler)
            return
        if fault.kind == "stall":
            assert fault.release is not None
            fault.release.wait(30)
            self._abort(handler)
            return
        if fault.kind == "status":
            payload = fault.body or problem(
                fault.status, "internal", "Injected failure.", fault.request_id
            )
            hdrs = {"Content-Type": "application/problem+json", "X-Request-Id": fault.request_id}
            hdrs.update(fault.headers)
            fault.note(hdrs)
            self._answer(handler, fault.status, hdrs, payload)
            return
        if fault.kind == "raw":
            fault.note(fault.headers)
            self._answer(handler, fault.status, dict(fault.headers), fault.body)
            return
        if fault.kind == "reset_mid_body":
            status, resp_headers, data = self._forward(method, handler.path, headers, body)
            fault.note(resp_headers)
            self._reset_mid_body(handler, status, resp_headers, data)
            return
        if fault.kind == "big":
            fault.note({"X-Request-Id": fault.request_id})
            self._big(handler, fault)
            return
        if fault.kind == "rewrite":
            assert fault.rewrite is not None
            status, resp_headers, data = self._forward(method, handler.path, headers, body)
            replaced = {k.lower() for k in fault.headers} | _HOP | {"content-length"}
            hdrs = {k: v for k, v in resp_headers if k.lower() not in replaced}
            hdrs.update(fault.headers)
            fault.note(hdrs)
            payload = json.dumps(fault.rewrite(json.loads(data)), ensure_ascii=False).encode()
            self._answer(handler, status, hdrs, payload)
            return
        raise ValueError(f"unknown fault {fault.kind!r}")

    def _reset_mid_body(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        resp_headers: list[tuple[str, str]],
        data: bytes,
    ) -> None:
        handler.send_response(status)
        for k, v in resp_headers:
            if k.lower() not in _HOP | {"content-length"}:
                handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 2])
        handler.wfile.flush()
        self._abort(handler, reset=True)

    def _big(self, handler: BaseHTTPRequestHandler, fault: Fault) -> None:
        chunk = b" " * (1024 * 1024)
        head = b'{"items": ['
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("X-Request-Id", fault.request_id)
        if fault.declare_length:
            handler.send_header("Content-Length", str(fault.size))
        else:
            handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        sent = 0
        try:
            while sent < fault.size:
                piece = (head if sent == 0 else b"") + chunk
                piece = piece[: fault.size - sent]
                if fault.declare_length:
                    handler.wfile.write(piece)
                else:
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            if not fault.declare_length:
                handler.wfile.write(b"0\r\n\r\n")
            handler.wfile.flush()
        except OSError:
            pass  # the client stopped reading, as it should
        self._abort(handler)

    def _forward(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=30)
        try:
            headers = dict(headers)
            headers["Host"] = f"{self.upstream_host}:{self.upstream_port}"
            conn.request(method, target, body=body or None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.getheaders(), data
        finally:
            conn.close()

    def _forward_and_answer(
        self, handler: BaseHTTPRequestHandler, method: str, headers: dict[str, str], body: bytes
    ) -> None:
        status, resp_headers, data = self._forward(method, handler.path, headers, body)
        hdrs = {k: v for k, v in resp_headers if k.lower() not in _HOP | {"content-length"}}
        self._answer(handler, status, hdrs, data)

    @staticmethod
    def _answer(
        handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes
    ) -> None:
        handler.send_response(status)
        for k, v in headers.items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()

    @staticmethod
    def _abort(handler: BaseHTTPRequestHandler, *, reset: bool = False) -> None:
        handler.close_connection = True
        try:
            if reset:
                # SO_LINGER 0: close() sends RST rather than FIN, as a crashed peer would.
                handler.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                handler.connection.close()
            else:
                handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
