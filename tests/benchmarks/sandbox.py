"""The sandbox the benchmark talks to: a child process, seeded with N keys.

Also the floors that only need plain HTTP: ``requests`` fetching every page
of keys (or only the first) and ``json.loads`` of each.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import requests

from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess

PAGE_SIZE = 1000
KEYS_PATH = "/api/v1/api-keys"
SEED_TIMEOUT = 180.0


@dataclass(frozen=True)
class RawFetch:
    seconds: float
    first_page_seconds: float
    keys: int
    pages: int


class BenchSandbox:
    """``with BenchSandbox(n) as sb:`` a sandbox with ``n`` keys and an admin token."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._dir = tempfile.TemporaryDirectory(prefix="rakerone-bench-")
        self._process = SandboxProcess(
            "--seed",
            str(n),
            "--db",
            str(Path(self._dir.name) / "sandbox.db"),
            ready_timeout=SEED_TIMEOUT,
            stderr_path=Path(self._dir.name) / "sandbox.log",
        )
        self.ready: ReadyInfo | None = None
        self.token = ""
        self.seed_seconds = 0.0

    def __enter__(self) -> BenchSandbox:
        started = time.perf_counter()
        self.ready = self._process.start()
        self.seed_seconds = time.perf_counter() - started
        self.token = self.sign_in()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._process.stop()
        finally:
            self._dir.cleanup()

    @property
    def url(self) -> str:
        assert self.ready is not None
        return self.ready.url

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def sign_in(self) -> str:
        assert self.ready is not None
        with requests.Session() as http:
            resp = http.post(
                self.url + "/api/v1/sessions",
                json={"email": self.ready.admin_email, "password": self.ready.admin_password},
                timeout=30,
            )
            resp.raise_for_status()
            token: str = resp.json()["token"]
            return token

    def session(self) -> requests.Session:
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {self.token}"
        return http

    def raw_fetch_all(self) -> RawFetch:
        """The P1 floor: plain requests over every page, ``json.loads`` of each."""
        with self.session() as http:
            started = time.perf_counter()
            first = 0.0
            cursor: str | None = None
            keys = pages = 0
            while True:
                params: dict[str, str | int] = {"status": "all", "limit": PAGE_SIZE}
                if cursor is not None:
                    params["cursor"] = cursor
                resp = http.get(self.url + KEYS_PATH, params=params, timeout=60)
                resp.raise_for_status()
                page = json.loads(resp.content)
                pages += 1
                keys += len(page["items"])
                if pages == 1:
                    first = time.perf_counter() - started
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            return RawFetch(time.perf_counter() - started, first, keys, pages)

    def raw_fetch_first_page(self) -> float:
        """The P2 floor: a fresh connection, the first page, ``json.loads``."""
        with self.session() as http:
            started = time.perf_counter()
            resp = http.get(
                self.url + KEYS_PATH, params={"status": "all", "limit": PAGE_SIZE}, timeout=60
            )
            resp.raise_for_status()
            json.loads(resp.content)
            return time.perf_counter() - started
