"""Limits enforced before the app sees a request: the ``Host`` it names and the
body size (and, with it, what a request can make the server hold in memory).

The Host check defeats DNS rebinding: a web page whose own domain name is made
to resolve to 127.0.0.1 still sends that name as ``Host``, so it gets ``421``.
Hostnames are compared, not ports.

Plain ASGI, outside FastAPI: a body over the limit is refused with ``413``
``payload-too-large`` without being read. A declared ``Content-Length`` over
the limit is refused at once; a chunked body (no length) is read up to the
limit and refused at the first byte beyond it, so no request ever makes the
server hold more than :data:`MAX_BODY_BYTES`.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rakerone_desktop.sandbox.problems import HEAD_AS_GET, PROBLEM_MEDIA_TYPE, SLUGS, problem_body

MAX_BODY_BYTES = 1024 * 1024  # 1 MiB, the contract's limit


async def send_problem(
    send: Send, scope: Scope, slug: str, detail: str, headers: list[tuple[bytes, bytes]]
) -> None:
    """Answer with a problem document from below the app (no Request object here)."""
    request_id = str(scope.get("state", {}).get("request_id", ""))
    body = problem_body(slug, detail, request_id)
    await send(
        {
            "type": "http.response.start",
            "status": SLUGS[slug][0],
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _content_length(scope)
        if length is not None:
            if length > self.max_bytes:
                await self._refuse(scope, send)
                return
            # The server holds the client to its declared length.
            await self.app(scope, receive, send)
            return
        if not _has_body(scope):
            await self.app(scope, receive, send)
            return
        # Chunked (or otherwise unsized): read up to the limit, then replay.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                # The client went away; let the app see it as it would.
                await self.app(scope, _replay([], message, receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None, receive), send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await send_problem(
            send,
            scope,
            "payload-too-large",
            f"The request body is over the limit of {self.max_bytes} bytes.",
            [],
        )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP server refuses these before we run
    return None


def _has_body(scope: Scope) -> bool:
    return any(
        name == b"transfer-encoding" and b"chunked" in value.lower()
        for name, value in scope.get("headers", [])
    )


def _replay(chunks: list[bytes], last: Message | None, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then carries on."""
    pending: list[Message] = []
    if chunks or last is None:
        pending.append({"type": "http.request", "body": b"".join(chunks), "more_body": False})
    if last is not None:
        pending.append(last)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


def host_name(value: str) -> str:
    """The hostname of a Host header value: lower case, without port or brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        inside, bracket, _ = value[1:].partition("]")
        return inside if bracket else value
    if value.count(":") == 1:
        return value.partition(":")[0]
    return value


class HostCheckMiddleware:
    """Answers ``421`` to a request whose Host is not one of ``allowed`` (None: any)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str] | None) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.allowed is None:
            await self.app(scope, receive, send)
            return
        hosts = [v for k, v in scope.get("headers", []) if k == b"host"]
        if len(hosts) == 1 and host_name(hosts[0].decode("latin-1")) in self.allowed:
            await self.app(scope, receive, send)
            return
        await send_problem(
            send,
            scope,
            "misdirected-request",
            "This server does not answer to that host name. Use the address it printed "
            "when it started (or start it with --allow-remote).",
            [],
        )


class HeadMiddleware:
    """Answers ``HEAD`` as ``GET`` without the body, for every route that has GET.

    FastAPI routes answer only the methods they declare, so HEAD was a 405
    whose ``Allow`` listed HEAD. The app sees a GET (marked in the scope, so a
    405 still names HEAD); the headers, ``Content-Length`` included, are GET's.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET", HEAD_AS_GET: True}, receive, send_headers_only)
