"""The servers signed in to before: the last server and account, the remembered-servers
list the sign-in dialog offers, and the CA bundle kept for each server (all in the settings).
"""

from __future__ import annotations

from rakerone_desktop.runtime.settings import Options, Settings


def add_profile(
    profiles: list[dict[str, str]], server: str, email: str, ca_bundle: str
) -> list[dict[str, str]]:
    """The remembered servers with this one first (one row per server address)."""
    rest = [p for p in profiles if p.get("server") != server]
    return [{"server": server, "email": email, "ca_bundle": ca_bundle}, *rest][:20]


class ServerProfiles:
    """Reads and writes the remembered servers; GUI thread only (it uses the settings)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def ca_bundle_for(self, server: str) -> str | None:
        return self._settings.get(Options.ca_bundles).get(server) or None

    def set_ca_bundle(self, server: str, path: str | None) -> None:
        bundles = self._settings.get(Options.ca_bundles)
        if path:
            bundles[server] = path
        else:
            bundles.pop(server, None)
        self._settings.set(Options.ca_bundles, bundles)

    def signed_in(self, server: str, email: str) -> None:
        """``email`` signed in to ``server``: it is the last one, and first in the list."""
        self._settings.set(Options.last_server, server)
        self._settings.set(Options.last_email, email)
        profiles = add_profile(
            self._settings.get(Options.server_profiles),
            server,
            email,
            self.ca_bundle_for(server) or "",
        )
        self._settings.set(Options.server_profiles, profiles)
