"""Filling a new database: the demo organisation, an empty one, or N keys.

Seeding happens once, when the database is new. Passwords are printed once,
on the ready line, and stored only as scrypt hashes; reopening a database
prints ``null`` for them unless new ones are given on the command line.

The metadata of generated keys (names, times, addresses) comes from a seeded
``random.Random``, so benchmarks see the same shape every run; the key
secrets themselves always come from ``secrets``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.catalog import PERMISSION_ORDER, PERMISSIONS
from rakerone_desktop.sandbox.demo_data import (
    ADMIN,
    DAY,
    DEMO_EXPOSURES,
    DEMO_KEYS,
    DEMO_LIFECYCLE,
    DEMO_POLICY,
    GENERATED_AGENTS,
    GENERATED_DESCRIPTIONS,
    GENERATED_EXPOSURE_URLS,
    GENERATED_NAMES,
    GENERATED_TAGS,
    MEMBER,
    PLAYBOOKS,
    SECOND_ADMIN,
    SEED_SCANNER_ID,
    USERS,
    DemoKey,
    DemoLifecycle,
    DemoUser,
)
from rakerone_desktop.sandbox.scanning import SCANNER_NAME
from rakerone_desktop.sandbox.service import exposure_change
from rakerone_desktop.sandbox.store import (
    KeyRow,
    NewAudit,
    NewEvent,
    NewKey,
    Organization,
    Store,
    User,
    permissions_json,
    tags_json,
)

# How many keys of a seed keep their secret in memory for --simulate-traffic.
TRAFFIC_KEYS = 3


@dataclass(frozen=True)
class Seeded:
    """What the ready line prints, and the secrets traffic may use (memory only)."""

    admin_email: str
    admin_password: str | None
    member_email: str
    member_password: str | None
    traffic_secrets: dict[str, str] = field(default_factory=dict, repr=False)


def parse_seed(value: str) -> str | int:
    """``demo``, ``empty`` or a non-negative number of keys; ValueError otherwise."""
    if value in {"demo", "empty"}:
        return value
    if value.isascii() and value.isdigit():
        return int(value)
    raise ValueError(f"--seed must be demo, empty or a number of keys, not {value!r}")


def prepare(
    store: Store,
    seed: str | int,
    admin_password: str | None,
    member_password: str | None,
    *,
    lifecycle: bool = True,
) -> Seeded:
    """Seed a new database, or apply the password options to an existing one.

    ``lifecycle=False`` (a part-1 server) seeds no expiry, no disabled key and
    no key policy, so every key works as part 1 describes it.
    """
    if store.get_meta("seeded") is None:
        return _seed_new(store, seed, admin_password, member_password, lifecycle)
    admin_email = store.get_meta("admin_email") or ADMIN.email
    member_email = store.get_meta("member_email") or MEMBER.email
    for email, password in ((admin_email, admin_password), (member_email, member_password)):
        if password is not None:
            found = store.people.user_by_email(email)
            if found is not None:
                store.people.set_password(found[0].id, credentials.hash_password(password))
    return Seeded(admin_email, admin_password, member_email, member_password)


def _seed_new(
    store: Store,
    seed: str | int,
    admin_password: str | None,
    member_password: str | None,
    lifecycle: bool = True,
) -> Seeded:
    admin_password = admin_password or credentials.new_password()
    member_password = member_password or credentials.new_password()
    passwords = {ADMIN.id: admin_password, MEMBER.id: member_password}
    # Nobody signs in as the others: the second admin varies "Created by", the
    # rest own keys. Their passwords are random and never shown.
    store.people.add_users(
        (
            User(*user),
            credentials.hash_password(passwords.get(user.id) or credentials.new_password()),
        )
        for user in USERS
    )
    now = clock.now()
    secrets_for_traffic: dict[str, str] = {}
    if seed == "demo":
        if lifecycle:
            store.policy.update_key_policy(lambda _current: DEMO_POLICY)
        secrets_for_traffic = _seed_demo(store, now, lifecycle)
    elif isinstance(seed, int) and seed > 0:
        secrets_for_traffic = _seed_generated(store, seed, now, lifecycle)
    store.set_meta("admin_email", ADMIN.email)
    store.set_meta("member_email", MEMBER.email)
    # Written last: a seed interrupted half-way is redone on the next start.
    store.set_meta("seeded", str(seed))
    return Seeded(ADMIN.email, admin_password, MEMBER.email, member_password, secrets_for_traffic)


# -- the demo organisation ----------------------------------------------------------


def _seed_demo(store: Store, now: int, lifecycle: bool = True) -> dict[str, str]:
    rng = random.Random(2026)  # noqa: S311 - made-up history, not a secret
    secrets = credentials.generate_keys(len(DEMO_KEYS))
    ids = credentials.new_ids("key_", len(DEMO_KEYS))
    keys: list[NewKey] = []
    events: list[NewEvent] = []
    traffic: dict[str, str] = {}
    for demo, secret, key_id in zip(DEMO_KEYS, secrets, ids, strict=True):
        creator = SECOND_ADMIN if demo.by_second_admin else ADMIN
        key = _demo_key(demo, key_id, secret, creator, now, lifecycle)
        keys.append(key)
        events.extend(_demo_history(demo, key, creator, now, rng))
        if demo.traffic:
            traffic[key_id] = secret
    store.keys.add_keys(keys, events)
    if lifecycle:
        by_name = {key.name: key for key in keys}
        _seed_exposures(
            store,
            [(by_name[e.name].digest, e.url, e.source, now - e.ago) for e in DEMO_EXPOSURES],
        )
    return traffic


def _seed_exposures(store: Store, reports: list[tuple[str, str, str, int]]) -> None:
    """Exposure reports (key digest, url, source, when) as secret scanning would
    have sent them, the organization's policy applied at the time."""
    for digest, url, source, at in reports:

        def decide(
            row: KeyRow, policy: Organization, url: str, source: str, at: int = at
        ) -> tuple[dict[str, object], NewAudit]:
            return exposure_change(
                row, policy.on_exposure, at, (SEED_SCANNER_ID, SCANNER_NAME), url, source, None
            )

        store.exposures.report_exposures(
            (SEED_SCANNER_ID, SCANNER_NAME), [(digest, url, source)], at, decide
        )


