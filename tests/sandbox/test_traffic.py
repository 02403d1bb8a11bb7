"""--simulate-traffic: demo keys call the sandbox, so Last used and events move."""

from __future__ import annotations

from typing import Any

import pytest

from rakerone_desktop.sandbox.traffic import USER_AGENT
from tests.support.sandbox_http import Api, StartSandbox, admin_api, poll_until

pytestmark = pytest.mark.integration


def _traffic_keys(admin: Api) -> list[dict[str, Any]]:
    items = admin.get("/api-keys", params={"limit": 1000}).json()["items"]
    return [k for k in items if k["last_used_user_agent"] == USER_AGENT]


def test_simulated_traffic_moves_last_used(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--simulate-traffic", "--last-used-interval", "0", seed="demo")
    admin = admin_api(sandbox.ready)
    # The simulator calls every 2 to 5 seconds; allow several rounds.
    used = poll_until(lambda: _traffic_keys(admin), timeout=30, interval=0.5, what="traffic")
    key = used[0]
    assert key["last_used_ip"] == "127.0.0.1"
    events = admin.get(f"/api-keys/{key['id']}/events").json()["items"]
    assert events[0]["actor"] == {"kind": "api_key", "id": key["id"], "name": key["name"]}
    assert sandbox.stop() == 0
    assert "rone_" not in sandbox.stderr_text()


def test_traffic_without_secrets_says_so(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--simulate-traffic")  # empty seed: no keys to drive
    poll_until(lambda: "no key secrets in memory" in sandbox.stderr_text(), 10, what="warning")
    assert sandbox.stop() == 0
