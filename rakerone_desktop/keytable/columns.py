"""The keys table's columns, each declared once.

One :class:`KeyColumn` per column holds every fact about it: its header, the
text a cell shows, its tooltip, how it sorts (one value per row, and the same
order for every row at once), what a search looks in, what a CSV export
writes, and whether it is hidden until a person shows it. The Qt model, the
delegate, the CSV export, the column menu and the saved settings all read from
:data:`COLUMNS`; adding a column is one entry here and its test.

Nothing here imports Qt. Texts a person reads are Qt source strings in the
``ApiKeysModel`` context: ``QT_TRANSLATE_NOOP`` marks them for the translation
tools, and the Qt side translates them through the :class:`Texts` it passes in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, IntEnum
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from rakerone_desktop.api.models import FEATURE_KEY_EXPIRY, FEATURE_KEY_METADATA, ApiKey
from rakerone_desktop.domain.csv_export import iso_utc
from rakerone_desktop.keytable.steps import Steps, mapped
from rakerone_desktop.keytable.store import (
    ACTIVE,
    DISABLED,
    EXPIRED,
    NEVER,
    NO_EXPIRY,
    REVOKED,
    TAIL,
    PreparedKeys,
)

if TYPE_CHECKING:
    from rakerone_desktop.keytable.permissions import PermissionSet

# The translation context of every text here (the model's, as it has always been;
# written out in each QT_TRANSLATE_NOOP too, where the translation tools look for it).
CONTEXT = "ApiKeysModel"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the translation tools; translated later, by the Qt side."""
    del context
    return text


class Column(IntEnum):
    """Columns in their place, left to right. The member's name is its id in settings."""

    NAME = 0
    PERMISSIONS = 1
    LAST_USED = 2
    CREATED = 3
    HINT = 4
    CREATED_BY = 5
    LAST_USED_IP = 6
    LAST_USED_USER_AGENT = 7
    REVOKE = 8
    # Part 2 (key lifecycle): shown only when the server offers their feature. After
    # Revoke in the model (saved settings name columns by place too); the table
    # shows Expires after Created (see the keys page).
    EXPIRES = 9
    OWNER = 10
    TAGS = 11
    DESCRIPTION = 12


class Paint(Enum):
    """How the delegate paints a column's cells."""

    TEXT = "text"
    # the name, a rotation mark (Role.ROTATING) and status badges (Role.STATUS_BADGES)
    KEY_NAME = "key name"
    BADGES = "badges"  # permission badges (Role.BADGES)
    BUTTON = "button"  # the Revoke button (Role.REVOKED, Role.KEY_ID)


class Texts(Protocol):
    """Translation and time formatting, supplied by the side that shows the table."""

    def tr(self, source: str) -> str: ...
    def relative(self, then: float | None, now: float) -> str: ...
    def ahead(self, then: float, now: float) -> str: ...
    def local_date(self, when: datetime) -> str: ...
    def local_time(self, when: datetime) -> str: ...
    def utc_time(self, when: datetime) -> str: ...


class Cells(Protocol):
    """What a cell reads besides its key (the table engine is one)."""

    rows: PreparedKeys
    now: float
    rotations: Mapping[str, str]
    texts: Texts

    @property
    def rotated(self) -> Set[str]:
        """Ids of keys rotated on the server (the old keys, in their grace period)."""
        ...

    def perm_set(self, i: int) -> PermissionSet: ...
    def created_text(self, i: int) -> str: ...


Text = Callable[[Cells, int], str]
Tip = Callable[[Cells, int], str | None]
SortValue = Callable[[Cells, int], Any]
# Every row's sort key at once, in steps: (rows, permission-set ranks, step) → keys.
SortKeys = Callable[[PreparedKeys, "dict[Any, int] | None", int], Steps[Sequence[Any]]]
# What a search looks in: (key, its permission set) → text (casefolded by the search).
SearchText = Callable[[ApiKey, "PermissionSet"], str]
CsvValue = Callable[[ApiKey, Mapping[str, str]], object]


@dataclass(frozen=True, slots=True)
class CsvField:
    name: str  # the CSV header
    value: CsvValue
    place: int  # the field's place in the file (the file's layout predates the table's)


