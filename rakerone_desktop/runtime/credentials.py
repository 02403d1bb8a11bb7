"""Session tokens in the OS keyring, or in memory when there is no safe one.

Every method here may block (a locked keyring waits for the person to unlock
it), so the app calls them through the task runner, never on the GUI thread.

If the only keyring backend is ``fail``, ``null`` or one of ``keyrings.alt``
(plain-text or weakly protected files), tokens are kept in memory for this
run only: :attr:`TokenStore.persistent` is ``False`` and the UI says so once.
Nothing is ever written in plain text by this app.
"""

from __future__ import annotations

import contextlib
import logging
import threading

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "RakerOne Desktop"
_UNSAFE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def backend_is_safe(backend: KeyringBackend) -> bool:
    """False for backends that store nothing, fail, or store in plain files."""
    backends = [backend]
    # A chainer is as safe as its members; every member must be safe.
    chained = getattr(backend, "backends", None)
    if chained:
        backends = list(chained)
    for item in backends:
        module = type(item).__module__
        if any(module.startswith(prefix) for prefix in _UNSAFE_MODULE_PREFIXES):
            return False
        if getattr(item, "priority", 1) <= 0:
            return False
    return bool(backends)


class TokenStore:
    """Remembers one session token per server and account."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self.persistent = backend_is_safe(self._backend)
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        if not self.persistent:
            log.warning(
                "No secure keyring (backend %s): sessions are kept for this run only",
                type(self._backend).__name__,
            )

    @staticmethod
    def _account(server: str, email: str = "") -> str:
        """One entry per server and account; without an email, the older per-server name."""
        return f"session:{server}#{email}" if email else f"session:{server}"

    @staticmethod
    def _key(server: str, email: str) -> str:
        return f"{server}#{email}"

    @property
    def backend_name(self) -> str:
        return type(self._backend).__name__

    def save(self, server: str, token: str, email: str = "") -> bool:
        """Store the token; True when it went to the OS keyring."""
        if self.persistent:
            try:
                self._backend.set_password(SERVICE, self._account(server, email), token)
            except keyring.errors.KeyringError as exc:
                log.warning("The keyring refused the session token: %s", type(exc).__name__)
            else:
                return True
        with self._lock:
            self._memory[self._key(server, email)] = token
        return False

    def load(self, server: str, email: str = "") -> str | None:
        """The token for this server and account.

        An entry kept under the older per-server name (before accounts were part of
        it) is still read, and moved to the new name, so a remembered session survives.
        """
        with self._lock:
            if self._key(server, email) in self._memory:
                return self._memory[self._key(server, email)]
        if not self.persistent:
            return None
        try:
            token = self._backend.get_password(SERVICE, self._account(server, email))
            if token or not email:
                return token
            token = self._backend.get_password(SERVICE, self._account(server))
            if token:
                self._backend.set_password(SERVICE, self._account(server, email), token)
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    self._backend.delete_password(SERVICE, self._account(server))
            return token
        except keyring.errors.KeyringError as exc:
            log.warning("The keyring could not be read: %s", type(exc).__name__)
            return None

    def delete(self, server: str, email: str = "") -> None:
        with self._lock:
            self._memory.pop(self._key(server, email), None)
        if not self.persistent:
            return
        names = {self._account(server, email), self._account(server)}
        for name in names:
            try:
                self._backend.delete_password(SERVICE, name)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing was stored
            except keyring.errors.KeyringError as exc:
                log.warning("The keyring could not forget the token: %s", type(exc).__name__)
