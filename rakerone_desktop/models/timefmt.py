"""Times as a person reads them: "3 minutes ago", "Never", exact local and UTC.

Strings go through Qt's translation system (with plural forms), so this
lives on the Qt side of the line, not in the pure domain package.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

_CONTEXT = "Time"


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, None, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for pyside6-lupdate, which can't see it through _plural()."""
    del context
    return text


def _plural(n: int, one: str, many: str) -> str:
    # Qt's %n plurals need a translation file even for English; choosing the
    # English form here keeps the untranslated app grammatical, and translators
    # still get both source strings (with %n) to map onto their own forms.
    return tr(one if n == 1 else many, n)


def never() -> str:
    return tr("Never")


def _minutes(seconds: int) -> int:
    return (seconds + 30) // 60


def _hours(seconds: int) -> int:
    return (seconds + 1800) // 3600


def _days(seconds: int) -> int:
    return (seconds + 43200) // 86400


def _months(seconds: int) -> int:
    return _days(seconds) // 30


def _years(seconds: int) -> int:
    return _days(seconds) // 365


class _Unit(NamedTuple):
    """A rung of the ladder: the unit's count in a number of seconds; the counts it is
    said below, for a time past and one to come (the last unit: always); its texts."""

    count: Callable[[int], int]
    past_below: int
    future_below: int
    past: tuple[str, str]  # for one, for more
    future: tuple[str, str]


# Further ahead, days and months are counted longer: "in 45 days", "in 18 months".
_LADDER = (
    _Unit(
        _minutes,
        60,
        60,
        (QT_TRANSLATE_NOOP("Time", "%n minute ago"), QT_TRANSLATE_NOOP("Time", "%n minutes ago")),
        (QT_TRANSLATE_NOOP("Time", "in %n minute"), QT_TRANSLATE_NOOP("Time", "in %n minutes")),
    ),
    _Unit(
        _hours,
        24,
        24,
        (QT_TRANSLATE_NOOP("Time", "%n hour ago"), QT_TRANSLATE_NOOP("Time", "%n hours ago")),
        (QT_TRANSLATE_NOOP("Time", "in %n hour"), QT_TRANSLATE_NOOP("Time", "in %n hours")),
    ),
    _Unit(
        _days,
        31,
        61,
        (QT_TRANSLATE_NOOP("Time", "%n day ago"), QT_TRANSLATE_NOOP("Time", "%n days ago")),
        (QT_TRANSLATE_NOOP("Time", "in %n day"), QT_TRANSLATE_NOOP("Time", "in %n days")),
    ),
    _Unit(
        _months,
        12,
        24,
        (QT_TRANSLATE_NOOP("Time", "%n month ago"), QT_TRANSLATE_NOOP("Time", "%n months ago")),
        (QT_TRANSLATE_NOOP("Time", "in %n month"), QT_TRANSLATE_NOOP("Time", "in %n months")),
    ),
    _Unit(
        _years,
        0,
        0,
        (QT_TRANSLATE_NOOP("Time", "%n year ago"), QT_TRANSLATE_NOOP("Time", "%n years ago")),
        (QT_TRANSLATE_NOOP("Time", "in %n year"), QT_TRANSLATE_NOOP("Time", "in %n years")),
    ),
)


def _climb(seconds: int, future: bool) -> str:
    """The first unit whose count is below its limit says it (at least "1 …")."""
    for unit in _LADDER:
        n = unit.count(seconds)
        below = unit.future_below if future else unit.past_below
        if n < below or unit is _LADDER[-1]:
            one, many = unit.future if future else unit.past
            return _plural(max(1, n), one, many)
    raise AssertionError("the last unit always says it")


def relative(then_ts: float | None, now_ts: float) -> str:
    """A relative description of a POSIX time, or "Never" for ``None``."""
    if then_ts is None:
        return never()
    seconds = int(now_ts - then_ts)
    if seconds < 45:
        return tr("Just now")
    return _climb(seconds, future=False)


def ahead(then_ts: float, now_ts: float) -> str:
    """A relative description of a POSIX time to come: "in 12 days", "in 23 hours"."""
    return _climb(max(0, int(then_ts - now_ts)), future=True)


def local_time(dt: datetime) -> str:
    """The exact time in the computer's time zone, with its zone name."""
    local = dt.astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S %Z").strip()


def utc_time(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") + " UTC"


def local_and_utc(dt: datetime) -> str:
    """The exact time in the computer's zone and in UTC, a line each; one line when
    the computer keeps UTC (the two would say the same)."""
    local, utc = local_time(dt), utc_time(dt)
    return local if local == utc else f"{local}\n{utc}"


def local_date(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d")