@dataclass(frozen=True, slots=True)
class KeyColumn:
    id: Column
    header: str  # a source text in CONTEXT
    display: Text
    tooltip: Tip
    csv: tuple[CsvField, ...]
    # The plain sort key of one row (``Role.SORT``); None: the column doesn't sort.
    sort_value: SortValue | None = None
    # Every row's sort key, in the same order as ``sort_value`` (the fast path).
    sort_keys: SortKeys | None = None
    search: SearchText | None = None
    optional: bool = False  # hidden until a person shows it (audit views)
    paint: Paint = Paint.TEXT
    # The initial width, in widths of "M"; None: it stretches into the room left.
    width_em: int | None = None
    needs_catalog: bool = False  # sorting depends on the permission catalog
    # The server feature (``Organization.features``) without which the column is
    # absent: hidden, and not in the View ▸ Columns menu. None: part 1 has it.
    feature: str | None = None

    @property
    def sortable(self) -> bool:
        return self.sort_value is not None


# -- the facts, as functions of a row ------------------------------------------------

_NAME = attrgetter("name")
_HINT = attrgetter("hint")
_IP = attrgetter("last_used_ip")
_AGENT = attrgetter("last_used_user_agent")
_DESCRIPTION = attrgetter("description")
_HINT_TAIL = itemgetter(slice(TAIL, None))
_NONE_AS_EMPTY: dict[Any, str] = {None: ""}


def _perm_text(c: Cells, i: int) -> str:
    return c.perm_set(i).text or c.texts.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "No permissions"))


_DISABLED_BADGE = QT_TRANSLATE_NOOP("ApiKeysModel", "Disabled")
_EXPIRED_BADGE = QT_TRANSLATE_NOOP("ApiKeysModel", "Expired")
_EXPOSED_BADGE = QT_TRANSLATE_NOOP("ApiKeysModel", "Exposed")


def is_expired(c: Cells, i: int) -> bool:
    """The server says so, or the key's expiry has passed since (not a revoked key)."""
    status = c.rows.status[i]
    return status == EXPIRED or (status in (ACTIVE, DISABLED) and c.rows.expires[i] <= c.now)


def status_badges(c: Cells, i: int) -> tuple[str, ...]:
    """The lifecycle badges of row ``i`` (source texts): Disabled, Expired, Exposed.
    A revoked key keeps its own look; only Exposed is added to it."""
    rows = c.rows
    badges: list[str] = []
    if rows.status[i] == DISABLED:
        badges.append(_DISABLED_BADGE)
    if is_expired(c, i):
        badges.append(_EXPIRED_BADGE)
    if rows.exposed[i] > 0.0:
        badges.append(_EXPOSED_BADGE)
    return tuple(badges)


def exposure_text(key: ApiKey, t: Texts) -> str:
    """When and where a key was reported exposed (plain text), or ""."""
    report = key.exposure
    if report is None:
        return ""
    text = t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Reported exposed on %1 by %2"))
    text = text.replace("%1", t.local_time(report.reported_at)).replace("%2", report.source)
    if report.url:
        text += "\n" + t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Found at %1")).replace(
            "%1", report.url
        )
    return text


def _name_tip(c: Cells, i: int) -> str:
    key, t = c.rows.keys[i], c.texts
    lines = [key.name]
    if key.id in c.rotations:
        note = QT_TRANSLATE_NOOP(
            "ApiKeysModel",
            "Rotation in progress: revoke this key once your integration uses the new one.",
        )
        lines.append(t.tr(note))
    for badge in status_badges(c, i):
        if badge == _DISABLED_BADGE:
            by = key.disabled_by.name if key.disabled_by else "?"
            line = t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Disabled %1 by %2"))
            when = t.local_time(key.disabled_at) if key.disabled_at else "?"
            lines.append(line.replace("%1", when).replace("%2", by))
        elif badge == _EXPIRED_BADGE:
            lines.append(t.tr(_EXPIRED_BADGE))
        else:
            lines.append(t.tr(_EXPOSED_BADGE) + ": " + exposure_text(key, t))
    return "\n".join(lines)


def _expires_text(c: Cells, i: int) -> str:
    rows, t = c.rows, c.texts
    if rows.status[i] == REVOKED:
        return ""
    if is_expired(c, i):
        return t.tr(_EXPIRED_BADGE)
    then = rows.expires[i]
    if then == NO_EXPIRY:
        return t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Never"))
    ahead = t.ahead(then, c.now)
    if rows.keys[i].id in c.rotated:
        text = t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Expires %1 (rotated)"))
        return text.replace("%1", ahead)
    return ahead


