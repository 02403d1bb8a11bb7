"""The sandbox under load (issue #6, item 6).

Twenty clients, each with its own admin session, start together and for a
while create keys, replay some creates (the same Idempotency-Key, as after a
lost answer), and revoke keys one by one and in bulk, while a reader pages
through the list. Afterwards the server's list must hold every key made,
once, with the right state: nothing lost, nothing duplicated, no replay that
made a second key, no 500 on the way.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field

import pytest

from rakerone_desktop.api.client import RakerOneClient, RetryPolicy
from rakerone_desktop.domain.keyformat import hint, is_valid_key, sha256_hex
from rakerone_desktop.sandbox.launcher import SandboxProcess

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CLIENTS = 20
ROUNDS = 25
PERMISSIONS = ["playbooks.view", "playbooks.run", "records.read", "records.write"]


@dataclass
class Worker:
    number: int
    created: dict[str, str] = field(default_factory=dict)  # id -> secret
    names: dict[str, str] = field(default_factory=dict)  # id -> name
    revoked: set[str] = field(default_factory=set)
    replays: int = 0
    errors: list[BaseException] = field(default_factory=list)


def _signed_in(url: str, email: str, password: str) -> RakerOneClient:
    """A client with its own admin session. Sessions are made one after another: the
    sign-in throttle lets at most five attempts for one email reach the password check
    at once, so twenty sign-ins in the same instant would be refused by design."""
    # No retries: any failure is the server's, and shows.
    client = RakerOneClient(base_url=url, retry=RetryPolicy(attempts=1))
    client.sign_in(email, password)
    return client


def _run(client: RakerOneClient, worker: Worker, start: threading.Barrier) -> None:
    rng = random.Random(worker.number)
    try:
        start.wait(60)
        for i in range(ROUNDS):
            name = f"load {worker.number:02d}-{i:02d}"
            perms = rng.sample(PERMISSIONS, rng.randint(0, len(PERMISSIONS)))
            idem = str(uuid.uuid4())
            made = client.create_key(name, perms, idempotency_key=idem)
            assert made.secret is not None
            assert not made.replayed
            assert list(made.api_key.permissions) == perms
            worker.created[made.api_key.id] = made.secret
            worker.names[made.api_key.id] = name
            if rng.random() < 0.3:
                # The same create again: the server answers with the same key, no secret.
                again = client.create_key(name, perms, idempotency_key=idem)
                assert again.replayed
                assert again.secret is None
                assert again.api_key.id == made.api_key.id
                worker.replays += 1
            mine = sorted(set(worker.created) - worker.revoked)
            roll = rng.random()
            if roll < 0.35 and mine:
                victim = rng.choice(mine)
                revoked = client.revoke_key(victim)
                assert revoked.id == victim
                assert revoked.revoked_at is not None
                worker.revoked.add(victim)
            elif roll < 0.5 and len(mine) >= 2:
                victims = rng.sample(mine, 2)
                results = client.revoke_keys([*victims, victims[0]])
                assert [r.outcome for r in results] == ["revoked", "revoked", "already_revoked"]
                worker.revoked.update(victims)
    except BaseException as exc:  # reported by the test, on its thread
        worker.errors.append(exc)
        start.abort()
    finally:
        client.close()


def _reader(client: RakerOneClient, stop: threading.Event, seen: list) -> None:
    try:
        while not stop.is_set():
            ids = [k.id for page in client.iter_key_pages(status="all", page_size=37)
                   for k in page.items]  # fmt: skip
            assert len(ids) == len(set(ids)), "a key was listed twice in one pass"
            seen.append(len(ids))
    except BaseException as exc:
        seen.append(exc)
    finally:
        client.close()


def test_twenty_clients_create_and_revoke_without_losing_or_doubling_a_key():
    with SandboxProcess("--seed", "empty") as sandbox:
        ready = sandbox.ready
        password = ready.admin_password or ""
        workers = [Worker(n) for n in range(CLIENTS)]
        start = threading.Barrier(CLIENTS)
        threads = [
            threading.Thread(
                target=_run, args=(_signed_in(ready.url, ready.admin_email, password), w, start)
            )
            for w in workers
        ]
        stop = threading.Event()
        seen: list = []
        reader = threading.Thread(
            target=_reader,
            args=(_signed_in(ready.url, ready.admin_email, password), stop, seen),
        )
        reader.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        stop.set()
        reader.join(60)
        assert not any(t.is_alive() for t in threads)
        errors = [e for w in workers for e in w.errors]
        assert errors == [], errors[:3]
        assert not [s for s in seen if isinstance(s, BaseException)], seen
        assert len(seen) > 1  # the reader paged while the writers wrote

        created = {k: s for w in workers for k, s in w.created.items()}
        names = {k: n for w in workers for k, n in w.names.items()}
        revoked = set().union(*(w.revoked for w in workers))
        assert len(created) == CLIENTS * ROUNDS
        assert len(set(created.values())) == len(created)  # every secret distinct
        assert all(is_valid_key(s) for s in created.values())

        check = RakerOneClient(base_url=ready.url)
        check.sign_in(ready.admin_email, password)
        listed = [k for page in check.iter_key_pages(status="all") for k in page.items]
        counts = Counter(k.id for k in listed)
        assert [i for i, n in counts.items() if n > 1] == []  # nothing listed twice
        assert set(counts) == set(created)  # nothing lost, nothing extra (replays made none)
        by_id = {k.id: k for k in listed}
        assert Counter(k.name for k in listed) == Counter(names.values())
        for key_id, secret in created.items():
            key = by_id[key_id]
            assert key.name == names[key_id]
            assert key.hint == hint(secret)
            assert (key.revoked_at is not None) == (key_id in revoked)
        assert check.list_keys(status="revoked", limit=1).total == len(revoked)
        assert check.list_keys(status="active", limit=1).total == len(created) - len(revoked)
        # Each value still finds its own key, and only its own.
        for key_id, secret in random.Random(1).sample(sorted(created.items()), 40):
            found = check.lookup_key(sha256_hex(secret))
            assert found is not None
            assert found.id == key_id
        check.close()
        assert sandbox.stop() == 0
