"""Secrets at rest and in logs (issue #12, item 5).

The database file and its ``-wal``/``-shm`` companions are private (0600); a
key or session token a client puts in a URL never reaches the log as it is;
the passwords can be given without putting them on the command line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rakerone_desktop.sandbox.cli import PASSWORD_ENV
from rakerone_desktop.sandbox.launcher import SandboxProcess
from rakerone_desktop.sandbox.masking import mask_secrets
from tests.support.sandbox_http import Api, admin_api, sign_in

pytestmark = pytest.mark.integration

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@posix_only
def test_the_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    db = tmp_path / "private.db"
    old = os.umask(0o022)  # as on most machines: files world-readable by default
    try:
        with SandboxProcess("--db", str(db), "--seed", "demo") as sandbox:
            admin_api(sandbox.ready).create_key("Writes to the WAL")
            files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
            assert all(f.exists() for f in files), files
            modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    finally:
        os.umask(old)
    assert modes == {f.name: 0o600 for f in files}


def test_keys_and_tokens_in_a_url_are_masked_in_the_access_log(tmp_path: Path) -> None:
    with SandboxProcess("--seed", "demo") as sandbox:
        admin = admin_api(sandbox.ready)
        secret = admin.create_key("Pasted into a URL")["secret"]
        token = admin.token
        assert secret and token
        admin.get(f"/api-keys/{secret}")
        admin.get(f"/{secret}/x/{token}")
        admin.get(f"/api-keys/key_{token}")
        admin.get("/api-keys", params={"cursor": secret, "status": token})
        Api(sandbox.url).get(f"/{token[:12]}")  # a truncated token is masked as well
        assert sandbox.stop() == 0
        log = sandbox.stderr_text()
    for value in (secret, token, secret[5:], token[5:], token[5:12]):
        assert value not in log
    assert '"GET /api/v1/api-keys/rone_[masked]" 404' in log
    assert "/api/v1/rone_[masked]/x/sess_[masked]" in log
    assert "/api/v1/api-keys/key_sess_[masked]" in log


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("/api-keys/rone_0123456789abcdefABCDEF", "/api-keys/rone_[masked]"),
        ("a sess_AbC-d_9 b", "a sess_[masked] b"),
        ("rone_ alone", "rone_ alone"),
        ("key_abc", "key_abc"),
    ],
)
def test_mask_secrets(text: str, masked: str) -> None:
    assert mask_secrets(text) == masked


def test_the_admin_password_can_come_from_a_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "admin-password"
    secret_file.write_text("from a file\n", encoding="utf-8")
    with SandboxProcess("--seed", "empty", "--admin-password-file", str(secret_file)) as sb:
        assert sb.ready.admin_password == "from a file"
        assert sign_in(sb.url, sb.ready.admin_email, "from a file")


def test_the_passwords_can_come_from_the_environment() -> None:
    env = {
        **os.environ,
        PASSWORD_ENV["admin"]: "from the environment",
        PASSWORD_ENV["member"]: "member from the environment",
    }
    with SandboxProcess("--seed", "empty", env=env) as sb:
        assert sign_in(sb.url, sb.ready.admin_email, "from the environment")
        assert sign_in(sb.url, sb.ready.member_email, "member from the environment")


def test_the_command_line_beats_the_file_which_beats_the_environment(tmp_path: Path) -> None:
    secret_file = tmp_path / "pw"
    secret_file.write_text("file\n", encoding="utf-8")
    env = {**os.environ, PASSWORD_ENV["admin"]: "environment"}
    with SandboxProcess(
        "--seed", "empty", "--admin-password-file", str(secret_file), env=env
    ) as sb:
        assert sb.ready.admin_password == "file"
    with SandboxProcess("--seed", "empty", "--admin-password", "option", env=env) as sb:
        assert sb.ready.admin_password == "option"


def test_an_unreadable_password_file_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rakerone_desktop.sandbox", "--db", ":memory:",
         "--admin-password-file", str(tmp_path / "missing")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--admin-password-file" in result.stderr


def test_help_says_where_else_a_password_can_come_from() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rakerone_desktop.sandbox", "--help"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    text = " ".join(result.stdout.split())
    assert "--admin-password-file" in text
    assert PASSWORD_ENV["admin"] in text
    assert "process list" in text or "can read a command line" in text
