"""The command line: the ready line, options, signals, persistence, the temp database."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from rakerone_desktop.sandbox import openapi_export
from rakerone_desktop.sandbox.cli import main
from rakerone_desktop.sandbox.launcher import SandboxError, SandboxProcess
from tests.support.sandbox_http import (
    API,
    Api,
    StartSandbox,
    admin_api,
    assert_problem,
    poll_until,
    sign_in,
)
from tests.support.system import unavailable

pytestmark = pytest.mark.integration

READY_KEYS = ["url", "admin_email", "admin_password", "member_email", "member_password"]


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rakerone_desktop.sandbox", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_ready_line_is_the_only_stdout(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox(seed="demo")
    ready = sandbox.ready
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", ready.url)
    assert ready.admin_email == "admin@example.com"
    assert ready.member_email == "member@example.com"
    assert ready.admin_password
    assert ready.member_password
    token = sign_in(ready.url, ready.admin_email, ready.admin_password)
    Api(ready.url, token).get("/api-keys")
    assert sandbox.stop() == 0
    assert sandbox.extra_stdout == []


def test_ready_line_shape() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "rakerone_desktop.sandbox", "--seed", "empty"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        data = json.loads(line)
        assert list(data) == READY_KEYS
        assert line.endswith("\n")
        assert requests.get(data["url"] + API + "/me", timeout=30).status_code == 401
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=10)
    assert out == ""
    assert process.returncode == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signals_stop_cleanly_within_five_seconds(
    start_sandbox: StartSandbox, sig: signal.Signals
) -> None:
    sandbox = start_sandbox("--simulate-traffic", seed="demo")
    admin = admin_api(sandbox.ready)
    # An idle keep-alive connection must not hold the shutdown up.
    assert admin.get("/api-keys").status_code == 200
    pid = sandbox.pid
    assert pid is not None
    started = time.monotonic()
    os.kill(pid, sig)
    assert sandbox.stop(timeout=10) == 0
    assert time.monotonic() - started < 5


def test_remote_host_needs_allow_remote() -> None:
    result = _run("--host", "0.0.0.0")
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--seed", "lots"],
        ["--seed", "-5"],
        ["--port", "70000"],
        ["--session-ttl", "0"],
        ["--last-used-interval", "-1"],
        ["--bogus"],
        ["--scanning-public-key", "no-equals-sign"],
        ["--scanning-public-key", "id=/nonexistent/scanner.pem"],
        ["report-exposure"],
        ["report-exposure", "--url", "http://127.0.0.1:9", "not-a-key"],
    ],
)
def test_bad_options_exit_2(args: list[str]) -> None:
    assert main(args) == 2


def test_launcher_reports_a_failed_start() -> None:
    with pytest.raises(SandboxError, match=r"(?s)exited before it was ready.*allow-remote"):
        SandboxProcess("--host", "192.0.2.1").start()


def test_ipv6_loopback(start_sandbox: StartSandbox) -> None:
    try:
        sandbox = start_sandbox("--host", "::1")
    except SandboxError as exc:
        # Skipped on a machine without ::1; CI (CI=true) fails instead: it must run it.
        unavailable("an IPv6 loopback (::1)", f"enable IPv6 on the loopback ({exc})")
    assert sandbox.url.startswith("http://[::1]:")
    assert requests.get(sandbox.url + API + "/me", timeout=30).status_code == 401


def test_memory_database(start_sandbox: StartSandbox) -> None:
    admin = admin_api(start_sandbox("--db", ":memory:", seed="3").ready)
    assert admin.get("/api-keys", params={"status": "all"}).json()["total"] == 3
    admin.create_key("In memory")
    assert admin.get("/api-keys", params={"status": "all"}).json()["total"] == 4


def test_seed_n_generates_valid_keys(start_sandbox: StartSandbox) -> None:
    admin = admin_api(start_sandbox(seed="250").ready)
    body = admin.get("/api-keys", params={"status": "all", "limit": 1000}).json()
    assert body["total"] == 250
    assert len({k["id"] for k in body["items"]}) == 250
    assert {k["created_by"]["name"] for k in body["items"]} == {"Alex Admin", "Priya Patel"}


def test_default_database_is_deleted_at_exit(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox()
    # stderr is drained by its own thread: the line may trail the ready line.
    match = poll_until(
        lambda: re.search(r"database: (.+?)\)", sandbox.stderr_text()), 10, what="the log"
    )
    db = Path(match.group(1))
    assert db.exists()
    assert sandbox.stop() == 0
    assert not db.parent.exists()


def test_data_survives_a_restart(db_path: Path) -> None:
    with SandboxProcess("--db", str(db_path), "--seed", "empty") as first:
        ready = first.ready
        admin = admin_api(ready)
        created = admin.create_key("Survivor", ["records.read"])
        Api(ready.url, created["secret"]).get("/me")
        before = admin.get(f"/api-keys/{created['api_key']['id']}").json()
        assert before["last_used_at"] is not None
    with SandboxProcess("--db", str(db_path), "--seed", "demo") as second:
        again = second.ready
        # Reopened: no seeding (not even the demo keys), and no passwords to print.
        assert again.admin_password is None
        assert again.member_password is None
        admin = Api(again.url, sign_in(again.url, again.admin_email, ready.admin_password))
        listing = admin.get("/api-keys", params={"status": "all"}).json()
        assert [k["name"] for k in listing["items"]] == ["Survivor"]
        assert listing["items"][0] == before
        assert Api(again.url, created["secret"]).get("/me").status_code == 200


def test_password_options_replace_stored_passwords(db_path: Path) -> None:
    with SandboxProcess("--db", str(db_path), "--seed", "empty") as first:
        old = first.ready
        assert old.admin_password is not None
        old_token = sign_in(old.url, old.admin_email, old.admin_password)
    with SandboxProcess(
        "--db", str(db_path), "--admin-password", "new admin pw", "--member-password", "new mpw"
    ) as second:
        ready = second.ready
        assert ready.admin_password == "new admin pw"
        assert ready.member_password == "new mpw"
        sign_in(ready.url, ready.admin_email, "new admin pw")
        sign_in(ready.url, ready.member_email, "new mpw")
        response = requests.post(
            ready.url + API + "/sessions",
            json={"email": old.admin_email, "password": old.admin_password},
            timeout=30,
        )
        assert_problem(response, 401, "unauthenticated")
        # A new password ends the sessions opened with the old one.
        assert_problem(Api(ready.url, old_token).get("/me"), 401, "unauthenticated")


def test_not_a_sandbox_database(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE precious (x)")
    result = _run("--db", str(other))
    assert result.returncode == 1
    assert "not a sandbox database" in result.stderr


def test_export_openapi(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    assert main(["--export-openapi", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == openapi_export.render()


def test_logs_go_to_stderr_and_hold_no_secrets(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--admin-password", "s3cret-admin-pw", seed="demo")
    ready = sandbox.ready
    admin = admin_api(ready)
    created = admin.create_key("Logged?")
    key = Api(ready.url, created["secret"])
    key.get("/me")
    key.get("/api-keys")
    requests.post(
        ready.url + API + "/sessions",
        json={"email": ready.member_email, "password": "wrong-member-pw"},
        timeout=30,
    )
    assert sandbox.stop() == 0
    logs = sandbox.stderr_text()
    assert '"GET /api/v1/me" 200' in logs
    for secret in (created["secret"], admin.token, "s3cret-admin-pw", "wrong-member-pw",
                   ready.member_password, "Bearer", "Authorization"):  # fmt: skip
        assert secret
        assert secret not in logs
