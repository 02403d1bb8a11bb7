"""When the session ends mid-flow: sign in again, then finish what was started.

A call that fails with ``UnauthenticatedError`` (the token expired or was
revoked) hands this flow two callables: how to run again, and how to report
the failure if the person gives up. The first such call asks the person to
sign in again; once they have, every waiting call runs again with the very
input it had (a create keeps its Idempotency-Key).

A call that was already on its way when the person gave up, and fails with
the lost session after that, fails as it would have: it does not ask again
(the person just said no). A call started after that asks again. Calls tell
which they are by the ``epoch`` they read when they started.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError, UnauthenticatedError, as_api_error
from rakerone_desktop.runtime.tasks import Task


class ReauthState(enum.Enum):
    SIGNED_IN = "signed in"
    ASKING = "asking"  # the sign-in dialog asks for the password
    SIGNING_IN = "signing in"  # the password went out


class Reauthenticator(Protocol):
    def reauthenticate(self, password: str) -> Task | None: ...


class ReauthView(Protocol):
    def ask_password(self) -> None: ...
    def reauth_failed(self, error: ApiError) -> None: ...
    def reauth_done(self) -> None: ...


class ReauthFlow(QObject):
    """The session guard of one signed-in session (see ``controllers.call.Guard``)."""

    stateChanged = Signal(object)  # ReauthState

    def __init__(
        self, session: Reauthenticator, view: ReauthView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._view = view
        self._state = ReauthState.SIGNED_IN
        self._waiting: list[tuple[Callable[[], object], Callable[[], None]]] = []
        self._declined = 0  # how often the person gave up signing in again

    @property
    def epoch(self) -> int:
        """Read by a call when it starts; changes each time the person gives up."""
        return self._declined

    @property
    def state(self) -> ReauthState:
        return self._state

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def _set(self, state: ReauthState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def intercept(
        self,
        error: object,
        retry: Callable[[], object],
        give_up: Callable[[], None],
        started: int | None = None,
    ) -> bool:
        """True if ``error`` is a lost session: the call waits for a new sign-in.

        ``started`` is the ``epoch`` when the call started: if the person gave
        up signing in since, the call is not held (False) and fails at once."""
        if not isinstance(error, UnauthenticatedError):
            return False
        if started is not None and started != self._declined:
            return False
        self._waiting.append((retry, give_up))
        if self._state is ReauthState.SIGNED_IN:
            self._set(ReauthState.ASKING)
            self._view.ask_password()
        return True

    def submit(self, password: str) -> None:
        """The person's password: sign in again on the same client."""
        if self._state is not ReauthState.ASKING:
            return
        task = self._session.reauthenticate(password)
        if task is None:
            return
        self._set(ReauthState.SIGNING_IN)
        task.succeeded.connect(self._on_signed_in)
        task.failed.connect(self._on_failed)

    def signed_in_elsewhere(self) -> None:
        """The person signed in again another way (with their browser): the same
        client holds a new session, and every waiting call is retried."""
        if self._state is not ReauthState.ASKING:
            return
        self._set(ReauthState.SIGNING_IN)
        self._on_signed_in(True)

    def _on_failed(self, error: object) -> None:
        if self._state is ReauthState.SIGNING_IN:
            self._set(ReauthState.ASKING)
            self._view.reauth_failed(as_api_error(error))

    def _on_signed_in(self, _stored_safely: object) -> None:
        if self._state is not ReauthState.SIGNING_IN:
            return  # the person gave up meanwhile
        self._set(ReauthState.SIGNED_IN)
        self._view.reauth_done()
        waiting, self._waiting = self._waiting, []
        for retry, _give_up in waiting:
            retry()

    def cancel(self) -> None:
        """The person gave up signing in: every waiting call fails as it would have."""
        if self._state is ReauthState.SIGNED_IN:
            return
        self._declined += 1
        self._set(ReauthState.SIGNED_IN)
        waiting, self._waiting = self._waiting, []
        for _retry, give_up in waiting:
            give_up()
