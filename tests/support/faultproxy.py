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
* ``raw``: answer with the given status, headers and body bytes as they are.

Loopback only; bounded by the test's own requests.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def _handle(self) -> None:
                proxy._serve(self)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        for fault in self._faults:
            if fault.release is not None:
                fault.release.set()
        self._server.shutdown()
        self._server.server_close()

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
            self._answer(handler, fault.status, hdrs, payload)
            return
        if fault.kind == "raw":
            self._answer(handler, fault.status, dict(fault.headers), fault.body)
            return
        raise ValueError(f"unknown fault {fault.kind!r}")

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
    def _abort(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
