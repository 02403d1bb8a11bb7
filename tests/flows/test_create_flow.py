"""The create → copy flow, rotation and the recovery of a lost create, without widgets."""

from __future__ import annotations

import pytest

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.flows.create import CreateFlow, CreateState, Refusal, rotated_name
from rakerone_desktop.flows.recover import RecoverFlow, RecoverState
from tests.flows.fakes import FakeActions, RecordingView, created, key, revoked


@pytest.fixture
def rig(qapp):
    actions = FakeActions()
    view = RecordingView()
    flow = CreateFlow(actions, view)
    recover = RecoverFlow(actions, flow, view)
    return actions, view, flow, recover


def test_create_then_copy_once(rig):
    actions, view, flow, _ = rig
    assert flow.open()
    assert flow.state is CreateState.EDITING
    flow.submit("Billing", ["records.read"])
    assert flow.state is CreateState.CREATING
    actions.calls[0].succeed(created())
    assert flow.state is CreateState.COPYING
    assert view.seen[-1][0] == "show_value"
    assert view.seen[-1][1] == "rk_live_secret" and view.seen[-1][-1] is False
    # Nothing else starts while the value waits to be copied.
    view.wizard = False
    assert not flow.open()
    assert view.names()[-1] == "raise_copy"
    flow.value_closed()
    assert flow.state is CreateState.IDLE
    assert flow.open()


def test_an_open_wizard_is_raised_not_opened_twice(rig):
    _, view, flow, _ = rig
    flow.open()
    flow.open()
    assert view.count("open_wizard") == 1
    assert view.count("raise_wizard") == 1


def test_one_create_at_a_time(rig):
    actions, view, flow, _ = rig
    flow.open()
    flow.submit("A", [])
    flow.submit("A", [])  # a second click while the first is running
    assert len(actions.named("create")) == 1
    assert view.count("create_running_elsewhere") == 1
    # The wizard closed while creating: a new one is refused until the answer comes.
    view.wizard = False
    flow.wizard_closed(accepted=False)
    assert flow.state is CreateState.CREATING
    assert not flow.open()
    assert ("refuse", Refusal.BUSY) in view.seen


def test_a_failed_create_goes_back_to_the_wizard(rig):
    actions, view, flow, _ = rig
    flow.open()
    flow.submit("A", [])
    error = ApiError("no")
    actions.calls[0].fail(error)
    assert flow.state is CreateState.EDITING
    assert ("creation_failed", error) in view.seen
    flow.submit("A", [])  # the person tries again
    assert len(actions.named("create")) == 2


def test_rotation_records_old_and_new_once_the_new_key_exists(rig):
    actions, view, flow, _ = rig
    old = key("key_old", permissions=("records.read", "gone.permission"))
    assert flow.rotate(old, {"records.read"})
    name, permissions, rotating = view.seen[-1][1:]
    assert name == rotated_name(old.name)
    assert permissions == ["records.read"]  # a permission no longer in the catalog is dropped
    assert rotating == old
    flow.submit(name, permissions)
    actions.calls[0].succeed(created("key_new"))
    assert actions.rotations == [("key_old", "key_new")]
    assert view.seen[-1][0] == "show_value" and view.seen[-1][-1] is True


def test_a_cancelled_rotation_is_no_rotation(rig):
    actions, view, flow, _ = rig
    flow.rotate(key("key_old"), set())
    view.wizard = False
    flow.wizard_closed(accepted=False)
    assert flow.state is CreateState.IDLE
    flow.open()
    flow.submit("plain", [])
    actions.calls[0].succeed(created())
    assert actions.rotations == []


def test_rotating_a_revoked_or_no_key_is_refused(rig):
    _, view, flow, _ = rig
    assert not flow.rotate(None, set())
    assert not flow.rotate(key(revoked_at=created().api_key.created_at), set())
    assert view.seen == [("refuse", Refusal.NOTHING_TO_ROTATE)] * 2


def test_a_lost_value_is_recovered_and_the_rotation_carries_on(rig):
    actions, view, flow, recover = rig
    flow.rotate(key("key_old"), set())
    flow.submit("x", [])
    actions.calls[0].succeed(created("key_lost", secret=None))
    assert flow.state is CreateState.LOST_VALUE
    assert recover.state is RecoverState.ASKING
    assert view.names()[-1] == "ask_recover"
    recover.recover()
    assert recover.state is RecoverState.REVOKING
    assert flow.state is CreateState.RECOVERING
    assert actions.calls[1].args == (["key_lost"],)
    assert not flow.open()  # no other create while recovering
    actions.calls[1].succeed(revoked("key_lost"))
    assert recover.state is RecoverState.CREATING
    assert actions.forgotten == 1  # a fresh key, not the lost one replayed
    actions.calls[2].succeed(created("key_fresh"))
    assert recover.state is RecoverState.IDLE
    assert flow.state is CreateState.COPYING
    assert actions.rotations == [("key_old", "key_fresh")]


def test_a_failed_recreate_is_reported_and_frees_the_next_create(rig):
    actions, view, flow, recover = rig
    flow.open()
    flow.submit("x", [])
    actions.calls[0].succeed(created("key_lost", secret=None))
    recover.recover()
    actions.calls[1].succeed(revoked("key_lost"))
    error = ApiError("down")
    actions.calls[2].fail(error)
    assert ("recover_create_failed", error) in view.seen
    assert recover.state is RecoverState.IDLE
    assert flow.state is CreateState.IDLE
    view.wizard = False
    assert flow.open()


def test_recovery_waits_while_another_change_runs(rig):
    actions, view, flow, recover = rig
    flow.open()
    flow.submit("x", [])
    actions.calls[0].succeed(created("key_lost", secret=None))
    actions.revoke(["key_other"])  # a revoke of another flow is running
    recover.recover()
    assert view.names()[-1] == "recover_refused"
    assert recover.state is RecoverState.ASKING
    recover.keep()
    assert recover.state is RecoverState.IDLE
    assert flow.state is CreateState.IDLE
