"""P7: the sandbox under load. Create and revoke latency with 20 concurrent clients.

The listing figure (keys/s through pages of 1,000) reuses the P1 floor's
samples: plain requests fetching every page, as a client script would.

The load generator uses ``http.client`` on one keep-alive connection per
client thread: it is the lightest Python client, so on a 2-core machine that
it shares with the sandbox, as little of the latency as possible is its own.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.benchmarks.sandbox import BenchSandbox
from tests.benchmarks.stats import percentile

CLIENTS = 20
PER_CLIENT = 25


class _Client:
    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self._conn = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=60
        )
        self._headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }

    def post(
        self, path: str, body: object | None, headers: dict[str, str] | None = None
    ) -> tuple[float, dict[str, object]]:
        payload = json.dumps(body).encode() if body is not None else b""
        started = time.perf_counter()
        self._conn.request("POST", path, body=payload, headers={**self._headers, **(headers or {})})
        resp = self._conn.getresponse()
        data = resp.read()
        elapsed = time.perf_counter() - started
        if resp.status >= 300:
            raise RuntimeError(f"POST {path} answered {resp.status}: {data[:300]!r}")
        return elapsed, json.loads(data)

    def close(self) -> None:
        self._conn.close()


@dataclass
class LoadRound:
    create_ms: list[float] = field(default_factory=list)
    revoke_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0


def _permission_ids(sb: BenchSandbox) -> list[str]:
    with sb.session() as http_session:
        resp = http_session.get(sb.url + "/api/v1/permissions", timeout=30)
        resp.raise_for_status()
        return [p["id"] for p in resp.json()["items"] if not p["impersonation"]][:2]


def load_round(sb: BenchSandbox, clients: int = CLIENTS, per_client: int = PER_CLIENT) -> LoadRound:
    """``clients`` threads each create ``per_client`` keys, then (all together) revoke them."""
    permissions = _permission_ids(sb)
    out = LoadRound()
    lock = threading.Lock()
    start_create = threading.Barrier(clients)
    start_revoke = threading.Barrier(clients)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        client = _Client(sb.url, sb.token)
        created: list[str] = []
        creates: list[float] = []
        revokes: list[float] = []
        try:
            start_create.wait()
            for i in range(per_client):
                elapsed, body = client.post(
                    "/api/v1/api-keys",
                    {"name": f"Load test {n}-{i}", "permissions": permissions},
                    {"Idempotency-Key": str(uuid.uuid4())},
                )
                creates.append(elapsed * 1000)
                created.append(body["api_key"]["id"])  # type: ignore[index]
            start_revoke.wait()
            for key_id in created:
                elapsed, _ = client.post(f"/api/v1/api-keys/{key_id}/revoke", None)
                revokes.append(elapsed * 1000)
        except BaseException as exc:
            errors.append(exc)
            start_create.abort()
            start_revoke.abort()
        finally:
            client.close()
            with lock:
                out.create_ms.extend(creates)
                out.revoke_ms.extend(revokes)

    threads = [threading.Thread(target=work, args=(n,), name=f"p7-{n}") for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.wall_s = time.perf_counter() - started
    real = [e for e in errors if not isinstance(e, threading.BrokenBarrierError)]
    if real or errors:
        raise RuntimeError(f"P7 load round failed: {(real or errors)[0]!r}")
    return out


@dataclass
class ServerSamples:
    create_p50: list[float] = field(default_factory=list)
    create_p99: list[float] = field(default_factory=list)
    revoke_p50: list[float] = field(default_factory=list)
    revoke_p99: list[float] = field(default_factory=list)
    ops_per_s: list[float] = field(default_factory=list)


def measure_p7(sb: BenchSandbox, repeat: int) -> ServerSamples:
    out = ServerSamples()
    for rep in range(repeat + 1):
        r = load_round(sb)
        if rep == 0:
            continue
        out.create_p50.append(percentile(r.create_ms, 50))
        out.create_p99.append(percentile(r.create_ms, 99))
        out.revoke_p50.append(percentile(r.revoke_ms, 50))
        out.revoke_p99.append(percentile(r.revoke_ms, 99))
        out.ops_per_s.append((len(r.create_ms) + len(r.revoke_ms)) / r.wall_s)
    return out
