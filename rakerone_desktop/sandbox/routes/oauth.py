"""Browser sign-in over HTTP: ``/api/v1/auth/methods``, ``/oauth/authorize``, ``/oauth/token``.

The sign-in page is plain HTML: every value in it is escaped, it loads
nothing from elsewhere and its Content-Security-Policy forbids scripts. Its
form carries a token bound to the page's parameters and to a cookie of the
browser that opened it, so another site cannot post it.
"""

from __future__ import annotations

import base64
import hashlib
import html
from typing import Any, Final
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from rakerone_desktop.sandbox.auth import caller_of
from rakerone_desktop.sandbox.oauth import (
    BROWSER_COOKIE,
    CLIENT_ID,
    AuthorizeRequest,
    OAuthServer,
    PageError,
    RedirectError,
    TokenError,
    parse_authorize,
    redirect_with,
)
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.schemas import _Response
from rakerone_desktop.sandbox.service import Sandbox

api_router = APIRouter(tags=["browser sign-in"])
router = APIRouter(tags=["browser sign-in"])

AUTHORIZE_PATH: Final = "/oauth/authorize"
TOKEN_PATH: Final = "/oauth/token"  # noqa: S105 - a path, not a secret
FORM_MEDIA_TYPE: Final = "application/x-www-form-urlencoded"
MAX_FORM_BYTES: Final = 16 * 1024

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;"
    "background:#f4f5f7;color:#1d1f23}"
    "main{max-width:24rem;margin:0 auto;background:#fff;padding:1.5rem 2rem;"
    "border-radius:8px;border:1px solid #d4d7dd}"
    "h1{font-size:1.4rem;margin-top:0}"
    "label{display:block;font-weight:600;margin:1rem 0 .25rem}"
    "input[type=email],input[type=password]{width:100%;box-sizing:border-box;"
    "padding:.5rem;font-size:1rem;border:1px solid #8a909a;border-radius:4px}"
    "button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;border:0;"
    "border-radius:4px;background:#1f5fbf;color:#fff}"
    "button:focus,input:focus{outline:3px solid #f0b400;outline-offset:1px}"
    ".error{color:#a4161a;font-weight:600}"
    "@media (prefers-color-scheme:dark){body{background:#17191d;color:#e8eaed}"
    "main{background:#23262b;border-color:#3b3f46}.error{color:#ff8a8a}"
    "input[type=email],input[type=password]{background:#17191d;color:#e8eaed}}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")

