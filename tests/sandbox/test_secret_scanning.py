"""Exposure reports from secret scanning (issue 14): GitHub's partner format.

The signature rules are tested on the module itself and over HTTP; each
``on_exposure`` policy end to end against a real sandbox; the report command
against a running one.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import scanning
from rakerone_desktop.sandbox.cli import main
from rakerone_desktop.sandbox.launcher import SandboxProcess
from rakerone_desktop.sandbox.problems import Problem
from tests.support.sandbox_http import API, Api, StartSandbox, admin_api, assert_problem
from tests.support.scanner import Scanner

pytestmark = pytest.mark.integration

REPORTS = "/secret-scanning/reports"
LEAK_URL = "https://github.com/octo-org/octo-repo/blob/main/settings.py"


def _item(token: str, url: str = LEAK_URL, **extra: Any) -> dict[str, Any]:
    return {"token": token, "type": "rakerone_api_key", "url": url, "source": "content", **extra}


def _report(api_url: str, scanner: Scanner, body: bytes | list[Any]) -> requests.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("ascii")
    return requests.post(
        api_url + API + REPORTS, data=raw, headers=scanner.headers(raw), timeout=30
    )


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    return Scanner(tmp_path_factory.mktemp("scanner"))


@pytest.fixture(scope="module")
def scanning_sandbox(
    scanner: Scanner, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxProcess]:
    db = tmp_path_factory.mktemp("scanning") / "sandbox.db"
    with SandboxProcess("--seed", "empty", "--db", str(db), *scanner.option) as sandbox:
        yield sandbox


@pytest.fixture
def api(scanning_sandbox: SandboxProcess) -> Iterator[Api]:
    admin = admin_api(scanning_sandbox.ready)
    yield admin
    admin.close()


def _set_policy(api: Api, rule: str) -> None:
    response = api.request("PATCH", "/organization/key-policy", json={"on_exposure": rule})
    assert response.status_code == 200, response.text


def _audit(api: Api, key_id: str) -> list[dict[str, Any]]:
    response = api.get("/audit-events", params={"api_key_id": key_id, "action": "api_key.exposed"})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _me_status(url: str, secret: str) -> int:
    response = requests.get(
        url + API + "/me", headers={"Authorization": f"Bearer {secret}"}, timeout=30
    )
    return response.status_code


# -- the signature --------------------------------------------------------------------


def _keys(*scanners: ec.EllipticCurvePrivateKey) -> dict[str, scanning.PublicKey]:
    return {scanning.key_identifier(k.public_key()): k.public_key() for k in scanners}


def test_a_good_signature_verifies() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    body = b'[{"token":"x","type":"t","url":"u","source":"s"}]'
    keys = _keys(key)
    (identifier,) = keys
    assert scanning.verify(keys, identifier, scanning.sign(key, body), body) == identifier


def test_a_signature_by_another_key_does_not_verify() -> None:
    key, other = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    keys = _keys(key)
    (identifier,) = keys
    assert scanning.verify(keys, identifier, scanning.sign(other, b"[]"), b"[]") is None


def test_a_tampered_body_does_not_verify() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    keys = _keys(key)
    (identifier,) = keys
    signature = scanning.sign(key, b'[{"url":"a"}]')
    assert scanning.verify(keys, identifier, signature, b'[{"url":"a"}]') == identifier
    assert scanning.verify(keys, identifier, signature, b'[{"url":"b"}]') is None
    assert scanning.verify(keys, identifier, signature, b'[{"url":"a"}] ') is None


def test_an_unknown_identifier_or_missing_header_does_not_verify() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    keys = _keys(key)
    (identifier,) = keys
    signature = scanning.sign(key, b"[]")
    assert scanning.verify(keys, "someone-else", signature, b"[]") is None
    assert scanning.verify(keys, None, signature, b"[]") is None
    assert scanning.verify(keys, identifier, None, b"[]") is None
    assert scanning.verify(keys, "", signature, b"[]") is None
    assert scanning.verify({}, identifier, signature, b"[]") is None


@pytest.mark.parametrize(
    "signature",
    [
        "not base64!",
        "YWJj",  # base64 of "abc": not DER
        base64.b64encode(b"\x30\x06\x02\x01\x01\x02\x01").decode(),  # truncated DER
        base64.b64encode(b"\x30\x06\x02\x01\x00\x02\x01\x00").decode(),  # r = s = 0
        "=",
        "é",
        base64.b64encode(bytes(72)).decode(),
    ],
)
def test_a_malformed_signature_does_not_verify(signature: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    keys = _keys(key)
    (identifier,) = keys
    assert scanning.verify(keys, identifier, signature, b"[]") is None


def test_only_p256_public_keys_are_accepted() -> None:
    other_curve = ec.generate_private_key(ec.SECP384R1()).public_key()
    with pytest.raises(ValueError, match="P-256"):
        scanning.load_public_key(scanning.public_pem(other_curve))  # type: ignore[arg-type]


# -- the body --------------------------------------------------------------------------

SECRET_TOKEN = keyformat.generate_key()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"", "body"),
        (b"{}", "body"),
        (b'"x"', "body"),
        (b"\xff\xfe[]", "body"),  # not UTF-8
        (b"[" * 100_000 + b"]" * 100_000, "body"),  # nested past the parser's limit
        (json.dumps([1]).encode(), "body[0]"),
        (json.dumps([_item(SECRET_TOKEN, url=None)]).encode(), "body[0].url"),  # type: ignore[arg-type]
        (json.dumps([{"token": SECRET_TOKEN, "type": "t", "url": "u"}]).encode(), "body[0].source"),
        (json.dumps([_item(SECRET_TOKEN, source=["a"])]).encode(), "body[0].source"),
        (json.dumps([_item(SECRET_TOKEN, type="\ud800")]).encode(), "body[0].type"),
        (json.dumps([_item(SECRET_TOKEN), _item(12)]).encode(), "body[1].token"),  # type: ignore[arg-type]
        (json.dumps([_item(SECRET_TOKEN, url="x" * 3000)]).encode(), "body[0].url"),
        (json.dumps([_item(SECRET_TOKEN)] * 1001).encode(), "body"),
    ],
)
def test_a_body_that_is_not_a_report_is_a_422_that_quotes_nothing(body: bytes, field: str) -> None:
    with pytest.raises(Problem) as caught:
        scanning.parse_report(body)
    assert caught.value.status == 422
    assert caught.value.errors is not None
    assert [row["field"] for row in caught.value.errors] == [field]
    assert SECRET_TOKEN not in str(caught.value.detail) + json.dumps(caught.value.errors)


def test_unknown_members_are_ignored_and_1000_items_are_allowed() -> None:
    items = scanning.parse_report(json.dumps([_item("t", extra_member=1)] * 1000).encode())
    assert len(items) == 1000 and items[0] == scanning.ReportItem(
        "t", "rakerone_api_key", LEAK_URL, "content"
    )


# -- over HTTP ---------------------------------------------------------------------


def test_without_scanner_keys_the_route_is_a_404_and_not_a_feature(admin: Api) -> None:
    response = admin.post(REPORTS, data=b"[]")
    assert_problem(response, 404, "not-found")
    assert "exposure_reports" not in admin.get("/organization").json()["features"]


def test_with_a_scanner_key_exposure_reports_is_a_feature(api: Api) -> None:
    assert "exposure_reports" in api.get("/organization").json()["features"]


def test_an_unsigned_or_badly_signed_report_is_a_401_that_records_nothing(
    api: Api, scanning_sandbox: SandboxProcess, scanner: Scanner, tmp_path: Path
) -> None:
    _set_policy(api, "revoke")
    created = api.create_key("Refused report")
    key, secret = created["api_key"], created["secret"]
    body = json.dumps([_item(secret)]).encode()
    good = scanner.headers(body)
    stranger = Scanner(tmp_path)
    attempts: list[dict[str, str]] = [
        {},
        {scanning.IDENTIFIER_HEADER: scanner.id},
        {scanning.SIGNATURE_HEADER: good[scanning.SIGNATURE_HEADER]},
        {**good, scanning.IDENTIFIER_HEADER: "unknown"},
        {**good, scanning.SIGNATURE_HEADER: "%%%"},
        {**good, scanning.SIGNATURE_HEADER: "YWJj"},
        {**good, scanning.SIGNATURE_HEADER: stranger.headers(body)[scanning.SIGNATURE_HEADER]},
        # The stranger's own identifier: not configured here.
        stranger.headers(body),
    ]
    url = scanning_sandbox.url + API + REPORTS
    for headers in attempts:
        response = requests.post(url, data=body, headers=headers, timeout=30)
        problem = assert_problem(response, 401, "unauthenticated")
        assert secret not in response.text and secret not in json.dumps(problem)
    # The right signature over another body (one byte changed).
    tampered = body.replace(b"content", b"contenT")
    response = requests.post(url, data=tampered, headers=good, timeout=30)
    assert_problem(response, 401, "unauthenticated")
    after = api.get(f"/api-keys/{key['id']}").json()
    assert after["status"] == "active" and after["exposure"] is None
    assert after["version"] == key["version"]
    assert _audit(api, key["id"]) == []
    assert _me_status(scanning_sandbox.url, secret) == 200


@pytest.mark.parametrize("rule", ["revoke", "disable", "notify"])
def test_each_policy_end_to_end(
    api: Api, scanning_sandbox: SandboxProcess, scanner: Scanner, rule: str
) -> None:
    _set_policy(api, rule)
    active = api.create_key(f"Leaked ({rule})")
    disabled = api.create_key(f"Leaked, disabled ({rule})")
    assert api.post(f"/api-keys/{disabled['api_key']['id']}/disable").status_code == 200
    before = {
        k["api_key"]["id"]: api.get(f"/api-keys/{k['api_key']['id']}").json()
        for k in (active, disabled)
    }
    mistyped = active["secret"][:-1] + ("A" if active["secret"][-1] != "A" else "B")
    unknown = keyformat.generate_key()
    body = [
        _item(active["secret"]),
        _item(mistyped),  # fails the checksum: ignored, no row
        _item(disabled["secret"], type="other_type"),
        _item(unknown),  # the format and checksum are right: a false positive
        _item("ghp_not_ours"),
    ]
    response = _report(scanning_sandbox.url, scanner, body)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    digest = keyformat.sha256_hex
    assert response.json() == [
        {
            "token_hash": digest(active["secret"]),
            "token_type": "rakerone_api_key",
            "label": "true_positive",
        },
        {"token_hash": digest(disabled["secret"]), "token_type": "other_type", "label": "true_positive"},
        {"token_hash": digest(unknown), "token_type": "rakerone_api_key", "label": "false_positive"},
    ]  # fmt: skip
    for secret in (active["secret"], disabled["secret"], unknown, mistyped):
        assert secret not in response.text

    scanner_actor = {"id": scanner.id, "name": scanning.SCANNER_NAME}
    for created in (active, disabled):
        key_id = created["api_key"]["id"]
        key = api.get(f"/api-keys/{key_id}").json()
        assert key["exposure"]["url"] == LEAK_URL and key["exposure"]["source"] == "content"
        assert key["version"] == before[key_id]["version"] + 1
        was_disabled = created is disabled
        expected = {
            "revoke": "revoked",
            "disable": "disabled",
            "notify": "disabled" if was_disabled else "active",
        }[rule]
        assert key["status"] == expected
        if rule == "revoke":
            assert key["revoked_by"] == scanner_actor
        elif rule == "disable" and not was_disabled:
            assert key["disabled_by"] == scanner_actor
        else:
            assert key["revoked_by"] is None
            assert key["disabled_by"] == before[key_id]["disabled_by"]
        usable = expected == "active"
        assert _me_status(scanning_sandbox.url, created["secret"]) == (200 if usable else 401)
        (event,) = _audit(api, key_id)
        assert event["actor"] == {"kind": "scanner", **scanner_actor}
        assert event["target"]["id"] == key_id
        assert LEAK_URL in event["summary"]
        action = {
            "revoke": "revoked automatically",
            "disable": "already disabled" if was_disabled else "disabled automatically",
            "notify": "only notifies",
        }[rule]
        assert action in event["summary"], event["summary"]
        # Recorded as api_key.exposed only.
        actions = [
            e["action"]
            for e in api.get("/audit-events", params={"api_key_id": key_id}).json()["items"]
        ]
        assert actions[0] == "api_key.exposed"
        assert actions.count("api_key.revoked") == 0


def test_the_same_report_twice_changes_nothing_the_second_time(
    api: Api, scanning_sandbox: SandboxProcess, scanner: Scanner
) -> None:
    _set_policy(api, "notify")
    created = api.create_key("Reported twice")
    key_id, secret = created["api_key"]["id"], created["secret"]
    body = [_item(secret), _item(secret)]  # repeated within one report as well
    first = _report(scanning_sandbox.url, scanner, body)
    assert first.status_code == 200 and [r["label"] for r in first.json()] == ["true_positive"] * 2
    once = api.get(f"/api-keys/{key_id}").json()
    assert once["version"] == created["api_key"]["version"] + 1
    second = _report(scanning_sandbox.url, scanner, body)
    assert second.json() == first.json()
    assert api.get(f"/api-keys/{key_id}").json() == once
    assert len(_audit(api, key_id)) == 1
    # Another place the key was found is a new report.
    elsewhere = "https://gist.github.com/someone/abc"
    third = _report(scanning_sandbox.url, scanner, [_item(secret, url=elsewhere)])
    assert third.status_code == 200
    latest = api.get(f"/api-keys/{key_id}").json()
    assert latest["exposure"]["url"] == elsewhere and latest["version"] == once["version"] + 1
    assert len(_audit(api, key_id)) == 2


def test_an_empty_url_is_an_exposure_without_one(
    api: Api, scanning_sandbox: SandboxProcess, scanner: Scanner
) -> None:
    _set_policy(api, "notify")
    created = api.create_key("Found somewhere")
    assert _report(scanning_sandbox.url, scanner, [_item(created["secret"], url="")]).ok
    exposure = api.get(f"/api-keys/{created['api_key']['id']}").json()["exposure"]
    assert exposure["url"] is None and exposure["reported_at"]


BAD_BODIES = [
    b"",
    b"null",
    b"{}",
    b"[1, 2]",
    b"[{}]",
    b'[{"token": "\\ud800", "type": "t", "url": "u", "source": "s"}]',
    b'[{"token": "t", "type": "t", "url": "\\udfff", "source": "s"}]',
    b"[" * 50_000 + b"]" * 50_000,
    b"\xc3\x28",
    b"[NaN]",
    json.dumps([{"token": "t", "type": "t", "url": "u", "source": "s"}] * 1001).encode(),
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_a_signed_bad_body_is_a_422(
    scanning_sandbox: SandboxProcess, scanner: Scanner, body: bytes
) -> None:
    response = _report(scanning_sandbox.url, scanner, body)
    assert_problem(response, 422, "validation")


def test_a_body_over_1_mib_is_a_413(scanning_sandbox: SandboxProcess, scanner: Scanner) -> None:
    body = json.dumps([_item("x" * 1000)] * 1100).encode()
    assert len(body) > 1024 * 1024
    assert_problem(_report(scanning_sandbox.url, scanner, body), 413, "payload-too-large")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
REPORT_LIKE = st.lists(
    st.fixed_dictionaries(
        {"token": JSON_VALUES, "type": JSON_VALUES, "url": JSON_VALUES, "source": JSON_VALUES}
    )
    | JSON_VALUES,
    max_size=5,
)


@given(value=st.one_of(JSON_VALUES, REPORT_LIKE), raw=st.binary(max_size=64), use_raw=st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_signed_body_gets_a_500(
    scanning_sandbox: SandboxProcess, scanner: Scanner, value: Any, raw: bytes, use_raw: bool
) -> None:
    body = raw if use_raw else json.dumps(value).encode("utf-8", "surrogatepass")
    response = _report(scanning_sandbox.url, scanner, body)
    assert response.status_code in {200, 422}, response.text
    if response.status_code == 200:
        assert isinstance(response.json(), list)


# -- secrets ------------------------------------------------------------------------


def test_a_reported_token_is_nowhere_but_as_its_sha256(
    start_sandbox: StartSandbox, scanner: Scanner, tmp_path: Path
) -> None:
    db = tmp_path / "reports.db"
    sandbox = start_sandbox("--db", str(db), *scanner.option)
    api = admin_api(sandbox.ready)
    created = api.create_key("Leaked and reported")
    secret = created["secret"]
    unknown = keyformat.generate_key()
    for body in (
        [_item(secret), _item(unknown)],
        [_item(secret, type=secret, url=secret)],  # a token echoed where it must not be
    ):
        raw = json.dumps(body).encode()
        assert _report(sandbox.url, scanner, raw).status_code == 200
        # Refused reports must not log what they carried either.
        requests.post(sandbox.url + API + REPORTS, data=raw, timeout=30)
        _report(sandbox.url, scanner, raw + b"}")
    events = api.get("/audit-events", params={"limit": 100}).json()
    assert sandbox.stop() == 0
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("reports.db"))
    logs = sandbox.stderr_text()
    for token in (secret, unknown):
        assert token.encode() not in stored
        assert token not in logs
    # The second report put the key in its url and type too: masked, never kept.
    exposed = [e for e in events["items"] if e["action"] == "api_key.exposed"]
    assert len(exposed) == 2
    assert "rone_[masked]" in exposed[0]["summary"]


# -- the report command ----------------------------------------------------------------


def _command(
    *args: str, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rakerone_desktop.sandbox", "report-exposure", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_report_exposure_against_a_running_sandbox(
    start_sandbox: StartSandbox, tmp_path: Path
) -> None:
    key_file = tmp_path / "state" / "scanner.pem"
    env = {**os.environ, scanning.KEY_FILE_ENV: str(key_file)}
    sandbox = SandboxProcess("--seed", "empty", "--demo-scanner", env=env)
    with sandbox:
        assert sandbox.ready.scanner_key_file == str(key_file)
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        api = admin_api(sandbox.ready)
        created = api.create_key("Pasted in a gist")
        done = _command(
            "--url", sandbox.url, "--location", "https://gist.github.com/x/1", "-",
            env=env, stdin=created["secret"] + "\n",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        (row,) = json.loads(done.stdout)
        assert row["label"] == "true_positive"
        assert created["secret"] not in done.stdout + done.stderr
        key = api.get(f"/api-keys/{created['api_key']['id']}").json()
        assert key["status"] == "disabled"  # the default policy
        assert key["exposure"]["url"] == "https://gist.github.com/x/1"
        assert key["disabled_by"]["id"] == sandbox.ready.scanner_key_id
        api.close()
    # A sandbox that does not trust the key refuses, and the command says why.
    other = start_sandbox()
    refused = _command("--url", other.url, keyformat.generate_key(), env=env)
    assert refused.returncode == 1
    assert "--demo-scanner" in refused.stderr
    # Not a key: refused before anything is sent.
    assert _command("--url", other.url, "rone_nope", env=env).returncode == 2


def test_the_apps_own_sandbox_trusts_the_demo_scanner() -> None:
    process = SandboxProcess("--seed", "empty", "--stop-with-parent")
    assert "--demo-scanner" in process.args
    assert "--demo-scanner" not in SandboxProcess("--seed", "empty").args


def test_the_demo_seed_has_an_exposed_key_disabled_by_the_policy(
    start_sandbox: StartSandbox,
) -> None:
    api = admin_api(start_sandbox(seed="demo").ready)
    keys = api.get("/api-keys", params={"status": "all", "limit": 1000}).json()["items"]
    (exposed,) = [k for k in keys if k["exposure"] is not None]
    assert exposed["status"] == "disabled"
    assert exposed["disabled_by"]["name"] == scanning.SCANNER_NAME
    assert exposed["exposure"]["url"].startswith("https://github.com/")
    events = api.get("/audit-events", params={"api_key_id": exposed["id"]}).json()["items"]
    assert events[0]["action"] == "api_key.exposed"
    assert events[0]["actor"]["kind"] == "scanner"
    api.close()


def test_a_scanning_key_that_is_not_p256_is_a_usage_error(tmp_path: Path) -> None:
    other = ec.generate_private_key(ec.SECP384R1()).public_key()
    pem = tmp_path / "p384.pem"
    pem.write_bytes(scanning.public_pem(other))  # type: ignore[arg-type]
    assert main(["--scanning-public-key", f"id={pem}"]) == 2
    assert main(["report-exposure", "--help"]) == 0
