"""The Overview page's figures: key hygiene counts and keys by last use.

Plain Python, computed off the GUI thread (through the task runner) from a
snapshot of the keys model's keys. Each count is named after the keys-page
filter that shows the same keys (``COUNT_FILTERS``), so its link applies
that filter. Counts whose part-2 feature the server doesn't offer are
``None``: absent, not zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from rakerone_desktop.api.models import ApiKey

DAY_S: Final = 86400.0

# The counts, in the page's order. Names are the keys page's filter names
# (the contract's words for those that part 2 adds).
ACTIVE: Final = "active"
NEVER_USED: Final = "never_used"
UNUSED: Final = "unused"
IMPERSONATE: Final = "impersonate"
NO_EXPIRY: Final = "no_expiry"
EXPIRING_SOON: Final = "expiring_soon"
DISABLED: Final = "disabled"
EXPOSED: Final = "exposed"
COUNTS: Final = (
    ACTIVE,
    NEVER_USED,
    UNUSED,
    IMPERSONATE,
    NO_EXPIRY,
    EXPIRING_SOON,
    DISABLED,
    EXPOSED,
)
#: Which keys-page filter each count's link applies ("all" for active keys).
COUNT_FILTERS: Final[dict[str, str]] = {name: name for name in COUNTS} | {ACTIVE: "all"}

# Keys by last use, the chart's bars, in order.
TODAY: Final = "today"
THIS_WEEK: Final = "week"
THIS_MONTH: Final = "month"
OLDER: Final = "older"
NEVER: Final = "never"
BUCKETS: Final = (TODAY, THIS_WEEK, THIS_MONTH, OLDER, NEVER)

#: At most this many keys are listed by name in a saved report.
REVIEW_LIMIT: Final = 200


@dataclass(frozen=True, slots=True)
class OverviewInput:
    """What the computation needs; taken on the GUI thread, used on a worker."""

    keys: Sequence[ApiKey]
    impersonating: frozenset[str]  # permission ids that allow impersonation
    now: datetime
    unused_days: int = 90
    expiry_warning_days: int = 14
    #: Part-2 counts shown: any of NO_EXPIRY, EXPIRING_SOON, DISABLED, EXPOSED.
    offered: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A key worth a look in a security review, and why (count names)."""

    id: str
    name: str
    hint: str
    created_by: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    counts: dict[str, int | None]
    buckets: dict[str, int]
    total: int
    computed_at: datetime
    review: tuple[ReviewRow, ...] = ()
    review_more: int = 0  # keys worth a look beyond REVIEW_LIMIT
    offered: frozenset[str] = field(default_factory=frozenset)


def _local_midnight(now: datetime) -> datetime:
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def compute_overview(data: OverviewInput) -> Overview:
    """Every count and bar, in one pass over the keys (revoked keys count nowhere)."""
    now = data.now
    unused_since = now - timedelta(days=data.unused_days)
    warn_until = now + timedelta(days=data.expiry_warning_days)
    midnight = _local_midnight(now)
    week = now - timedelta(days=7)
    month = now - timedelta(days=30)
    counts = dict.fromkeys(COUNTS, 0)
    buckets = dict.fromkeys(BUCKETS, 0)
    review: list[ReviewRow] = []
    more = 0
    imp = data.impersonating
    total = 0
    for k in data.keys:
        if k.revoked_at is not None or k.status == "revoked":
            continue
        total += 1
        status = k.lifecycle_status
        reasons: list[str] = []
        if status == "active":
            counts[ACTIVE] += 1
        # As the keys page's filters: never used, not used in N days (never used
        # included) and can impersonate count the keys usable now.
        usable = status == "active"
        used = k.last_used_at
        if used is None:
            if usable:
                counts[NEVER_USED] += 1
                counts[UNUSED] += 1
                reasons.append(NEVER_USED)
            buckets[NEVER] += 1
        else:
            if usable and used < unused_since:
                counts[UNUSED] += 1
                reasons.append(UNUSED)
            if used >= midnight:
                buckets[TODAY] += 1
            elif used >= week:
                buckets[THIS_WEEK] += 1
            elif used >= month:
                buckets[THIS_MONTH] += 1
            else:
                buckets[OLDER] += 1
        if usable and imp and not imp.isdisjoint(k.permissions):
            counts[IMPERSONATE] += 1
            reasons.append(IMPERSONATE)
        if k.expires_at is None:
            counts[NO_EXPIRY] += 1
        elif status == "active" and k.expires_at <= warn_until:
            counts[EXPIRING_SOON] += 1
            reasons.append(EXPIRING_SOON)
        if status == "disabled":
            counts[DISABLED] += 1
        if k.exposure is not None:
            counts[EXPOSED] += 1
            reasons.append(EXPOSED)
        if reasons and (EXPOSED in reasons or IMPERSONATE in reasons or NEVER_USED in reasons):
            if len(review) < REVIEW_LIMIT:
                review.append(ReviewRow(k.id, k.name, k.hint, k.created_by.name, tuple(reasons)))
            else:
                more += 1
    shown: dict[str, int | None] = {
        name: (counts[name] if name in (ACTIVE, NEVER_USED, UNUSED, IMPERSONATE) else None)
        for name in COUNTS
    }
    for name in data.offered:
        if name in shown:
            shown[name] = counts[name]
    return Overview(
        counts=shown,
        buckets=buckets,
        total=total,
        computed_at=now.astimezone(UTC),
        review=tuple(review),
        review_more=more,
        offered=data.offered,
    )


def impersonating_ids(permissions: Iterable[tuple[str, bool]]) -> frozenset[str]:
    """The ids of the permissions (id, allows impersonation) that allow impersonation."""
    return frozenset(pid for pid, imp in permissions if imp)
