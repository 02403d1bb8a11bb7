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
from typing import Any, Final, TypeVar
from urllib.parse import quote

import msgspec
import requests
import urllib3.exceptions

from rakerone_desktop import __version__
from rakerone_desktop.api import errors as e
from rakerone_desktop.api.models import (
    ApiKey,
    ApiKeyPage,
    AuditEventPage,
    BulkDisableResults,
    BulkRevokeResults,
    CreatedKey,
    DisableResult,
    EventPage,
    Me,
    OnExposure,
    Organization,
    Permission,
    PermissionCatalog,
    Problem,
    RevokeResult,
    RotatedKey,
    Session,
    UserPage,
)
from rakerone_desktop.api.transport import make_session, normalize_base_url

log = logging.getLogger(__name__)

T = TypeVar("T")

API_PREFIX: Final = "/api/v1"
MAX_BODY_BYTES: Final = 32 * 1024 * 1024
MAX_PAGE_SIZE: Final = 1000
MAX_BULK_REVOKE: Final = 1000
_RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})
_JSON_TYPES: Final = ("application/json", "application/problem+json")
_SHA256_HEX: Final = re.compile(r"[0-9a-f]{64}")
# A bearer token goes into a header as is: printable ASCII without spaces.
_TOKEN_CHARS: Final = re.compile(r"[!-~]+")
_MAX_REQUEST_ID: Final = 128
_MAX_PROTOCOL_DETAIL: Final = 300

MAX_ROTATE_GRACE: Final = 7 * 24 * 60 * 60


class _Unset:
    """The type of :data:`UNSET`: "leave this field out of the request"."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = _Unset()


def format_time(value: datetime) -> str:
    """RFC 3339 in UTC with ``Z`` and whole seconds, as the contract writes times."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a time sent to the server must carry its time zone")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _time_or_none(value: datetime | None) -> str | None:
    return None if value is None else format_time(value)


_problem_decoder = msgspec.json.Decoder(Problem)
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


