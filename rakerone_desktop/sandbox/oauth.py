"""Browser sign-in: OAuth 2.0 for native apps (RFC 8252) with PKCE (RFC 7636).

The sandbox stands in for an organisation's identity provider: its sign-in
page checks the same passwords as ``POST /sessions``, and the token endpoint
hands out ordinary session tokens. This module decides; the HTTP layer
(:mod:`rakerone_desktop.sandbox.routes.oauth`) parses and renders.

Everything here is kept in memory: codes live 60 seconds, and a restart
ending a sign-in half-way is fine for a sandbox.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlencode, urlsplit, urlunsplit

from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.service import Caller, Sandbox, SignedIn
from rakerone_desktop.sandbox.store import User

CLIENT_ID: Final = "rakerone-desktop"
CODE_TTL: Final = 60  # seconds a code can be exchanged (the contract)
PAGE_TTL: Final = 10 * 60  # seconds a sign-in page's form can be posted
# A used code is remembered this long after it expires, so that a replay is
# recognised (and the session it produced ended) rather than called unknown.
USED_CODE_MEMORY: Final = 10 * 60
MAX_CODES: Final = 10_000  # a flood of sign-ins cannot fill the memory
MAX_STATE: Final = 512
MAX_REDIRECT_URI: Final = 2048
BROWSER_COOKIE: Final = "rakerone_oauth_browser"

OAUTH_PARAMETERS: Final = (
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "code_challenge",
    "code_challenge_method",
)

# RFC 7636 §4.1 and §4.2: a verifier is 43-128 unreserved characters; an S256
# challenge is the 43-character unpadded base64url of a SHA-256.
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")
# RFC 6749 Appendix A.5: state is printable ASCII (VSCHAR).
_STATE = re.compile(rf"[\x20-\x7e]{{1,{MAX_STATE}}}")
_PORT = re.compile(r"[0-9]{1,5}")
_BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{43}")


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def is_loopback_redirect_uri(value: str) -> bool:
    """``http://127.0.0.1:<port>/<path>`` or ``http://[::1]:<port>/<path>`` (RFC 8252 §7.3).

    The port must be given (1-65535); no user info, no fragment (RFC 6749
    §3.1.2), no ``localhost`` (RFC 8252 §8.3: a name can be pointed elsewhere).
    A query is allowed and kept when the answer's parameters are added.
    """
    if not value or len(value) > MAX_REDIRECT_URI:
        return False
    if any(not (0x21 <= ord(c) <= 0x7E) for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme != "http" or parts.fragment or "#" in value:
        return False
    host, sep, port = parts.netloc.rpartition(":")
    if not sep or host not in ("127.0.0.1", "[::1]") or not _PORT.fullmatch(port):
        return False
    if not 1 <= int(port) <= 65535:
        return False
    return parts.path.startswith("/")


def redirect_with(redirect_uri: str, params: dict[str, str]) -> str:
    """``redirect_uri`` with ``params`` added to its query (RFC 6749 §4.1.2)."""
    parts = urlsplit(redirect_uri)
    added = urlencode(params)
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


@dataclass(frozen=True, slots=True)
class AuthorizeRequest:
    client_id: str
    redirect_uri: str
    state: str
    code_challenge: str

    def hidden_fields(self) -> list[tuple[str, str]]:
        return [
            ("response_type", "code"),
            ("client_id", self.client_id),
            ("redirect_uri", self.redirect_uri),
            ("state", self.state),
            ("code_challenge", self.code_challenge),
            ("code_challenge_method", "S256"),
        ]


class PageError(Exception):
    """Refused with a ``400`` page: never redirected (unknown client or redirect URI)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RedirectError(Exception):
    """Refused by redirecting ``error=…`` to a redirect URI already found valid."""

    def __init__(self, redirect_uri: str, error: str, description: str, state: str | None) -> None:
        super().__init__(description)
        params = {"error": error, "error_description": description}
        if state is not None:
            params["state"] = state
        self.location = redirect_with(redirect_uri, params)


