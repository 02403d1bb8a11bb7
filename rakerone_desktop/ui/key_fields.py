"""The fields of a key beyond its name and permissions: description, owner, tags, expiry.

Shared by the create wizard and the Edit key dialog; each checks its value by
the contract's rules (``api-v1-lifecycle.md``) before anything is sent, and
shows a server ``422`` that names it (``show_error``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api.models import KeyPolicy, PersonRef, User

MAX_DESCRIPTION = 1000
MAX_TAGS = 20
TAG_PATTERN = re.compile(r"[a-z0-9][a-z0-9._:-]{0,39}")
PRESET_DAYS = (7, 30, 90, 365)
#: The expiry choices that are not a number of days.
ON_A_DATE = "date"
NEVER = "never"
KEEP = "keep"


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("role", "fieldError")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def description_problem(text: str) -> str | None:
    body = text.strip()
    if len(body) > MAX_DESCRIPTION:
        return (
            QCoreApplication.translate(
                "KeyFields", "Use at most %1 characters (this description has %2)."
            )
            .replace("%1", str(MAX_DESCRIPTION))
            .replace("%2", str(len(body)))
        )
    for ch in body:
        if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf"):
            return QCoreApplication.translate(
                "KeyFields", "Remove control and invisible formatting characters (U+%1)."
            ).replace("%1", f"{ord(ch):04X}")
    return None


def parse_tags(text: str) -> tuple[list[str], str | None]:
    """The tags in ``text`` (commas or spaces between them), lowercased; and why not, or None."""
    tags = [t.lower() for t in re.split(r"[,\s]+", text) if t]
    seen: set[str] = set()
    for tag in tags:
        if not TAG_PATTERN.fullmatch(tag):
            return tags, QCoreApplication.translate(
                "KeyFields",
                "“%1” isn't a tag: use 1 to 40 of a-z, 0-9 and . _ : - starting with a letter "
                "or digit.",
            ).replace("%1", tag)
        if tag in seen:
            return tags, QCoreApplication.translate("KeyFields", "“%1” appears twice.").replace(
                "%1", tag
            )
        seen.add(tag)
    if len(tags) > MAX_TAGS:
        return tags, (
            QCoreApplication.translate("KeyFields", "Use at most %1 tags (there are %2).")
            .replace("%1", str(MAX_TAGS))
            .replace("%2", str(len(tags)))
        )
    return tags, None


class DescriptionField(QPlainTextEdit):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyDescriptionField")
        self.setAccessibleName(QCoreApplication.translate("KeyFields", "Description"))
        self.setTabChangesFocus(True)  # Tab leaves the field, as in every other one
        self.setPlaceholderText(
            QCoreApplication.translate("KeyFields", "What the key is for, and whom to ask about it")
        )
        self.setFixedHeight(64)
        self.setPlainText(text)

    def value(self) -> str:
        return self.toPlainText().strip()


class TagsField(QLineEdit):
    def __init__(self, tags: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(", ".join(tags), parent)
        self.setObjectName("keyTagsField")
        self.setAccessibleName(QCoreApplication.translate("KeyFields", "Tags"))
        self.setPlaceholderText(QCoreApplication.translate("KeyFields", "billing, prod"))

    def value(self) -> list[str]:
        return parse_tags(self.text())[0]

    def problem(self) -> str | None:
        return parse_tags(self.text())[1]


class OwnerField(QComboBox):
    """Nobody, or one of the organization's users (loaded in the background)."""

    def __init__(self, owner: PersonRef | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyOwnerField")
        self.setAccessibleName(QCoreApplication.translate("KeyFields", "Owner"))
        self.addItem(QCoreApplication.translate("KeyFields", "Nobody"), None)
        if owner is not None:
            self.addItem(owner.name, owner.id)
            self.setCurrentIndex(1)
        self.status = QLabel(
            QCoreApplication.translate("KeyFields", "Loading the organization's people…")
        )
        self.status.setProperty("role", "hint")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

    def value(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def set_users(self, users: Sequence[User]) -> None:
        chosen = self.value()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for user in sorted(users, key=lambda u: u.name.casefold()):
            self.addItem(f"{user.name} <{user.email}>", user.id)
        index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.status.hide()

    def users_failed(self, error: object) -> None:
        message = getattr(error, "message", None) or str(error)
        self.status.setText(
            QCoreApplication.translate(
                "KeyFields", "The list of people couldn't be loaded: %1"
            ).replace("%1", message)
        )


def limit_text(policy: KeyPolicy | None) -> str:
    if policy is None:
        return ""
    if policy.max_lifetime_days is not None:
        return QCoreApplication.translate(
            "KeyFields", "Your organization's policy: every key expires within %1 days."
        ).replace("%1", str(policy.max_lifetime_days))
    if policy.default_lifetime_days is not None:
        return QCoreApplication.translate(
            "KeyFields",
            "Your organization's policy sets no limit; new keys expire after %1 days unless "
            "you choose otherwise.",
        ).replace("%1", str(policy.default_lifetime_days))
    return QCoreApplication.translate("KeyFields", "Your organization's policy sets no limit.")


class ExpiryField(QWidget):
    """When a key stops working: a preset, a date, or Never (only without a maximum).

    ``current`` (editing): the key's own expiry; then "Keep" is the default and
    only earlier dates are allowed.
    """

    def __init__(
        self,
        policy: KeyPolicy | None,
        *,
        editing: bool = False,
        current: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyExpirySection")
        self._policy = policy or KeyPolicy()
        self._editing = editing
        self._current = current
        max_days = self._policy.max_lifetime_days
        self.choice = QComboBox()
        self.choice.setObjectName("keyExpiryField")
        self.choice.setAccessibleName(QCoreApplication.translate("KeyFields", "Expires"))
        if editing:
            self.choice.addItem(
                QCoreApplication.translate("KeyFields", "Keep as it is (never)")
                if current is None
                else QCoreApplication.translate("KeyFields", "Keep as it is (%1)").replace(
                    "%1", _date_text(current)
                ),
                KEEP,
            )
        default = self._policy.default_lifetime_days
        days_offered = [d for d in PRESET_DAYS if max_days is None or d <= max_days]
        if default is not None and default not in days_offered:
            days_offered = sorted({*days_offered, default})
        if max_days is not None and max_days not in days_offered:
            days_offered.append(max_days)
        if editing and current is not None:
            # Only earlier: a preset that would move the expiry later isn't offered.
            left = current - datetime.now(UTC)
            days_offered = [d for d in days_offered if timedelta(days=d) < left]
        for days in days_offered:
            text = QCoreApplication.translate("KeyFields", "In %1 days").replace("%1", str(days))
            if days == default and not editing:
                text = QCoreApplication.translate("KeyFields", "%1 (default)").replace("%1", text)
            self.choice.addItem(text, days)
        self.choice.addItem(QCoreApplication.translate("KeyFields", "On a date…"), ON_A_DATE)
        if max_days is None and not editing:
            self.choice.addItem(QCoreApplication.translate("KeyFields", "Never"), NEVER)
        if not editing:
            index = self.choice.findData(default if default is not None else NEVER)
            if index < 0 and max_days is not None:
                index = self.choice.findData(max_days)
            self.choice.setCurrentIndex(max(index, 0))
        self.date = QDateEdit()
        self.date.setObjectName("keyExpiryDateField")
        self.date.setAccessibleName(QCoreApplication.translate("KeyFields", "Expiry date"))
        self.date.setCalendarPopup(True)
        today = QDate.currentDate()
        self.date.setMinimumDate(today.addDays(1))
        if max_days is not None:
            self.date.setMaximumDate(today.addDays(max_days))
        self.date.setDate(today.addDays(default or 30))
        self.date.hide()
        self.limit = QLabel(
            QCoreApplication.translate("KeyFields", "A key's expiry can only move earlier.")
            if editing
            else limit_text(policy)
        )
        self.limit.setObjectName("keyExpiryLimit")
        self.limit.setProperty("role", "hint")
        self.limit.setWordWrap(True)
        self.limit.setTextFormat(Qt.TextFormat.PlainText)
        self.error = error_label("keyExpiryError")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.date)
        layout.addWidget(self.limit)
        layout.addWidget(self.error)
        self.choice.currentIndexChanged.connect(self._changed)
        self.date.dateChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        self.date.setVisible(self.choice.currentData() == ON_A_DATE)
        show_error(self.error, self.problem())

    def is_kept(self) -> bool:
        return bool(self.choice.currentData() == KEEP)

    def value(self, now: datetime | None = None) -> datetime | None:
        """The chosen expiry (UTC), or None for Never (or Keep, when editing)."""
        now = now or datetime.now(UTC)
        data = self.choice.currentData()
        if isinstance(data, int):
            return now + timedelta(days=data)
        if data == ON_A_DATE:
            d = self.date.date()
            local = datetime.combine(
                date(d.year(), d.month(), d.day()), time(23, 59)
            ).astimezone()  # end of that local day
            chosen = local.astimezone(UTC)
            max_days = self._policy.max_lifetime_days
            if max_days is not None:
                chosen = min(chosen, now + timedelta(days=max_days))
            return chosen
        return None

    def text(self) -> str:
        """What the review page says."""
        data = self.choice.currentData()
        if data == NEVER:
            return QCoreApplication.translate("KeyFields", "Never")
        value = self.value()
        return _date_text(value) if value is not None else self.choice.currentText()

    def problem(self) -> str | None:
        if not self._editing or self.is_kept():
            return None
        value = self.value()
        if self._current is not None and value is not None and value > self._current:
            return QCoreApplication.translate(
                "KeyFields",
                "A key's expiry can only move earlier. Choose a date before %1, or create a new "
                "key.",
            ).replace("%1", _date_text(self._current))
        return None


def _date_text(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
