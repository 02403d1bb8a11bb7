"""``/api/v1/docs`` works with no internet (issue #12, item 6).

The page references nothing outside the sandbox, every asset it references is
served, and a Content-Security-Policy keeps the browser from fetching anything
from elsewhere.
"""

from __future__ import annotations

import os
import re

import pytest

from rakerone_desktop.sandbox.docs_page import swagger_ui_dir
from tests.support.sandbox_http import API, Api

pytestmark = pytest.mark.integration

needs_swagger_ui = pytest.mark.skipif(
    swagger_ui_dir() is None and not os.environ.get("CI"),
    reason="Swagger UI comes with the sandbox extra: pip install -e '.[sandbox]'",
)

_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url:\s*'([^']+)'""")


def _references(page: str) -> list[str]:
    return [a or b for a, b in _REFERENCE.findall(page)]


@needs_swagger_ui
def test_the_docs_page_references_nothing_outside_the_sandbox(anonymous: Api) -> None:
    response = anonymous.get("/docs")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.text
    assert "SwaggerUIBundle" in page
    assert not re.search(r"(?i)\b(?:https?:)?//[a-z0-9]", page), "an outside URL"
    references = _references(page)
    assert {f"{API}/openapi.json", f"{API}/docs/swagger-ui-bundle.js"} <= set(references)
    for ref in references:
        assert ref.startswith(f"{API}/"), ref
        asset = anonymous.session.get(anonymous.url + ref, timeout=30)
        assert asset.status_code == 200, ref
        assert asset.content, ref
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "connect-src 'self'" in csp
    assert "http" not in csp


@needs_swagger_ui
def test_the_assets_have_their_types_and_nothing_else_is_served(anonymous: Api) -> None:
    js = anonymous.get("/docs/swagger-ui-bundle.js")
    assert js.headers["Content-Type"].startswith("text/javascript")
    assert "SwaggerUIBundle" in js.text
    css = anonymous.get("/docs/swagger-ui.css")
    assert css.headers["Content-Type"].startswith("text/css")
    for name in ("index.html", "swagger-initializer.js", "..%2F__init__.py", "nothing"):
        assert anonymous.get(f"/docs/{name}").status_code == 404, name


def test_the_docs_page_is_not_in_the_api_document(anonymous: Api) -> None:
    paths = anonymous.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith(f"{API}/docs")]
