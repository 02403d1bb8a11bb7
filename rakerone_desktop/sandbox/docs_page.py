"""``/api/v1/docs``: Swagger UI, served from a Python package, so it works offline.

FastAPI's default page loads Swagger UI from a CDN (unpinned, without
integrity checks) and its icon from another site. Here the page and its
assets come from the ``swagger-ui-bundle-v2`` package (Swagger UI 5, which
reads OpenAPI 3.1), served by the sandbox itself; a Content-Security-Policy
tells the browser to fetch nothing from anywhere else. Without the package,
the page says how to install it and links the raw document.
"""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import FileResponse, HTMLResponse, Response

from rakerone_desktop.sandbox.problems import Problem

# Only what the page needs, by name: nothing else in the package's folder
# (its demo page points at a public example server) is served.
ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "favicon-32x32.png": "image/png",
}

# The browser may load nothing from outside the sandbox. Swagger UI starts
# from one inline script and sets inline styles; images may be data: URLs.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def swagger_ui_dir() -> Path | None:
    try:
        import swagger_ui_bundle  # optional: the sandbox extra
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def install(app: FastAPI, prefix: str, openapi_url: str) -> None:
    docs_url = f"{prefix}/docs"
    assets = swagger_ui_dir()

    async def docs() -> Response:
        if assets is None:
            page = _without_swagger_ui(openapi_url)
        else:
            page = get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title} - Swagger UI",
                swagger_js_url=f"{docs_url}/swagger-ui-bundle.js",
                swagger_css_url=f"{docs_url}/swagger-ui.css",
                swagger_favicon_url=f"{docs_url}/favicon-32x32.png",
                oauth2_redirect_url=None,
                # No badge from the public validator service.
                swagger_ui_parameters={"validatorUrl": None},
            )
        page.headers["Content-Security-Policy"] = CSP
        return page

    async def asset(name: str) -> Response:
        if assets is None or name not in ASSETS:
            raise Problem("not-found", "There is nothing at this address.")
        return FileResponse(
            assets / name,
            media_type=ASSETS[name],
            headers={"Cache-Control": "max-age=86400"},
        )

    app.add_api_route(docs_url, docs, methods=["GET"], include_in_schema=False)
    app.add_api_route(f"{docs_url}/{{name}}", asset, methods=["GET"], include_in_schema=False)


def _without_swagger_ui(openapi_url: str) -> HTMLResponse:
    url = html.escape(openapi_url)
    return HTMLResponse(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>RakerOne API</title></head>"
        "<body><p>Swagger UI is not installed: <code>pip install "
        "'rakerone-desktop[sandbox]'</code> adds it.</p>"
        f"<p>The API document: <a href='{url}'>{url}</a></p></body></html>"
    )
