"""One error tree for every way a call to RakerOne can fail.

Each error carries the HTTP ``status`` (``None`` when no answer came), the
server's ``request_id`` (``None`` when there was none) and a ``message`` fit
for a person. :func:`error_from_response` is the one place that maps a status
and problem document to a class, in the manner of openai-python and
stripe-python.

Messages never contain a header, a token or a key value.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

from rakerone_desktop.api.models import Problem


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str


class ApiError(Exception):
    """Base of every error the API client raises."""

    default_message = "The request failed."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        request_id: str | None = None,
        slug: str | None = None,
        field_errors: tuple[FieldError, ...] = (),
        retry_after: float | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.status = status
        self.request_id = request_id
        self.slug = slug
        self.field_errors = field_errors
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        parts = [self.message]
        if self.status is not None:
            parts.append(f"(HTTP {self.status})")
        if self.request_id:
            parts.append(f"[request id {self.request_id}]")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status={self.status!r}, "
            f"request_id={self.request_id!r}, slug={self.slug!r})"
        )


# --- No usable answer -------------------------------------------------------


class TransportError(ApiError):
    """No answer: the server could not be reached or the exchange broke off."""

    default_message = "Can't reach the server."


class ConnectError(TransportError):
    default_message = "Can't reach the server."


class RequestTimeoutError(TransportError):
    default_message = "The server took too long to answer."


class ConnectionLostError(TransportError):
    """The connection broke after the request may have reached the server."""

    default_message = "The connection to the server was lost."


class TlsError(TransportError):
    default_message = "The server's certificate isn't trusted."


class InsecureTransportError(ApiError):
    """``http://`` to a host that is not loopback: refused before connecting."""

    default_message = (
        "The server address must start with https://. http:// is allowed only for this computer."
    )


class InvalidServerUrlError(ApiError):
    default_message = "That isn't a valid server address."


class ProtocolError(ApiError):
    """The server answered, but the answer breaks the contract."""

    default_message = "The server sent an answer this app doesn't understand."


# --- The server said no -----------------------------------------------------


class StatusError(ApiError):
    """The server answered with an error status and (usually) a problem document."""


class UnauthenticatedError(StatusError):
    default_message = "Your session has ended. Sign in again."


class WrongCredentialsError(UnauthenticatedError):
    default_message = "Wrong email or password"


class PermissionDeniedError(StatusError):
    default_message = "You don't have permission to do that."


class AdminOnlyError(PermissionDeniedError):
    default_message = (
        "The whole Admin group, including this page, is admin-only. "
        "If you don't see it, ask an admin."
    )


class NotFoundError(StatusError):
    default_message = "Not found."


class ConflictError(StatusError):
    default_message = "That request is still being processed. Try again in a moment."


class PreconditionFailedError(StatusError):
    """``412``: the key changed since it was read (``If-Match`` named an older version).

    Nothing was changed on the server. Read the key again, show the person its
    current values beside theirs, and let them apply their edit again.
    """

    default_message = (
        "Someone else changed this key since you opened it. Nothing was saved: "
        "check its current values and apply your changes again."
    )


class KeyInactiveError(StatusError):
    """``409 key-inactive``: the key is revoked or expired (or, for a rotation, disabled)."""

    default_message = (
        "This key is revoked, expired or disabled, so it can't be changed this way. "
        "Refresh to see its current status."
    )


class ValidationError(StatusError):
    default_message = "The server didn't accept what was sent."

    def message_for(self, field_name: str) -> str | None:
        for row in self.field_errors:
            if row.field == field_name:
                return row.message
        return None


class IdempotencyMismatchError(ValidationError):
    default_message = "This retry doesn't match the original request."


class RateLimitedError(StatusError):
    default_message = "Too many attempts. Wait a moment and try again."


class ServerError(StatusError):
    default_message = "The server had a problem. Try again."


class PasswordSignInDisabledError(PermissionDeniedError):
    """The server takes browser sign-in only."""

    default_message = "This server doesn't accept passwords here. Sign in with your browser."