def parse_authorize(pairs: Sequence[tuple[str, str]]) -> AuthorizeRequest:
    """The authorization request's parameters, checked in RFC 6749 §4.1.2.1 order.

    Client and redirect URI first: while either is in doubt nothing is
    redirected anywhere. Unknown parameters are ignored (RFC 6749 §3.1).
    """
    values: dict[str, str] = {}
    repeated: set[str] = set()
    for name, value in pairs:
        if name in OAUTH_PARAMETERS:
            if name in values:
                repeated.add(name)
            values[name] = value
    if repeated:
        names = ", ".join(sorted(repeated))
        raise PageError(f"The sign-in request repeats a parameter ({names}).")
    client_id = values.get("client_id")
    if client_id is None:
        raise PageError("The sign-in request does not say which app is asking (client_id).")
    if client_id != CLIENT_ID:
        raise PageError("The app asking to sign you in (client_id) is not known to this server.")
    redirect_uri = values.get("redirect_uri")
    if redirect_uri is None:
        raise PageError("The sign-in request does not say where to return (redirect_uri).")
    if not is_loopback_redirect_uri(redirect_uri):
        raise PageError(
            "The sign-in request's redirect_uri is not allowed: only "
            "http://127.0.0.1:<port>/<path> and http://[::1]:<port>/<path> are."
        )
    state = values.get("state")
    if state is None or not _STATE.fullmatch(state):
        raise RedirectError(
            redirect_uri,
            "invalid_request",
            f"state is required: 1 to {MAX_STATE} printable ASCII characters.",
            None,
        )
    if values.get("response_type") != "code":
        raise RedirectError(
            redirect_uri, "unsupported_response_type", "response_type must be code.", state
        )
    if values.get("code_challenge_method") != "S256":
        raise RedirectError(
            redirect_uri,
            "invalid_request",
            "code_challenge_method must be S256; plain and a missing method are not supported.",
            state,
        )
    challenge = values.get("code_challenge")
    if challenge is None or not _CHALLENGE.fullmatch(challenge):
        raise RedirectError(
            redirect_uri,
            "invalid_request",
            "code_challenge must be the 43-character base64url SHA-256 of the verifier.",
            state,
        )
    return AuthorizeRequest(client_id, redirect_uri, state, challenge)


