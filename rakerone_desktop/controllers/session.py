"""Signing in, restoring a remembered session, signing out.

The only glue between the sign-in UI, the API client and the keyring; every
blocking call goes through the task runner and comes back as a signal. What is
kept about remembered sessions (the keyring, their expiry) is
:class:`~rakerone_desktop.controllers.remembered_sessions.RememberedSessions`; the
servers signed in to before and their CA bundles are
:class:`~rakerone_desktop.controllers.server_profiles.ServerProfiles`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.addresses import normalize_base_url
from rakerone_desktop.api.errors import ApiError, UnauthenticatedError, as_api_error
from rakerone_desktop.api.models import User
from rakerone_desktop.controllers.remembered_sessions import ClientFactory, RememberedSessions
from rakerone_desktop.controllers.server_profiles import ServerProfiles
from rakerone_desktop.controllers.signed_in import SignedIn
from rakerone_desktop.runtime.settings import Settings
from rakerone_desktop.runtime.tasks import Task, TaskRunner

__all__ = ["SessionController", "SignInRequest", "SignedIn", "default_client"]

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from rakerone_desktop.api.client import RakerOneClient
    from rakerone_desktop.api.protocol import ApiClient
    from rakerone_desktop.runtime.credentials import TokenStore


def default_client(**kwargs: Any) -> RakerOneClient:
    """A real client. Imported here, on first use in a background job, so the
    HTTP stack (requests, urllib3) is not loaded before the first window."""
    from rakerone_desktop.api.client import RakerOneClient

    return RakerOneClient(**kwargs)


@dataclass(frozen=True, slots=True)
class SignInRequest:
    server: str
    email: str
    password: str
    remember: bool

    def __repr__(self) -> str:  # the password never reaches a log
        return (
            f"SignInRequest(server={self.server!r}, email={self.email!r}, remember={self.remember})"
        )


class SessionController(QObject):
    signedIn = Signal(object)  # SignedIn
    signInFailed = Signal(object)  # ApiError
    rememberedMissing = Signal()  # open_remembered found no session to open
    sessionRenewed = Signal(object)  # SignedIn: signed in again, a new expiry
    restoreFailed = Signal(str, object)  # server, ApiError (the session is kept)
    restoreFinished = Signal(object)  # SignedIn | None
    signedOut = Signal()
    keyringNotice = Signal(str)  # shown once when tokens can't be kept safely

    def __init__(
        self,
        runner: TaskRunner,
        settings: Settings,
        tokens: TokenStore | None = None,
        *,
        client_factory: ClientFactory = default_client,
        parent: QObject | None = None,
        remember_allowed: bool = True,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._client_factory = client_factory
        self._remember_allowed = remember_allowed
        self.remembered = RememberedSessions(
            settings, tokens, client_factory, allowed=remember_allowed
        )
        self.profiles = ServerProfiles(settings)
        self._busy = False
        self._notice_shown = False
        self._restoring_server = ""
        self.current: SignedIn | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    def ca_bundle_for(self, server: str) -> str | None:
        return self.profiles.ca_bundle_for(server)

    def set_ca_bundle(self, server: str, path: str | None) -> None:
        self.profiles.set_ca_bundle(server, path)

    # -- sign in ---------------------------------------------------------------

    def sign_in(self, request: SignInRequest, ca_bundle: str | None = None) -> Task | None:
        """Sign in (None, nothing sent, while another sign-in runs); the task answers
        ``(SignedIn, stored safely)``, and ``signedIn``/``signInFailed`` follow."""
        if self._busy:
            return None
        self._busy = True
        remember = request.remember and self._remember_allowed
        task = self._runner.submit("sign-in", self._sign_in_job, request, ca_bundle, remember)
        task.succeeded.connect(self._on_signed_in)
        task.failed.connect(self._on_sign_in_failed)
        return task

    def _sign_in_job(
        self, request: SignInRequest, ca_bundle: str | None, remember: bool
    ) -> tuple[SignedIn, bool]:
        client = self._client_factory(base_url=request.server, ca_bundle=ca_bundle)
        session = client.sign_in(request.email.strip(), request.password)
        stored_safely = True
        if remember and session.token:
            stored_safely = self.remembered.save_token(
                client.base_url, session.token, session.user.email
            )
        return SignedIn(client, session.user, remember, session.expires_at), stored_safely

    # -- sign in with a token from the browser -------------------------------------------------

    def auth_methods(self, server: str, ca_bundle: str | None) -> Task:
        """Ask ``server`` how one signs in to it (``GET /auth/methods``), in the background."""
        return self._runner.submit("auth-methods", self._methods_job, server, ca_bundle)

    def _methods_job(self, server: str, ca_bundle: str | None) -> object:
        client = self._client_factory(base_url=server, ca_bundle=ca_bundle)
        try:
            return client.get_auth_methods()
        finally:
            with contextlib.suppress(Exception):
                client.close()

    def new_client(self, server: str, ca_bundle: str | None) -> ApiClient:
        """A client without a session, for a browser sign-in to ``server``."""
        return self._client_factory(base_url=server, ca_bundle=ca_bundle)

    def sign_in_with_token(self, client: ApiClient, expires_in: int, remember: bool) -> Task | None:
        """Continue as after a password sign-in, with the session ``client`` already holds
        (a browser sign-in's token): ``GET /me``, the keyring, then ``signedIn``."""
        if self._busy:
            return None
        self._busy = True
        remember = remember and self._remember_allowed
        task = self._runner.submit("sign-in-token", self._token_job, client, expires_in, remember)
        task.succeeded.connect(self._on_signed_in)
        task.failed.connect(self._on_sign_in_failed)
        return task

    def _token_job(
        self, client: ApiClient, expires_in: int, remember: bool
    ) -> tuple[SignedIn, bool]:
        me = client.me()
        if not isinstance(me, User):
            raise UnauthenticatedError("The server did not accept the new session.")
        token = getattr(client, "token", None)
        expires_at = datetime.now(UTC) + timedelta(seconds=expires_in) if expires_in else None
        stored_safely = True
        if remember and token:
            stored_safely = self.remembered.save_token(client.base_url, token, me.email)
        return SignedIn(client, me, remember, expires_at, via_browser=True), stored_safely

    def _on_signed_in(self, result: tuple[SignedIn, bool]) -> None:
        self._busy = False
        signed_in, stored_safely = result
        self.current = signed_in
        if self._remember_allowed:  # a sandbox's server and admin are never remembered
            self.profiles.signed_in(signed_in.server, signed_in.user.email)
        if signed_in.remembered:
            self.remembered.keep(signed_in.server, signed_in.user.email, signed_in.expires_at)
            if not stored_safely:
                self._notice_once()
        self.signedIn.emit(signed_in)

    def keyring_backend(self) -> Task:
        """The keyring backend's name, or "" when sessions are kept for this run only."""
        return self._runner.submit("keyring-backend", self.remembered.backend_job)

    def _on_sign_in_failed(self, error: object) -> None:
        self._busy = False
        self.signInFailed.emit(as_api_error(error))

    def _notice_once(self) -> None:
        if not self._notice_shown:
            self._notice_shown = True
            self.keyringNotice.emit(
                self.tr(
                    "This computer has no secure keyring, so you'll stay signed in only "
                    "until you quit. Nothing was saved to disk."
                )
            )

    # -- remembered session ----------------------------------------------------

    def restore(self) -> Task | None:
        """Try the remembered session; ``restoreFinished(None)`` (and no task) if there is none."""
        server = self.remembered.server
        if not server or not self._remember_allowed:
            self.restoreFinished.emit(None)
            return None
        self._restoring_server = server
        email = self.remembered.email
        # The settings are read here, on the GUI thread, not in the job.
        ca_bundle: str | None = None
        expiry: datetime | None = None
        with contextlib.suppress(ApiError):
            base = normalize_base_url(server)
            ca_bundle = self.ca_bundle_for(base)
            expiry = self.remembered.expiry_of(base, email)
        task = self._runner.submit(
            "restore-session", self.remembered.restore_job, server, ca_bundle, email, expiry
        )
        task.succeeded.connect(self._on_restored)
        task.failed.connect(self._on_restore_failed)
        return task

    def has_remembered(self, server: str, email: str) -> bool:
        """Whether a session for this server and account may be in the keyring."""
        return self.remembered.has(server, email)

    def open_remembered(self, server: str, email: str) -> Task | None:
        """Open the session remembered for this server and account (picked from the
        remembered servers); it answers ``(SignedIn, True)`` or None when there is none
        (or it has ended), and ``signedIn`` follows as after signing in."""
        if self._busy or not self._remember_allowed:
            return None
        self._busy = True
        expiry = self.remembered.expiry_of(server, email)
        ca_bundle = self.ca_bundle_for(server)
        task = self._runner.submit(
            "open-remembered", self.remembered.open_job, server, ca_bundle, email, expiry
        )
        task.succeeded.connect(self._on_opened_remembered)
        task.failed.connect(self._on_sign_in_failed)
        return task

    def _on_opened_remembered(self, result: tuple[SignedIn, bool] | None) -> None:
        if result is None:
            self._busy = False
            self.rememberedMissing.emit()
            return
        self._on_signed_in(result)

    def _on_restore_failed(self, error: object) -> None:
        # The server couldn't be asked (offline, say): the remembered session is
        # kept for next time, and the person sees why it didn't open this time.
        self.current = None
        self.restoreFailed.emit(self._restoring_server, as_api_error(error))

    def _on_restored(self, result: SignedIn | None) -> None:
        self.remembered.restored(result)
        self.current = result
        self.restoreFinished.emit(result)

    # -- signing in again after the session ended ---------------------------------

    def reauthenticate(self, password: str) -> Task | None:
        """Sign the current person in again on the same client (its token is renewed).

        None (nothing sent) when nobody is signed in or a sign-in is running; the
        task answers whether a remembered token was stored safely and when the new
        session ends, and ``sessionRenewed`` follows.
        """
        current = self.current
        if current is None or self._busy:
            return None
        self._busy = True
        task = self._runner.submit("re-sign-in", self._reauth_job, current, password)
        task.finished.connect(self._on_reauth_finished)
        task.succeeded.connect(self._on_reauthed)
        return task

    def _reauth_job(self, current: SignedIn, password: str) -> tuple[bool, datetime | None]:
        session = current.client.sign_in(current.user.email, password)
        stored_safely = True
        if current.remembered and session.token:
            stored_safely = self.remembered.save_token(
                current.server, session.token, current.user.email
            )
        return stored_safely, session.expires_at

    def _on_reauthed(self, result: tuple[bool, datetime | None]) -> None:
        self._renewed(result[1])

    def renewed_by_browser(self, expires_in: int) -> Task | None:
        """The current client holds a new session (signed in again with the browser):
        note when it ends, and keep it in the keyring when the session is remembered."""
        expires_at = datetime.now(UTC) + timedelta(seconds=expires_in) if expires_in else None
        self._renewed(expires_at)
        current = self.current
        if current is None or not current.remembered:
            return None
        return self._runner.submit("remember-token", self.remembered.keep_token_job, current)

    def _renewed(self, expires_at: datetime | None) -> None:
        current = self.current
        if current is None:
            return
        renewed = dataclasses.replace(current, expires_at=expires_at)
        self.current = renewed
        if renewed.remembered:
            self.remembered.note_expiry(renewed.server, renewed.user.email, expires_at)
        self.sessionRenewed.emit(renewed)

    def _on_reauth_finished(self) -> None:
        self._busy = False

    # -- switch server, sign out -----------------------------------------------------

    def leave(self) -> None:
        """Stop using the current session without ending it: its remembered token stays
        in the keyring (it is per server and account), for coming back to that server."""
        self.current = None

    def forget_server(self, server: str, email: str) -> Task | None:
        """A remembered server is forgotten: so is its remembered session (the keyring
        entry is deleted in the background; the server is not told)."""
        self.remembered.forget(server, email)
        if not self._remember_allowed:
            return None
        return self._runner.submit("forget-server", self.remembered.delete_job, server, email)

    # -- sign out ----------------------------------------------------------------

    def sign_out(self) -> None:
        current = self.current
        self.current = None
        self.remembered.clear()
        if current is not None:
            self.remembered.forget_expiry(current.server, current.user.email)
        if current is None:
            self.signedOut.emit()
            return
        # The token is forgotten and the server told in the background; the
        # person is back at sign-in at once, even if the server is unreachable.
        self._runner.submit("sign-out", self._sign_out_job, current)
        self.signedOut.emit()

    def _sign_out_job(self, current: SignedIn) -> None:
        if current.remembered:
            self.remembered.delete_job(current.server, current.user.email)
        try:
            current.client.sign_out()
        except ApiError as exc:
            log.info("The server did not end the session: %s", exc)
