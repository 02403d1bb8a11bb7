"""Session tokens in the OS keyring, or in memory when there is no safe one.

Every method here may block (a locked keyring waits for the person to unlock
it), so the app calls them through the task runner, never on the GUI thread.

If the only keyring backend is ``fail``, ``null`` or one of ``keyrings.alt``
(plain-text or weakly protected files), tokens are kept in memory for this
run only: :attr:`TokenStore.persistent` is ``False`` and the UI says so once.
Nothing is ever written in plain text by this app.
"""

from __future__ import annotations

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
    """Remembers one session token per server."""

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
    def _account(server: str) -> str:
        return f"session:{server}"

    def save(self, server: str, token: str) -> bool:
        """Store the token; True when it went to the OS keyring."""
        if self.persistent:
            try:
                self._backend.set_password(SERVICE, self._account(server), token)
            except keyring.errors.KeyringError as exc:
                log.warning("The keyring refused the session token: %s", type(exc).__name__)
            else:
                return True
        with self._lock:
            self._memory[server] = token
        return False

    def load(self, server: str) -> str | None:
        with self._lock:
            if server in self._memory:
                return self._memory[server]
        if not self.persistent:
            return None
        try:
            return self._backend.get_password(SERVICE, self._account(server))
        except keyring.errors.KeyringError as exc:
            log.warning("The keyring could not be read: %s", type(exc).__name__)
            return None

    def delete(self, server: str) -> None:
        with self._lock:
            self._memory.pop(server, None)
        if not self.persistent:
            return
        try:
            self._backend.delete_password(SERVICE, self._account(server))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing was stored
        except keyring.errors.KeyringError as exc:
            log.warning("The keyring could not forget the token: %s", type(exc).__name__)
