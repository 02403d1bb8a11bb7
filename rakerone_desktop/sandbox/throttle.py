"""Sign-in throttling: 5 failures for one email within a minute lock it out.

An attempt is *reserved* before the slow password check and counted while it
runs: checking the count and taking a place are one step under the lock, so a
burst of concurrent guesses cannot all pass the check before the first of them
is counted. A successful sign-in gives its place back; a failed one keeps it.
So no more than 5 attempts per email per minute ever reach the password check.

Per email, not per IP: the contract protects accounts against password
guessing, and behind a NAT one office shares an address. Unknown emails are
tracked too, so the answer never tells which emails exist. Kept in memory: a
restart clears it, which is fine for a sandbox.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class LoginThrottle:
    def __init__(
        self,
        max_failures: int = 5,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max = max_failures
        self._window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _normalise(email: str) -> str:
        return email.strip().casefold()

    def reserve(self, email: str) -> tuple[float | None, int | None]:
        """Take a place for one password check: ``(token, None)``, or ``(None, seconds)``
        to wait when the email is locked out (nothing is counted then)."""
        now = self._clock()
        with self._lock:
            key = self._normalise(email)
            attempts = self._recent(key, now)
            if len(attempts) >= self._max:
                return None, self._wait(attempts, now)
            self._failures.setdefault(key, deque()).append(now)
            if len(self._failures) > 10_000:
                self._forget_idle(now)
            return now, None

    def succeeded(self, email: str, token: float) -> None:
        """The reserved attempt had the right password: it does not count."""
        with self._lock:
            attempts = self._failures.get(self._normalise(email))
            if attempts is None:
                return
            try:
                attempts.remove(token)
            except ValueError:  # already out of the window
                return
            if not attempts:
                del self._failures[self._normalise(email)]

    def retry_after(self, email: str) -> int | None:
        """Seconds until ``email`` may try again, or None when it may try now.

        While locked out, every attempt is refused, right password or wrong;
        refused attempts do not count as failures, or a client that keeps
        retrying would lock itself out for ever.
        """
        now = self._clock()
        with self._lock:
            failures = self._recent(self._normalise(email), now)
            if len(failures) < self._max:
                return None
            return self._wait(failures, now)

    def _wait(self, failures: deque[float], now: float) -> int:
        oldest = failures[-self._max]
        return max(1, math.ceil(oldest + self._window - now))

    def record_failure(self, email: str) -> None:
        now = self._clock()
        with self._lock:
            key = self._normalise(email)
            self._recent(key, now)
            self._failures.setdefault(key, deque()).append(now)
            if len(self._failures) > 10_000:
                self._forget_idle(now)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and failures[0] <= now - self._window:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def _forget_idle(self, now: float) -> None:
        # Bounded memory against a flood of made-up emails.
        for key in list(self._failures):
            self._recent(key, now)
