"""The RakerOne API client: one class over one ``requests.Session``.

Blocking by design: the desktop app calls it from its task runner, never from
the GUI thread. Every call has connect and read timeouts; only calls that are
safe to repeat are retried (with backoff, honouring ``Retry-After``); a create
always carries an ``Idempotency-Key`` and reuses it on its own retry, so a lost
answer never makes a second key. Answers are decoded strictly into the frozen
types of :mod:`rakerone_desktop.api.models`.

Logging records the method, the path, the status, the request id and the
time taken: never a header, a body, a token or a key.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Final, Generic, TypeVar
from urllib.parse import urlencode

import msgspec
import requests
import urllib3.exceptions

from rakerone_desktop import __version__
from rakerone_desktop.api import errors as e
from rakerone_desktop.api.lifecycle_calls import LifecycleCalls
from rakerone_desktop.api.models import (
    ApiKey,
    ApiKeyPage,
    AuthMethods,
    BulkRevokeResults,
    CreatedKey,
    EventPage,
    Me,
    OAuthErrorBody,
    Permission,
    PermissionCatalog,
    Problem,
    RevokeResult,
    Session,
    TokenGrant,
)
from rakerone_desktop.api.oauth import CLIENT_ID, check_endpoint
from rakerone_desktop.api.transport import make_session, normalize_base_url
from rakerone_desktop.api.wire import (
    MAX_BULK_REVOKE,
    UNSET,
    Unset,
    segment,
    time_or_none,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

API_PREFIX: Final = "/api/v1"
MAX_BODY_BYTES: Final = 32 * 1024 * 1024
MAX_PAGE_SIZE: Final = 1000
_RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})
_JSON_TYPES: Final = ("application/json", "application/problem+json")
_SHA256_HEX: Final = re.compile(r"[0-9a-f]{64}")
# A bearer token goes into a header as is: printable ASCII without spaces.
_TOKEN_CHARS: Final = re.compile(r"[!-~]+")
_MAX_REQUEST_ID: Final = 128
_MAX_PROTOCOL_DETAIL: Final = 300

_problem_decoder = msgspec.json.Decoder(Problem)
_oauth_error_decoder = msgspec.json.Decoder(OAuthErrorBody)
_decoders: dict[type[Any], msgspec.json.Decoder[Any]] = {}


def _decoder(kind: type[T]) -> msgspec.json.Decoder[T]:
    dec = _decoders.get(kind)
    if dec is None:
        dec = _decoders[kind] = msgspec.json.Decoder(kind)
    return dec


def decode(kind: Any, body: bytes, *, request_id: str | None = None) -> Any:
    """Decode ``body`` into ``kind`` or raise one :class:`ProtocolError`."""
    try:
        return _decoder(kind).decode(body)
    except msgspec.ValidationError as exc:
        # msgspec names the JSON path at the end; an enum error also quotes the
        # value the server sent, so what comes before the path is clipped.
        what, at, where = str(exc).rpartition(" - at `")
        if not at:
            what, where = where, ""
        if len(what) > _MAX_PROTOCOL_DETAIL:
            what = what[: _MAX_PROTOCOL_DETAIL - 1] + "…"
        detail = what + at + where
        raise e.ProtocolError(
            f"The server's answer breaks the contract: {detail}.", request_id=request_id
        ) from None
    except msgspec.DecodeError:
        raise e.ProtocolError(
            "The server's answer isn't valid JSON.", request_id=request_id
        ) from None
    except RecursionError:
        # msgspec gives up on absurdly deep nesting, even inside ignored fields.
        raise e.ProtocolError(
            "The server's answer is nested too deeply.", request_id=request_id
        ) from None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a safe call is tried again."""

    attempts: int = 3
    backoff: float = 0.5  # seconds, doubled each time
    max_delay: float = 8.0
    max_retry_after: float = 30.0  # a longer Retry-After is reported, not slept through


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 5.0
    read: float = 30.0


@dataclass(frozen=True, slots=True)
class Reply(Generic[T]):
    """One call's decoded answer and the request id the server gave that call.

    Each call gets its own: nothing about a call is kept on the client, which
    is shared by the app's worker threads.
    """

    value: T
    request_id: str | None


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    body: bytes
    request_id: str | None
    retry_after: float | None = None


def _retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP-date.

    Anything else (a negative number, a fraction, garbage) is ignored, so
    the caller falls back to its own backoff.
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() is True as well
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" means UTC with no claim about local time
        when = when.replace(tzinfo=UTC)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def _clean_request_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = "".join(c for c in value.strip() if c.isprintable())[:_MAX_REQUEST_ID]
    return value or None