class OAuthError(StatusError):
    """The token endpoint refused a code (RFC 6749 §5.2); ``oauth_error`` is its code."""

    default_message = "The server refused the sign-in. Sign in again."

    def __init__(self, message: str | None = None, *, oauth_error: str = "", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.oauth_error = oauth_error


class InvalidGrantError(OAuthError):
    default_message = (
        "The sign-in didn't complete: the one-time code expired or was already used. Sign in again."
    )


class InvalidClientError(OAuthError):
    default_message = "The server doesn't accept this app for browser sign-in."


class OAuthRequestError(OAuthError):
    """``invalid_request``, ``unsupported_grant_type`` and codes this app doesn't know."""

    default_message = "The server refused the sign-in request."


_BY_OAUTH_ERROR: dict[str, type[OAuthError]] = {
    "invalid_grant": InvalidGrantError,
    "invalid_client": InvalidClientError,
    "unauthorized_client": InvalidClientError,
}


def oauth_error_from_response(
    status: int, request_id: str | None, error: str, description: str | None
) -> OAuthError:
    """The error for a token endpoint's RFC 6749 §5.2 answer.

    Its ``error_description`` is the server's text: kept (shown as plain
    text) for the codes that mean "this request was wrong", where it is the
    only useful detail; a refused code gets this app's own words.
    """
    cls = _BY_OAUTH_ERROR.get(error, OAuthRequestError)
    message: str | None = None
    if cls is OAuthRequestError:
        detail = _clip(description or "") or error
        message = f"{OAuthRequestError.default_message} ({_clip(error)}: {detail})"
    return cls(message, status=status, request_id=request_id, slug=None, oauth_error=error)


_BY_SLUG: dict[str, type[StatusError]] = {
    "unauthenticated": UnauthenticatedError,
    "admin-only": AdminOnlyError,
    "forbidden": PermissionDeniedError,
    "password-sign-in-disabled": PasswordSignInDisabledError,
    "not-found": NotFoundError,
    "validation": ValidationError,
    "idempotency-mismatch": IdempotencyMismatchError,
    "in-progress": ConflictError,
    "key-inactive": KeyInactiveError,
    "precondition-failed": PreconditionFailedError,
    "rate-limited": RateLimitedError,
    "internal": ServerError,
}

_BY_STATUS: dict[int, type[StatusError]] = {
    401: UnauthenticatedError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: ValidationError,
    429: RateLimitedError,
}

# What to say when the answer carries no problem document, typically an error
# page from a gateway in front of the server.
_NO_PROBLEM_MESSAGES: dict[int, str] = {
    502: "A gateway in front of the server got no valid answer from it. Try again.",
    503: "The server is unavailable right now. Try again in a moment.",
    504: "A gateway in front of the server timed out waiting for it. Try again.",
}

_MAX_MESSAGE = 500


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _try_again_in(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return f"Try again in {whole} second{'s' if whole != 1 else ''}."
    minutes = math.ceil(whole / 60)
    return f"Try again in {minutes} minutes."


@dataclass(frozen=True, slots=True)
class ErrorContext:
    """What the transport knew about an error answer besides its body."""

    status: int
    request_id: str | None
    retry_after: float | None = None
    problem: Problem | None = None


def error_from_response(ctx: ErrorContext) -> StatusError:
    """The one mapping from an error answer to an exception."""
    problem = ctx.problem
    slug = problem.slug if problem is not None else None
    cls: type[StatusError] | None = _BY_SLUG.get(slug) if slug else None
    if cls is None:
        cls = _BY_STATUS.get(ctx.status)
    if cls is None:
        cls = ServerError if ctx.status >= 500 else StatusError
    message: str | None = None
    field_errors: tuple[FieldError, ...] = ()
    if problem is None:
        # No problem document: an HTML page from a proxy or load balancer, say.
        message = _NO_PROBLEM_MESSAGES.get(ctx.status)
    else:
        field_errors = tuple(FieldError(r.field, _clip(r.message)) for r in problem.errors)
        # The server's detail is shown as plain text; our own wording is kept
        # for the cases where the product's words matter more than the server's.
        if cls not in (UnauthenticatedError, AdminOnlyError, ServerError, PreconditionFailedError):
            message = _clip(problem.detail or problem.title) or None
    if issubclass(cls, RateLimitedError) and ctx.retry_after is not None:
        # The one thing a person needs from a 429: when to try again.
        message = f"{message or cls.default_message} {_try_again_in(ctx.retry_after)}"
    request_id = ctx.request_id or (problem.request_id if problem is not None else None)
    return cls(
        message,
        status=ctx.status,
        request_id=request_id,
        slug=slug,
        field_errors=field_errors,
        retry_after=ctx.retry_after,
    )


class UnexpectedError(ApiError):
    """A failure that is no error of the API's: a bug, or the platform letting us down."""

    default_message = "Something unexpected went wrong in the app. The details are in its log."


def as_api_error(error: object) -> ApiError:
    """``error`` as the app reports it: an :class:`ApiError` as is, anything else
    logged (its type only: never its text, which may hold a value) and wrapped,
    with one wording for every unexpected failure."""
    if isinstance(error, ApiError):
        return error
    logging.getLogger(__name__).error("Unexpected failure: %s", type(error).__name__)
    return UnexpectedError()


def check_secret_once(
    what: str, secret: str | None, replayed: bool, request_id: str | None
) -> None:
    """A fresh key comes with its secret and a replay never does (create and rotate);
    an answer that breaks this is a :class:`ProtocolError` naming ``what``."""
    if (secret is None) != replayed:
        broken = (
            "a replayed answer carried a secret."
            if replayed
            else "the new key came without its secret."
        )
        raise ProtocolError(
            f"The server's answer to the {what} breaks the contract: {broken}",
            request_id=request_id,
        )
