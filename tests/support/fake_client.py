"""A base for fake API clients: every method of the client's protocol, each failing the
test if called. A fake overrides what its test expects to be asked; mypy checks it
against :class:`~rakerone_desktop.api.protocol.ApiClient` like the real client."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, NoReturn

from rakerone_desktop.api.models import (
    ApiKey,
    ApiKeyPage,
    AuditEventPage,
    AuthMethods,
    CreatedKey,
    DisableResult,
    EventPage,
    Me,
    OnExposure,
    Organization,
    Permission,
    RevokeResult,
    RotatedKey,
    Session,
    TokenGrant,
    UserPage,
)
from rakerone_desktop.api.protocol import ApiClient
from rakerone_desktop.api.wire import UNSET, Unset


class FakeClient:
    """Answers nothing it was not told to: an unexpected call fails with its name."""

    base_url = "http://127.0.0.1:9"

    def _unexpected(self, name: str) -> NoReturn:
        raise AssertionError(f"{type(self).__name__}: unexpected call to {name}()")

    def close(self) -> None:
        pass

    def sign_in(self, email: str, password: str) -> Session:
        self._unexpected("sign_in")

    def sign_out(self) -> None:
        self._unexpected("sign_out")

    def me(self) -> Me:
        self._unexpected("me")

    def get_auth_methods(self) -> AuthMethods:
        self._unexpected("get_auth_methods")

    def exchange_code(
        self,
        token_endpoint: str,
        *,
        code: str,
        redirect_uri: str,
        code_verifier: str,
        client_id: str = "rakerone-desktop",
    ) -> TokenGrant:
        self._unexpected("exchange_code")

    def permissions(self) -> tuple[Permission, ...]:
        self._unexpected("permissions")

    def list_keys(
        self, *, status: str = "active", limit: int = 100, cursor: str | None = None
    ) -> ApiKeyPage:
        self._unexpected("list_keys")

    def iter_key_pages(
        self, *, status: str = "active", page_size: int = 1000
    ) -> Iterator[ApiKeyPage]:
        self._unexpected("iter_key_pages")

    def get_key(self, key_id: str) -> ApiKey:
        self._unexpected("get_key")

    def create_key(
        self,
        name: str,
        permissions: Sequence[str],
        *,
        idempotency_key: str | None = None,
        expires_at: Any = None,
        description: str | None = None,
        owner_id: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> CreatedKey:
        self._unexpected("create_key")

    def revoke_key(self, key_id: str) -> ApiKey:
        self._unexpected("revoke_key")

    def revoke_keys(self, key_ids: Sequence[str]) -> tuple[RevokeResult, ...]:
        self._unexpected("revoke_keys")

    def lookup_key(self, sha256_hex: str) -> ApiKey | None:
        self._unexpected("lookup_key")

    def key_events(self, key_id: str, *, limit: int = 50, cursor: str | None = None) -> EventPage:
        self._unexpected("key_events")

    def get_organization(self) -> Organization | None:
        self._unexpected("get_organization")

    def update_key_policy(
        self,
        *,
        max_lifetime_days: int | Unset | None = UNSET,
        default_lifetime_days: int | Unset | None = UNSET,
        expiry_warning_days: int | Unset = UNSET,
        on_exposure: OnExposure | Unset = UNSET,
    ) -> Organization:
        self._unexpected("update_key_policy")

    def list_users(self, *, limit: int = 100, cursor: str | None = None) -> UserPage:
        self._unexpected("list_users")

    def update_key(
        self,
        key_id: str,
        *,
        version: int,
        name: str | Unset = UNSET,
        description: str | Unset = UNSET,
        owner_id: str | Unset | None = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        permissions: Sequence[str] | Unset = UNSET,
        expires_at: datetime | Unset = UNSET,
    ) -> ApiKey:
        self._unexpected("update_key")

    def disable_key(self, key_id: str) -> ApiKey:
        self._unexpected("disable_key")

    def enable_key(self, key_id: str) -> ApiKey:
        self._unexpected("enable_key")

    def disable_keys(self, key_ids: Sequence[str]) -> tuple[DisableResult, ...]:
        self._unexpected("disable_keys")

    def rotate_key(
        self,
        key_id: str,
        *,
        old_key_expires_in: int,
        name: str | None = None,
        expires_at: datetime | Unset | None = UNSET,
        idempotency_key: str | None = None,
    ) -> RotatedKey:
        self._unexpected("rotate_key")

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
        self._unexpected("list_audit_events")


def _conforms(fake: FakeClient) -> ApiClient:
    """Never called: mypy checks here that the fake still has the client's shape."""
    return fake
