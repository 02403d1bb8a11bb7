"""Loading and refreshing API keys, their catalog and their activity.

The only glue between the keys page and the API: every call runs through the
task runner. Only the newest refresh counts: the answer of an older
refresh that finishes after a newer one started is dropped.
"""

from __future__ import annotations

import functools
import logging
import time
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.api.models import ApiKey, EventPage, Permission
from rakerone_desktop.controllers.session_guard import SessionGuard
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

PAGE_SIZE = 1000


class KeysController(QObject):
    loadingChanged = Signal(bool)
    loadFailed = Signal(object)  # ApiError
    loaded = Signal(object)  # datetime of the refresh (UTC)
    catalogLoaded = Signal(object)  # tuple[Permission, ...]
    eventsLoaded = Signal(str, object, bool)  # key id, EventPage, is a further page
    eventsFailed = Signal(str, object)  # key id, ApiError
    sessionExpired = Signal(object)  # UnauthenticatedError

    def __init__(
        self,
        client: RakerOneClient,
        runner: TaskRunner,
        model: ApiKeysModel,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        guard: SessionGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self.guard = guard
        self.client = client
        self._runner = runner
        self.model = model
        self._page_size = page_size
        self._event_tasks: dict[QObject, tuple[str, bool]] = {}
        self._loading = False
        self._task: Task | None = None
        self._has_loaded = False
        self.last_refresh: datetime | None = None
        self.last_error: ApiError | None = None
        self._auto = QTimer(self)
        self._auto.timeout.connect(self._on_auto_refresh)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def _tick(self) -> None:
        self.model.set_now()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def has_loaded(self) -> bool:
        return self._has_loaded

    # -- refresh -----------------------------------------------------------------

    def set_auto_refresh(self, seconds: int) -> None:
        if seconds > 0:
            self._auto.start(seconds * 1000)
        else:
            self._auto.stop()

    def _on_auto_refresh(self) -> None:
        if not self._loading:
            self.refresh()

    def refresh(self) -> None:
        """Fetch every key. The first load shows rows as pages arrive."""
        if self._task is not None:
            self._task.cancel()
        streaming = not self._has_loaded
        if streaming:
            self.model.clear()
        self._set_loading(True)
        task = self._runner.submit("load-keys", self._load_job, streaming, with_task=True)
        self._task = task
        # Bound slots (not lambdas): if this controller is gone when the task
        # reports, Qt has already cut the connection.
        task.progressed.connect(self._on_page)
        task.succeeded.connect(self._on_loaded)
        task.failed.connect(self._on_failed)
        if not self.model.catalog:
            self.load_catalog()

    def _load_job(self, task: Task, streaming: bool) -> list[ApiKey] | None:
        keys: list[ApiKey] = []
        for page in self.client.iter_key_pages(status="all", page_size=self._page_size):
            if streaming:
                task.progress(page.items)
            else:
                if task.cancelled:
                    return None
                keys.extend(page.items)
        return None if streaming else keys

    def _is_current(self) -> bool:
        # An older refresh that reports after a newer one started is stale.
        sender = self.sender()
        return sender is not None and sender is self._task

    def _on_page(self, items: tuple[ApiKey, ...]) -> None:
        if self._is_current():
            self.model.append_keys(items)

    def _on_loaded(self, keys: list[ApiKey] | None) -> None:
        if not self._is_current():
            return
        self._task = None
        if keys is not None:
            self.model.replace_all(keys)
        else:
            self.model.finish_loading()
        self._has_loaded = True
        self.last_error = None
        self.model.set_now(time.time())
        self.last_refresh = datetime.now(UTC)
        self._set_loading(False)
        self.loaded.emit(self.last_refresh)

    def _on_failed(self, error: object) -> None:
        if not self._is_current():
            return
        self._task = None
        self._set_loading(False)
        if self.model.total_loaded:
            self.model.finish_loading()
        err = error if isinstance(error, ApiError) else ApiError()
        if self.guard is not None and self.guard.intercept(
            err, self.refresh, functools.partial(self._report_failure, err)
        ):
            return  # refreshed again once the person has signed in
        self._report_failure(err)

    def _report_failure(self, err: ApiError) -> None:
        self.last_error = err
        self.loadFailed.emit(err)

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loadingChanged.emit(value)

    # -- catalog and events --------------------------------------------------------

    def load_catalog(self) -> None:
        task = self._runner.submit("load-catalog", self.client.permissions)
        task.succeeded.connect(self._on_catalog)
        task.failed.connect(self._on_catalog_failed)

    def _on_catalog_failed(self, error: object) -> None:
        log.info("Permission catalog not loaded: %s", error)

    def _on_catalog(self, permissions: tuple[Permission, ...]) -> None:
        self.model.set_catalog(permissions)
        self.catalogLoaded.emit(permissions)

    def load_events(self, key_id: str, cursor: str | None = None) -> None:
        task = self._runner.submit("load-events", self._events_job, key_id, cursor)
        self._event_tasks[task] = (key_id, cursor is not None)
        task.succeeded.connect(self._on_events)
        task.failed.connect(self._on_events_failed)

    def _on_events(self, page: EventPage) -> None:
        entry = self._event_tasks.pop(self.sender(), None)
        if entry is not None:
            self.eventsLoaded.emit(entry[0], page, entry[1])

    def _on_events_failed(self, error: object) -> None:
        entry = self._event_tasks.pop(self.sender(), None)
        if entry is not None:
            self.eventsFailed.emit(entry[0], error)

    def _events_job(self, key_id: str, cursor: str | None) -> EventPage:
        return self.client.key_events(key_id, limit=25, cursor=cursor)

    def shutdown(self) -> None:
        self._auto.stop()
        self._clock.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
