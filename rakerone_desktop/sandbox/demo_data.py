"""The made-up organisation the sandbox serves: people, playbooks, key names.

Emails use example.com and addresses the documentation ranges of RFC 5737 /
RFC 3849, so nothing here points at a real person or machine.
"""

from __future__ import annotations

from typing import NamedTuple


class DemoUser(NamedTuple):
    id: str
    name: str
    email: str
    role: str


ADMIN = DemoUser("usr_alex", "Alex Admin", "admin@example.com", "admin")
MEMBER = DemoUser("usr_morgan", "Morgan Member", "member@example.com", "member")
# A second admin so that "Created by" varies in the table.
SECOND_ADMIN = DemoUser("usr_priya", "Priya Patel", "priya.patel@example.com", "admin")
# Owners of keys who never sign in to the sandbox (random passwords nobody sees).
DATA_LEAD = DemoUser("usr_sam", "Sam Rivera", "sam.rivera@example.com", "member")
SUPPORT_LEAD = DemoUser("usr_jordan", "Jordan Lee", "jordan.lee@example.com", "member")
USERS = (ADMIN, SECOND_ADMIN, MEMBER, DATA_LEAD, SUPPORT_LEAD)

PLAYBOOKS: dict[str, str] = {
    "pb_onboard_customer": "Onboard a new customer",
    "pb_escalate_incident": "Escalate a P1 incident",
    "pb_weekly_report": "Send the weekly report",
    "pb_offboard_user": "Offboard a leaving employee",
}


class DemoKey(NamedTuple):
    """One seeded key. Times are seconds before the seed runs."""

    name: str
    permissions: tuple[str, ...]
    created_ago: int
    last_used_ago: int | None = None
    ip: str | None = None
    user_agent: str | None = None
    revoked_ago: int | None = None
    by_second_admin: bool = False
    traffic: bool = False  # its secret stays in memory for --simulate-traffic


MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

