"""Times as a person reads them: "3 minutes ago", "Never", exact local and UTC.

Strings go through Qt's translation system (with plural forms), so this
lives on the Qt side of the line, not in the pure domain package.
"""

from __future__ import annotations

from datetime import UTC, datetime

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


def relative(then_ts: float | None, now_ts: float) -> str:
    """A relative description of a POSIX time, or "Never" for ``None``."""
    if then_ts is None:
        return never()
    seconds = int(now_ts - then_ts)
    if seconds < 45:
        return tr("Just now")
    minutes = (seconds + 30) // 60
    if minutes < 60:
        return _plural(
            max(1, minutes),
            QT_TRANSLATE_NOOP("Time", "%n minute ago"),
            QT_TRANSLATE_NOOP("Time", "%n minutes ago"),
        )
    hours = (seconds + 1800) // 3600
    if hours < 24:
        return _plural(
            hours,
            QT_TRANSLATE_NOOP("Time", "%n hour ago"),
            QT_TRANSLATE_NOOP("Time", "%n hours ago"),
        )
    days = (seconds + 43200) // 86400
    if days < 31:
        return _plural(
            days,
            QT_TRANSLATE_NOOP("Time", "%n day ago"),
            QT_TRANSLATE_NOOP("Time", "%n days ago"),
        )
    months = days // 30
    if months < 12:
        return _plural(
            months,
            QT_TRANSLATE_NOOP("Time", "%n month ago"),
            QT_TRANSLATE_NOOP("Time", "%n months ago"),
        )
    return _plural(
        max(1, days // 365),
        QT_TRANSLATE_NOOP("Time", "%n year ago"),
        QT_TRANSLATE_NOOP("Time", "%n years ago"),
    )


def ahead(then_ts: float, now_ts: float) -> str:
    """A relative description of a POSIX time to come: "in 12 days", "in 23 hours"."""
    seconds = max(0, int(then_ts - now_ts))
    minutes = (seconds + 30) // 60
    if minutes < 60:
        return _plural(
            max(1, minutes),
            QT_TRANSLATE_NOOP("Time", "in %n minute"),
            QT_TRANSLATE_NOOP("Time", "in %n minutes"),
        )
    hours = (seconds + 1800) // 3600
    if hours < 24:
        return _plural(
            hours,
            QT_TRANSLATE_NOOP("Time", "in %n hour"),
            QT_TRANSLATE_NOOP("Time", "in %n hours"),
        )
    days = (seconds + 43200) // 86400
    if days < 61:
        return _plural(
            days,
            QT_TRANSLATE_NOOP("Time", "in %n day"),
            QT_TRANSLATE_NOOP("Time", "in %n days"),
        )
    months = days // 30
    if months < 24:
        return _plural(
            months,
            QT_TRANSLATE_NOOP("Time", "in %n month"),
            QT_TRANSLATE_NOOP("Time", "in %n months"),
        )
    return _plural(
        days // 365,
        QT_TRANSLATE_NOOP("Time", "in %n year"),
        QT_TRANSLATE_NOOP("Time", "in %n years"),
    )


def local_time(dt: datetime) -> str:
    """The exact time in the computer's time zone, with its zone name."""
    local = dt.astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S %Z").strip()


def utc_time(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") + " UTC"


def local_date(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d")
