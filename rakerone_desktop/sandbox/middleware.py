"""The outermost layer of the app: request ids, the access log, the last-resort 500.

A plain ASGI middleware rather than ``BaseHTTPMiddleware``: it adds no task
per request, and it sees every response, including the ones Starlette's error
middleware would otherwise send without our headers.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import quote

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rakerone_desktop.sandbox.credentials import new_id
from rakerone_desktop.sandbox.masking import mask_secrets
from rakerone_desktop.sandbox.problems import PROBLEM_MEDIA_TYPE, problem_body

_LOG_SAFE = "/:@!$&'()*+,;=-._~"

access_log = logging.getLogger("rakerone.sandbox.access")
error_log = logging.getLogger("rakerone.sandbox")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Generated here, never taken from the client: a request id must be
        # unique and trustworthy in the server's logs.
        request_id = new_id("req_", 16)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-Id"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Logged with its traceback (which holds no request data); the
            # client gets a problem document, not Starlette's plain-text 500.
            error_log.exception("unhandled error in request %s", request_id)
            if status == 0:
                status = 500
                await _send_internal_error(send, request_id)
        finally:
            _log_access(scope, status, request_id, started)


async def _send_internal_error(send: Send, request_id: str) -> None:
    body = problem_body("internal", "The server could not handle this request.", request_id)
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"x-request-id", request_id.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _log_access(scope: Scope, status: int, request_id: str, started: float) -> None:
    # The path only: no query string, no headers, no body. A key or session
    # token a client put in the path itself is masked.
    client: Any = scope.get("client")
    peer = client[0] if client else "-"
    # Percent-encoded again: a path is client text, and raw control characters
    # (a newline, an escape sequence) must not forge or garble log lines.
    # Masked after encoding, so an encoded secret is caught as well.
    path = mask_secrets(quote(scope.get("path", "-"), safe=_LOG_SAFE))
    elapsed_ms = (time.perf_counter() - started) * 1000
    access_log.info(
        '%s "%s %s" %d %.1fms %s',
        peer,
        quote(scope.get("method", "-"), safe=_LOG_SAFE),
        path,
        status,
        elapsed_ms,
        request_id,
    )