class RequestPath:
    """The one request path of :class:`RakerOneClient`: headers and the bearer token,
    retries (with backoff, honouring ``Retry-After``) for calls safe to repeat,
    sending over the ``requests.Session``, reading the answer, and errors.

    A base class kept apart so that each class holds one concern; the calls
    (the client, :class:`~rakerone_desktop.api.lifecycle_calls.LifecycleCalls`)
    all go through :meth:`_call`.
    """

    def __init__(
        self,
        *,
        base_url: str,
        token: str | None,
        session: requests.Session,
        timeouts: Timeouts,
        retry: RetryPolicy,
        sleep: Callable[[float], None],
        user_agent: str,
    ) -> None:
        self.base_url = base_url
        self._token = token
        self._session = session
        self.timeouts = timeouts
        self.retry = retry
        self._sleep = sleep
        self._user_agent = user_agent
        # Larger answers are refused: a full page of 1000 keys is a few hundred KiB.
        self.max_body_bytes = MAX_BODY_BYTES

    def _call(
        self,
        method: str,
        path: str,
        kind: Any,
        *,
        params: dict[str, str | int] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        retry_safe: bool | None = None,
        retry_conflict: bool = False,
    ) -> Reply[Any]:
        """One request (retried when safe); its answer with its own request id."""
        if retry_safe is None:
            retry_safe = method in ("GET", "HEAD", "OPTIONS", "DELETE")
        body = msgspec.json.encode(json) if json is not None else None
        send_headers = {"Accept": "application/json", "User-Agent": self._user_agent}
        if body is not None:
            send_headers["Content-Type"] = "application/json"
        if headers:
            send_headers.update(headers)
        if auth:
            if not self._token:
                raise e.UnauthenticatedError("You're not signed in.")
            if _TOKEN_CHARS.fullmatch(self._token) is None:
                raise e.UnauthenticatedError("The saved credential is damaged. Sign in again.")
            send_headers["Authorization"] = f"Bearer {self._token}"
        url = self.base_url + API_PREFIX + path

        attempt = 0
        while True:
            attempt += 1
            try:
                answer = self._send(method, url, path, params, body, send_headers)
            except e.ConnectError:
                # Nothing reached the server: any call may be tried again.
                if attempt >= self.retry.attempts:
                    raise
                self._pause(method, path, attempt, self._backoff(attempt))
                continue
            except (e.RequestTimeoutError, e.ConnectionLostError):
                if not retry_safe or attempt >= self.retry.attempts:
                    raise
                self._pause(method, path, attempt, self._backoff(attempt))
                continue
            if answer.status < 300:
                if kind is None:
                    return Reply(None, answer.request_id)
                value = decode(kind, answer.body, request_id=answer.request_id)
                return Reply(value, answer.request_id)
            err = self._error(answer)
            retryable = answer.status in _RETRY_STATUSES or (
                retry_conflict and isinstance(err, e.ConflictError)
            )
            if retryable and retry_safe and attempt < self.retry.attempts:
                delay = err.retry_after
                if delay is None:
                    delay = self._backoff(attempt)
                if delay <= self.retry.max_retry_after:
                    self._pause(method, path, attempt, delay)
                    continue
            raise err

    def _backoff(self, attempt: int) -> float:
        return min(self.retry.max_delay, self.retry.backoff * 2.0 ** (attempt - 1))

    def _pause(self, method: str, path: str, attempt: int, delay: float) -> None:
        log.debug("%s %s: attempt %d failed, retrying in %.1f s", method, path, attempt, delay)
        self._sleep(delay)

    def _send(
        self,
        method: str,
        url: str,
        path: str,
        params: dict[str, str | int] | None,
        body: bytes | None,
        headers: dict[str, str],
    ) -> _Answer:
        started = time.perf_counter()
        try:
            resp = self._session.request(
                method,
                url,
                params=params,
                data=body,
                headers=headers,
                timeout=(self.timeouts.connect, self.timeouts.read),
                allow_redirects=False,
                stream=True,
                verify=True,  # whatever an injected session says: never off
                hooks={"response": [_disarm_redirect]},
            )
        except requests.exceptions.SSLError as exc:
            raise e.TlsError(_tls_reason(exc)) from None
        except requests.exceptions.ConnectTimeout:
            raise e.ConnectError("Can't reach the server: it didn't answer in time.") from None
        except requests.exceptions.ReadTimeout:
            raise e.RequestTimeoutError() from None
        except requests.exceptions.ConnectionError as exc:
            if _never_connected(exc):
                raise e.ConnectError(f"Can't reach the server: {_connect_reason(exc)}") from None
            raise e.ConnectionLostError() from None
        except requests.exceptions.RequestException:
            raise e.TransportError("The request couldn't be sent.") from None
        with resp:
            request_id = _clean_request_id(resp.headers.get("X-Request-Id"))
            if 300 <= resp.status_code < 400:
                log.debug("%s %s -> %s (not followed)", method, path, resp.status_code)
                raise e.ProtocolError(
                    f"The server redirected the request (HTTP {resp.status_code}); "
                    "check the server address.",
                    status=resp.status_code,
                    request_id=request_id,
                )
            try:
                content = _read_body(resp, self.max_body_bytes, request_id)
            except requests.exceptions.ReadTimeout:
                raise e.RequestTimeoutError(request_id=request_id) from None
            except (requests.exceptions.RequestException, OSError):
                raise e.ConnectionLostError(request_id=request_id) from None
            log.debug(
                "%s %s -> %s in %.0f ms (request id %s)",
                method,
                path,
                resp.status_code,
                (time.perf_counter() - started) * 1000,
                request_id,
            )
            ctype = resp.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
            if resp.status_code < 300 and resp.status_code != 204 and ctype not in _JSON_TYPES:
                raise e.ProtocolError(
                    f"The server answered with {ctype or 'no content type'}, not JSON.",
                    status=resp.status_code,
                    request_id=request_id,
                )
            return _Answer(
                resp.status_code,
                content,
                request_id,
                _retry_after_seconds(resp.headers.get("Retry-After")),
            )

    def _error(self, answer: _Answer) -> e.StatusError:
        problem: Problem | None = None
        if answer.body:
            try:
                problem = _problem_decoder.decode(answer.body)
            except (msgspec.DecodeError, RecursionError):
                problem = None  # an HTML page from a proxy, say: the status speaks
        return e.error_from_response(
            e.ErrorContext(
                status=answer.status,
                request_id=answer.request_id,
                retry_after=answer.retry_after,
                problem=problem,
            )
        )


