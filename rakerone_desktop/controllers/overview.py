"""The Overview page's figures, computed off the GUI thread, and its saved report.

Whenever the keys finish loading, a snapshot of the keys model's keys (a list
copy, the only work on the GUI thread) goes to the task runner, which counts
them (``models/overview.py``); only the newest computation's answer is kept.
Nobody looking, no work: while the page is hidden a change only marks the
figures stale, and showing the page counts again. One count runs at a time;
changes meanwhile make one more.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.controllers.key_actions import ExportOutcome
from rakerone_desktop.models.overview import (
    DISABLED,
    EXPIRING_SOON,
    EXPOSED,
    NO_EXPIRY,
    Overview,
    OverviewInput,
    compute_overview,
    impersonating_ids,
)
from rakerone_desktop.models.server_features import (
    EXPOSURE_REPORTS,
    KEY_DISABLE,
    KEY_EXPIRY,
    PART_ONE,
    ServerFeatures,
)

if TYPE_CHECKING:
    from rakerone_desktop.models.keys_model import ApiKeysModel
    from rakerone_desktop.models.overview_report import ReportTexts
    from rakerone_desktop.runtime.tasks import Task, TaskRunner


def offered_counts(features: ServerFeatures) -> frozenset[str]:
    """The part-2 counts the server's features give a meaning to."""
    shown: set[str] = set()
    if features.offers(KEY_EXPIRY):
        shown |= {NO_EXPIRY, EXPIRING_SOON}
    if features.offers(KEY_DISABLE):
        shown.add(DISABLED)
    if features.offers(EXPOSURE_REPORTS):
        shown.add(EXPOSED)
    return frozenset(shown)


def csv_path_beside(path: str) -> str:
    """``report.html`` → ``report.csv`` (the counts, beside the report)."""
    p = Path(path)
    return str(p.with_suffix(".csv")) if p.suffix.lower() in (".html", ".htm") else path + ".csv"


class OverviewController(QObject):
    computed = Signal(object)  # Overview
    computing = Signal()

    def __init__(
        self, runner: TaskRunner, model: ApiKeysModel, *, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.model = model
        self.features = PART_ONE
        self.overview: Overview | None = None
        self._generation = 0
        self._visible = False
        self._stale = True
        self._running = False
        self._again = False

    def set_features(self, features: ServerFeatures) -> None:
        self.features = features
        self.keys_changed()

    def set_visible(self, visible: bool) -> None:
        """The page is on screen (or not): a stale overview is counted again when shown."""
        self._visible = visible
        if visible and self._stale:
            self.keys_changed()

    def keys_changed(self, *_args: object) -> None:
        """The keys (or what the counts mean) changed: count again if anyone is looking."""
        self._stale = True
        if not self._visible or not self.model.total_loaded:
            return
        if self._running:
            self._again = True
            return
        self.recompute()

    def recompute(self, *_args: object) -> Task:
        """Count again from the keys now loaded; ``computed`` carries the answer."""
        self._stale = False
        self._running = True
        self._again = False
        self._generation += 1
        policy = self.features.policy
        data = OverviewInput(
            keys=self.model.all_keys(),
            impersonating=impersonating_ids(
                (p.id, p.impersonation) for p in self.model.catalog.values()
            ),
            now=datetime.now(UTC),
            unused_days=self.model.unused_days,
            expiry_warning_days=14 if policy is None else policy.expiry_warning_days,
            offered=offered_counts(self.features),
        )
        task = self._runner.submit("overview", compute_overview, data)
        generation = self._generation
        task.succeeded.connect(lambda result: self._on_computed(generation, result))
        task.finished.connect(self._on_finished)
        self.computing.emit()
        return task

    def _on_computed(self, generation: int, overview: Overview) -> None:
        if generation != self._generation:
            return
        self.overview = overview
        self.computed.emit(overview)

    def _on_finished(self) -> None:
        self._running = False
        if self._again:
            self.keys_changed()

    def save_report(self, path: str, texts: ReportTexts) -> Task | None:
        """The report as HTML at ``path`` and its counts as CSV beside it, in the background;
        the task answers an ``ExportOutcome`` (rows: the counts written)."""
        overview = self.overview
        if overview is None:
            return None
        return self._runner.submit("save-report", _write_report, path, overview, texts)


def _write_report(path: str, overview: Overview, texts: ReportTexts) -> ExportOutcome:
    from rakerone_desktop.models.overview_report import overview_csv, overview_html

    try:
        html_text = overview_html(overview, texts)
        csv_text = overview_csv(overview, texts.labels)
        with open(path, "w", encoding="utf-8") as f:
            f.write(html_text)
        with open(csv_path_beside(path), "w", encoding="utf-8-sig", newline="") as f:
            f.write(csv_text)
    except OSError as exc:
        return path, 0, exc.strerror or type(exc).__name__
    return path, sum(v is not None for v in overview.counts.values()), None
