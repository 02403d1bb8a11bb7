"""What the sandbox does, apart from HTTP: the contract's rules in one place.

Routes parse and render; the services decide. They raise :class:`Problem` for
every refusal, so the HTTP layer never has to know why. Each area has its own
service (in :mod:`rakerone_desktop.sandbox.services`); :class:`Sandbox` makes
them, on one store, and the routes reach each through it.
"""

from __future__ import annotations

from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.services.audit import AuditService
from rakerone_desktop.sandbox.services.common import (
    DAY,
    EXPOSURE_FEATURE,
    FEATURES,
    MIN_EXPIRY_AHEAD,
    Caller,
    Created,
    DisableOutcome,
    KeyFields,
    KeyPrincipal,
    Principal,
    Rotated,
    SessionPrincipal,
    SignedIn,
    body_fingerprint,
    key_inactive,
)
from rakerone_desktop.sandbox.services.exposure import ExposureService, exposure_change
from rakerone_desktop.sandbox.services.key_calls import KeyCallService
from rakerone_desktop.sandbox.services.keys import KeyService
from rakerone_desktop.sandbox.services.lifecycle import LifecycleService
from rakerone_desktop.sandbox.services.organization import OrganizationService
from rakerone_desktop.sandbox.services.sessions import SessionService
from rakerone_desktop.sandbox.store import Store
from rakerone_desktop.sandbox.throttle import LoginThrottle

__all__ = [
    "DAY",
    "EXPOSURE_FEATURE",
    "FEATURES",
    "MIN_EXPIRY_AHEAD",
    "Caller",
    "Created",
    "DisableOutcome",
    "KeyFields",
    "KeyPrincipal",
    "Principal",
    "Rotated",
    "Sandbox",
    "SessionPrincipal",
    "SignedIn",
    "body_fingerprint",
    "exposure_change",
    "key_inactive",
]


class Sandbox:
    """The sandbox's services, one per area, on one store.

    ``sessions`` (sign-in, authentication), ``keys`` (list, create, revoke),
    ``lifecycle`` (edit, disable, rotate), ``audit`` (the audit log, a key's
    events), ``org`` (the key policy, the people), ``exposures`` (scanner
    reports) and ``key_calls`` (what a key may do in the sandbox).
    """

    def __init__(
        self, store: Store, settings: Settings, throttle: LoginThrottle | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.throttle = throttle or LoginThrottle()
        self.org = OrganizationService(store)
        self.sessions = SessionService(store, settings, self.throttle)
        self.keys = KeyService(store, settings, self.org)
        self.lifecycle = LifecycleService(store, self.keys, self.org)
        self.audit = AuditService(store, self.keys)
        self.exposures = ExposureService(store, settings)
        self.key_calls = KeyCallService(store)

    @property
    def features(self) -> list[str]:
        return [*FEATURES, EXPOSURE_FEATURE] if self.exposures.scanning_keys else list(FEATURES)

    @property
    def part(self) -> int:
        return self.settings.api_part
