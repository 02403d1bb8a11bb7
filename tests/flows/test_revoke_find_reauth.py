"""The revoke, find-by-value and sign-in-again flows, without widgets."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError, UnauthenticatedError
from rakerone_desktop.flows.find import FindFlow, FindState
from rakerone_desktop.flows.reauth import ReauthFlow, ReauthState
from rakerone_desktop.flows.revoke import REFRESH_ABOVE, RevokeFlow, RevokeState
from tests.flows.fakes import FakeActions, RecordingView, key, revoked

# -- revoke ------------------------------------------------------------------------------


def test_revoke_confirm_then_results(qapp):
    actions, view = FakeActions(), RecordingView()
    flow = RevokeFlow(actions, view)
    heard = []
    flow.revoked.connect(heard.append)
    assert flow.start([key("key_a"), key("key_b")])
    assert flow.state is RevokeState.CONFIRMING
    assert actions.calls == []  # nothing is sent before the person confirms
    flow.confirm(["key_a", "key_b"])
    assert flow.state is RevokeState.REVOKING
    actions.calls[0].succeed(revoked("key_a", "key_b"))
    assert flow.state is RevokeState.DONE
    assert [r.id for r in heard[0]] == ["key_a", "key_b"]
    flow.closed()
    assert flow.state is RevokeState.IDLE


def test_one_revoke_at_a_time(qapp):
    actions, view = FakeActions(), RecordingView()
    flow = RevokeFlow(actions, view)
    flow.start([key("key_a")])
    flow.confirm(["key_a"])
    flow.confirm(["key_a"])  # a second click
    assert len(actions.named("revoke")) == 1
    assert view.count("revoke_running_elsewhere") == 1
    assert flow.start([key("key_b")])  # the open dialog is raised, not a second one opened
    assert view.count("open_revoke") == 1 and view.count("raise_revoke") == 1
    flow.closed()  # closed while the revoke runs: a new one must wait
    assert not flow.start([key("key_b")])
    assert view.names()[-1] == "revoke_refused"
    actions.calls[0].succeed(revoked("key_a"))
    assert flow.start([key("key_b")])


def test_a_failed_revoke_can_be_confirmed_again(qapp):
    actions, view = FakeActions(), RecordingView()
    flow = RevokeFlow(actions, view)
    flow.start([key("key_a")])
    flow.confirm(["key_a"])
    actions.calls[0].fail(ApiError("down"))
    assert flow.state is RevokeState.CONFIRMING
    flow.confirm(["key_a"])
    assert len(actions.named("revoke")) == 2


def test_a_big_revoke_refreshes_the_list(qapp):
    actions, view = FakeActions(), RecordingView()
    flow = RevokeFlow(actions, view)
    refreshes = []
    flow.refreshNeeded.connect(lambda: refreshes.append(1))
    ids = [f"key_{n}" for n in range(REFRESH_ABOVE + 1)]
    flow.start([key(i) for i in ids])
    flow.confirm(ids)
    actions.calls[0].succeed(revoked(*ids))
    assert refreshes == [1]


# -- find by value ---------------------------------------------------------------------------


def test_only_the_newest_lookup_is_heard(qapp):
    actions, view = FakeActions(), RecordingView()
    flow = FindFlow(actions, view)
    flow.open()
    assert flow.state is FindState.OPEN
    flow.lookup(["a" * 64])
    first = actions.calls[0]
    flow.lookup(["b" * 64])
    second = actions.calls[1]
    assert flow.state is FindState.LOOKING_UP
    first.succeed([("a" * 64, None)])  # late: the person asked again meanwhile
    assert view.count("show_found") == 0
    assert flow.state is FindState.LOOKING_UP
    second.succeed([("b" * 64, key())])
    assert view.count("show_found") == 1
    assert flow.state is FindState.OPEN


def test_a_lookup_answering_after_the_dialog_closed_is_dropped(qapp):
    actions, view = FakeActions(), RecordingView()
    flow = FindFlow(actions, view)
    flow.open()
    flow.lookup(["a" * 64])
    flow.closed()
    actions.calls[0].fail(ApiError("late"))
    assert view.count("lookup_failed") == 0
    assert flow.state is FindState.CLOSED
    flow.open()
    flow.open()
    assert view.count("open_find") == 2 and view.count("raise_find") == 1


# -- signing in again mid-flow -------------------------------------------------------------


class FakeTask(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class FakeSession:
    def __init__(self) -> None:
        self.tasks: list[tuple[str, FakeTask]] = []

    def reauthenticate(self, password: str) -> FakeTask:
        task = FakeTask()
        self.tasks.append((password, task))
        return task


def test_every_waiting_call_runs_again_after_one_sign_in(qapp):
    session, view = FakeSession(), RecordingView()
    flow = ReauthFlow(session, view)
    ran: list[str] = []
    assert not flow.intercept(ApiError("other"), lambda: ran.append("x"), lambda: None)
    assert flow.intercept(UnauthenticatedError(), lambda: ran.append("create"), lambda: None)
    assert flow.intercept(UnauthenticatedError(), lambda: ran.append("revoke"), lambda: None)
    assert flow.state is ReauthState.ASKING
    assert view.count("ask_password") == 1  # asked once, for both
    flow.submit("wrong")
    assert flow.state is ReauthState.SIGNING_IN
    session.tasks[0][1].failed.emit(ApiError("Wrong password"))
    assert flow.state is ReauthState.ASKING
    assert view.count("reauth_failed") == 1
    assert ran == []
    flow.submit("right")
    session.tasks[1][1].succeeded.emit(True)
    assert flow.state is ReauthState.SIGNED_IN
    assert ran == ["create", "revoke"]
    assert flow.waiting == 0


def test_giving_up_fails_every_waiting_call(qapp):
    session, view = FakeSession(), RecordingView()
    flow = ReauthFlow(session, view)
    gave_up: list[str] = []
    flow.intercept(UnauthenticatedError(), lambda: None, lambda: gave_up.append("create"))
    flow.submit("pw")
    flow.cancel()
    assert gave_up == ["create"]
    assert flow.state is ReauthState.SIGNED_IN
    session.tasks[0][1].succeeded.emit(True)  # the late answer retries nothing
    assert view.count("reauth_done") == 0


def test_a_call_on_its_way_when_the_person_gave_up_does_not_ask_again(qapp):
    session, view = FakeSession(), RecordingView()
    flow = ReauthFlow(session, view)
    first, straggler = flow.epoch, flow.epoch  # two calls start
    gave_up: list[str] = []
    assert flow.intercept(UnauthenticatedError(), lambda: None, lambda: None, first)
    flow.cancel()  # the person closes "Sign in again"
    # The other call's answer comes after that: it fails as it would have.
    assert not flow.intercept(
        UnauthenticatedError(), lambda: None, lambda: gave_up.append("x"), straggler
    )
    assert view.count("ask_password") == 1 and flow.state is ReauthState.SIGNED_IN
    # A call the person starts now asks again.
    assert flow.intercept(UnauthenticatedError(), lambda: None, lambda: None, flow.epoch)
    assert view.count("ask_password") == 2 and flow.state is ReauthState.ASKING
