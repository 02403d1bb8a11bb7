"""Sign in with your browser: the whole flow as one object, no widgets.

Ask the server how to sign in → make a PKCE verifier and a ``state`` → listen
on a loopback port → open the sign-in page in the system browser → wait for
the redirect → exchange the code (in the background, through the task
runner) → ``signedIn(token, expires_in)`` or ``failed(message)``. Cancellable
at every step; whatever happens, the listener is closed at the end.

Messages are for a person: this module's own are translated; the API
client's are its readable messages (shown as plain text).
"""

from __future__ import annotations

import contextlib
import enum
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from rakerone_desktop.api import oauth
from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.runtime.loopback import (
    DEFAULT_TIMEOUT_MS,
    LoopbackListener,
    Outcome,
    RedirectResult,
)
from rakerone_desktop.runtime.tasks import CancelledError, Task, TaskRunner

if TYPE_CHECKING:
    from rakerone_desktop.api.models import AuthMethods, TokenGrant
    from rakerone_desktop.api.protocol import ApiClient

log = logging.getLogger(__name__)

# Opens a URL in the system browser; False when it could not.
Opener = Callable[[QUrl], bool]


class State(enum.Enum):
    IDLE = "idle"
    LOOKING_UP = "looking_up"  # asking the server for its sign-in methods
    WAITING_FOR_BROWSER = "waiting_for_browser"
    EXCHANGING = "exchanging"  # trading the code for a token
    SIGNED_IN = "signed_in"
    FAILED = "failed"
    CANCELLED = "cancelled"


_FINAL = frozenset({State.SIGNED_IN, State.FAILED, State.CANCELLED})


class BrowserSignIn(QObject):
    """One browser sign-in to the server ``client`` talks to; use once."""

    stateChanged = Signal(object)
    # The browser could not be opened: the URL for the person to open themselves.
    openUrlFailed = Signal(str)
    # The session token and its lifetime in seconds (0 when the server didn't say).
    signedIn = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        *,
        opener: Opener | None = None,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        listen_port: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._opener: Opener = opener or QDesktopServices.openUrl
        self._timeout_ms = timeout_ms
        self._listen_port = listen_port
        self._state = State.IDLE
        self._task: Task | None = None
        self._listener: LoopbackListener | None = None
        self._pkce: oauth.Pkce | None = None
        self._token_endpoint = ""
        self._client_id = oauth.CLIENT_ID
        self.authorize_url = ""
        # Read on the worker thread: a session made after a cancel is ended there.
        self._cancel_requested = threading.Event()
        # The exception behind the last ``failed``, when there was one (for diagnostics).
        self.error: BaseException | None = None

    @property
    def state(self) -> State:
        return self._state

    @property
    def listener(self) -> LoopbackListener | None:
        return self._listener

    def start(self) -> None:
        if self._state is not State.IDLE:
            raise RuntimeError("a BrowserSignIn runs once")
        self._set_state(State.LOOKING_UP)
        self._task = self._runner.submit("auth methods", self._client.get_auth_methods)
        self._task.succeeded.connect(self._on_methods)
        self._task.failed.connect(self._on_task_failed)

    def cancel(self) -> None:
        """Stop at whatever step the flow is in; ``cancelled`` fires once."""
        if self._state in _FINAL:
            return
        self._cancel_requested.set()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._close_listener()
        self._set_state(State.CANCELLED)
        self.cancelled.emit()

    # -- steps ------------------------------------------------------------------------

    def _on_methods(self, methods: AuthMethods) -> None:
        self._task = None
        if self._state is not State.LOOKING_UP:
            return
        if methods.oauth is None:
            self._fail(self.tr("This server doesn't offer sign-in with a browser."))
            return
        self._token_endpoint = methods.oauth.token_endpoint
        self._client_id = methods.oauth.client_id
        try:
            oauth.check_endpoint(self._token_endpoint, "token")
            oauth.check_endpoint(methods.oauth.authorization_endpoint)
        except ApiError as exc:
            self._fail(exc.message, exc)
            return
        self._pkce = oauth.new_pkce()
        state = oauth.new_state()
        listener = LoopbackListener(
            state, timeout_ms=self._timeout_ms, port=self._listen_port, parent=self
        )
        listener.finished.connect(self._on_redirect)
        self._listener = listener
        if not listener.start():
            return  # _on_redirect has reported the failure
        self.authorize_url = oauth.authorize_url(
            methods.oauth.authorization_endpoint,
            client_id=self._client_id,
            redirect_uri=listener.redirect_uri,
            state=state,
            code_challenge=self._pkce.challenge,
        )
        self._set_state(State.WAITING_FOR_BROWSER)
        opened = False
        try:
            opened = bool(self._opener(QUrl(self.authorize_url)))
        except Exception:  # a broken desktop integration must not end the flow
            log.exception("opening the browser failed")
        if not opened and self.state is State.WAITING_FOR_BROWSER:  # not cancelled meanwhile
            self.openUrlFailed.emit(self.authorize_url)

    def _on_redirect(self, result: RedirectResult) -> None:
        if self._state in _FINAL:
            return
        if result.outcome is Outcome.CANCELLED:
            return  # cancel() has reported already
        if result.outcome is not Outcome.CODE or result.code is None:
            self._fail(result.message)
            return
        assert self._pkce is not None
        assert self._listener is not None
        self._set_state(State.EXCHANGING)
        self._task = self._runner.submit(
            "exchange sign-in code",
            self._exchange,
            self._token_endpoint,
            result.code,
            self._listener.redirect_uri,
            self._pkce.verifier,
            self._client_id,
        )
        self._task.succeeded.connect(self._on_exchanged)
        self._task.failed.connect(self._on_task_failed)

    def _exchange(
        self, endpoint: str, code: str, redirect_uri: str, verifier: str, client_id: str
    ) -> TokenGrant:
        # On a worker thread: the blocking HTTP call.
        grant = self._client.exchange_code(
            endpoint,
            code=code,
            redirect_uri=redirect_uri,
            code_verifier=verifier,
            client_id=client_id,
        )
        if self._cancel_requested.is_set():
            # Cancelled while the code was being exchanged: nobody will use this
            # session, so it is ended rather than left to live out its hours.
            with contextlib.suppress(ApiError):
                self._client.sign_out()
            raise CancelledError
        return grant

    def _on_exchanged(self, grant: TokenGrant) -> None:
        self._task = None
        if self._state is not State.EXCHANGING:
            return
        self._pkce = None
        self._set_state(State.SIGNED_IN)
        self.signedIn.emit(grant.access_token, grant.expires_in or 0)

    def _on_task_failed(self, exc: BaseException) -> None:
        self._task = None
        if self._state in _FINAL:
            return
        message = exc.message if isinstance(exc, ApiError) else str(exc)
        self._fail(message or self.tr("Sign-in failed."), exc)

    # -- ends -------------------------------------------------------------------------

    def _fail(self, message: str, exc: BaseException | None = None) -> None:
        self.error = exc
        self._pkce = None
        self._close_listener()
        self._set_state(State.FAILED)
        self.failed.emit(message)

    def _close_listener(self) -> None:
        if self._listener is not None and not self._listener.is_finished:
            self._listener.cancel()

    def _set_state(self, state: State) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)
