"""The organization, its key policy and its people."""

from __future__ import annotations

from collections.abc import Mapping

from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.schemas import LATEST_TIME, seconds_of
from rakerone_desktop.sandbox.services.common import DAY, MIN_EXPIRY_AHEAD, Caller
from rakerone_desktop.sandbox.store import NewAudit, Organization, Store, User


class OrganizationService:
    """The organization: its key policy (and the expiry rules it sets), its people."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def organization(self) -> Organization:
        return self._store.policy.organization()

    def update_key_policy(
        self,
        changes: Mapping[str, object],
        admin: User | None = None,
        caller: Caller | None = None,
    ) -> Organization:
        def decide(current: Organization) -> Mapping[str, object]:
            merged = current._replace(**changes)  # type: ignore[arg-type]
            if (
                merged.default_lifetime_days is not None
                and merged.max_lifetime_days is not None
                and merged.default_lifetime_days > merged.max_lifetime_days
            ):
                field = (
                    "default_lifetime_days"
                    if "default_lifetime_days" in changes or "max_lifetime_days" not in changes
                    else "max_lifetime_days"
                )
                raise Problem.validation(
                    field,
                    f"The default lifetime ({merged.default_lifetime_days} days) may not exceed "
                    f"the maximum lifetime ({merged.max_lifetime_days} days).",
                )
            return {k: v for k, v in changes.items() if getattr(current, k) != v}

        def audit(before: Organization, after: Organization) -> NewAudit:
            changed = [
                f"{name} {getattr(before, name)} → {getattr(after, name)}"
                for name in ("max_lifetime_days", "default_lifetime_days", "expiry_warning_days",
                             "on_exposure")
                if getattr(before, name) != getattr(after, name)
            ]  # fmt: skip
            who = admin.name if admin is not None else "the sandbox"
            return NewAudit(
                id=credentials.new_id("evt_"),
                at=clock.now(),
                action="organization.key_policy_updated",
                actor_kind="user",
                actor_id=admin.id if admin is not None else "system",
                actor_name=who,
                ip=caller.ip if caller is not None else None,
                summary=f"Key policy changed by {who}: "
                + ", ".join(changed).replace("None", "none"),
                target_kind="organization",
                target_id=after.id,
                target_name=after.name,
            )

        _before, after = self._store.policy.update_key_policy(decide, audit)
        return after

    def list_users(self, limit: int, after: str | None) -> tuple[list[User], User | None]:
        rows = self._store.people.list_users(limit + 1, after)
        page = rows[:limit]
        return page, (page[-1] if len(rows) > limit else None)

    def owner(self, owner_id: str | None, field: str = "owner_id") -> str | None:
        if owner_id is None:
            return None
        if self._store.people.user(owner_id) is None:
            raise Problem.validation(field, "No user of this organization has this id.")
        return owner_id

    def new_expiry(
        self,
        policy: Organization,
        sent: str | None,
        was_sent: bool,
        now: int,
        field: str,
    ) -> int | None:
        """A new key's expires_at by the create rules (omitted: default, else maximum)."""
        maximum = policy.max_lifetime_days
        if not was_sent:
            days = policy.default_lifetime_days or maximum
            return None if days is None else now + days * DAY
        if sent is None:
            if maximum is not None:
                raise Problem.validation(
                    field,
                    f"Required: keys in this organization must expire within {maximum} days.",
                )
            return None
        at = seconds_of(sent)
        self.check_expiry(at, maximum, now, field)
        return at

    @staticmethod
    def check_expiry(at: int, maximum: int | None, now: int, field: str) -> None:
        if at < now + MIN_EXPIRY_AHEAD:
            raise Problem.validation(field, "Must be at least one hour from now.")
        if at > LATEST_TIME:
            raise Problem.validation(field, "Must be no later than 9999-12-31T23:59:59Z.")
        if maximum is not None and at > now + maximum * DAY:
            latest = clock.rfc3339(now + maximum * DAY)
            raise Problem.validation(
                field,
                f"Must be no later than {latest}: keys in this organization expire within "
                f"{maximum} days.",
            )