# No scripts, nothing from elsewhere, no framing. ``form-action`` is left out
# on purpose: the form's answer redirects to the app's loopback listener on
# any port, and CSP cannot name ``http://[::1]:*``.
PAGE_CSP: Final = (
    "default-src 'none'; script-src 'none'; "
    f"style-src 'sha256-{_STYLE_HASH}'; img-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
_PAGE_HEADERS: Final = {
    "Content-Security-Policy": PAGE_CSP,
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
_NO_STORE: Final = {"Cache-Control": "no-store", "Pragma": "no-cache"}


DECISIONS = """\
OAuth 2.0 for native apps (RFC 8252) with PKCE (RFC 7636). Decisions where the
contract is silent:

- The sign-in page stands in for an identity provider: no consent step; it checks
  the same passwords, with the same throttle (5 failures per email per minute,
  then `429` with `Retry-After`), as `POST /sessions`. A wrong password shows the
  page again (`401`), the email kept.
- Until `client_id` and `redirect_uri` are known good, every error is a `400` page
  and nothing is redirected. After that, errors are redirected as
  `error=invalid_request` or `unsupported_response_type` with `error_description`
  and `state` (RFC 6749 §4.1.2.1). A repeated OAuth parameter is a `400` page.
- `redirect_uri`: `http`, host `127.0.0.1` or `[::1]` exactly (not `localhost`),
  an explicit port 1-65535, a path starting with `/`, no user info, no fragment,
  at most 2048 characters; a query is kept and `code`/`state` are added to it.
- `state` is required: 1 to 512 printable ASCII characters, returned unchanged.
  A missing `code_challenge_method` means `plain` and is refused like `plain`.
- The form carries a page token: an HMAC over the page's OAuth parameters, bound
  to a cookie set with the page (`HttpOnly`, `SameSite=Lax`, path `/oauth`),
  valid 10 minutes. Without it, or changed, or from another browser: a `400` page.
- The pages load nothing from elsewhere; their CSP forbids scripts and framing
  (`form-action` is not set: the answer redirects to a loopback port that CSP
  cannot name for `[::1]`); `Cache-Control: no-store`, `Referrer-Policy: no-referrer`.
- A code is 256 random bits, kept only as its SHA-256, valid 60 s by the server's
  clock. A token request that names an issued code uses it up, whatever else is
  wrong with it. A code presented again after a successful exchange also ends the
  session it produced (RFC 6749 §4.1.2).
- `invalid_client` (`401`, `WWW-Authenticate: Basic`) answers a request that tries
  to authenticate the client (an `Authorization` header or `client_secret`): the
  app is a public client. A code presented with another `client_id` is
  `invalid_grant`, as the contract says.
- The token answer has no `refresh_token` and no `scope`; `expires_in` is the
  session lifetime. Codes and page tokens live in memory: a restart ends sign-ins
  under way. No `iss` parameter (RFC 9207): each server is its own issuer.
- `GET /auth/methods` builds its URLs from the address the server was started with,
  never from the `Host` header.
"""


def install(app: FastAPI, api_prefix: str) -> None:
    """Add the routes and the in-memory code store to ``app``."""
    sandbox: Sandbox = app.state.sandbox
    app.state.oauth = OAuthServer(sandbox)
    app.openapi_tags = [
        *(app.openapi_tags or []),
        {"name": "browser sign-in", "description": DECISIONS},
    ]
    app.include_router(api_router, prefix=api_prefix)
    app.include_router(router)


def _oauth(request: Request) -> OAuthServer:
    server: OAuthServer = request.app.state.oauth
    return server


# -- GET /api/v1/auth/methods -------------------------------------------------------


class OAuthEndpoints(_Response):
    authorization_endpoint: str = Field(description="Absolute URL of the sign-in page.")
    token_endpoint: str = Field(description="Absolute URL where a code is exchanged.")
    client_id: str = Field(description="Always `rakerone-desktop`.")


class AuthMethods(_Response):
    password: bool = Field(description="Whether `POST /sessions` accepts a password.")
    oauth: OAuthEndpoints | None = Field(
        description="Browser sign-in, or null when the server does not offer it."
    )


def origin_of(request: Request) -> str:
    """This server's own address: as configured, else the socket it answered on.

    Never the ``Host`` header, which the caller chooses.
    """
    configured: str | None = request.app.state.sandbox.settings.public_url
    if configured:
        return configured.rstrip("/")
    scheme = request.scope.get("scheme", "http")
    server = request.scope.get("server") or ("127.0.0.1", 80)
    host, port = str(server[0]), server[1]
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


@api_router.get("/auth/methods", response_model=AuthMethods, openapi_extra={"security": []})
def auth_methods(request: Request) -> Response:
    """How a person can sign in here; no credential needed.

    The endpoints are absolute URLs built from the address the server was
    started with, never from the request's `Host` header. `password` is false
    when the server runs with `--no-password-sign-in`.
    """
    origin = origin_of(request)
    body = {
        "password": bool(request.app.state.sandbox.settings.password_sign_in),
        "oauth": {
            "authorization_endpoint": origin + AUTHORIZE_PATH,
            "token_endpoint": origin + TOKEN_PATH,
            "client_id": CLIENT_ID,
        },
    }
    return JSONResponse(body)


# -- the sign-in page -------------------------------------------------------------------


def _page(title: str, body: str, status: int, headers: dict[str, str] | None = None) -> Response:
    text = (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{html.escape(title)}</h1>\n{body}</main>\n</body>\n</html>\n"
    )
    return HTMLResponse(text, status_code=status, headers={**_PAGE_HEADERS, **(headers or {})})


def _error_page(message: str, status: int = 400) -> Response:
    body = (
        f'<p class="error" role="alert">{html.escape(message)}</p>\n'
        "<p>Nothing was sent back to the app. Close this page and start the sign-in "
        "again from RakerOne Desktop.</p>\n"
    )
    return _page("Sign-in request refused", body, status)


def _form_page(
    oauth: OAuthServer,
    request: AuthorizeRequest,
    browser_id: str,
    *,
    status: int = 200,
    error: str | None = None,
    email: str = "",
    headers: dict[str, str] | None = None,
) -> Response:
    hidden = [*request.hidden_fields(), ("csrf_token", oauth.page_token(browser_id, request))]
    inputs = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(value, quote=True)}">\n'
        for name, value in hidden
    )
    alert = (
        f'<p class="error" role="alert" id="signin-error">{html.escape(error)}</p>\n'
        if error
        else ""
    )
    described = ' aria-describedby="signin-error"' if error else ""
    body = (
        "<p>RakerOne Desktop on this computer asks to sign you in. After you sign in, "
        "this browser hands the app a one-time code.</p>\n"
        f"{alert}"
        f'<form method="post" action="{AUTHORIZE_PATH}">\n{inputs}'
        '<label for="email">Email</label>\n'
        '<input id="email" name="email" type="email" autocomplete="username" required '
        f'autofocus value="{html.escape(email, quote=True)}"{described}>\n'
        '<label for="password">Password</label>\n'
        '<input id="password" name="password" type="password" '
        f'autocomplete="current-password" required{described}>\n'
        '<button type="submit">Sign in</button>\n</form>\n'
    )
    cookie = f"{BROWSER_COOKIE}={browser_id}; Path=/oauth; HttpOnly; SameSite=Lax" + (
        "; Secure" if _is_https(oauth) else ""
    )
    return _page("Sign in to RakerOne", body, status, {**(headers or {}), "Set-Cookie": cookie})


