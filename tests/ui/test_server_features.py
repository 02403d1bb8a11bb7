"""The app learns what the server offers beyond part 1 (``GET /organization``)."""

from __future__ import annotations

import pytest

from rakerone_desktop.models.server_features import (
    AUDIT_LOG,
    KEY_DISABLE,
    KEY_EXPIRY,
    KEY_ROTATE,
    PART_ONE,
)
from tests.support.app_driver import sign_in, wait_loaded

pytestmark = pytest.mark.integration


def test_a_part_two_server_lists_its_features_and_policy(qtbot, start_app, demo_sandbox):
    app = start_app("--server", demo_sandbox.url)
    main = sign_in(qtbot, app, demo_sandbox)
    wait_loaded(qtbot, app)
    qtbot.waitUntil(lambda: not main.server_features.part_one_only, timeout=20_000)
    features = main.server_features
    for feature in (KEY_EXPIRY, KEY_DISABLE, KEY_ROTATE, AUDIT_LOG):
        assert features.offers(feature), feature
    assert features.policy is not None
    assert features.policy.default_lifetime_days == 365
    assert main.keys_page.server_features is features


def test_a_part_one_server_offers_nothing_more_and_the_app_works_as_before(
    qtbot, start_app, part_one_sandbox
):
    app = start_app("--server", part_one_sandbox.url)
    main = sign_in(qtbot, app, part_one_sandbox)
    wait_loaded(qtbot, app)
    organization = app.current.organization
    assert organization is not None
    # The organization call has answered (404: part 1 only) and changed nothing.
    qtbot.waitUntil(lambda: organization._call is None, timeout=20_000)
    assert main.server_features is PART_ONE
    assert not main.server_features.offers(KEY_DISABLE)
    assert main.model.rowCount() > 0
