"""Part 2: exposure reports from secret scanning, in GitHub's partner format."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from rakerone_desktop.sandbox.auth import SandboxDep, caller_of
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.render import json_response
from rakerone_desktop.sandbox.scanning import (
    IDENTIFIER_HEADER,
    MAX_ITEMS,
    MAX_SOURCE,
    MAX_TYPE,
    MAX_URL,
    SIGNATURE_HEADER,
)

router = APIRouter(tags=["secret scanning"])


class ExposureReportItem(BaseModel):
    model_config = ConfigDict(title="ExposureReportItem")

    token: str = Field(
        description="The secret found. Only a token with the key format and a valid checksum "
        "is looked at (any other is ignored); it is never stored, logged or echoed, only its "
        "SHA-256."
    )
    type: str = Field(max_length=MAX_TYPE, description="The scanner's name for the secret type.")
    url: str = Field(
        max_length=MAX_URL, description="Where it was found (an empty string: unknown)."
    )
    source: str = Field(
        max_length=MAX_SOURCE, description="What kind of place it was found in (`content`, …)."
    )


class ExposureReportRow(BaseModel):
    token_hash: str = Field(description="SHA-256 of the token, lowercase hex.")
    token_type: str = Field(description="The item's `type`, as sent.")
    label: Literal["true_positive", "false_positive"] = Field(
        description="`true_positive`: a key of this server, whatever its status."
    )


_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "array",
                "maxItems": MAX_ITEMS,
                "items": ExposureReportItem.model_json_schema(),
            }
        }
    },
}
_HEADERS = [
    {
        "name": IDENTIFIER_HEADER,
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": "Names the scanner's public key (configured with "
        "`--scanning-public-key ID=PEM_FILE`).",
    },
    {
        "name": SIGNATURE_HEADER,
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": "Base64 of the ASN.1 DER ECDSA P-256 SHA-256 signature of the raw body.",
    },
]


@router.post(
    "/secret-scanning/reports",
    response_model=list[ExposureReportRow],
    openapi_extra={"requestBody": _REQUEST_BODY, "parameters": _HEADERS, "security": []},
    responses=problems(
        401,
        404,
        413,
        422,
        descriptions={
            401: "`unauthenticated`: the identifier or signature header is missing, the "
            "identifier names no configured key, the signature is not base64 of a DER "
            "signature, or it does not verify against the raw body. Nothing is recorded and "
            "nothing of the body is echoed.",
            404: "`not-found`: this server has no scanner public key configured, so it takes "
            "no reports.",
            413: "`payload-too-large`: the body is over 1 MiB.",
            422: "`validation`: a correctly signed body that is not a JSON array of at most "
            f"{MAX_ITEMS} objects with string `token`, `type`, `url` and `source` (valid "
            "Unicode, within their lengths). The error names the item and field, never its "
            "value. Nothing is recorded.",
        },
    ),
)
async def report_exposures(request: Request, sandbox: SandboxDep) -> Response:
    """Exposure reports from secret scanning (GitHub's partner program format).

    No bearer token: the raw body is signed by the scanner. Checks in this
    order: 404 (no scanner keys configured), 401 (signature), 422 (body). The
    `Content-Type` is not checked; the signed bytes are what count. Members
    other than the four named are ignored (the format is the scanner's, and
    may grow). Tokens without the key format or a valid checksum are ignored
    and get no row. Key- or token-shaped text in `type`, `url` and `source`
    is masked (`rone_[masked]`) before it is stored or echoed.

    For each key of this server reported (whatever its status), once per key
    and URL: its `exposure` becomes this report (`url` null when sent empty),
    the key policy's `on_exposure` is applied (`revoke`: an active or disabled
    key is revoked; `disable`: an active key is disabled; `notify`: nothing
    else; `revoked_by`/`disabled_by` are then `{"id": <the scanner key's
    identifier>, "name": "GitHub secret scanning"}`), `version` + 1, and
    `api_key.exposed` is recorded in the audit log (actor kind `scanner`; the
    URL, the source and the action taken in the summary; not in the key's own
    `/events`). A key and URL reported again (in this report or a later one)
    change nothing and record nothing, but are answered `true_positive` again.
    Items are applied in order, in one transaction.
    """
    body = await request.body()
    rows = await run_in_threadpool(
        sandbox.exposures.report_exposures,
        request.headers.get(IDENTIFIER_HEADER),
        request.headers.get(SIGNATURE_HEADER),
        body,
        caller_of(request),
    )
    return json_response(rows)
