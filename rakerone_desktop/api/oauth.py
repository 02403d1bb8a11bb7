"""Browser sign-in, the pure parts: PKCE (RFC 7636), ``state`` and the authorize URL.

OAuth 2.0 for native apps (RFC 8252): the app opens the server's sign-in page
in the system browser, listens on a loopback port for the redirect, and
exchanges the code it gets for a session token with the verifier only it
knows. No Qt and no network here: the listener lives in
:mod:`rakerone_desktop.runtime.loopback`, the exchange in
:meth:`rakerone_desktop.api.client.RakerOneClient.exchange_code`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode, urlsplit, urlunsplit

from rakerone_desktop.api.addresses import is_loopback_host
from rakerone_desktop.api.errors import InsecureTransportError, ProtocolError

CLIENT_ID: Final = "rakerone-desktop"
VERIFIER_MIN: Final = 43
VERIFIER_MAX: Final = 128
# RFC 7636 §4.1: unreserved characters only.
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")
_MAX_ENDPOINT = 2048


@dataclass(frozen=True, slots=True)
class Pkce:
    """A verifier (kept by the app) and its S256 challenge (sent in the URL)."""

    verifier: str
    challenge: str

    def __repr__(self) -> str:  # the verifier is what makes a stolen code useless
        return f"Pkce(challenge={self.challenge!r}, verifier=<hidden>)"


def new_verifier(length: int = 64) -> str:
    """A fresh verifier: ``length`` (43-128) characters from ``secrets``.

    Drawn from the base64url alphabet, a subset of the unreserved characters,
    so 64 characters carry 384 random bits.
    """
    if not VERIFIER_MIN <= length <= VERIFIER_MAX:
        raise ValueError(f"a PKCE verifier has {VERIFIER_MIN} to {VERIFIER_MAX} characters")
    text = secrets.token_urlsafe(length)  # at least `length` characters
    return text[:length]


def s256_challenge(verifier: str) -> str:
    """``BASE64URL(SHA256(ASCII(verifier)))`` without padding (RFC 7636 §4.2)."""
    if _VERIFIER.fullmatch(verifier) is None:
        raise ValueError("a PKCE verifier is 43 to 128 characters: letters, digits, - . _ ~")
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce() -> Pkce:
    verifier = new_verifier()
    return Pkce(verifier, s256_challenge(verifier))


def new_state() -> str:
    """An unguessable ``state`` (256 bits), checked when the browser comes back."""
    return secrets.token_urlsafe(32)


def check_endpoint(url: str, what: str = "sign-in") -> str:
    """``url`` if it is fit to send a person or a code to, else an error.

    Absolute, ``https://`` (``http://`` only for this computer), no user info,
    no fragment: the server's answer chooses these addresses, so they are
    held to the same rules as an address a person types.
    """
    if not url or len(url) > _MAX_ENDPOINT or any(not (0x21 <= ord(c) <= 0x7E) for c in url):
        raise ProtocolError(f"The server's {what} address isn't a valid URL.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ProtocolError(f"The server's {what} address isn't a valid URL.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProtocolError(f"The server's {what} address isn't an http(s) URL.")
    if parts.username is not None or parts.password is not None or parts.fragment:
        raise ProtocolError(f"The server's {what} address isn't a valid URL.")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise InsecureTransportError(
            f"The server's {what} address isn't secure (http:// to another computer)."
        )
    return url


def authorize_url(
    authorization_endpoint: str,
    *,
    client_id: str,
    redirect_uri: str,
    state: str,
    code_challenge: str,
) -> str:
    """The sign-in page's address with the request's parameters (RFC 6749 §4.1.1).

    A query the endpoint already has is kept (RFC 6749 §3.1).
    """
    check_endpoint(authorization_endpoint)
    parts = urlsplit(authorization_endpoint)
    added = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "code_challenge": code_challenge,
            "code_challenge_method": "S256",
        }
    )
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
