"""The revoke confirmation, for one key or several, and its per-key results.

Cancel is the default button; **Revoke key** is styled as destructive. The
dialog never assumes success: it shows progress while the app asks the
server, then the server's per-key outcome (or the failure, loudly), and only
then closes or offers Close.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, RevokeResult
from rakerone_desktop.domain import csv_export
from rakerone_desktop.models import timefmt
from rakerone_desktop.ui.labels import wrapped_label
from rakerone_desktop.ui.text import isolate

SEED_REVOKE = (
    "Revoking is immediate and permanent. Any integration using this key stops working right "
    "away, and the key can't be brought back."
)
SEED_REVOKE_MANY = (
    "Revoking is immediate and permanent. Any integration using these keys stops working right "
    "away, and the keys can't be brought back."
)
RECENT_SECONDS = 24 * 3600
#: More keys than this need the count typed in before they can be revoked.
TYPED_CONFIRMATION_ABOVE = 5


def last_used_sentence(key: ApiKey, now: float | None = None) -> str:
    now = time.time() if now is None else now
    if key.last_used_at is None:
        return QCoreApplication.translate("RevokeDialog", "This key has never been used.")
    rel = timefmt.relative(key.last_used_at.timestamp(), now)
    return (
        QCoreApplication.translate("RevokeDialog", "Last used %1 (%2).")
        .replace("%1", rel)
        .replace("%2", timefmt.local_time(key.last_used_at))
    )


def used_recently(key: ApiKey, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    return key.last_used_at is not None and now - key.last_used_at.timestamp() < RECENT_SECONDS


class RevokeDialog(QDialog):
    """Asks before revoking; reports the server's answer per key."""

    confirmed = Signal(list)  # key ids
    disableInsteadRequested = Signal(list)  # list[ApiKey]: "Disable all shown" (an incident)
    saveResultsRequested = Signal(str)  # CSV text of the per-key results

    OUTCOME_TEXT: ClassVar[dict[str, str]] = {
        "revoked": "Revoked",
        "already_revoked": "Was already revoked",
        "not_found": "Not found (deleted or never existed)",
    }

    def __init__(self, keys: Sequence[ApiKey], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revokeDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(600)
        self.keys = list(keys)
        many = len(self.keys) > 1
        if many:
            title = self.tr("Revoke %1 keys").replace("%1", str(len(self.keys)))
        else:
            title = self.tr("Revoke “%1”").replace("%1", isolate(self.keys[0].name))
        self.setWindowTitle(title)
        heading = wrapped_label(title, "pageTitle")
        heading.setObjectName("revokeTitle")
        text = wrapped_label(self.tr(SEED_REVOKE_MANY if many else SEED_REVOKE))
        text.setObjectName("revokeText")

        recent = [k for k in self.keys if used_recently(k)]
        self.warning = QFrame()
        self.warning.setProperty("role", "warningBox")
        self.warning.setObjectName("recentUseWarning")
        warn_layout = QVBoxLayout(self.warning)
        if many:
            warn_text = self.tr(
                "%1 of these keys were used in the last day. Something is probably still using "
                "them, and it will stop working right away."
            ).replace("%1", str(len(recent)))
        else:
            warn_text = self.tr(
                "This key was used in the last day. Something is probably still using it, and "
                "it will stop working right away."
            )
        self.warning_label = wrapped_label("⚠ " + warn_text)
        warn_layout.addWidget(self.warning_label)
        self.warning.setVisible(bool(recent))

        self.list = QListWidget()
        self.list.setObjectName("revokeList")
        self.list.setAccessibleName(self.tr("Keys to revoke"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key in self.keys:
            item = QListWidgetItem(f"{isolate(key.name)}  ({key.hint}) — {last_used_sentence(key)}")
            item.setData(Qt.ItemDataRole.UserRole, key.id)
            self.list.addItem(item)
        self.list.setVisible(many)
        self.last_used = wrapped_label(last_used_sentence(self.keys[0]) if not many else "")
        self.last_used.setObjectName("revokeLastUsed")
        self.last_used.setVisible(not many)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.status = wrapped_label("")
        self.status.setObjectName("revokeStatus")
        self.status.hide()
        self.error = wrapped_label("", "fieldError")
        self.error.setObjectName("revokeError")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        self.typed = QLineEdit()
        self.typed.setObjectName("revokeConfirmField")
        self.typed.setAccessibleName(self.tr("Number of keys to revoke"))
        self.typed_label = wrapped_label(
            self.tr("Type %1 to confirm that you mean to revoke all of these keys.").replace(
                "%1", str(len(self.keys))
            )
        )
        self.typed_label.setBuddy(self.typed)
        self._needs_typing = len(self.keys) > TYPED_CONFIRMATION_ABOVE
        self.typed.setVisible(self._needs_typing)
        self.typed_label.setVisible(self._needs_typing)
        self.typed.textChanged.connect(self._update_confirm)

        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelRevokeButton")
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setDefault(True)
        self.cancel_button.setAutoDefault(True)
        label = (
            self.tr("Revoke key")
            if not many
            else self.tr("Revoke %1 keys").replace("%1", str(len(self.keys)))
        )
        self.revoke_button = QPushButton(label)
        self.revoke_button.setObjectName("confirmRevokeButton")
        self.revoke_button.setProperty("role", "destructive")
        self.revoke_button.setAutoDefault(False)
        self.revoke_button.clicked.connect(self._confirm)
        self.save_button = QPushButton(self.tr("Save results…"))
        self.save_button.setObjectName("saveRevokeResultsButton")
        self.save_button.clicked.connect(self._save_results)
        self.save_button.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeRevokeButton")
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        # In an incident, the reversible move first (offer_disable_first shows it).
        self.disable_first = wrapped_label(
            self.tr(
                "Not sure yet? Disable stops these keys at once too, and can be undone with Enable."
            )
        )
        self.disable_first.hide()
        self.disable_button = QPushButton(self.tr("&Disable all shown"))
        self.disable_button.setObjectName("disableAllShownButton")
        self.disable_button.setAutoDefault(False)
        self.disable_button.clicked.connect(self._disable_instead)
        self.disable_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.disable_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.last_used)
        layout.addWidget(self.warning)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.typed_label)
        layout.addWidget(self.typed)
        layout.addWidget(self.disable_first)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.cancel_button.setFocus()
        self._busy = False
        self._results: list[tuple[str, str, str, str]] = []
        self._update_confirm()

    def offer_disable_first(self) -> None:
        """Offer Disable all shown before Revoke (the server offers disabling)."""
        self.disable_first.show()
        self.disable_button.show()

    def _disable_instead(self) -> None:
        if not self._busy:
            self.disableInsteadRequested.emit(list(self.keys))
            self.reject()

    def _update_confirm(self) -> None:
        if self._needs_typing:
            self.revoke_button.setEnabled(self.typed.text().strip() == str(len(self.keys)))

    def _confirm(self) -> None:
        if self._busy:
            return
        if self._needs_typing and self.typed.text().strip() != str(len(self.keys)):
            return
        self._busy = True
        self.revoke_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.progress.show()
        self.error.hide()
        self.status.setText(self.tr("Revoking…"))
        self.status.show()
        self.confirmed.emit([k.id for k in self.keys])

    def reject(self) -> None:
        if self._busy:
            return  # the server is answering; the result must be seen
        super().reject()

    def show_results(self, results: Sequence[RevokeResult]) -> None:
        """The server's answer; one key revoked closes at once, otherwise a summary."""
        self._busy = False
        self.progress.hide()
        outcomes = {r.id: r.outcome for r in results}
        if len(self.keys) == 1 and outcomes.get(self.keys[0].id) == "revoked":
            self.accept()
            return
        counts: dict[str, int] = {}
        self._results = []
        for n in range(self.list.count()):
            item = self.list.item(n)
            key_id = item.data(Qt.ItemDataRole.UserRole)
            outcome = outcomes.get(key_id, "not_found")
            counts[outcome] = counts.get(outcome, 0) + 1
            key = self.keys[n]
            item.setText(
                f"{isolate(key.name)}  ({key.hint}) — {self.tr(self.OUTCOME_TEXT[outcome])}"
            )
            self._results.append((key.id, key.name, key.hint, outcome))
        self.list.show()
        self.last_used.hide()
        summary = ", ".join(
            f"{self.tr(self.OUTCOME_TEXT[k])}: {v}" for k, v in sorted(counts.items())
        )
        self.status.setText(summary)
        self.cancel_button.hide()
        self.revoke_button.hide()
        self.typed.hide()
        self.typed_label.hide()
        self.save_button.show()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    @property
    def results(self) -> list[tuple[str, str, str, str]]:
        """(id, name, hint, outcome) per key, once the server has answered."""
        return list(self._results)

    def _save_results(self) -> None:
        self.saveResultsRequested.emit(csv_export.results_csv(self._results))

    def show_failure(self, error: ApiError) -> None:
        """Nothing is assumed: the keys stay as they were in the table."""
        self._busy = False
        self.progress.hide()
        self.status.hide()
        self.error.setText(
            self.tr("The keys were not confirmed as revoked: %1").replace("%1", str(error))
            if len(self.keys) > 1
            else self.tr("The key was not revoked: %1").replace("%1", str(error))
        )
        self.error.show()
        self.revoke_button.setText(self.tr("Try again"))
        self.revoke_button.setEnabled(True)
        self._update_confirm()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()