def _expires_tip(c: Cells, i: int) -> str | None:
    key, t = c.rows.keys[i], c.texts
    if key.expires_at is None:
        if c.rows.status[i] == REVOKED:
            return None
        return t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "This key never expires."))
    lines = [t.local_time(key.expires_at), t.utc_time(key.expires_at)]
    if key.id in c.rotated:
        lines.append(
            t.tr(
                QT_TRANSLATE_NOOP(
                    "ApiKeysModel", "Rotated: this key stops working then; its successor is new."
                )
            )
        )
    return "\n".join(lines)


def _last_used_text(c: Cells, i: int) -> str:
    used = c.rows.last_used[i]
    return c.texts.relative(None if used == NEVER else used, c.now)


def _last_used_tip(c: Cells, i: int) -> str:
    key, t = c.rows.keys[i], c.texts
    if key.last_used_at is None:
        return t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "This key hasn't been used yet."))
    lines = [t.local_time(key.last_used_at), t.utc_time(key.last_used_at)]
    if key.last_used_ip:
        lines.append(
            t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "IP: %1")).replace("%1", key.last_used_ip)
        )
    if key.last_used_user_agent:
        agent = t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "User agent: %1"))
        lines.append(agent.replace("%1", key.last_used_user_agent))
    return "\n".join(lines)


def _created_tip(c: Cells, i: int) -> str:
    key, t = c.rows.keys[i], c.texts
    return (
        t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Created %1 by %2"))
        .replace("%1", t.local_time(key.created_at))
        .replace("%2", key.created_by.name)
        + "\n"
        + t.utc_time(key.created_at)
    )


def _revoke_text(c: Cells, i: int) -> str:
    if c.rows.revoked[i]:
        return c.texts.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Revoked"))
    return c.texts.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Revoke"))


def _revoke_tip(c: Cells, i: int) -> str:
    key, t = c.rows.keys[i], c.texts
    if key.revoked_at is not None:
        by = key.revoked_by.name if key.revoked_by else "?"
        return (
            t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Revoked %1 by %2"))
            .replace("%1", t.local_time(key.revoked_at))
            .replace("%2", by)
        )
    return t.tr(QT_TRANSLATE_NOOP("ApiKeysModel", "Revoke this key"))


def _no_tip(_c: Cells, _i: int) -> None:
    return None


def _text_tip(text: Text) -> Tip:
    def tip(c: Cells, i: int) -> str | None:
        return text(c, i) or None

    return tip


def _owner(c: Cells, i: int) -> str:
    return c.rows.owners[i]


def _tags(c: Cells, i: int) -> str:
    return ", ".join(c.rows.tags[i])


def _description_line(c: Cells, i: int) -> str:
    # One line in the table; the tooltip and the details pane show all of it.
    return c.rows.keys[i].description.partition("\n")[0]


def _description(c: Cells, i: int) -> str:
    return c.rows.keys[i].description


# Sort keys of every row at once; each orders rows as its column's ``sort_value`` does.


