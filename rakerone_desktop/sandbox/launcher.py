"""Start the sandbox as a child process and wait until it is ready.

Standard library only: the desktop app (``rakerone-desktop --sandbox``) and the
tests import this without FastAPI or uvicorn being importable in their own
interpreter.

    with SandboxProcess("--seed", "empty") as sandbox:
        requests.get(sandbox.ready.url + "/api/v1/me", ...)
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO, Any

DEFAULT_READY_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0


class SandboxError(RuntimeError):
    """The sandbox did not start, or stopped answering the way it should."""


@dataclass(frozen=True)
class ReadyInfo:
    """The ready line: where the sandbox listens and how to sign in.

    The passwords are None when an existing database was reopened without
    ``--admin-password``/``--member-password``. ``repr`` never shows them.
    """

    url: str
    admin_email: str
    admin_password: str | None = field(repr=False)
    member_email: str
    member_password: str | None = field(repr=False)
    # With --demo-scanner: the demo scanner key's identifier and private key file.
    scanner_key_id: str | None = None
    scanner_key_file: str | None = None

    @classmethod
    def from_line(cls, line: str) -> ReadyInfo:
        try:
            data = json.loads(line)
            info = cls(
                url=data["url"],
                admin_email=data["admin_email"],
                admin_password=data["admin_password"],
                member_email=data["member_email"],
                member_password=data["member_password"],
                scanner_key_id=data.get("scanner_key_id"),
                scanner_key_file=data.get("scanner_key_file"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise SandboxError(f"the sandbox printed an unexpected ready line ({exc})") from None
        for name in ("url", "admin_email", "member_email"):
            if not isinstance(getattr(info, name), str):
                raise SandboxError(f"the sandbox's ready line has a bad {name}")
        return info


class SandboxProcess:
    """One sandbox child process: ``start()`` it, read ``ready``, ``stop()`` it.

    ``args`` are the sandbox's command-line options; ``--port 0`` is added
    unless a port is given. The child's stderr is drained by a thread into
    memory (and into ``stderr_path`` when given), so it can never block the
    child; :meth:`stderr_text` returns what it logged.
    """

    def __init__(
        self,
        *args: str,
        python: str = sys.executable,
        ready_timeout: float = DEFAULT_READY_TIMEOUT,
        env: dict[str, str] | None = None,
        stderr_path: str | os.PathLike[str] | None = None,
    ) -> None:
        self.args: list[str] = list(args)
        if not any(a == "--port" or a.startswith("--port=") for a in self.args):
            self.args += ["--port", "0"]
        # The desktop app's own sandbox (the one that stops with its parent)
        # trusts the demo scanner key, so 'rakerone-sandbox report-exposure'
        # works against it with nothing to configure.
        if "--stop-with-parent" in self.args and "--demo-scanner" not in self.args:
            self.args.append("--demo-scanner")
        self._python = python
        self._ready_timeout = ready_timeout
        self._env = env
        self._stderr_path = stderr_path
        self._process: subprocess.Popen[bytes] | None = None
        self._ready: ReadyInfo | None = None
        self._stderr_lines: deque[str] = deque(maxlen=20_000)
        self._extra_stdout: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._threads: list[threading.Thread] = []

    def __repr__(self) -> str:
        pid = self._process.pid if self._process else None
        return f"SandboxProcess(pid={pid}, url={self._ready.url if self._ready else None!r})"

    # -- lifecycle ----------------------------------------------------------------

    def start(self) -> ReadyInfo:
        """Start the child and wait for its ready line; raise SandboxError if none comes."""
        if self._process is not None:
            raise SandboxError("this sandbox was already started")
        env = dict(os.environ if self._env is None else self._env)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        command = [self._python, "-m", "rakerone_desktop.sandbox", *self.args]
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert self._process.stdout is not None
        assert self._process.stderr is not None
        self._spawn(self._drain_stdout, self._process.stdout)
        self._spawn(self._drain_stderr, self._process.stderr)
        self._ready = self._wait_for_ready_line()
        return self._ready

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM, wait up to ``timeout`` s, then kill. Returns the exit code."""
        process = self._process
        if process is None:
            raise SandboxError("this sandbox was never started")
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for thread in self._threads:
            thread.join(2.0)
        return process.returncode

    def __enter__(self) -> SandboxProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self.stop()

    # -- what the child said --------------------------------------------------------

    @property
    def ready(self) -> ReadyInfo:
        if self._ready is None:
            raise SandboxError("the sandbox is not ready; call start() first")
        return self._ready

    @property
    def url(self) -> str:
        return self.ready.url

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.poll()

    @property
    def extra_stdout(self) -> list[str]:
        """Lines printed on stdout after the ready line (the contract: none)."""
        return list(self._extra_stdout)

    def stderr_text(self) -> str:
        return "".join(self._stderr_lines)

    def stderr_tail(self, lines: int = 30) -> str:
        return "".join(list(self._stderr_lines)[-lines:])

    # -- internals ----------------------------------------------------------------------

    def _spawn(self, target: Any, stream: IO[bytes]) -> None:
        thread = threading.Thread(
            target=target, args=(stream,), daemon=True, name=f"sandbox-{target.__name__}"
        )
        thread.start()
        self._threads.append(thread)

    def _drain_stdout(self, stream: IO[bytes]) -> None:
        first = True
        for raw in stream:
            line = raw.decode("utf-8", "replace")
            if first:
                self._lines.put(line)
                first = False
            else:
                self._extra_stdout.append(line)
        if first:
            self._lines.put(None)  # closed before any line: the child died
        stream.close()

    def _drain_stderr(self, stream: IO[bytes]) -> None:
        sink = open(self._stderr_path, "ab") if self._stderr_path else None  # noqa: SIM115
        try:
            for raw in stream:
                self._stderr_lines.append(raw.decode("utf-8", "replace"))
                if sink is not None:
                    sink.write(raw)
                    sink.flush()
        finally:
            if sink is not None:
                sink.close()
            stream.close()

    def _wait_for_ready_line(self) -> ReadyInfo:
        assert self._process is not None
        deadline = time.monotonic() + self._ready_timeout
        try:
            line = self._lines.get(timeout=self._ready_timeout)
        except queue.Empty:
            self._give_up()
            raise SandboxError(
                f"the sandbox was not ready within {self._ready_timeout:g} s"
                f"{self._stderr_excerpt()}"
            ) from None
        if line is None:
            # stdout closed: wait (briefly) for the exit code and the last of stderr.
            try:
                self._process.wait(max(0.1, min(5.0, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                self._give_up()
            self._threads[-1].join(2.0)  # the stderr drain: its last words
            raise SandboxError(
                f"the sandbox exited before it was ready (exit code {self._process.returncode})"
                f"{self._stderr_excerpt()}"
            )
        try:
            return ReadyInfo.from_line(line)
        except SandboxError:
            self._give_up()
            raise

    def _give_up(self) -> None:
        assert self._process is not None
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def _stderr_excerpt(self) -> str:
        tail = self.stderr_tail()
        return f"; its stderr ended with:\n{tail}" if tail else ""
