"""What the rest of the app may ask of an API client: the typed surface of
:class:`~rakerone_desktop.api.client.RakerOneClient`, as a :class:`typing.Protocol`.

Controllers are typed against :class:`ApiClient`, not the class, so a test hands in a
fake that implements these methods and type-checks as it is (no ``type: ignore``).
Importing this module costs no HTTP stack: it names only the result types.
Defaults are the real client's; a fake may choose its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from rakerone_desktop.api.models import (
    ApiKey,
    ApiKeyPage,
    CreatedKey,
    EventPage,
    Me,
    Permission,
    RevokeResult,
    Session,
)

if TYPE_CHECKING:
    from datetime import datetime

    from rakerone_desktop.api.models import (
        AuditEventPage,
        AuthMethods,
        DisableResult,
        OnExposure,
        Organization,
        RotatedKey,
        TokenGrant,
        UserPage,
    )
    from rakerone_desktop.api.wire import Unset


class ApiClient(Protocol):
    """One RakerOne server, as one signed-in person. Every call blocks: run it through
    the task runner (``runtime/tasks.py``), never on the GUI thread."""

    @property
    def base_url(self) -> str: ...

    def close(self) -> None: ...

    # -- sessions

    def sign_in(self, email: str, password: str) -> Session:
        """Create a session; the client keeps its token for later calls."""
        ...

    def sign_out(self) -> None: ...

    def me(self) -> Me: ...

    # -- browser sign-in
    def get_auth_methods(self) -> AuthMethods:
        """How a person can sign in to this server (password, browser or both)."""
        ...

    def exchange_code(
        self,
        token_endpoint: str,
        *,
        code: str,
        redirect_uri: str,
        code_verifier: str,
        client_id: str = ...,
    ) -> TokenGrant:
        """A browser sign-in's code for a session token; the client keeps the token."""
        ...

    def permissions(self) -> tuple[Permission, ...]: ...

    # -- keys

    def list_keys(
        self, *, status: str = ..., limit: int = ..., cursor: str | None = ...
    ) -> ApiKeyPage: ...

    def iter_key_pages(self, *, status: str = ..., page_size: int = ...) -> Iterator[ApiKeyPage]:
        """Every page of keys in order, one request each, as they arrive."""
        ...

    def get_key(self, key_id: str) -> ApiKey: ...

    def create_key(
        self,
        name: str,
        permissions: Sequence[str],
        *,
        idempotency_key: str | None = ...,
        expires_at: datetime | Unset | None = ...,
        description: str | None = ...,
        owner_id: str | None = ...,
        tags: Sequence[str] | None = ...,
    ) -> CreatedKey:
        """Create a key; a retry with the same ``idempotency_key`` makes no second key."""
        ...

    def revoke_key(self, key_id: str) -> ApiKey: ...

    def revoke_keys(self, key_ids: Sequence[str]) -> tuple[RevokeResult, ...]: ...

    def lookup_key(self, sha256_hex: str) -> ApiKey | None:
        """The key whose value has this SHA-256 digest (hex), or None."""
        ...

    def key_events(
        self, key_id: str, *, limit: int = ..., cursor: str | None = ...
    ) -> EventPage: ...

    # -- part 2 (offered when ``get_organization`` lists the feature)
    def get_organization(self) -> Organization | None:
        """The organization's features and key policy; ``None`` from a part-1 server."""
        ...

    def update_key_policy(
        self,
        *,
        max_lifetime_days: int | Unset | None = ...,
        default_lifetime_days: int | Unset | None = ...,
        expiry_warning_days: int | Unset = ...,
        on_exposure: OnExposure | Unset = ...,
    ) -> Organization: ...

    def list_users(self, *, limit: int = ..., cursor: str | None = ...) -> UserPage: ...

    def update_key(
        self,
        key_id: str,
        *,
        version: int,
        name: str | Unset = ...,
        description: str | Unset = ...,
        owner_id: str | Unset | None = ...,
        tags: Sequence[str] | Unset = ...,
        permissions: Sequence[str] | Unset = ...,
        expires_at: datetime | Unset = ...,
    ) -> ApiKey:
        """Edit a key in place, sending ``If-Match`` with ``version``."""
        ...

    def disable_key(self, key_id: str) -> ApiKey: ...

    def enable_key(self, key_id: str) -> ApiKey: ...

    def disable_keys(self, key_ids: Sequence[str]) -> tuple[DisableResult, ...]: ...

    def rotate_key(
        self,
        key_id: str,
        *,
        old_key_expires_in: int,
        name: str | None = ...,
        expires_at: datetime | Unset | None = ...,
        idempotency_key: str | None = ...,
    ) -> RotatedKey:
        """A new key replacing ``key_id``, which keeps working for the grace period."""
        ...

    def list_audit_events(
        self,
        *,
        limit: int = ...,
        cursor: str | None = ...,
        actor_id: str | None = ...,
        api_key_id: str | None = ...,
        action: str | None = ...,
        since: datetime | None = ...,
        until: datetime | None = ...,
    ) -> AuditEventPage: ...
