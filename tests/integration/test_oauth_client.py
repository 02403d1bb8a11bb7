"""The API client's browser sign-in calls against the real sandbox."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from rakerone_desktop.api import errors as e
from rakerone_desktop.api import oauth
from rakerone_desktop.api.models import User
from rakerone_desktop.domain.compare import same_state
from rakerone_desktop.sandbox.launcher import ReadyInfo
from tests.integration.conftest import ClientFactory, _stop, start_sandbox
from tests.support.oauth_browser import sign_in_in_browser

pytestmark = pytest.mark.integration

REDIRECT = "http://127.0.0.1:49152/callback"


def _code(client_factory: ClientFactory, ready: ReadyInfo) -> tuple[str, oauth.Pkce, str]:
    """Sign in on the page; (code, pkce, token endpoint)."""
    methods = client_factory().get_auth_methods()
    assert methods.oauth is not None
    pkce = oauth.new_pkce()
    state = oauth.new_state()
    url = oauth.authorize_url(
        methods.oauth.authorization_endpoint,
        client_id=methods.oauth.client_id,
        redirect_uri=REDIRECT,
        state=state,
        code_challenge=pkce.challenge,
    )
    assert ready.admin_password is not None
    location = sign_in_in_browser(url, ready.admin_email, ready.admin_password)
    query = parse_qs(urlsplit(location).query)
    assert same_state(state, query["state"][0])
    return query["code"][0], pkce, methods.oauth.token_endpoint


def test_get_auth_methods(make_client: ClientFactory, ready: ReadyInfo) -> None:
    methods = make_client().get_auth_methods()
    assert methods.password is True
    assert methods.oauth is not None
    assert methods.oauth.client_id == oauth.CLIENT_ID
    assert methods.oauth.token_endpoint == ready.url + "/oauth/token"


def test_exchange_code_signs_in(make_client: ClientFactory, ready: ReadyInfo) -> None:
    code, pkce, token_endpoint = _code(make_client, ready)
    client = make_client()
    grant = client.exchange_code(
        token_endpoint, code=code, redirect_uri=REDIRECT, code_verifier=pkce.verifier
    )
    assert grant.expires_in == 12 * 3600
    me = client.me()
    assert isinstance(me, User) and me.email == ready.admin_email


def test_a_used_code_is_invalid_grant(make_client: ClientFactory, ready: ReadyInfo) -> None:
    code, pkce, token_endpoint = _code(make_client, ready)
    wrong = oauth.new_pkce()
    client = make_client()
    with pytest.raises(e.InvalidGrantError) as caught:
        client.exchange_code(
            token_endpoint, code=code, redirect_uri=REDIRECT, code_verifier=wrong.verifier
        )
    assert caught.value.status == 400 and caught.value.request_id
    with pytest.raises(e.InvalidGrantError):
        client.exchange_code(
            token_endpoint, code=code, redirect_uri=REDIRECT, code_verifier=pkce.verifier
        )


def test_password_sign_in_turned_off_is_its_own_error(make_client: ClientFactory) -> None:
    process = start_sandbox("--seed", "demo", "--no-password-sign-in")
    try:
        ready = process.ready
        client = make_client(url=ready.url)
        assert client.get_auth_methods().password is False
        assert ready.admin_password is not None
        with pytest.raises(e.PasswordSignInDisabledError) as caught:
            client.sign_in(ready.admin_email, ready.admin_password)
        assert "browser" in caught.value.message
    finally:
        _stop(process)
