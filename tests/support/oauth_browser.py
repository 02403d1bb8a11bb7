"""A stand-in for a person's browser on the sandbox's sign-in page: ``requests`` and html.parser."""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import requests
from PySide6.QtCore import QUrl

from rakerone_desktop.sandbox.launcher import ReadyInfo

TIMEOUT = 30


@dataclass
class Form:
    method: str = ""
    action: str = ""
    # (name, type, value) in document order
    inputs: list[tuple[str, str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # for= -> text

    def fields(self) -> dict[str, str]:
        return {name: value for name, _kind, value in self.inputs}

    def kind_of(self, name: str) -> str:
        return next(kind for n, kind, _ in self.inputs if n == name)

    def id_of(self, name: str) -> str | None:
        return self.ids.get(name)

    ids: dict[str, str] = field(default_factory=dict)  # input name -> id


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.scripts = 0
        self.external: list[str] = []
        self._label_for: str | None = None
        self._label_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        for attr in ("src", "href"):
            if attr in a:
                self.external.append(a[attr])
        if tag == "form":
            self.forms.append(Form(method=a.get("method", ""), action=a.get("action", "")))
        elif tag == "input" and self.forms:
            form = self.forms[-1]
            form.inputs.append((a.get("name", ""), a.get("type", "text"), a.get("value", "")))
            if "id" in a:
                form.ids[a.get("name", "")] = a["id"]
        elif tag == "label":
            self._label_for = a.get("for")
            self._label_text = []

    def handle_data(self, data: str) -> None:
        if self._label_for is not None:
            self._label_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label_for is not None and self.forms:
            self.forms[-1].labels[self._label_for] = "".join(self._label_text).strip()
            self._label_for = None


@dataclass
class Page:
    forms: list[Form]
    scripts: int
    external: list[str]


def parse_page(html_text: str) -> Page:
    parser = _FormParser()
    parser.feed(html_text)
    parser.close()
    return Page(parser.forms, parser.scripts, parser.external)


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge), computed here independently of the app's code."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_url(
    base: str, redirect_uri: str, state: str, challenge: str, **overrides: str | None
) -> str:
    params: dict[str, str | None] = {
        "response_type": "code",
        "client_id": "rakerone-desktop",
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **overrides,
    }
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{base}/oauth/authorize?{query}"


def open_form(session: requests.Session, url: str) -> tuple[requests.Response, Form]:
    page = session.get(url, timeout=TIMEOUT, allow_redirects=False)
    assert page.status_code == 200, (page.status_code, page.text)
    forms = parse_page(page.text).forms
    assert len(forms) == 1, page.text
    return page, forms[0]


def submit(
    session: requests.Session,
    page_url: str,
    form: Form,
    email: str,
    password: str,
    **changes: str | None,
) -> requests.Response:
    """Fill in and post the form the way a browser would; the redirect is not followed."""
    data = form.fields()
    data.update(email=email, password=password)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return session.post(
        urljoin(page_url, form.action), data=data, timeout=TIMEOUT, allow_redirects=False
    )


def sign_in_in_browser(url: str, email: str, password: str) -> str:
    """Open the sign-in page, sign in, and return where the browser is sent (``Location``)."""
    with requests.Session() as session:
        _page, form = open_form(session, url)
        answer = submit(session, url, form, email, password)
        assert answer.status_code == 302, (answer.status_code, answer.text)
        return answer.headers["Location"]


class Browser:
    """An opener: records the URL and runs ``act(url)`` on a worker thread."""

    def __init__(
        self, pool: ThreadPoolExecutor, act: Callable[[str], None] | None, opens: bool = True
    ) -> None:
        self.pool = pool
        self.act = act
        self.opens = opens
        self.urls: list[str] = []
        self.done: list[Future[None]] = []

    def __call__(self, url: QUrl) -> bool:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        self.urls.append(text)
        if self.opens and self.act is not None:
            self.done.append(self.pool.submit(self.act, text))
        return self.opens

    @property
    def redirect_uri(self) -> str:
        return parse_qs(urlsplit(self.urls[0]).query)["redirect_uri"][0]

    def finished(self) -> bool:
        return all(f.done() for f in self.done)


def person(ready: ReadyInfo) -> Callable[[str], None]:
    def act(url: str) -> None:
        location = sign_in_in_browser(url, ready.admin_email, ready.admin_password or "")
        requests.get(location, timeout=TIMEOUT)

    return act


def nothing_listens_at(redirect_uri: str) -> bool:
    port = urlsplit(redirect_uri).port or 1
    with socket.socket() as probe:
        probe.settimeout(TIMEOUT)
        return probe.connect_ex(("127.0.0.1", port)) != 0