DEMO_KEYS: tuple[DemoKey, ...] = (
    DemoKey(
        "Data import service",
        ("records.read", "records.write"),
        210 * DAY,
        3 * MINUTE,
        "203.0.113.24",
        "rakerone-importer/3.4.1 python-requests/2.32.3",
        traffic=True,
    ),
    DemoKey(
        "Webhook relay (prod)",
        ("playbooks.run",),
        180 * DAY,
        45,
        "198.51.100.7",
        "webhook-relay/1.9 (+https://relay.example.com)",
        traffic=True,
    ),
    DemoKey(
        "Webhook relay (staging)",
        ("playbooks.run",),
        179 * DAY,
        2 * DAY,
        "198.51.100.8",
        "webhook-relay/2.0-rc1 (+https://relay.example.com)",
        by_second_admin=True,
    ),
    DemoKey(
        "Nightly CRM sync",
        ("records.read", "records.write", "users.view"),
        400 * DAY,
        9 * HOUR,
        "203.0.113.90",
        "crm-sync/5.2 (linux; amd64)",
        traffic=True,
    ),
    DemoKey(
        "Support desk impersonation",
        ("users.view", "users.impersonate"),
        95 * DAY,
        25 * MINUTE,
        "192.0.2.44",
        "support-desk/2024.11 (+https://desk.example.com)",
        by_second_admin=True,
    ),
    DemoKey(
        "Audit log exporter (SIEM)",
        ("audit_log.read",),
        300 * DAY,
        12 * MINUTE,
        "2001:db8::5",
        "siem-forwarder/7.1.0",
    ),
    DemoKey(
        "Terraform provider",
        ("webhooks.manage", "integrations.manage", "playbooks.edit"),
        60 * DAY,
        5 * DAY,
        "203.0.113.150",
        "terraform-provider-rakerone/0.9.2",
    ),
    DemoKey(
        "Slack integration",
        ("playbooks.view", "playbooks.run"),
        150 * DAY,
        2 * HOUR,
        "198.51.100.61",
        "Slackbot 1.0 (+https://api.slack.com/robots)",
        by_second_admin=True,
    ),
    DemoKey(
        "BI dashboard (read-only)",
        ("records.read", "playbooks.view"),
        330 * DAY,
        3 * 30 * DAY,
        "192.0.2.10",
        "Metabase/0.50.3",
    ),
    DemoKey(
        "Legacy intranet widget",
        ("records.read",),
        720 * DAY,
        8 * 30 * DAY,
        "192.0.2.200",
        "Java/1.8.0_202",
    ),
    DemoKey(
        "Zapier",
        ("records.write", "playbooks.run"),
        45 * DAY,
        6 * MINUTE,
        "203.0.113.77",
        "Zapier",
        by_second_admin=True,
    ),
    DemoKey(
        "CI pipeline (GitHub Actions)",
        ("playbooks.view", "playbooks.edit"),
        20 * DAY,
        DAY + 3 * HOUR,
        "2001:db8:1::42",
        "GitHub-Actions/2.321.0 curl/8.5.0",
    ),
    DemoKey(
        "Customer portal backend",
        ("records.read", "records.write", "users.impersonate"),
        250 * DAY,
        90,
        "198.51.100.200",
        "portal-backend/4.12.0 okhttp/4.12.0",
    ),
    DemoKey(
        "Quarterly cleanup script",
        ("records.read", "records.delete"),
        200 * DAY,
        4 * 30 * DAY,
        "192.0.2.33",
        "python-requests/2.31.0",
    ),
    DemoKey(
        "Onboarding form",
        ("playbooks.run",),
        12 * DAY,
        3 * DAY,
        "203.0.113.12",
        "Typeform-Webhooks/1.0",
    ),
    DemoKey("Placeholder for new vendor", (), 7 * DAY),
    DemoKey("Test key — do not use", (), 3 * DAY, by_second_admin=True),
    DemoKey("Mobile app (beta)", ("records.read", "playbooks.view"), 2 * DAY),
    DemoKey("Data warehouse loader", ("records.read", "audit_log.read", "users.view"), 5 * HOUR),
    DemoKey(
        "PagerDuty bridge",
        ("playbooks.run", "playbooks.view"),
        90 * DAY,
        36 * DAY,
        "198.51.100.90",
        "PagerDuty-Webhook/V3.0",
        by_second_admin=True,
    ),
    DemoKey(
        "Old import service",
        ("records.read", "records.write"),
        500 * DAY,
        200 * DAY,
        "192.0.2.77",
        "rakerone-importer/1.2.0 python-requests/2.22.0",
        revoked_ago=190 * DAY,
    ),
    DemoKey(
        "Leaked staging key",
        ("playbooks.run", "records.write"),
        120 * DAY,
        32 * DAY,
        "198.18.0.99",
        "curl/7.68.0",
        revoked_ago=31 * DAY,
        by_second_admin=True,
    ),
    DemoKey(
        "Contractor access (expired contract)",
        ("records.read", "users.impersonate"),
        260 * DAY,
        70 * DAY,
        "203.0.113.201",
        "PostmanRuntime/7.36.0",
        revoked_ago=60 * DAY,
    ),
    DemoKey("Integration trial", ("integrations.manage",), 40 * DAY, revoked_ago=38 * DAY),
)

# For the generated seed (``--seed N``): realistic names, numbered so they differ.
GENERATED_NAMES: tuple[str, ...] = (
    "Data import service",
    "Webhook relay",
    "Nightly sync",
    "Reporting job",
    "Slack bot",
    "Billing export",
    "Ticket bridge",
    "Inventory feed",
    "Lead capture form",
    "ETL worker",
    "Backup verifier",
    "Status page updater",
    "Marketing automation",
    "Partner integration",
    "Mobile backend",
    "QA automation",
    "Analytics loader",
    "Compliance scanner",
)

GENERATED_AGENTS: tuple[str, ...] = (
    "python-requests/2.32.3",
    "curl/8.5.0",
    "Go-http-client/2.0",
    "okhttp/4.12.0",
    "node-fetch/1.0",
    "PostmanRuntime/7.36.0",
    "Java/17.0.9",
)


class DemoLifecycle(NamedTuple):
    """A demo key's part-2 fields. Times are seconds from the seed (negative: before)."""

    owner: DemoUser | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    expires_in: int | None = None
    disabled_ago: int | None = None


