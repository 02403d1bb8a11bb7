"""The remembered session: its token in the keyring (one entry per server and account),
which server and account were remembered last, and when each remembered session ends.

The settings are read and written on the GUI thread; the ``*_job`` methods and
:meth:`RememberedSessions.save_token` touch the keyring and run in the task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rakerone_desktop.api.addresses import normalize_base_url
from rakerone_desktop.api.errors import ApiError, UnauthenticatedError
from rakerone_desktop.api.models import User
from rakerone_desktop.controllers.signed_in import SignedIn
from rakerone_desktop.runtime.settings import Options, Settings

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from rakerone_desktop.api.protocol import ApiClient
    from rakerone_desktop.runtime.credentials import TokenStore

ClientFactory = Callable[..., "ApiClient"]


def expiry_key(server: str, email: str) -> str:
    return f"{server}#{email}"


class RememberedSessions:
    """Keeps, finds, opens and forgets remembered sessions (none when not ``allowed``)."""

    def __init__(
        self,
        settings: Settings,
        tokens: TokenStore | None,
        client_factory: ClientFactory,
        *,
        allowed: bool = True,
    ) -> None:
        self._settings = settings
        self._tokens = tokens
        self._client_factory = client_factory
        self.allowed = allowed

    def token_store(self) -> TokenStore:
        # Built lazily off the GUI thread: finding a keyring backend may block.
        if self._tokens is None:
            from rakerone_desktop.runtime.credentials import TokenStore  # loads keyring

            self._tokens = TokenStore()
        return self._tokens

    # -- the settings (GUI thread) --------------------------------------------------

    @property
    def server(self) -> str:
        """The server whose session is opened at start-up ("" for none)."""
        return self._settings.get(Options.remembered_server)

    @property
    def email(self) -> str:
        return self._settings.get(Options.remembered_email)

    def expiry_of(self, server: str, email: str) -> datetime | None:
        """When the session kept for this server and account ends, when known."""
        kept = self._settings.get(Options.session_expiry).get(expiry_key(server, email))
        try:
            return datetime.fromisoformat(kept) if kept else None
        except ValueError:
            return None

    def has(self, server: str, email: str) -> bool:
        """Whether a session for this server and account may be in the keyring."""
        if not self.allowed:
            return False
        if expiry_key(server, email) in self._settings.get(Options.session_expiry):
            return True
        return self._settings.get(Options.remembered_server) == server

    def keep(self, server: str, email: str, expires_at: datetime | None) -> None:
        """A session was remembered: it is the one opened at start-up."""
        self._settings.set(Options.remembered_server, server)
        self._settings.set(Options.remembered_email, email)
        self.note_expiry(server, email, expires_at)

    def note_expiry(self, server: str, email: str, expires_at: datetime | None) -> None:
        expiries = self._settings.get(Options.session_expiry)
        key = expiry_key(server, email)
        if expires_at is not None:
            expiries[key] = expires_at.astimezone(UTC).isoformat()
        else:
            expiries.pop(key, None)
        self._settings.set(Options.session_expiry, expiries)

    def forget_expiry(self, server: str, email: str) -> None:
        expiries = self._settings.get(Options.session_expiry)
        if expiries.pop(expiry_key(server, email), None) is not None:
            self._settings.set(Options.session_expiry, expiries)

    def forget(self, server: str, email: str) -> None:
        """A remembered server is forgotten: so is what was kept about its session."""
        self.forget_expiry(server, email)
        if self._settings.get(Options.remembered_server) == server:
            self.clear()

    def clear(self) -> None:
        """No session is opened at start-up."""
        self._settings.remove(Options.remembered_server)
        self._settings.remove(Options.remembered_email)

    def restored(self, result: SignedIn | None) -> None:
        """The start-up session opened (its account noted) or is gone."""
        if result is None:
            self._settings.remove(Options.remembered_server)
        else:
            self._settings.set(Options.remembered_email, result.user.email)

    # -- the keyring (task runner) ---------------------------------------------------

    def save_token(self, server: str, token: str, email: str) -> bool:
        """Keep ``token``; False when it is kept for this run only (no safe keyring)."""
        return self.token_store().save(server, token, email)

    def delete_job(self, server: str, email: str) -> None:
        self.token_store().delete(server, email)

    def keep_token_job(self, current: SignedIn) -> bool:
        token = getattr(current.client, "token", None)
        if not token:
            return False
        return self.save_token(current.server, token, current.user.email)

    def backend_job(self) -> str:
        try:
            store = self.token_store()
        except Exception:  # no keyring at all: nothing is kept past this run
            log.exception("finding the keyring failed")
            return ""
        return store.backend_name if store.persistent else ""

    def open_job(
        self, server: str, ca_bundle: str | None, email: str, expiry: datetime | None
    ) -> tuple[SignedIn, bool] | None:
        signed_in = self.restore_job(server, ca_bundle, email, expiry)
        return (signed_in, True) if signed_in is not None else None

    def restore_job(
        self, server: str, ca_bundle: str | None, email: str, expiry: datetime | None
    ) -> SignedIn | None:
        try:
            base = normalize_base_url(server)
        except ApiError:
            return None
        store = self.token_store()
        token = store.load(base, email)
        if not token:
            return None
        client = self._client_factory(base_url=base, token=token, ca_bundle=ca_bundle)
        try:
            me = client.me()
        except UnauthenticatedError:
            store.delete(base, email)
            return None
        if not isinstance(me, User):
            return None
        if email != me.email:  # an entry of the older naming: move it to its account
            store.save(base, token, me.email)
            store.delete(base)
        return SignedIn(client, me, True, expiry)