def _is_https(oauth: OAuthServer) -> bool:
    url = oauth.sandbox.settings.public_url or ""
    return url.startswith("https://")


def _browser_id(http: Request) -> str:
    current = http.cookies.get(BROWSER_COOKIE)
    return (
        current
        if current and OAuthServer.valid_browser_id(current)
        else OAuthServer.new_browser_id()
    )


_PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The sign-in page.", "content": {"text/html": {}}},
    302: {
        "description": "To `redirect_uri` with `code` and `state` (the POST after a right "
        "password), or with `error` (`invalid_request`, `unsupported_response_type`) and "
        "`state` for a request whose client and redirect URI are valid.",
        "headers": {"Location": {"schema": {"type": "string"}}},
    },
    400: {
        "description": "An error page, never a redirect: unknown or missing `client_id`, a "
        "`redirect_uri` that is not loopback, a repeated parameter, or (POST) a form "
        "without a valid page token.",
        "content": {"text/html": {}},
    },
}

_AUTHORIZE_DOC = """\
Rules: `client_id` must be `rakerone-desktop`; `redirect_uri` must be
`http://127.0.0.1:<port>/<path>` or `http://[::1]:<port>/<path>` (any port,
given explicitly; no `localhost`, no fragment; a query is kept); `state` is
required (1 to 512 printable ASCII characters) and returned unchanged;
`code_challenge_method` must be `S256` (a missing method means `plain`, which
is refused) and `code_challenge` 43 base64url characters. A repeated OAuth
parameter is a `400` page; unknown parameters are ignored.
"""


@router.get(
    AUTHORIZE_PATH,
    response_class=HTMLResponse,
    responses=_PAGE_RESPONSES,
    include_in_schema=True,
    openapi_extra={
        "security": [],
        "parameters": [
            {"name": name, "in": "query", "required": True, "schema": {"type": "string"}}
            for name in (
                "response_type",
                "client_id",
                "redirect_uri",
                "state",
                "code_challenge",
                "code_challenge_method",
            )
        ],
    },
    description=_AUTHORIZE_DOC,
    summary="The browser sign-in page",
)
async def authorize_page(http: Request) -> Response:
    oauth = _oauth(http)
    try:
        request = parse_authorize(http.query_params.multi_items())
    except PageError as exc:
        return _error_page(exc.message)
    except RedirectError as exc:
        return _redirect(exc.location)
    return _form_page(oauth, request, _browser_id(http))


@router.post(
    AUTHORIZE_PATH,
    response_class=HTMLResponse,
    responses={
        **_PAGE_RESPONSES,
        401: {
            "description": "The page again: wrong email or password.",
            "content": {"text/html": {}},
        },
        429: {
            "description": "The page again: 5 failed sign-ins for this email within a minute.",
            "content": {"text/html": {}},
        },
    },
    openapi_extra={
        "security": [],
        "requestBody": {
            "required": True,
            "content": {
                FORM_MEDIA_TYPE: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "email": {"type": "string"},
                            "password": {"type": "string"},
                            "csrf_token": {"type": "string"},
                            "response_type": {"type": "string"},
                            "client_id": {"type": "string"},
                            "redirect_uri": {"type": "string"},
                            "state": {"type": "string"},
                            "code_challenge": {"type": "string"},
                            "code_challenge_method": {"type": "string"},
                        },
                    }
                }
            },
        },
    },
    summary="The sign-in page's form",
)
async def authorize_submit(http: Request) -> Response:
    """Check the email and password (the same check and throttle as `POST /sessions`).

    Right: `302` to `redirect_uri?code=…&state=…`; the code works once, for 60
    seconds. Wrong: the page again (`401`), the email kept. The form must carry
    the `csrf_token` of a page this browser opened in the last 10 minutes for
    the same parameters (with its cookie), else a `400` page.
    """
    oauth = _oauth(http)
    pairs = await _form_pairs(http)
    if pairs is None:
        return _error_page("The sign-in form was not sent as a form.")
    try:
        request = parse_authorize(pairs)
    except PageError as exc:
        return _error_page(exc.message)
    except RedirectError:
        # A page this server rendered never has such parameters.
        return _error_page("This sign-in form was changed after it was sent.")
    form = dict(pairs)
    cookie = http.cookies.get(BROWSER_COOKIE)
    if not oauth.check_page_token(form.get("csrf_token"), cookie, request):
        return _error_page(
            "This sign-in page has expired or was not opened in this browser. "
            "Start the sign-in again from the app."
        )
    assert cookie is not None
    email = form.get("email", "").strip()
    password = form.get("password", "")
    if not email or not password:
        return _form_page(
            oauth, request, cookie, status=400, error="Enter your email and password.", email=email
        )
    try:
        user = await run_in_threadpool(oauth.sandbox.sessions.check_password, email, password)
    except Problem as exc:
        if exc.slug == "rate-limited":
            return _form_page(
                oauth,
                request,
                cookie,
                status=429,
                error=exc.detail,
                email=email,
                headers=exc.headers,
            )
        return _form_page(
            oauth, request, cookie, status=401, error="Wrong email or password.", email=email
        )
    code = oauth.issue_code(user, request)
    return _redirect(redirect_with(request.redirect_uri, {"code": code, "state": request.state}))