def _names_folded(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    names = yield from mapped(_NAME, rows.keys, step=step)
    return (yield from mapped(str.casefold, names, step=step))


def _perm_ranks(
    rows: PreparedKeys, ranks: dict[Any, int] | None, step: int
) -> Steps[Sequence[Any]]:
    assert ranks is not None
    return (yield from mapped(ranks.__getitem__, rows.perms, step=step))


def _last_used_keys(rows: PreparedKeys, _r: Any, _step: int) -> Steps[Sequence[Any]]:
    return rows.last_used
    yield  # a job of no steps


def _created_keys(rows: PreparedKeys, _r: Any, _step: int) -> Steps[Sequence[Any]]:
    return rows.created
    yield  # a job of no steps


def _hint_tails(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    # Every hint has the same prefix: the last 4 characters decide.
    hints = yield from mapped(_HINT, rows.keys, step=step)
    return (yield from mapped(_HINT_TAIL, hints, step=step))


def _creators_folded(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    folded = {c: c.casefold() for c in set(rows.creators)}
    return (yield from mapped(folded.__getitem__, rows.creators, step=step))


def _ips(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    ips = yield from mapped(_IP, rows.keys, step=step)
    if None in ips:
        return (yield from mapped(_NONE_AS_EMPTY.get, ips, ips, step=step))
    return ips


def _agents_folded(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    agents = yield from mapped(_AGENT, rows.keys, step=step)
    folded = {a: (a or "").casefold() for a in set(agents)}
    return (yield from mapped(folded.__getitem__, agents, step=step))


def _expires_keys(rows: PreparedKeys, _r: Any, _step: int) -> Steps[Sequence[Any]]:
    return rows.expires  # never-expiring keys (NO_EXPIRY) last, ascending
    yield  # a job of no steps


def _owners_folded(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    folded = {o: o.casefold() for o in set(rows.owners)}
    return (yield from mapped(folded.__getitem__, rows.owners, step=step))


def _tags_folded(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    folded = {t: ", ".join(t).casefold() for t in set(rows.tags)}
    return (yield from mapped(folded.__getitem__, rows.tags, step=step))


def _descriptions_folded(rows: PreparedKeys, _r: Any, step: int) -> Steps[Sequence[Any]]:
    texts = yield from mapped(_DESCRIPTION, rows.keys, step=step)
    folded = {d: d.casefold() for d in set(texts)}
    return (yield from mapped(folded.__getitem__, texts, step=step))


def _permission_labels(key: ApiKey, labels: Mapping[str, str]) -> str:
    return "; ".join(labels.get(p, p) for p in key.permissions)


def _field(name: str, value: CsvValue, place: int) -> tuple[CsvField, ...]:
    return (CsvField(name, value, place),)


# -- the table ------------------------------------------------------------------------

COLUMNS: tuple[KeyColumn, ...] = (
    KeyColumn(
        Column.NAME,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Name"),
        display=lambda c, i: c.rows.keys[i].name,
        tooltip=_name_tip,
        sort_value=lambda c, i: c.rows.keys[i].name.casefold(),
        sort_keys=_names_folded,
        search=lambda key, _s: key.name,
        csv=_field("name", lambda k, _l: k.name, 1),
        paint=Paint.KEY_NAME,
        width_em=18,
    ),
    KeyColumn(
        Column.PERMISSIONS,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Permissions"),
        display=_perm_text,
        tooltip=_perm_text,
        sort_value=lambda c, i: c.perm_set(i).sort_key,
        sort_keys=_perm_ranks,
        search=lambda key, s: s.text + "\x00" + " ".join(key.permissions),
        csv=(
            CsvField("permissions", lambda k, _l: " ".join(k.permissions), 2),
            CsvField("permission_labels", _permission_labels, 3),
        ),
        paint=Paint.BADGES,
        needs_catalog=True,
    ),
    KeyColumn(
        Column.LAST_USED,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Last used"),
        display=_last_used_text,
        tooltip=_last_used_tip,
        sort_value=lambda c, i: c.rows.last_used[i],
        sort_keys=_last_used_keys,
        csv=_field("last_used_at_utc", lambda k, _l: iso_utc(k.last_used_at), 7),
        width_em=10,
    ),
    KeyColumn(
        Column.CREATED,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Created"),
        display=lambda c, i: c.created_text(i),
        tooltip=_created_tip,
        sort_value=lambda c, i: c.rows.created[i],
        sort_keys=_created_keys,
        csv=_field("created_at_utc", lambda k, _l: iso_utc(k.created_at), 5),
        width_em=8,
    ),
    KeyColumn(
        Column.HINT,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Hint"),
        display=lambda c, i: c.rows.keys[i].hint,
        tooltip=_no_tip,
        sort_value=lambda c, i: c.rows.keys[i].hint,
        sort_keys=_hint_tails,
        search=lambda key, _s: key.hint,
        csv=_field("hint", lambda k, _l: k.hint, 4),
        optional=True,
        width_em=8,
    ),
    KeyColumn(
        Column.CREATED_BY,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Created by"),
        display=lambda c, i: c.rows.keys[i].created_by.name,
        tooltip=_no_tip,
        sort_value=lambda c, i: c.rows.keys[i].created_by.name.casefold(),
        sort_keys=_creators_folded,
        search=lambda key, _s: key.created_by.name,
        csv=_field("created_by", lambda k, _l: k.created_by.name, 6),
        optional=True,
        width_em=10,
    ),
    KeyColumn(
        Column.LAST_USED_IP,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Last used IP"),
        display=lambda c, i: c.rows.keys[i].last_used_ip or "",
        tooltip=_no_tip,
        sort_value=lambda c, i: c.rows.keys[i].last_used_ip or "",
        sort_keys=_ips,
        csv=_field("last_used_ip", lambda k, _l: k.last_used_ip, 8),
        optional=True,
        width_em=9,
    ),
    KeyColumn(
        Column.LAST_USED_USER_AGENT,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Last used user agent"),
        display=lambda c, i: c.rows.keys[i].last_used_user_agent or "",
        tooltip=_no_tip,
        sort_value=lambda c, i: (c.rows.keys[i].last_used_user_agent or "").casefold(),
        sort_keys=_agents_folded,
        csv=_field("last_used_user_agent", lambda k, _l: k.last_used_user_agent, 9),
        optional=True,
        width_em=16,
    ),
    KeyColumn(
        Column.REVOKE,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Revoke"),
        display=_revoke_text,
        tooltip=_revoke_tip,
        csv=(
            CsvField("revoked_at_utc", lambda k, _l: iso_utc(k.revoked_at), 10),
            CsvField("revoked_by", lambda k, _l: k.revoked_by.name if k.revoked_by else "", 11),
            CsvField("status", lambda k, _l: k.lifecycle_status, 12),
        ),
        paint=Paint.BUTTON,
        width_em=7,
    ),
    KeyColumn(
        Column.EXPIRES,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Expires"),
        display=_expires_text,
        tooltip=_expires_tip,
        sort_value=lambda c, i: c.rows.expires[i],
        sort_keys=_expires_keys,
        csv=_field("expires_at_utc", lambda k, _l: iso_utc(k.expires_at), 13),
        width_em=10,
        feature=FEATURE_KEY_EXPIRY,
    ),
    KeyColumn(
        Column.OWNER,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Owner"),
        display=_owner,
        tooltip=_no_tip,
        sort_value=lambda c, i: c.rows.owners[i].casefold(),
        sort_keys=_owners_folded,
        csv=_field("owner", lambda k, _l: k.owner.name if k.owner else "", 14),
        optional=True,
        width_em=10,
        feature=FEATURE_KEY_METADATA,
    ),
    KeyColumn(
        Column.TAGS,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Tags"),
        display=_tags,
        tooltip=_text_tip(_tags),
        sort_value=lambda c, i: ", ".join(c.rows.tags[i]).casefold(),
        sort_keys=_tags_folded,
        csv=_field("tags", lambda k, _l: " ".join(k.tags), 15),
        optional=True,
        width_em=10,
        feature=FEATURE_KEY_METADATA,
    ),
    KeyColumn(
        Column.DESCRIPTION,
        QT_TRANSLATE_NOOP("ApiKeysModel", "Description"),
        display=_description_line,
        tooltip=_text_tip(_description),
        sort_value=lambda c, i: c.rows.keys[i].description.casefold(),
        sort_keys=_descriptions_folded,
        csv=_field("description", lambda k, _l: k.description, 16),
        optional=True,
        width_em=16,
        feature=FEATURE_KEY_METADATA,
    ),
)

# The key's id leads every CSV row; it is no column of the table.
ID_FIELD = CsvField("id", lambda k, _l: k.id, 0)
# Every field of a keys CSV, in the file's order.
CSV_FIELDS: tuple[CsvField, ...] = tuple(
    sorted((ID_FIELD, *(f for col in COLUMNS for f in col.csv)), key=attrgetter("place"))
)

# Columns hidden until a person shows them (audit views).
OPTIONAL_COLUMNS: tuple[Column, ...] = tuple(c.id for c in COLUMNS if c.optional)
SORTABLE_COLUMNS: tuple[Column, ...] = tuple(c.id for c in COLUMNS if c.sortable)
# The order the server lists keys in: newest first (ties by id, descending).
SERVER_ORDER = (Column.CREATED, True)
# Sorted in the background after a load (ascending; descending then takes one
# fast pass): every sortable column but the server's order and those that need
# the catalog (which sort fast anyway: their keys are small numbers).
PRESORTED: tuple[Column, ...] = tuple(
    c.id for c in COLUMNS if c.sortable and not c.needs_catalog and c.id != SERVER_ORDER[0]
)
