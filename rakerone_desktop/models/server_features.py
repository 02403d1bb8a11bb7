"""What the signed-in server offers beyond part 1 of the contract, and its key policy.

Part 2 of the contract (key lifecycle, audit log, exposure reports, browser
sign-in) is optional: a server lists what it offers in ``GET /organization``,
and a part-1 server has no such route. The app shows a control only when its
feature is offered (``ServerFeatures.offers``); against a part-1 server every
part-2 control is absent, not disabled, and the app works as it always did.
Plain data: widgets, flows and controllers read it; nobody changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from rakerone_desktop.api.models import KeyPolicy, Organization

# The feature names of the contract (``Organization.features``).
KEY_EXPIRY: Final = "key_expiry"
KEY_DISABLE: Final = "key_disable"
KEY_METADATA: Final = "key_metadata"
KEY_ROTATE: Final = "key_rotate"
AUDIT_LOG: Final = "audit_log"
EXPOSURE_REPORTS: Final = "exposure_reports"
OAUTH_SIGN_IN: Final = "oauth_sign_in"


@dataclass(frozen=True, slots=True)
class ServerFeatures:
    """The server's organization as last read, or ``None``: part 1 only (or not known yet)."""

    organization: Organization | None = None

    def offers(self, feature: str) -> bool:
        org = self.organization
        return org is not None and feature in org.features

    @property
    def policy(self) -> KeyPolicy | None:
        """The key policy, or ``None`` from a part-1 server."""
        return None if self.organization is None else self.organization.key_policy

    @property
    def part_one_only(self) -> bool:
        return self.organization is None


#: Before ``GET /organization`` has answered, and from a part-1 server.
PART_ONE: Final = ServerFeatures()
