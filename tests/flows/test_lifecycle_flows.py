"""Edit, disable and enable, rotate on the server: the part-2 flows, without widgets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from rakerone_desktop.api.errors import ApiError, PreconditionFailedError
from rakerone_desktop.api.models import DisableResult, RotatedKey
from rakerone_desktop.flows.create import CreateFlow, CreateState, KeyExtras
from rakerone_desktop.flows.disable import DisableFlow, DisableState
from rakerone_desktop.flows.edit import EditFlow, EditState
from rakerone_desktop.flows.rotate import RotateFlow, RotateState
from tests.flows.fakes import FakeActions, FakeCall, RecordingView, key

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


class FakeLifecycle:
    def __init__(self) -> None:
        self.calls: list[FakeCall] = []

    def _call(self, name: str, *args: Any) -> FakeCall:
        call = FakeCall(name, *args)
        self.calls.append(call)
        return call

    def set_disabled(self, key_ids: list[str], disabled: bool) -> FakeCall:
        return self._call("disable" if disabled else "enable", list(key_ids))

    def update(self, key_id: str, version: int, changes: dict[str, Any]) -> FakeCall:
        return self._call("update", key_id, version, dict(changes))

    def read(self, key_id: str) -> FakeCall:
        return self._call("read", key_id)

    def rotate(self, key_id: str, grace: int) -> FakeCall:
        return self._call("rotate", key_id, grace)


def live(key_id: str, **changes: Any):
    base = msgspec.structs.replace(key(key_id), status="active", version=1)
    return msgspec.structs.replace(base, **changes)


# -- disable and enable -------------------------------------------------------------------


def test_disable_of_an_idle_key_is_immediate(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = DisableFlow(actions, view, clock=lambda: NOW)
    assert flow.disable([live("key_a", last_used_at=NOW - timedelta(hours=2))])
    assert view.count("ask_disable") == 0  # no question, no typing
    assert flow.state is DisableState.WORKING
    assert actions.calls[0].args == (["key_a"],)
    result = (DisableResult(id="key_a", outcome="disabled"),)
    actions.calls[0].succeed((result, [live("key_a", status="disabled")]))
    assert flow.state is DisableState.IDLE
    assert view.count("disable_done") == 1


def test_disable_asks_only_when_the_key_was_used_in_the_last_hour(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = DisableFlow(actions, view, clock=lambda: NOW)
    flow.disable([live("key_a", last_used_at=NOW - timedelta(minutes=10))])
    assert flow.state is DisableState.CONFIRMING
    assert view.count("ask_disable") == 1
    assert actions.calls == []  # nothing sent before the answer
    flow.cancel()
    assert flow.state is DisableState.IDLE and actions.calls == []
    flow.disable([live("key_a", last_used_at=NOW - timedelta(minutes=10))])
    flow.confirm()
    assert [c.name for c in actions.calls] == ["disable"]


def test_enable_only_disabled_keys_and_a_failure_leaves_the_flow_idle(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = DisableFlow(actions, view, clock=lambda: NOW)
    assert not flow.enable([live("key_a")])  # an active key: nothing to enable
    assert flow.enable([live("key_b", status="disabled")])
    assert actions.calls[0].name == "enable"
    actions.calls[0].fail(ApiError("boom"))
    assert flow.state is DisableState.IDLE
    assert view.count("disable_failed") == 1


def test_one_disable_at_a_time(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = DisableFlow(actions, view, clock=lambda: NOW)
    flow.disable([live("key_a")])
    assert not flow.disable([live("key_b")])
    assert view.count("disable_busy") == 1
    assert len(actions.calls) == 1


# -- edit ---------------------------------------------------------------------------------


def test_edit_sends_the_version_it_read(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = EditFlow(actions, view)
    assert flow.open(live("key_a"))
    assert flow.state is EditState.EDITING
    flow.save({"name": "New"})
    assert actions.calls[0].args == ("key_a", 1, {"name": "New"})
    actions.calls[0].succeed(live("key_a", name="New", version=2))
    assert view.count("edit_saved") == 1
    assert flow.key.version == 2


def test_edit_conflict_reads_the_current_key_and_saves_over_it(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = EditFlow(actions, view)
    flow.open(live("key_a"))
    flow.save({"name": "Mine"})
    actions.calls[0].fail(PreconditionFailedError("changed", status=412))
    assert flow.state is EditState.CONFLICT
    assert actions.calls[1].name == "read"
    theirs = live("key_a", name="Theirs", version=5)
    actions.calls[1].succeed(theirs)
    assert view.seen[-1][0] == "edit_conflict" and view.seen[-1][1] is theirs
    flow.save({"name": "Mine"})  # again, over their version
    assert actions.calls[2].args == ("key_a", 5, {"name": "Mine"})


def test_edit_refuses_a_revoked_key_or_a_part_one_key(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = EditFlow(actions, view)
    assert not flow.open(key("key_r", revoked_at=NOW))
    assert not flow.open(key("key_p"))  # no version: a part-1 answer
    assert view.count("edit_refused") == 2
    assert flow.state is EditState.IDLE


# -- rotate -------------------------------------------------------------------------------


def rotated(secret: str | None = "rk_secret") -> RotatedKey:
    return RotatedKey(
        api_key=live("key_new"),
        secret=secret,
        old_api_key=live("key_a", expires_at=NOW + timedelta(hours=24)),
        replayed=secret is None,
    )


def test_rotate_in_one_call_then_copy_once(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = RotateFlow(actions, view)
    create_view = RecordingView()
    create = CreateFlow(FakeActions(), create_view)
    flow.delivered.connect(lambda created, _old: create.deliver_rotated(created))
    assert flow.open(live("key_a"))
    flow.confirm(86400)
    assert actions.calls[0].args == ("key_a", 86400)
    assert flow.state is RotateState.ROTATING
    actions.calls[0].succeed(rotated())
    assert flow.state is RotateState.IDLE
    assert create.state is CreateState.COPYING
    assert create_view.seen[-1] == ("show_value", "rk_secret", live("key_new").name, False)


def test_a_lost_rotate_answer_is_recovered_like_a_lost_create(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = RotateFlow(actions, view)
    create_view = RecordingView()
    create = CreateFlow(FakeActions(), create_view)
    lost = []
    create.lost.connect(lost.append)
    flow.delivered.connect(lambda created, _old: create.deliver_rotated(created))
    flow.open(live("key_a"))
    flow.confirm(3600)
    actions.calls[0].succeed(rotated(secret=None))  # the replay of a lost answer
    assert create.state is CreateState.LOST_VALUE
    assert create_view.count("ask_recover") == 1
    assert lost[0].key.id == "key_new"


def test_a_failed_rotation_keeps_the_dialog_choosing(qapp):
    actions, view = FakeLifecycle(), RecordingView()
    flow = RotateFlow(actions, view)
    flow.open(live("key_a"))
    flow.confirm(0)
    actions.calls[0].fail(ApiError("500"))
    assert flow.state is RotateState.CHOOSING
    assert view.count("rotate_failed") == 1
    flow.confirm(0)  # try again
    assert len(actions.calls) == 2


def test_rotate_refuses_a_disabled_key(qapp):
    flow = RotateFlow(FakeLifecycle(), view := RecordingView())
    assert not flow.open(live("key_a", status="disabled"))
    assert view.count("rotate_refused") == 1


# -- create with the part-2 fields --------------------------------------------------------


def test_key_extras_with_the_same_choices_are_the_same_request():
    first = KeyExtras(tags=("a",), expiry_choice=30, expires_at=NOW)
    again = KeyExtras(tags=("a",), expiry_choice=30, expires_at=NOW + timedelta(seconds=5))
    assert first == again  # a retry reuses the first attempt's time and key
    assert first != KeyExtras(tags=("a",), expiry_choice=90, expires_at=NOW)
