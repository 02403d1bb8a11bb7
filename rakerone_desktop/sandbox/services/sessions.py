"""Signing in and out, and authenticating each request."""

from __future__ import annotations

import hashlib
import time

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.problems import Problem, unauthenticated
from rakerone_desktop.sandbox.services.common import (
    Caller,
    KeyPrincipal,
    Principal,
    SessionPrincipal,
    SignedIn,
)
from rakerone_desktop.sandbox.store import KeyCredential, NewAudit, Store, User
from rakerone_desktop.sandbox.throttle import LoginThrottle

# Only a key's own calls need these; kept short so a hostile client cannot
# fill the database through its User-Agent header.
_MAX_USER_AGENT = 512


class SessionService:
    """Sign-in (under the throttle), sessions, and who a request's token is."""

    def __init__(self, store: Store, settings: Settings, throttle: LoginThrottle) -> None:
        self._store = store
        self._settings = settings
        self._throttle = throttle

    def sign_in(self, email: str, password: str, caller: Caller | None = None) -> SignedIn:
        if not self._settings.password_sign_in:
            raise Problem(
                "password-sign-in-disabled",
                "Password sign-in is turned off on this server. Sign in with your browser.",
            )
        return self.start_session(self.check_password(email, password), caller)

    def check_password(self, email: str, password: str) -> User:
        """The user with this email and password, under the sign-in throttle."""
        # Reserved before the slow hash, so concurrent guesses are counted
        # before any of them is checked.
        place, wait = self._throttle.reserve(email)
        if place is None:
            raise Problem(
                "rate-limited",
                f"Too many failed sign-ins for this email. Try again in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
        found = self._store.people.user_by_email(email.strip())
        # An unknown email costs a full scrypt too: timing tells nothing.
        if not credentials.verify_password(password, found[1] if found else None):
            raise Problem("unauthenticated", "Wrong email or password.")  # the place stays taken
        assert found is not None
        self._throttle.succeeded(email, place)
        return found[0]

    def start_session(self, user: User, caller: Caller | None = None) -> SignedIn:
        """A new session token for ``user`` (password or browser sign-in)."""
        token = credentials.new_session_token()
        now = time.time()
        expires_at = now + self._settings.session_ttl
        digest = credentials.token_digest(token)
        audit = _session_audit(digest, user, "session.created", "Signed in", caller, int(now))
        self._store.people.add_session(digest, user.id, now, expires_at, audit)
        return SignedIn(token, expires_at, user)

    def sign_out(self, principal: Principal, caller: Caller | None = None) -> None:
        if not isinstance(principal, SessionPrincipal):
            raise Problem("forbidden", "Sessions are for people: an API key has no session to end.")
        digest = principal.token_digest
        audit = _session_audit(
            digest, principal.user, "session.ended", "Signed out", caller, clock.now()
        )
        self._store.people.delete_session(digest, audit)

    def authenticate(self, token: str | None, caller: Caller) -> Principal:
        if not token:
            raise unauthenticated()
        if token.startswith(keyformat.PREFIX):
            # Format and checksum first: a mistyped or made-up key never
            # reaches the database.
            if not keyformat.is_valid_key(token):
                raise unauthenticated()
            key = self._store.keys.active_key_credential(
                credentials.token_digest(token), clock.now()
            )
            if key is None:
                raise unauthenticated()
            self._note_use(key, caller)
            return KeyPrincipal(key)
        digest = credentials.token_digest(token)
        user = self._store.people.session_user(digest, time.time())
        if user is None:
            raise unauthenticated()
        return SessionPrincipal(user, digest)

    def _note_use(self, key: KeyCredential, caller: Caller) -> None:
        # At most one write per key per interval; a stale or missing last use
        # is written now, before the response, so a first call shows at once.
        now = clock.now()
        cutoff = now - self._settings.last_used_interval
        if key.last_used_at is None or key.last_used_at <= cutoff:
            agent = caller.user_agent[:_MAX_USER_AGENT] if caller.user_agent else None
            self._store.keys.touch_key(key.id, now, caller.ip, agent, cutoff)


def _session_audit(
    digest: str, user: User, action: str, summary: str, caller: Caller | None, at: int
) -> NewAudit:
    # The session's public id is derived from its digest, so its start and end
    # share a target; it reveals nothing of the token.
    session_id = "ses_" + hashlib.sha256(digest.encode("ascii")).hexdigest()[:16]
    return NewAudit(
        id=credentials.new_id("evt_"),
        at=at,
        action=action,
        actor_kind="user",
        actor_id=user.id,
        actor_name=user.name,
        ip=caller.ip if caller is not None else None,
        summary=f"{summary}: {user.name} ({user.email})",
        target_kind="session",
        target_id=session_id,
        target_name=f"Session of {user.name}",
    )
