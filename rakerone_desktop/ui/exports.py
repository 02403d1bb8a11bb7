"""Exports: ask where to save (a file dialog, never blocking), write in the
background, and say how it went."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.controllers.key_actions import ExportOutcome, KeyActionsController
from rakerone_desktop.ui.dialogs import OneDialog
from rakerone_desktop.ui.flow_views import Messages
from rakerone_desktop.ui.text import isolate


class ExportDialogs(QObject):
    fileDialogShown = Signal(object)  # QFileDialog
    exported = Signal(str, int)  # path, rows written

    def __init__(
        self,
        window: QWidget,
        actions: KeyActionsController,
        messages: Messages,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._actions = actions
        self._messages = messages
        self.file: OneDialog[QFileDialog] = OneDialog()

    def export_keys(self, keys: Sequence[ApiKey], over: QWidget | None = None) -> QFileDialog:
        return self._ask_path(
            self.tr("Export keys as CSV"),
            "rakerone-api-keys.csv",
            functools.partial(self._export_keys_to, keys),
            over,
        )

    def _export_keys_to(self, keys: Sequence[ApiKey], path: str) -> None:
        self._actions.export_keys(path, keys).succeeded.connect(self._on_exported)

    def export_activity(
        self, key: ApiKey | None, over: QWidget | None = None
    ) -> QFileDialog | None:
        if key is None:
            self._messages.show(self.tr("Export activity"), self.tr("Select a key first."))
            return None
        return self._ask_path(
            self.tr("Export the activity of “%1” as CSV").replace("%1", isolate(key.name)),
            f"rakerone-activity-{key.id}.csv",
            functools.partial(self._export_events_to, key.id),
            over,
        )

    def _export_events_to(self, key_id: str, path: str) -> None:
        self._actions.export_events(path, key_id).succeeded.connect(self._on_exported)

    def save_revoke_results(self, text: str, over: QWidget | None = None) -> QFileDialog:
        return self._ask_path(
            self.tr("Save revoke results"),
            "rakerone-revoke-results.csv",
            functools.partial(self._export_text_to, text),
            over,
        )

    def _export_text_to(self, text: str, path: str) -> None:
        rows = text.count("\r\n") - 1
        self._actions.export_text(path, text, rows).succeeded.connect(self._on_exported)

    def _ask_path(
        self,
        title: str,
        default_name: str,
        then: Callable[[str], None],
        over: QWidget | None = None,
    ) -> QFileDialog:
        dialog = QFileDialog(over or self._window, title)
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("All files (*)")])
        dialog.selectFile(default_name)
        dialog.fileSelected.connect(then)
        self.file.open(dialog)
        self.fileDialogShown.emit(dialog)
        return dialog

    def _on_exported(self, outcome: ExportOutcome) -> None:
        path, rows, reason = outcome
        if reason is not None:
            self._messages.show(
                self.tr("The file wasn't saved"),
                self.tr("Couldn't write %1: %2").replace("%1", path).replace("%2", reason),
                critical=True,
            )
            return
        self._window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Saved %1 rows to %2").replace("%1", f"{rows:,}").replace("%2", path), 10_000
        )
        self.exported.emit(path, rows)