class RakerOneClient:
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
        self.base_url = normalize_base_url(base_url)
        self._token = token
        self._session = session if session is not None else make_session(ca_bundle)
        self.timeouts = timeouts
        self.retry = retry
        self._sleep = sleep
        self._user_agent = user_agent or f"RakerOneDesktop/{__version__}"
        self.last_request_id: str | None = None
        # Larger answers are refused: a full page of 1000 keys is a few hundred KiB.
        self.max_body_bytes = MAX_BODY_BYTES

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

    # -- sessions -----------------------------------------------------------

    def sign_in(self, email: str, password: str) -> Session:
        """Create a session; the client keeps its token for later calls.

        Not retried after the request may have been sent: a second sign-in
        would count against the throttle. A ``401`` here is
        :class:`WrongCredentialsError`, not "your session has ended".
        """
        try:
            session: Session = self._call(
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
        self._token = session.token
        return session

    def sign_out(self) -> None:
        """End the session on the server; the token is forgotten either way.

        A token the server no longer accepts (expired, already signed out)
        counts as signed out: there is nothing left to end.
        """
        try:
            self._call("DELETE", "/sessions/current", None, retry_safe=True)
        except e.UnauthenticatedError:
            pass
        finally:
            self._token = None

    def me(self) -> Me:
        result: Me = self._call("GET", "/me", Me)
        return result

    def permissions(self) -> tuple[Permission, ...]:
        catalog: PermissionCatalog = self._call("GET", "/permissions", PermissionCatalog)
        return catalog.items

    # -- keys -----------------------------------------------------------------

    def list_keys(
        self, *, status: str = "active", limit: int = 100, cursor: str | None = None
    ) -> ApiKeyPage:
        params: dict[str, str | int] = {"status": status, "limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        page: ApiKeyPage = self._call("GET", "/api-keys", ApiKeyPage, params=params)
        return page

    def iter_key_pages(
        self, *, status: str = "active", page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[ApiKeyPage]:
        """Every page of keys in order, one request each, as they arrive.

        A cursor seen before would loop forever: that is a :class:`ProtocolError`.
        """
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = self.list_keys(status=status, limit=page_size, cursor=cursor)
            yield page
            if page.next_cursor is None:
                return
            if page.next_cursor in seen:
                raise e.ProtocolError(
                    "The server repeated a page cursor.", request_id=self.last_request_id
                )
            seen.add(page.next_cursor)
            cursor = page.next_cursor

    def get_key(self, key_id: str) -> ApiKey:
        key: ApiKey = self._call("GET", f"/api-keys/{_segment(key_id)}", ApiKey)
        return key

    def create_key(
        self,
        name: str,
        permissions: Sequence[str],
        *,
        idempotency_key: str | None = None,
        expires_at: datetime | _Unset | None = UNSET,
        description: str | None = None,
        owner_id: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> CreatedKey:
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
        if not isinstance(expires_at, _Unset):
            body["expires_at"] = _time_or_none(expires_at)
        if description is not None:
            body["description"] = description
        if owner_id is not None:
            body["owner_id"] = owner_id
        if tags is not None:
            body["tags"] = list(tags)
        created: CreatedKey = self._call(
            "POST",
            "/api-keys",
            CreatedKey,
            json=body,
            headers={"Idempotency-Key": key},
            retry_safe=True,
            retry_conflict=True,
        )
        # A fresh key comes with its secret; a replay never does.
        if (created.secret is None) != created.replayed:
            raise e.ProtocolError(
                "The server's answer to the create breaks the contract: "
                + (
                    "a replayed answer carried a secret."
                    if created.replayed
                    else "the new key came without its secret."
                ),
                request_id=self.last_request_id,
            )
        return created

    def revoke_key(self, key_id: str) -> ApiKey:
        """Revoke one key; revoking twice answers the first revocation."""
        key: ApiKey = self._call(
            "POST", f"/api-keys/{_segment(key_id)}/revoke", ApiKey, retry_safe=True
        )
        return key

    def revoke_keys(self, key_ids: Sequence[str]) -> tuple[RevokeResult, ...]:
        """Revoke many keys, in chunks of the server's limit; one result per id."""
        results: list[RevokeResult] = []
        ids = list(key_ids)
        for start in range(0, len(ids), MAX_BULK_REVOKE):
            chunk = ids[start : start + MAX_BULK_REVOKE]
            answer: BulkRevokeResults = self._call(
                "POST",
                "/api-keys/revoke",
                BulkRevokeResults,
                json={"ids": chunk},
                retry_safe=True,
            )
            if [r.id for r in answer.results] != chunk:
                raise e.ProtocolError(
                    "The server's revoke results don't match the keys sent.",
                    request_id=self.last_request_id,
                )
            results.extend(answer.results)
        return tuple(results)

    def lookup_key(self, sha256_hex: str) -> ApiKey | None:
        """The key (active or revoked) whose value has this digest, or None.

        Only a digest is ever sent: anything that isn't 64 hex digits (a raw
        key passed by mistake, say) is refused here with :class:`ValueError`.
        """
        sha256_hex = sha256_hex.strip().lower()
        if _SHA256_HEX.fullmatch(sha256_hex) is None:
            raise ValueError("lookup_key needs the SHA-256 hex digest of a key, not a key")
        try:
            key: ApiKey = self._call(
                "POST", "/api-keys/lookup", ApiKey, json={"sha256": sha256_hex}, retry_safe=True
            )
        except e.NotFoundError:
            return None
        return key

    def key_events(self, key_id: str, *, limit: int = 50, cursor: str | None = None) -> EventPage:
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        page: EventPage = self._call(
            "GET", f"/api-keys/{_segment(key_id)}/events", EventPage, params=params
        )
        return page

    # -- part 2: organization, users ------------------------------------------

    def get_organization(self) -> Organization | None:
        """The organization's features and key policy; ``None`` from a part-1 server.

        A part-1 server has no ``/organization`` (it answers 404): the caller
        then offers none of part 2.
        """
        try:
            org: Organization = self._call("GET", "/organization", Organization)
        except e.NotFoundError:
            return None
        return org

    def update_key_policy(
        self,
        *,
        max_lifetime_days: int | _Unset | None = UNSET,
        default_lifetime_days: int | _Unset | None = UNSET,
        expiry_warning_days: int | _Unset = UNSET,
        on_exposure: OnExposure | _Unset = UNSET,
    ) -> Organization:
        """Change the fields given (admins); ``None`` for a lifetime means "no limit"."""
        changes: dict[str, Any] = {
            name: value
            for name, value in (
                ("max_lifetime_days", max_lifetime_days),
                ("default_lifetime_days", default_lifetime_days),
                ("expiry_warning_days", expiry_warning_days),
                ("on_exposure", on_exposure),
            )
            if not isinstance(value, _Unset)
        }
        # Setting the same values twice gives the same policy: safe to retry.
        org: Organization = self._call(
            "PATCH", "/organization/key-policy", Organization, json=changes, retry_safe=True
        )
        return org

    def list_users(self, *, limit: int = 100, cursor: str | None = None) -> UserPage:
        """A page of the organization's users (admins), for choosing a key's owner."""
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        page: UserPage = self._call("GET", "/users", UserPage, params=params)
        return page

    # -- part 2: edit, disable, enable, rotate -----------------------------------

    def update_key(
        self,
        key_id: str,
        *,
        version: int,
        name: str | _Unset = UNSET,
        description: str | _Unset = UNSET,
        owner_id: str | _Unset | None = UNSET,
        tags: Sequence[str] | _Unset = UNSET,
        permissions: Sequence[str] | _Unset = UNSET,
        expires_at: datetime | _Unset = UNSET,
    ) -> ApiKey:
        """Edit a key in place; only the fields given are sent.

        Always sends ``If-Match`` with ``version`` (the key's version as last
        read): if someone changed the key since, the server changes nothing
        and this raises :class:`PreconditionFailedError`. Not retried once the
        request may have reached the server: a retry of an edit that was
        applied would fail that very check. ``owner_id=None`` removes the owner.
        """
        body: dict[str, Any] = {}
        for field, value in (
            ("name", name),
            ("description", description),
            ("owner_id", owner_id),
        ):
            if not isinstance(value, _Unset):
                body[field] = value
        if not isinstance(tags, _Unset):
            body["tags"] = list(tags)
        if not isinstance(permissions, _Unset):
            body["permissions"] = list(permissions)
        if not isinstance(expires_at, _Unset):
            body["expires_at"] = format_time(expires_at)
        key: ApiKey = self._call(
            "PATCH",
            f"/api-keys/{_segment(key_id)}",
            ApiKey,
            json=body,
            headers={"If-Match": f'"{int(version)}"'},
            retry_safe=False,
        )
        return key

    def disable_key(self, key_id: str) -> ApiKey:
        """Disable a key at once (reversible); disabling twice answers the key unchanged.

        A revoked or expired key: :class:`KeyInactiveError`.
        """
        key: ApiKey = self._call(
            "POST", f"/api-keys/{_segment(key_id)}/disable", ApiKey, retry_safe=True
        )
        return key

    def enable_key(self, key_id: str) -> ApiKey:
        """Enable a disabled key; an active key answers unchanged."""
        key: ApiKey = self._call(
            "POST", f"/api-keys/{_segment(key_id)}/enable", ApiKey, retry_safe=True
        )
        return key

    def disable_keys(self, key_ids: Sequence[str]) -> tuple[DisableResult, ...]:
        """Disable many keys, in chunks of the server's limit; one result per id."""
        results: list[DisableResult] = []
        ids = list(key_ids)
        for start in range(0, len(ids), MAX_BULK_REVOKE):
            chunk = ids[start : start + MAX_BULK_REVOKE]
            answer: BulkDisableResults = self._call(
                "POST",
                "/api-keys/disable",
                BulkDisableResults,
                json={"ids": chunk},
                retry_safe=True,
            )
            if [r.id for r in answer.results] != chunk:
                raise e.ProtocolError(
                    "The server's disable results don't match the keys sent.",
                    request_id=self.last_request_id,
                )
            results.extend(answer.results)
        return tuple(results)

    def rotate_key(
        self,
        key_id: str,
        *,
        old_key_expires_in: int,
        name: str | None = None,
        expires_at: datetime | _Unset | None = UNSET,
        idempotency_key: str | None = None,
    ) -> RotatedKey:
        """Replace a key by a new one; the old one works ``old_key_expires_in`` seconds more.

        Like a create, it carries an ``Idempotency-Key`` (a new UUID4 unless
        given) and reuses it on its own retries, so a lost answer never makes
        two new keys: the retry answers ``replayed=True`` with ``secret=None``.
        """
        if not 0 <= old_key_expires_in <= MAX_ROTATE_GRACE:
            raise ValueError("old_key_expires_in must be 0 to 604800 seconds")
        body: dict[str, Any] = {"old_key_expires_in": int(old_key_expires_in)}
        if name is not None:
            body["name"] = name
        if not isinstance(expires_at, _Unset):
            body["expires_at"] = _time_or_none(expires_at)
        rotated: RotatedKey = self._call(
            "POST",
            f"/api-keys/{_segment(key_id)}/rotate",
            RotatedKey,
            json=body,
            headers={"Idempotency-Key": idempotency_key or str(uuid.uuid4())},
            retry_safe=True,
            retry_conflict=True,
        )
        if (rotated.secret is None) != rotated.replayed:
            raise e.ProtocolError(
                "The server's answer to the rotation breaks the contract: "
                + (
                    "a replayed answer carried a secret."
                    if rotated.replayed
                    else "the new key came without its secret."
                ),
                request_id=self.last_request_id,
            )
        return rotated

    # -- part 2: the audit log -------------------------------------------------

    def list_audit_events(
        self,
        *,
        limit: int = 100,
        cursor: str | None = None,
        actor_id: str | None = None,
        api_key_id: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> AuditEventPage:
        """A page of the audit log (admins), newest first; ``since`` inclusive, ``until`` not."""
        params: dict[str, str | int] = {"limit": limit}
        for name, value in (
            ("cursor", cursor),
            ("actor_id", actor_id),
            ("api_key_id", api_key_id),
            ("action", action),
            ("since", _time_or_none(since)),
            ("until", _time_or_none(until)),
        ):
            if value is not None:
                params[name] = value
        page: AuditEventPage = self._call("GET", "/audit-events", AuditEventPage, params=params)
        return page

    # -- the one request path -------------------------------------------------

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
    ) -> Any:
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
                    return None
                return decode(kind, answer.body, request_id=answer.request_id)
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
            self.last_request_id = request_id
            if 300 <= resp.status_code < 400:
                log.debug("%s %s -> %s (not followed)", method, path, resp.status_code)
                raise e.ProtocolError(
                    f"The server redirected the request (HTTP {resp.status_code}); "
                    "check the server address.",
                    status=resp.status_code,
                    request_id=request_id,
                )
            try:
                content = self._read_body(resp, request_id)
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

    def _read_body(self, resp: requests.Response, request_id: str | None) -> bytes:
        limit = self.max_body_bytes
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


def _disarm_redirect(resp: requests.Response, **_kwargs: Any) -> requests.Response:
    """Drop a redirect's ``Location`` before requests looks at it.

    Even with ``allow_redirects=False``, requests reads a redirect's whole
    body to prepare ``Response.next``; without a target it reads nothing, and
    the redirect is reported by :meth:`RakerOneClient._send` unread.
    """
    if resp.is_redirect:
        resp.headers.pop("Location", None)
    return resp


def _segment(value: str) -> str:
    # "." and ".." survive quoting and urllib3 would resolve them, sending the
    # call to another endpoint; an empty id would hit the collection itself.
    if value in ("", ".", ".."):
        raise ValueError("a key id must not be empty, '.' or '..'")
    return quote(value, safe="")


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