def _demo_key(
    demo: DemoKey, key_id: str, secret: str, creator: DemoUser, now: int, lifecycle: bool = True
) -> NewKey:
    revoker = ADMIN if demo.revoked_ago is not None else None
    life = DEMO_LIFECYCLE.get(demo.name, DemoLifecycle())
    if not lifecycle:
        life = life._replace(expires_in=None, disabled_ago=None)
    return NewKey(
        id=key_id,
        name=demo.name,
        permissions=permissions_json(demo.permissions),
        digest=credentials.token_digest(secret),
        hint=keyformat.hint(secret),
        created_at=now - demo.created_ago,
        created_by=creator.id,
        last_used_at=None if demo.last_used_ago is None else now - demo.last_used_ago,
        last_used_ip=demo.ip,
        last_used_user_agent=demo.user_agent,
        revoked_at=None if demo.revoked_ago is None else now - demo.revoked_ago,
        revoked_by=None if revoker is None else revoker.id,
        expires_at=None if life.expires_in is None else now + life.expires_in,
        disabled_at=None if life.disabled_ago is None else now - life.disabled_ago,
        disabled_by=None if life.disabled_ago is None else ADMIN.id,
        description=life.description,
        owner_id=None if life.owner is None else life.owner.id,
        tags=tags_json(life.tags),
    )


def _demo_history(
    demo: DemoKey, key: NewKey, creator: DemoUser, now: int, rng: random.Random
) -> Iterator[NewEvent]:
    """Created, then a few calls ending at the last use, then revoked (oldest first)."""
    office_ip = "192.0.2.1"
    yield _event(
        key.id,
        key.created_at,
        "api_key.created",
        "user",
        creator.id,
        creator.name,
        office_ip,
        f"Created by {creator.name}",
    )
    if demo.last_used_ago is not None:
        last = now - demo.last_used_ago
        first = key.created_at + 600
        times = [*sorted(rng.randint(first, last) for _ in range(rng.randint(2, 5))), last]
        for at in times:
            action, summary = _demo_call(demo, rng)
            yield _event(key.id, at, action, "api_key", key.id, demo.name, demo.ip, summary)
    if key.disabled_at is not None:
        yield _event(
            key.id,
            key.disabled_at,
            "api_key.disabled",
            "user",
            ADMIN.id,
            ADMIN.name,
            office_ip,
            f"Disabled by {ADMIN.name}",
        )
    if demo.revoked_ago is not None:
        yield _event(
            key.id,
            now - demo.revoked_ago,
            "api_key.revoked",
            "user",
            ADMIN.id,
            ADMIN.name,
            office_ip,
            f"Revoked by {ADMIN.name}",
        )


def _demo_call(demo: DemoKey, rng: random.Random) -> tuple[str, str]:
    if "playbooks.run" in demo.permissions:
        playbook = rng.choice(list(PLAYBOOKS.values()))
        run_id = credentials.new_id("run_")
        return "playbook.run", f"Started a run of “{playbook}” ({run_id})"
    if "records.write" in demo.permissions:
        record_id = credentials.new_id("rec_")
        return "record.created", f"Created record “Imported contact” ({record_id})"
    return "api_key.used", "Called GET /api/v1/me"


