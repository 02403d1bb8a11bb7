"""409 in-progress: a second create with the same Idempotency-Key while the first runs."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox.services import keys as key_service
from tests.support.inprocess_sandbox import serve_in_thread
from tests.support.sandbox_http import API, assert_problem, sign_in


def test_a_create_still_running_answers_409(monkeypatch: pytest.MonkeyPatch) -> None:
    entered, release = threading.Event(), threading.Event()
    real_generate = keyformat.generate_key

    def slow_generate() -> str:
        # Holds the first create between its idempotency claim and its insert.
        entered.set()
        assert release.wait(30)
        return real_generate()

    monkeypatch.setattr(key_service.keyformat, "generate_key", slow_generate)
    with serve_in_thread() as (url, seeded):
        token = sign_in(url, seeded.admin_email, seeded.admin_password)
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())}
        body = {"name": "Slow key", "permissions": []}

        def create() -> requests.Response:
            return requests.post(url + API + "/api-keys", json=body, headers=headers, timeout=30)

        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(create)
            assert entered.wait(30)
            second = create()
            assert_problem(second, 409, "in-progress")
            assert second.headers["Retry-After"] == "1"
            release.set()
            assert first.result().status_code == 201
        replay = create()
        assert replay.status_code == 200
        assert replay.json()["api_key"]["id"] == first.result().json()["api_key"]["id"]


def test_a_failed_create_releases_its_idempotency_key(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_generate = keyformat.generate_key

    def failing_once() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("simulated crash in the middle of a create")
        return real_generate()

    monkeypatch.setattr(key_service.keyformat, "generate_key", failing_once)
    with serve_in_thread() as (url, seeded):
        token = sign_in(url, seeded.admin_email, seeded.admin_password)
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())}
        body = {"name": "Retried key", "permissions": []}
        failed = requests.post(url + API + "/api-keys", json=body, headers=headers, timeout=30)
        assert_problem(failed, 500, "internal")
        retried = requests.post(url + API + "/api-keys", json=body, headers=headers, timeout=30)
        assert retried.status_code == 201