class TokenError(Exception):
    """An RFC 6749 §5.2 error answer of the token endpoint."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass(slots=True)
class _Code:
    user: User
    client_id: str
    redirect_uri: str
    challenge: str
    issued_at: int
    used: bool = False
    session_digest: str | None = None


@dataclass(frozen=True, slots=True)
class Exchanged:
    signed_in: SignedIn
    expires_in: int


@dataclass(slots=True)
class OAuthServer:
    """Codes, page tokens and the exchange. Thread-safe: routes run in a pool."""

    sandbox: Sandbox
    _secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _codes: dict[str, _Code] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the page's CSRF token ----------------------------------------------------

    @staticmethod
    def new_browser_id() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def valid_browser_id(value: str | None) -> bool:
        return value is not None and _BROWSER_ID.fullmatch(value) is not None

    def page_token(self, browser_id: str, request: AuthorizeRequest) -> str:
        """A token for one page: bound to the browser's cookie and to the request's parameters."""
        issued = clock.now()
        return f"{issued}.{self._page_mac(issued, browser_id, request)}"

    def check_page_token(
        self, token: str | None, browser_id: str | None, request: AuthorizeRequest
    ) -> bool:
        if not token or not self.valid_browser_id(browser_id):
            return False
        assert browser_id is not None
        issued_text, _, mac = token.partition(".")
        if not issued_text.isascii() or not issued_text.isdigit() or len(issued_text) > 12:
            return False
        issued = int(issued_text)
        if not issued <= clock.now() < issued + PAGE_TTL:
            return False
        expected = self._page_mac(issued, browser_id, request)
        return hmac.compare_digest(mac.encode("ascii", "replace"), expected.encode("ascii"))

    def _page_mac(self, issued: int, browser_id: str, request: AuthorizeRequest) -> str:
        message = "\n".join(
            [
                "page",
                str(issued),
                browser_id,
                request.client_id,
                request.redirect_uri,
                request.state,
                request.code_challenge,
            ]
        )
        mac = hmac.new(self._secret, message.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")

    # -- codes ---------------------------------------------------------------------

    def issue_code(self, user: User, request: AuthorizeRequest) -> str:
        code = secrets.token_urlsafe(32)
        now = clock.now()
        with self._lock:
            self._forget_old(now)
            self._codes[_digest(code)] = _Code(
                user, request.client_id, request.redirect_uri, request.code_challenge, now
            )
        return code

    def _forget_old(self, now: int) -> None:
        horizon = now - CODE_TTL - USED_CODE_MEMORY
        for digest in [d for d, c in self._codes.items() if c.issued_at <= horizon]:
            del self._codes[digest]
        while len(self._codes) >= MAX_CODES:  # oldest first: dicts keep insertion order
            del self._codes[next(iter(self._codes))]

    def exchange(
        self,
        pairs: Sequence[tuple[str, str]],
        client_authenticated: bool,
        caller: Caller | None = None,
    ) -> Exchanged:
        """``POST /oauth/token``: a session for a valid code, else :class:`TokenError`.

        A request that names an issued code uses it up whatever else is wrong
        with it: whoever holds a stolen code gets one try. A code presented
        again after a successful exchange also ends the session it produced
        (RFC 6749 §4.1.2).
        """
        form: dict[str, str] = {}
        repeated: set[str] = set()
        for name, value in pairs:
            if name in form:
                repeated.add(name)
            form[name] = value
        taken = self._take(form.get("code"))
        if repeated:
            names = ", ".join(sorted(repeated))
            raise TokenError("invalid_request", f"A parameter is repeated: {names}.")
        if client_authenticated or "client_secret" in form:
            raise TokenError(
                "invalid_client",
                f"{CLIENT_ID} is a public client: it authenticates with PKCE, not a secret.",
                status=401,
            )
        grant_type = form.get("grant_type")
        if not grant_type:
            raise TokenError("invalid_request", "grant_type is required.")
        if grant_type != "authorization_code":
            raise TokenError(
                "unsupported_grant_type", "Only the authorization_code grant is supported."
            )
        missing = [
            name
            for name in ("code", "redirect_uri", "client_id", "code_verifier")
            if not form.get(name)
        ]
        if missing:
            raise TokenError("invalid_request", f"Required: {', '.join(missing)}.")
        verifier = form["code_verifier"]
        if not _VERIFIER.fullmatch(verifier):
            raise TokenError(
                "invalid_request",
                "code_verifier must be 43 to 128 characters: letters, digits, - . _ ~",
            )
        invalid = TokenError(
            "invalid_grant",
            "The code is unknown, expired or already used, or was issued for another "
            "redirect_uri, client or code verifier. Sign in again.",
        )
        if taken is None:
            raise invalid
        record, live = taken
        if record.session_digest is not None:
            # A replay of a code that was exchanged: end what it produced.
            self.sandbox.store.people.delete_session(record.session_digest)
            raise invalid
        if record.used or clock.now() >= record.issued_at + CODE_TTL:
            raise invalid
        matches = [
            hmac.compare_digest(form["client_id"].encode(), record.client_id.encode()),
            hmac.compare_digest(form["redirect_uri"].encode(), record.redirect_uri.encode()),
            hmac.compare_digest(s256(verifier).encode(), record.challenge.encode()),
        ]
        if not all(matches):
            raise invalid
        signed_in = self.sandbox.sessions.start_session(record.user, caller)
        with self._lock:
            live.session_digest = credentials.token_digest(signed_in.token)
        return Exchanged(signed_in, self.sandbox.settings.session_ttl)

    def _take(self, code: str | None) -> tuple[_Code, _Code] | None:
        """(the code's record as it was, the live record now marked used), or None."""
        if not code:
            return None
        with self._lock:
            record = self._codes.get(_digest(code))
            if record is None:
                return None
            before = dataclasses.replace(record)
            record.used = True
            return before, record


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()
