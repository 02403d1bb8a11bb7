"""A signed-in session: the client that holds it, who, and whether it is remembered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rakerone_desktop.api.models import User

if TYPE_CHECKING:
    from rakerone_desktop.api.protocol import ApiClient


@dataclass(frozen=True, slots=True)
class SignedIn:
    client: ApiClient
    user: User
    remembered: bool
    # When the session ends, when known (the sign-in answer, the token grant, or what
    # was kept beside a remembered session).
    expires_at: datetime | None = None
    via_browser: bool = False

    @property
    def server(self) -> str:
        return self.client.base_url