def _event(
    key_id: str,
    at: int,
    action: str,
    kind: str,
    actor_id: str,
    actor_name: str,
    ip: str | None,
    summary: str,
) -> NewEvent:
    return NewEvent(
        credentials.new_id("evt_"), key_id, at, action, kind, actor_id, actor_name, ip, summary
    )


# -- N generated keys -----------------------------------------------------------------


def _seed_generated(store: Store, count: int, now: int, lifecycle: bool = True) -> dict[str, str]:
    """``count`` keys over the last two years, in one transaction."""
    rng = random.Random(count)  # noqa: S311 - made-up metadata, not a secret
    secrets = credentials.generate_keys(count)
    key_ids = credentials.new_ids("key_", count)
    event_ids = iter(credentials.new_ids("evt_", count + count // 5 + 1))
    permission_ids = [p.id for p in PERMISSIONS if not p.impersonation]
    creators = (ADMIN, SECOND_ADMIN)
    owners = [user.id for user in USERS]
    # A few hundred tag sets, drawn once: a key picks one (JSON already made).
    tag_sets = [
        tags_json(sorted(rng.sample(GENERATED_TAGS, rng.randint(0, 3)))) for _ in range(256)
    ]
    keys: list[NewKey] = []
    events: list[NewEvent] = []
    traffic: dict[str, str] = {}
    for i, (secret, key_id) in enumerate(zip(secrets, key_ids, strict=True)):
        created_at = now - rng.randint(60, 730 * DAY)
        creator = creators[i % 2]
        permissions = rng.sample(permission_ids, rng.randint(0, 4))
        if rng.random() < 0.03:
            permissions.append("users.impersonate")
        permissions.sort(key=PERMISSION_ORDER.__getitem__)
        used = rng.random() < 0.7
        revoked_at = rng.randint(created_at, now) if rng.random() < 0.1 else None
        # Part 2: most keys have an owner; some a description; 40 % expire a
        # year after creation (so some have expired); 2 % are disabled.
        draw = rng.random() if lifecycle else 0.5
        expires_at = created_at + 365 * DAY if draw < 0.4 else None
        disabled_at = rng.randint(created_at, now) if draw > 0.98 and revoked_at is None else None
        keys.append(
            NewKey(
                id=key_id,
                name=f"{rng.choice(GENERATED_NAMES)} {i + 1:06d}",
                permissions=permissions_json(permissions),
                digest=credentials.token_digest(secret),
                hint=keyformat.hint(secret),
                created_at=created_at,
                created_by=creator.id,
                last_used_at=rng.randint(created_at, revoked_at or now) if used else None,
                last_used_ip=f"203.0.113.{rng.randint(1, 254)}" if used else None,
                last_used_user_agent=rng.choice(GENERATED_AGENTS) if used else None,
                revoked_at=revoked_at,
                revoked_by=None if revoked_at is None else ADMIN.id,
                expires_at=expires_at,
                disabled_at=disabled_at,
                disabled_by=None if disabled_at is None else ADMIN.id,
                description=GENERATED_DESCRIPTIONS[i % 8] if i % 8 < 4 else "",
                owner_id=owners[i % 7] if i % 7 < 5 else None,
                tags=tag_sets[i % 256],
            )
        )
        events.append(
            NewEvent(
                next(event_ids),
                key_id,
                created_at,
                "api_key.created",
                "user",
                creator.id,
                creator.name,
                "192.0.2.1",
                f"Created by {creator.name}",
            )
        )
        if revoked_at is not None:
            events.append(
                NewEvent(
                    next(event_ids),
                    key_id,
                    revoked_at,
                    "api_key.revoked",
                    "user",
                    ADMIN.id,
                    ADMIN.name,
                    "192.0.2.1",
                    f"Revoked by {ADMIN.name}",
                )
            )
        elif len(traffic) < TRAFFIC_KEYS and disabled_at is None and expires_at is None:
            traffic[key_id] = secret
    store.keys.add_keys(keys, events)
    if lifecycle and count:
        # A few keys reported exposed (one in 2000, at least 3, at most 50),
        # among the ones still active and not used for traffic.
        candidates = [
            k
            for k in keys
            if k.revoked_at is None
            and k.disabled_at is None
            and k.expires_at is None
            and k.id not in traffic
        ]
        chosen = candidates[: min(50, max(3, count // 2000))]
        _seed_exposures(
            store,
            [
                (
                    key.digest,
                    GENERATED_EXPOSURE_URLS[i % len(GENERATED_EXPOSURE_URLS)],
                    "commit",
                    min(now, max(key.created_at, key.last_used_at or 0) + 60),
                )
                for i, key in enumerate(chosen)
            ],
        )
    return traffic