class RakerOneClient(RequestPath, LifecycleCalls):
    """Talks to one RakerOne server as one signed-in person.

    The session is injectable for tests; by default one is made that verifies
    TLS with the OS trust store plus ``ca_bundle`` when given.
    """

    def __init__(
        self,
        *,
        base_url: str,
        token: str | None = None,
        session: requests.Session | None = None,
        ca_bundle: str | None = None,
        timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(
            base_url=normalize_base_url(base_url),
            token=token,
            session=session if session is not None else make_session(ca_bundle),
            timeouts=timeouts,
            retry=retry,
            sleep=sleep,
            user_agent=user_agent or f"RakerOneDesktop/{__version__}",
        )
        #: The same calls, each answering a :class:`Reply` with its own request id.
        self.with_request_id = RepliesWithRequestId(self)

    def __repr__(self) -> str:
        signed_in = "yes" if self._token else "no"
        return f"RakerOneClient(base_url={self.base_url!r}, signed_in={signed_in})"

    # -- credentials --------------------------------------------------------

    @property
    def token(self) -> str | None:
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        self._token = value

    def close(self) -> None:
        self._session.close()

    # -- the calls: each returns its answer; ``with_request_id`` adds the id ---------

    def sign_in(self, email: str, password: str) -> Session:
        """Create a session; the client keeps its token for later calls."""
        return self.with_request_id.sign_in(email, password).value

    def sign_out(self) -> None:
        """End the session on the server; the token is forgotten either way."""
        self.with_request_id.sign_out()

    # -- browser sign-in (OAuth 2.0 for native apps, RFC 8252) -------------------

    def get_auth_methods(self) -> AuthMethods:
        """How a person can sign in here. No credential is sent.

        A server that speaks only part 1 of the contract has no such endpoint
        (``404``): it offers passwords only.
        """
        try:
            methods: AuthMethods = self._call("GET", "/auth/methods", AuthMethods, auth=False).value
        except e.NotFoundError:
            return AuthMethods(password=True, oauth=None)
        return methods

    def exchange_code(
        self,
        token_endpoint: str,
        *,
        code: str,
        redirect_uri: str,
        code_verifier: str,
        client_id: str = CLIENT_ID,
    ) -> TokenGrant:
        """Exchange a browser sign-in's code for a session token (RFC 6749 §4.1.3).

        Sent once, never retried: a code works once, so a retry after a lost
        answer could only fail. The client keeps the token for later calls,
        as after :meth:`sign_in`. Refusals are :class:`~rakerone_desktop.api.errors.OAuthError`.
        """
        check_endpoint(token_endpoint, "token")
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "code_verifier": code_verifier,
        }
        headers = {
            "Accept": "application/json",
            "User-Agent": self._user_agent,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = urlencode(form).encode("ascii")
        answer = self._send("POST", token_endpoint, "/oauth/token", None, body, headers)
        if answer.status >= 300:
            raise self._oauth_error(answer)
        grant: TokenGrant = decode(TokenGrant, answer.body, request_id=answer.request_id)
        if grant.token_type.lower() != "bearer":
            raise e.ProtocolError(
                f"The server issued a {grant.token_type[:40]!r} token, not a Bearer token.",
                request_id=answer.request_id,
            )
        if _TOKEN_CHARS.fullmatch(grant.access_token) is None:
            raise e.ProtocolError(
                "The server's token contains characters a token can't have.",
                request_id=answer.request_id,
            )
        self._token = grant.access_token
        return grant

    def _oauth_error(self, answer: _Answer) -> e.StatusError:
        try:
            body = _oauth_error_decoder.decode(answer.body)
        except (msgspec.DecodeError, RecursionError):
            # Not an RFC 6749 answer: a problem document or a proxy's page.
            return self._error(answer)
        return e.oauth_error_from_response(
            answer.status, answer.request_id, body.error, body.error_description
        )

    def me(self) -> Me:
        return self.with_request_id.me().value

    def permissions(self) -> tuple[Permission, ...]:
        return self.with_request_id.permissions().value

    def list_keys(
        self, *, status: str = "active", limit: int = 100, cursor: str | None = None
    ) -> ApiKeyPage:
        return self.with_request_id.list_keys(status=status, limit=limit, cursor=cursor).value

    def iter_key_pages(
        self, *, status: str = "active", page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[ApiKeyPage]:
        """Every page of keys in order, one request each, as they arrive.

        A cursor seen before would loop forever: that is a :class:`ProtocolError`.
        """
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            reply = self.with_request_id.list_keys(status=status, limit=page_size, cursor=cursor)
            page = reply.value
            yield page
            if page.next_cursor is None:
                return
            if page.next_cursor in seen:
                raise e.ProtocolError(
                    "The server repeated a page cursor.", request_id=reply.request_id
                )
            seen.add(page.next_cursor)
            cursor = page.next_cursor

    def get_key(self, key_id: str) -> ApiKey:
        return self.with_request_id.get_key(key_id).value

    def create_key(
        self,
        name: str,
        permissions: Sequence[str],
        *,
        idempotency_key: str | None = None,
        expires_at: datetime | Unset | None = UNSET,
        description: str | None = None,
        owner_id: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> CreatedKey:
        """Create a key (see :meth:`RepliesWithRequestId.create_key`)."""
        return self.with_request_id.create_key(
            name,
            permissions,
            idempotency_key=idempotency_key,
            expires_at=expires_at,
            description=description,
            owner_id=owner_id,
            tags=tags,
        ).value

    def revoke_key(self, key_id: str) -> ApiKey:
        """Revoke one key (see :meth:`RepliesWithRequestId.revoke_key`)."""
        return self.with_request_id.revoke_key(key_id).value

    def revoke_keys(self, key_ids: Sequence[str]) -> tuple[RevokeResult, ...]:
        """Revoke many keys, in chunks of the server's limit; one result per id."""
        results: list[RevokeResult] = []
        ids = list(key_ids)
        for start in range(0, len(ids), MAX_BULK_REVOKE):
            chunk = ids[start : start + MAX_BULK_REVOKE]
            results.extend(self.with_request_id.revoke_keys(chunk).value.results)
        return tuple(results)

    def lookup_key(self, sha256_hex: str) -> ApiKey | None:
        """The key (active or revoked) whose value has this digest, or None."""
        return self.with_request_id.lookup_key(sha256_hex).value

    def key_events(self, key_id: str, *, limit: int = 50, cursor: str | None = None) -> EventPage:
        return self.with_request_id.key_events(key_id, limit=limit, cursor=cursor).value


class RepliesWithRequestId:
    """The client's calls, each answering a :class:`Reply`: the decoded value and
    the request id the server gave that very call (``client.with_request_id``).

    Like openai-python's ``_request_id`` on each response: the id travels with
    its answer (and an error carries its own), so calls running at once on
    several threads never see each other's ids.
    """

    def __init__(self, client: RakerOneClient) -> None:
        self._client = client

    # -- sessions -----------------------------------------------------------

    def sign_in(self, email: str, password: str) -> Reply[Session]:
        """Create a session; the client keeps its token for later calls.

        Not retried after the request may have been sent: a second sign-in
        would count against the throttle. A ``401`` here is
        :class:`WrongCredentialsError`, not "your session has ended".
        """
        try:
            reply: Reply[Session] = self._client._call(
                "POST",
                "/sessions",
                Session,
                json={"email": email, "password": password},
                auth=False,
                retry_safe=False,
            )
        except e.UnauthenticatedError as exc:
            raise e.WrongCredentialsError(
                status=exc.status, request_id=exc.request_id, slug=exc.slug
            ) from None
        self._client.token = reply.value.token
        return reply

    def sign_out(self) -> Reply[None]:
        """End the session on the server; the token is forgotten either way.

        A token the server no longer accepts (expired, already signed out)
        counts as signed out: there is nothing left to end.
        """
        try:
            reply: Reply[None] = self._client._call(
                "DELETE", "/sessions/current", None, retry_safe=True
            )
        except e.UnauthenticatedError as exc:
            reply = Reply(None, exc.request_id)
        finally:
            self._client.token = None
        return reply

    def me(self) -> Reply[Me]:
        reply: Reply[Me] = self._client._call("GET", "/me", Me)
        return reply

    def permissions(self) -> Reply[tuple[Permission, ...]]:
        reply: Reply[PermissionCatalog] = self._client._call(
            "GET", "/permissions", PermissionCatalog
        )
        return Reply(reply.value.items, reply.request_id)

    # -- keys -----------------------------------------------------------------

    def list_keys(
        self, *, status: str = "active", limit: int = 100, cursor: str | None = None
    ) -> Reply[ApiKeyPage]:
        params: dict[str, str | int] = {"status": status, "limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        reply: Reply[ApiKeyPage] = self._client._call("GET", "/api-keys", ApiKeyPage, params=params)
        return reply

    def get_key(self, key_id: str) -> Reply[ApiKey]:
        reply: Reply[ApiKey] = self._client._call("GET", f"/api-keys/{segment(key_id)}", ApiKey)
        return reply

    def create_key(
        self,
        name: str,
        permissions: Sequence[str],
        *,
        idempotency_key: str | None = None,
        expires_at: datetime | Unset | None = UNSET,
        description: str | None = None,
        owner_id: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Reply[CreatedKey]:
        """Create a key. Retried only with the same ``Idempotency-Key``.

        If the first answer is lost after the server made the key, the retry
        answers ``replayed=True`` with ``secret=None``: the key exists, and its
        value is gone for good. The caller must tell the user.

        The part-2 fields are sent only when given (a part-1 server refuses
        fields it does not know): ``expires_at`` left out takes the
        organization's default lifetime, ``None`` asks for a key that never
        expires (refused when the policy has a maximum).
        """
        key = idempotency_key or str(uuid.uuid4())
        body: dict[str, Any] = {"name": name, "permissions": list(permissions)}
        if not isinstance(expires_at, Unset):
            body["expires_at"] = time_or_none(expires_at)
        if description is not None:
            body["description"] = description
        if owner_id is not None:
            body["owner_id"] = owner_id
        if tags is not None:
            body["tags"] = list(tags)
        reply: Reply[CreatedKey] = self._client._call(
            "POST",
            "/api-keys",
            CreatedKey,
            json=body,
            headers={"Idempotency-Key": key},
            retry_safe=True,
            retry_conflict=True,
        )
        created = reply.value
        e.check_secret_once("create", created.secret, created.replayed, reply.request_id)
        return reply

    def revoke_key(self, key_id: str) -> Reply[ApiKey]:
        """Revoke one key; revoking twice answers the first revocation.

        The answer must be that key, revoked: a revocation is confirmed by the
        server's answer, never assumed (anything else is a :class:`ProtocolError`
        carrying this call's request id).
        """
        reply: Reply[ApiKey] = self._client._call(
            "POST", f"/api-keys/{segment(key_id)}/revoke", ApiKey, retry_safe=True
        )
        key = reply.value
        if key.revoked_at is None or key.id != key_id:
            raise e.ProtocolError(
                "The server answered the revoke without revoking the key.",
                request_id=reply.request_id,
            )
        return reply

    def revoke_keys(self, key_ids: Sequence[str]) -> Reply[BulkRevokeResults]:
        """Revoke at most the server's limit of keys in one call; one result per id."""
        chunk = list(key_ids)
        if len(chunk) > MAX_BULK_REVOKE:
            raise ValueError(f"at most {MAX_BULK_REVOKE} keys per call")
        reply: Reply[BulkRevokeResults] = self._client._call(
            "POST", "/api-keys/revoke", BulkRevokeResults, json={"ids": chunk}, retry_safe=True
        )
        if [r.id for r in reply.value.results] != chunk:
            raise e.ProtocolError(
                "The server's revoke results don't match the keys sent.",
                request_id=reply.request_id,
            )
        return reply

    def lookup_key(self, sha256_hex: str) -> Reply[ApiKey | None]:
        """The key (active or revoked) whose value has this digest, or None.

        Only a digest is ever sent: anything that isn't 64 hex digits (a raw
        key passed by mistake, say) is refused here with :class:`ValueError`.
        """
        sha256_hex = sha256_hex.strip().lower()
        if _SHA256_HEX.fullmatch(sha256_hex) is None:
            raise ValueError("lookup_key needs the SHA-256 hex digest of a key, not a key")
        try:
            reply: Reply[ApiKey | None] = self._client._call(
                "POST", "/api-keys/lookup", ApiKey, json={"sha256": sha256_hex}, retry_safe=True
            )
        except e.NotFoundError as exc:
            return Reply(None, exc.request_id)
        return reply

    def key_events(
        self, key_id: str, *, limit: int = 50, cursor: str | None = None
    ) -> Reply[EventPage]:
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        reply: Reply[EventPage] = self._client._call(
            "GET", f"/api-keys/{segment(key_id)}/events", EventPage, params=params
        )
        return reply


def _read_body(resp: requests.Response, limit: int, request_id: str | None) -> bytes:
    """The whole body, refusing one larger than ``limit`` before or while reading it."""
    declared = resp.headers.get("Content-Length", "").strip()
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise e.ProtocolError(
            "The server's answer is too large.", status=resp.status_code, request_id=request_id
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(chunk_size=256 * 1024):
        size += len(chunk)
        if size > limit:
            raise e.ProtocolError(
                "The server's answer is too large.",
                status=resp.status_code,
                request_id=request_id,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _disarm_redirect(resp: requests.Response, **_kwargs: Any) -> requests.Response:
    """Drop a redirect's ``Location`` before requests looks at it.

    Even with ``allow_redirects=False``, requests reads a redirect's whole
    body to prepare ``Response.next``; without a target it reads nothing, and
    the redirect is reported by :meth:`RakerOneClient._send` unread.
    """
    if resp.is_redirect:
        resp.headers.pop("Location", None)
    return resp


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and everything it wraps: args, ``reason``, cause and context."""
    stack: list[BaseException] = [exc]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        nested = [*current.args, getattr(current, "reason", None)]
        nested += [current.__cause__, current.__context__]
        stack.extend(x for x in nested if isinstance(x, BaseException))


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the request certainly never reached the server."""
    for inner in _causes(exc):
        if isinstance(
            inner,
            urllib3.exceptions.NewConnectionError
            | urllib3.exceptions.NameResolutionError
            | ConnectionRefusedError,
        ):
            return True
    text = repr(exc)
    return any(
        marker in text
        for marker in (
            "NewConnectionError",
            "NameResolutionError",
            "Connection refused",
            "Failed to establish",
            "ConnectTimeout",
        )
    )


def _connect_reason(exc: requests.exceptions.ConnectionError) -> str:
    text = repr(exc)
    if "NameResolutionError" in text or "Name or service not known" in text:
        return "the server name couldn't be found."
    if "Connection refused" in text:
        return "the connection was refused."
    return "the connection failed."


def _tls_reason(exc: requests.exceptions.SSLError) -> str:
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        detail = text.split("certificate verify failed:", 1)[-1].split("(_ssl", 1)[0]
        detail = detail.strip(" )'\"").rstrip(".") or "unknown issuer"
        return f"The server's certificate isn't trusted: {detail}."
    if "hostname" in text.lower() and "match" in text.lower():
        return "The server's certificate isn't trusted: it was issued for another name."
    return "The server's certificate isn't trusted: the secure connection failed."
