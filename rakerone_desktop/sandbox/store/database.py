"""The sandbox's SQLite database: one connection, one lock, WAL mode.

Why one connection behind a lock rather than one per thread: ``:memory:``
databases are private to their connection, SQLite admits one writer at a time
anyway, and every statement here takes well under a millisecond, so a single
serialised connection is both the simplest correct design and fast enough.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rakerone_desktop.sandbox.store.schema import _MIGRATIONS, _SCHEMA_V1, SCHEMA_VERSION


def _create_private(path: str) -> None:
    """Create the database file readable by its owner only (0600), if it is new.

    It holds password hashes and key digests. SQLite gives its ``-wal`` and
    ``-shm`` files the database file's permissions, so they are private too.
    """
    if path in {"", ":memory:"} or path.startswith("file:"):
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class Database:
    """The connection, its lock and the schema: opens (and makes or upgrades) the
    file, and gives every area's store its transactions. Thread-safe."""

    def __init__(self, path: str) -> None:
        _create_private(path)
        # isolation_level=None: no implicit transactions; ``write`` opens its own.
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a crash of the process (the sandbox's
            # restart guarantee); it gives up only the last commits on power loss,
            # and saves an fsync per request.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self.is_new = self._create_schema_if_missing()
            self._migrate()
            # A claim left 'in_progress' belongs to a process that died mid-create.
            self._conn.execute("DELETE FROM idempotency WHERE state = 'in_progress'")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        # One lock for reads too: the connection is shared, and a read inside a
        # consistent snapshot needs its statements to run back to back.
        with self._lock:
            if self._conn.in_transaction:
                # A read inside a change's transaction (``KeyStore.change_keys``'s
                # ``decide`` looking up a user or the policy) joins it.
                yield self._conn
                return
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def _create_schema_if_missing(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if row is not None:
            return False
        if self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            # Never add our tables to somebody else's database.
            raise ValueError("this SQLite file is not a sandbox database")
        # executescript commits any open transaction first, so it brings its own.
        self._conn.executescript(f"BEGIN IMMEDIATE;{_SCHEMA_V1}PRAGMA user_version = 1;COMMIT;")
        return True

    def _migrate(self) -> None:
        """Bring a database of an earlier version up to date, in place.

        Version 1 predates ``PRAGMA user_version`` (it reads 0 there); each
        step runs in its own transaction with the version it reaches, so an
        interrupted upgrade resumes where it stopped and loses nothing.
        """
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0]) or 1
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"this database was made by a newer sandbox (schema {version}; "
                f"this one knows up to {SCHEMA_VERSION})"
            )
        for step in range(version, SCHEMA_VERSION):
            script = _MIGRATIONS[step - 1]
            self._conn.executescript(
                f"BEGIN IMMEDIATE;{script}PRAGMA user_version = {step + 1};COMMIT;"
            )

    @property
    def schema_version(self) -> int:
        with self.read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def get_meta(self, key: str) -> str | None:
        with self.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