# The demo organization's key policy: keys live a year unless told otherwise.
DEMO_POLICY = {"default_lifetime_days": 365, "max_lifetime_days": None}

DEMO_LIFECYCLE: dict[str, DemoLifecycle] = {
    "Data import service": DemoLifecycle(
        DATA_LEAD,
        "Nightly and on-demand imports from the CRM export bucket.",
        ("prod", "team:data"),
        200 * DAY,
    ),
    "Webhook relay (prod)": DemoLifecycle(
        SECOND_ADMIN,
        "Turns inbound webhooks from partners into playbook runs.\nRotate before it expires.",
        ("prod", "webhooks"),
        5 * DAY,
    ),
    "Webhook relay (staging)": DemoLifecycle(SECOND_ADMIN, "", ("staging", "webhooks"), 2 * DAY),
    "Nightly CRM sync": DemoLifecycle(DATA_LEAD, "", ("prod", "team:data", "crm")),
    "Support desk impersonation": DemoLifecycle(
        SUPPORT_LEAD,
        "Lets support agents see the product as a customer does. Reviewed every quarter.",
        ("prod", "team:support", "sensitive"),
        12 * DAY,
    ),
    "Audit log exporter (SIEM)": DemoLifecycle(ADMIN, "", ("prod", "security"), 300 * DAY),
    "Terraform provider": DemoLifecycle(SECOND_ADMIN, "Infrastructure as code.", ("infra",)),
    "Slack integration": DemoLifecycle(SUPPORT_LEAD, "", ("chatops",)),
    "BI dashboard (read-only)": DemoLifecycle(
        DATA_LEAD, "Metabase dashboards for the sales team.", ("team:data",), -20 * DAY
    ),
    "Legacy intranet widget": DemoLifecycle(
        ADMIN,
        "Disabled while we find out who still uses it.",
        ("legacy",),
        disabled_ago=6 * DAY,
    ),
    "Zapier": DemoLifecycle(MEMBER, "", ("no-code",)),
    "CI pipeline (GitHub Actions)": DemoLifecycle(SECOND_ADMIN, "", ("ci",), 25 * DAY),
    "Customer portal backend": DemoLifecycle(DATA_LEAD, "", ("prod", "portal"), 150 * DAY),
    "Test key — do not use": DemoLifecycle(None, "", ("test",), 1 * DAY),
    "Mobile app (beta)": DemoLifecycle(SUPPORT_LEAD, "", ("beta", "mobile"), 90 * DAY),
}

GENERATED_DESCRIPTIONS: tuple[str, ...] = (
    "Runs on the integration cluster.",
    "Owned by the vendor; contact them before revoking.",
    "Used by a scheduled job.",
    "Temporary, for a migration.",
)

GENERATED_TAGS: tuple[str, ...] = (
    "prod", "staging", "dev", "team:data", "team:support", "team:ops", "ci", "vendor",
    "legacy", "pci", "eu", "us",
)  # fmt: skip


class DemoExposure(NamedTuple):
    """A demo key reported exposed by secret scanning, ``ago`` seconds before the seed."""

    name: str
    ago: int
    url: str
    source: str = "commit"


# The scanner the seeds' reports came from (a made-up key identifier, shaped as
# GitHub's are: SHA-256 hex).
SEED_SCANNER_ID = "4f0a3c9e52d1b7a86e0f2c4d9b3a1e7f5c8d2b6a9e4f1c3d7b0a5e8f2c6d9b1a"

# Disabled by the demo policy (on_exposure "disable") when it was reported; its
# last use is older than the report.
DEMO_EXPOSURES = (
    DemoExposure(
        "Terraform provider",
        4 * DAY,
        "https://github.com/example-org/infrastructure/blob/main/terraform/providers.tf",
    ),
)
GENERATED_EXPOSURE_URLS = (
    "https://github.com/example-org/scripts/blob/main/deploy.sh",
    "https://github.com/example-org/website/blob/main/.env",
    "https://gist.github.com/example-user/0f3c2a9d8b7e6f5a4c3b2a1d0e9f8c7b",
    "https://github.com/example-org/mobile-app/blob/develop/config/api.json",
)
