"""Security item 16: the database holds digests, never a key, a token or a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox.launcher import SandboxProcess
from tests.support.sandbox_http import Api, admin_api, member_api

pytestmark = pytest.mark.integration


def _database_bytes(db: Path) -> bytes:
    """The database file and its WAL and shared-memory companions, as they are on disk."""
    parts = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    return b"".join(part.read_bytes() for part in parts if part.exists())


def _encodings(secret: str) -> list[bytes]:
    # UTF-8, and UTF-16 in case anything ever stored text that way.
    return [secret.encode("utf-8"), secret.encode("utf-16-le")]


def test_database_holds_no_secret(tmp_path: Path) -> None:
    db = tmp_path / "secrets.db"
    admin_password, member_password = "Adm1n-pass-phrase", "Memb3r-pass-phrase"
    with SandboxProcess(
        "--db", str(db), "--seed", "demo",
        "--admin-password", admin_password, "--member-password", member_password,
    ) as sandbox:  # fmt: skip
        admin = admin_api(sandbox.ready)
        member = member_api(sandbox.ready)
        issued = [admin.create_key(f"Secret {i}", ["records.write"]) for i in range(5)]
        for created in issued:
            Api(sandbox.url, created["secret"]).post("/records", json={"title": "x"})
        secrets = [created["secret"] for created in issued]
        tokens = [admin.token, member.token]
        everything = [*secrets, *tokens, admin_password, member_password]
        assert all(everything)

        # While running (recent writes still in the WAL), and after a clean stop.
        snapshots = [_database_bytes(db)]
        assert sandbox.stop() == 0
        snapshots.append(_database_bytes(db))

    for data in snapshots:
        assert data
        for secret in everything:
            assert secret is not None
            for encoded in _encodings(secret):
                assert encoded not in data
        # The digests are there: proof that these bytes are the right database.
        assert all(keyformat.sha256_hex(s).encode() in data for s in secrets)
