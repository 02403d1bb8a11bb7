"""The real Secret Service (security guide, line 6; issue #6, item 2).

gnome-keyring on a private D-Bus session, unlocked with a password on stdin,
and the app's :class:`TokenStore` over keyring's ``SecretService`` backend:
the token is saved, read back by a new store, forgotten, and never written
in plain text. It needs Debian's ``dbus`` and ``gnome-keyring``: where they are
missing it is skipped with the install line, except in CI (``CI=true``, and
``.ci/run`` installs them), where it fails, so CI can't pass without having
run it (``tests/support/system.py``).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.system import require_programs

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("secret_service_child.py")
SCRIPT = (
    'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets '
    '>/dev/null && exec "$CHILD_PYTHON" "$CHILD_SCRIPT" "$TOKEN"'
)


def test_token_store_on_the_real_secret_service(tmp_path):
    require_programs(("dbus-run-session", "dbus"), ("gnome-keyring-daemon", "gnome-keyring"))
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    token = "sess_" + secrets.token_urlsafe(32)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(ROOT),
        "KEYRING_PASSWORD": secrets.token_hex(8),
        "CHILD_PYTHON": sys.executable,
        "CHILD_SCRIPT": str(CHILD),
        "TOKEN": token,
    }
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, (result.stdout, result.stderr[-3000:])
    seen = json.loads(lines[0])
    assert seen == {
        "backend": "keyring.backends.SecretService.Keyring",
        "safe": True,
        "persistent": True,
        "saved": True,
        "loaded": True,
        "raw": True,
        "plain_text_files": [],
        "after_delete": None,
    }
    assert token not in result.stdout
    assert token not in result.stderr
