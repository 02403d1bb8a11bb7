"""``--simulate-traffic``: a few demo keys call the sandbox every few seconds.

The calls go over real HTTP to the sandbox itself, so Last used and the
events move exactly as they would for an outside client. The secrets live
only in this object's memory; a key that answers 401 (someone revoked it in
the app) is dropped.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import ssl
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from rakerone_desktop import __version__
from rakerone_desktop.sandbox.demo_data import PLAYBOOKS

log = logging.getLogger("rakerone.sandbox.traffic")

USER_AGENT = f"rakerone-sandbox-traffic/{__version__}"


class TrafficSimulator:
    def __init__(
        self,
        url: str,
        key_secrets: Mapping[str, str],
        period: tuple[float, float] = (2.0, 5.0),
        timeout: float = 1.5,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        parts = urlsplit(url)
        self._ssl = ssl_context  # set when the sandbox serves HTTPS
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        # key id -> (secret, permissions once known)
        self._keys: dict[str, tuple[str, frozenset[str] | None]] = {
            key_id: (secret, None) for key_id, secret in key_secrets.items()
        }
        self._period = period
        self._timeout = timeout
        self._rng = random.Random()  # noqa: S311 - timing jitter, not a secret
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sandbox-traffic", daemon=True)

    def __repr__(self) -> str:
        return f"TrafficSimulator(keys={len(self._keys)})"  # never the secrets

    def start(self) -> None:
        if not self._keys:
            log.warning(
                "simulate-traffic: no key secrets in memory (the database was reopened "
                "or has no keys), so there is no traffic to simulate"
            )
            return
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while self._keys and not self._stop.wait(self._rng.uniform(*self._period)):
            key_id = self._rng.choice(sorted(self._keys))
            try:
                self._tick(key_id)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                # The server may be shutting down; try again next tick.
                log.debug("simulate-traffic: call failed: %s", type(exc).__name__)

    def _tick(self, key_id: str) -> None:
        secret, permissions = self._keys[key_id]
        if permissions is None:
            status, body = self._call(secret, "GET", "/api/v1/me")
            if status == 200:
                self._keys[key_id] = (secret, frozenset(body.get("permissions", ())))
        else:
            method, path, payload = self._pick_call(permissions)
            status, _ = self._call(secret, method, path, payload)
        if status == 401:
            log.info("simulate-traffic: key %s no longer works; leaving it alone", key_id)
            del self._keys[key_id]

    def _pick_call(self, permissions: frozenset[str]) -> tuple[str, str, Any]:
        calls: list[tuple[str, str, Any]] = [("GET", "/api/v1/me", None)]
        if "playbooks.run" in permissions:
            playbook = self._rng.choice(sorted(PLAYBOOKS))
            calls.append(("POST", f"/api/v1/playbooks/{playbook}/runs", None))
        if "records.write" in permissions:
            number = self._rng.randint(1000, 9999)
            calls.append(
                (
                    "POST",
                    "/api/v1/records",
                    {"title": f"Imported contact #{number}", "fields": {"source": "sync"}},
                )
            )
        return self._rng.choice(calls)

    def _call(
        self, secret: str, method: str, path: str, payload: Any = None
    ) -> tuple[int, dict[str, Any]]:
        connection = (
            http.client.HTTPSConnection(
                self._host, self._port, timeout=self._timeout, context=self._ssl
            )
            if self._ssl is not None
            else http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
        )
        try:
            headers = {"Authorization": f"Bearer {secret}", "User-Agent": USER_AGENT}
            body = None
            if payload is not None:
                body = json.dumps(payload).encode("utf-8")
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        parsed = json.loads(data) if data and response.status == 200 else {}
        return response.status, parsed if isinstance(parsed, dict) else {}