def _redirect(location: str) -> Response:
    return RedirectResponse(location, status_code=302, headers=dict(_NO_STORE))


async def _form_pairs(http: Request) -> list[tuple[str, str]] | None:
    """The form's fields, or None when the body is not a URL-encoded form."""
    media_type = http.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != FORM_MEDIA_TYPE:
        return None
    body = b""
    async for chunk in http.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return parse_qsl(text, keep_blank_values=True)


# -- POST /oauth/token --------------------------------------------------------------------


class TokenAnswer(_Response):
    access_token: str = Field(description="An ordinary session token.")
    token_type: str = Field(description="Always `Bearer`.")
    expires_in: int = Field(description="Seconds the session lasts.")


class TokenErrorBody(_Response):
    error: str = Field(
        description="`invalid_request`, `invalid_client`, `invalid_grant` or "
        "`unsupported_grant_type` (RFC 6749 §5.2)."
    )
    error_description: str = Field(description="What was wrong, in words.")


@router.post(
    TOKEN_PATH,
    response_model=TokenAnswer,
    responses={
        400: {
            "description": "`invalid_grant`: the code is unknown, expired (60 s), used, or "
            "presented with another redirect URI, client or verifier. `invalid_request`: a "
            "parameter is missing, repeated or malformed, or the body is not a form. "
            "`unsupported_grant_type`: not `authorization_code`.",
            "model": TokenErrorBody,
        },
        401: {
            "description": "`invalid_client`: the request tried to authenticate the client "
            "(an `Authorization` header or `client_secret`); the app is a public client.",
            "model": TokenErrorBody,
        },
    },
    openapi_extra={
        "security": [],
        "requestBody": {
            "required": True,
            "content": {
                FORM_MEDIA_TYPE: {
                    "schema": {
                        "type": "object",
                        "required": [
                            "grant_type",
                            "code",
                            "redirect_uri",
                            "client_id",
                            "code_verifier",
                        ],
                        "properties": {
                            "grant_type": {"type": "string", "enum": ["authorization_code"]},
                            "code": {"type": "string"},
                            "redirect_uri": {"type": "string"},
                            "client_id": {"type": "string"},
                            "code_verifier": {"type": "string", "minLength": 43, "maxLength": 128},
                        },
                    }
                }
            },
        },
    },
    summary="Exchange a code for a session token",
)
async def token(http: Request) -> Response:
    """RFC 6749 §4.1.3 with PKCE. Every answer carries `Cache-Control: no-store`.

    A request that names an issued code uses that code up, whatever else is
    wrong with it. Presenting a code again after it was exchanged also ends
    the session it produced. The token is an ordinary session token: `/me`,
    sign-out and expiry work as for `POST /sessions`.
    """
    oauth = _oauth(http)
    pairs = await _form_pairs(http)
    try:
        if pairs is None:
            raise TokenError(
                "invalid_request", f"The body must be a form ({FORM_MEDIA_TYPE}, UTF-8)."
            )
        authenticated = "authorization" in http.headers
        exchanged = await run_in_threadpool(oauth.exchange, pairs, authenticated, caller_of(http))
    except TokenError as exc:
        headers = dict(_NO_STORE)
        if exc.status == 401:
            headers["WWW-Authenticate"] = 'Basic realm="rakerone"'
        return JSONResponse(
            {"error": exc.error, "error_description": exc.description},
            status_code=exc.status,
            headers=headers,
        )
    return JSONResponse(
        {
            "access_token": exchanged.signed_in.token,
            "token_type": "Bearer",
            "expires_in": exchanged.expires_in,
        },
        headers=dict(_NO_STORE),
    )
