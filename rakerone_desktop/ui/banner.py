"""The error banner: one clear message, the request id, and Retry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rakerone_desktop.ui.lazy import BuiltOnFirstUse
from rakerone_desktop.ui.theme import icon

if TYPE_CHECKING:
    from rakerone_desktop.api.errors import ApiError


class ErrorBanner(BuiltOnFirstUse, QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "errorBanner") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        kind = self.tr("Error") if object_name == "errorBanner" else self.tr("Notice")
        self.setAccessibleName(kind)
        self.hide()
        # Hidden until the first message: its parts are built then.
        self.parts_pending()

    def _build_parts(self) -> None:
        notice = self.objectName() != "errorBanner"
        kind = self.accessibleName()
        glyph = QLabel()
        glyph.setPixmap(icon("warning" if notice else "error").pixmap(20, 20))
        glyph.setAccessibleName(kind)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # server text is never markup
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.request_id = QLabel()
        self.request_id.setTextFormat(Qt.TextFormat.PlainText)
        self.request_id.setProperty("role", "hint")
        self.request_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retryRequested.emit)
        self.dismiss_button = QPushButton("✕")
        self.dismiss_button.setFlat(True)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.hide)

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.message)
        texts.addWidget(self.request_id)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_error(self, error: ApiError | str, *, retry: bool = True) -> None:
        from rakerone_desktop.api.errors import ApiError

        self.ensure_built()
        if isinstance(error, ApiError):
            text = error.message
            if error.status is not None and error.status >= 500:
                text = f"{text} (HTTP {error.status})"
            rid = error.request_id
        else:
            text, rid = error, None
        self.message.setText(text)
        self.request_id.setText(self.tr("Request id: %1").replace("%1", rid) if rid else "")
        self.request_id.setVisible(bool(rid))
        self.retry_button.setVisible(retry)
        self.setAccessibleDescription(text)
        self.show()


class LifecycleBanner(BuiltOnFirstUse, QFrame):
    """One banner above the keys table, after a refresh: keys that expire soon, and
    keys newly reported exposed; each with the button that shows them, and for
    exposed keys Revoke and Enable (absent in read-only mode). Distinct from the
    error banner; a person dismisses it.

    Hidden until it first has something to say: its parts are built then."""

    showFilterRequested = Signal(str)  # a KeyFilter name
    revokeRequested = Signal(list)  # key ids
    enableRequested = Signal(list)  # key ids
    exposedSeen = Signal()  # the person looked at (or acted on) the exposed keys
    dismissed = Signal()  # the person closed it (✕)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lifecycleBanner")
        self.setAccessibleName(self.tr("Key lifecycle"))
        self._read_only = False
        self._revoke_ids: list[str] = []
        self._enable_ids: list[str] = []
        self.hide()
        self.parts_pending()

    def _build_parts(self) -> None:
        glyph = QLabel()
        glyph.setPixmap(icon("warning").pixmap(20, 20))
        glyph.setAccessibleName(self.tr("Notice"))

        self.expiring_message = QLabel()
        self.expiring_message.setObjectName("expiringMessage")
        self.expiring_message.setTextFormat(Qt.TextFormat.PlainText)
        self.expiring_message.setWordWrap(True)
        self.show_expiring_button = QPushButton(self.tr("Show expiring keys"))
        self.show_expiring_button.setObjectName("showExpiringButton")
        self.exposed_message = QLabel()
        self.exposed_message.setObjectName("exposedMessage")
        self.exposed_message.setTextFormat(Qt.TextFormat.PlainText)  # server text is never markup
        self.exposed_message.setWordWrap(True)
        self.show_exposed_button = QPushButton(self.tr("Show"))
        self.show_exposed_button.setObjectName("showExposedButton")
        self.show_exposed_button.setAccessibleName(self.tr("Show exposed keys"))
        self.revoke_exposed_button = QPushButton(self.tr("Revoke…"))
        self.revoke_exposed_button.setObjectName("revokeExposedButton")
        self.revoke_exposed_button.setAccessibleName(self.tr("Revoke exposed keys"))
        self.revoke_exposed_button.setProperty("role", "destructive")
        self.enable_exposed_button = QPushButton(self.tr("Enable"))
        self.enable_exposed_button.setObjectName("enableExposedButton")
        self.enable_exposed_button.setAccessibleName(self.tr("Enable exposed keys"))
        self.dismiss_button = QPushButton("✕")
        self.dismiss_button.setObjectName("dismissLifecycleButton")
        self.dismiss_button.setFlat(True)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Dismiss"))

        self._expiring_row = QWidget()
        expiring = QHBoxLayout(self._expiring_row)
        expiring.setContentsMargins(0, 0, 0, 0)
        expiring.addWidget(self.expiring_message, 1)
        expiring.addWidget(self.show_expiring_button)
        self._exposed_row = QWidget()
        exposed = QHBoxLayout(self._exposed_row)
        exposed.setContentsMargins(0, 0, 0, 0)
        exposed.addWidget(self.exposed_message, 1)
        exposed.addWidget(self.show_exposed_button)
        exposed.addWidget(self.revoke_exposed_button)
        exposed.addWidget(self.enable_exposed_button)
        rows = QVBoxLayout()
        rows.setSpacing(4)
        rows.addWidget(self._exposed_row)
        rows.addWidget(self._expiring_row)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(rows, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self._expiring_row.hide()
        self._exposed_row.hide()
        self.hide()

        self.show_expiring_button.clicked.connect(self._show_expiring)
        self.show_exposed_button.clicked.connect(self._show_exposed)
        self.revoke_exposed_button.clicked.connect(self._revoke)
        self.enable_exposed_button.clicked.connect(self._enable)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.dismiss_button.clicked.connect(self.dismissed)
        self._update_actions()

    # -- what the page tells it ----------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self.is_built:
            self._update_actions()

    def set_expiring(self, count: int, days: int) -> None:
        """``count`` keys expire within ``days`` days (0: say nothing of it)."""
        if not count and not self.is_built:
            return  # nothing to say, nothing said yet
        self.ensure_built()
        if count:
            text = (
                self.tr("1 key expires within %1 days")
                if count == 1
                else self.tr("%2 keys expire within %1 days").replace("%2", str(count))
            )
            self.expiring_message.setText(text.replace("%1", str(days)))
        self._expiring_row.setVisible(count > 0)
        self._update_visible()

    def set_exposed(
        self, count: int, message: str, revoke_ids: list[str], enable_ids: list[str]
    ) -> None:
        """``count`` keys newly reported exposed, described by ``message``; which of them
        can still be revoked, and which are disabled (to enable once the leak is dealt with)."""
        self._revoke_ids, self._enable_ids = list(revoke_ids), list(enable_ids)
        if not count and not self.is_built:
            return
        self.ensure_built()
        self.exposed_message.setText(message)
        self._exposed_row.setVisible(count > 0)
        self._update_actions()
        self._update_visible()

    def dismiss(self) -> None:
        if not self.is_built:
            self.hide()
            return
        if self._exposed_row.isVisible():
            self.exposedSeen.emit()
        self._exposed_row.hide()
        self._expiring_row.hide()
        self.hide()

    @property
    def showing_expiring(self) -> bool:
        return self.is_built and not self._expiring_row.isHidden()

    @property
    def showing_exposed(self) -> bool:
        return self.is_built and not self._exposed_row.isHidden()

    # -- inside ---------------------------------------------------------------------------

    def _update_actions(self) -> None:
        self.revoke_exposed_button.setVisible(not self._read_only and bool(self._revoke_ids))
        self.enable_exposed_button.setVisible(not self._read_only and bool(self._enable_ids))

    def _update_visible(self) -> None:
        self.setVisible(self.showing_expiring or self.showing_exposed)
        parts = [
            label.text()
            for label, row in (
                (self.exposed_message, self._exposed_row),
                (self.expiring_message, self._expiring_row),
            )
            if not row.isHidden()
        ]
        self.setAccessibleDescription("\n".join(parts))

    def _show_expiring(self) -> None:
        self.showFilterRequested.emit("expiring_soon")

    def _show_exposed(self) -> None:
        self._seen()
        self.showFilterRequested.emit("exposed")

    def _revoke(self) -> None:
        ids = self._revoke_ids
        self._seen()
        self.revokeRequested.emit(ids)

    def _enable(self) -> None:
        ids = self._enable_ids
        self._seen()
        self.enableRequested.emit(ids)

    def _seen(self) -> None:
        self.exposedSeen.emit()
        self._exposed_row.hide()
        self._update_visible()
