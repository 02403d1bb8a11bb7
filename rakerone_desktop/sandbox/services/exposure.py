"""Exposure reports from secret scanning."""

from __future__ import annotations

from collections.abc import Mapping

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials, scanning
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.services.common import Caller
from rakerone_desktop.sandbox.store import KeyRow, NewAudit, Organization, Store


class ExposureService:
    """Signed exposure reports from secret scanners, under the policy's rule."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self.scanning_keys: dict[str, scanning.PublicKey] = {
            identifier: scanning.load_public_key(pem)
            for identifier, pem in settings.scanning_public_keys
        }

    def report_exposures(
        self, identifier: str | None, signature: str | None, body: bytes, caller: Caller
    ) -> list[dict[str, str]]:
        """A signed report in GitHub's partner format: 404 (no scanner keys), then
        401 (signature), then 422 (body); the answer's rows, one per item whose
        token has the key format and checksum."""
        if not self.scanning_keys:
            raise Problem("not-found", "This server takes no exposure reports.")
        scanner_id = scanning.verify(self.scanning_keys, identifier, signature, body)
        if scanner_id is None:
            raise Problem(
                "unauthenticated",
                "The report's signature is missing, malformed, made with an unknown key or "
                "does not match the body. Nothing was recorded.",
            )
        # Key-shaped text in the other fields (a URL that holds the key itself)
        # is masked before it is stored or echoed: only the token's hash is kept.
        items = [
            scanning.ReportItem(
                item.token,
                scanning.mask(item.type),
                scanning.mask(item.url),
                scanning.mask(item.source),
            )
            for item in scanning.parse_report(body)
            if len(item.token) == keyformat.KEY_LENGTH and keyformat.is_valid_key(item.token)
        ]
        digests = [credentials.token_digest(item.token) for item in items]
        at = clock.now()
        name = scanning.SCANNER_NAME

        def decide(
            row: KeyRow, policy: Organization, url: str, source: str
        ) -> tuple[Mapping[str, object], NewAudit]:
            return exposure_change(
                row, policy.on_exposure, at, (scanner_id, name), url, source, caller.ip
            )

        known = self._store.exposures.report_exposures(
            (scanner_id, name),
            [(d, item.url, item.source) for d, item in zip(digests, items, strict=True)],
            at,
            decide,
        )
        return [
            {
                "token_hash": digest,
                "token_type": item.type,
                "label": "true_positive" if true else "false_positive",
            }
            for digest, item, true in zip(digests, items, known, strict=True)
        ]


def exposure_change(
    row: KeyRow,
    rule: str,
    at: int,
    scanner: tuple[str, str],
    url: str,
    source: str,
    ip: str | None,
) -> tuple[dict[str, object], NewAudit]:
    """What one exposure report of ``row`` does under the policy ``rule``: the
    columns to set and the ``api_key.exposed`` audit event."""
    scanner_id, name = scanner
    columns: dict[str, object] = {
        "exposure_reported_at": at,
        "exposure_source": source,
        "exposure_url": url or None,
    }
    status = row.status(at)
    if rule == "revoke" and status in {"active", "disabled"}:
        columns.update(revoked_at=at, revoked_by_scanner=scanner_id)
        action = "revoked automatically"
    elif rule == "disable" and status == "active":
        columns.update(disabled_at=at, disabled_by=None, disabled_by_scanner=scanner_id)
        action = "disabled automatically"
    elif rule == "notify":
        action = "no change (the policy only notifies)"
    else:
        action = f"no change (the key was already {status})"
    where = f" at {url}" if url else ""
    audit = NewAudit(
        id=credentials.new_id("evt_"),
        at=at,
        action="api_key.exposed",
        actor_kind="scanner",
        actor_id=scanner_id,
        actor_name=name,
        ip=ip,
        summary=f"Reported exposed{where} by {name} (source: {source or 'unknown'}); {action}",
        target_kind="api_key",
        target_id=row.id,
        target_name=row.name,
    )
    return columns, audit
