"""Loading and refreshing API keys, their catalog and their activity.

The only glue between the keys page and the API: every call runs through the
task runner. Only the newest refresh counts: the answer of an older
refresh that finishes after a newer one started is dropped.

Loading is a pipeline, so that the GUI thread does little and the network is
never idle: a helper thread fetches and decodes page k+1 while the background
job prepares page k's rows (``ApiKeysModel.prepare``), and the GUI thread
only inserts ready rows, one page at a time (or swaps in the whole list).
"""

from __future__ import annotations

import functools
import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from rakerone_desktop.api.errors import ApiError, as_api_error
from rakerone_desktop.api.models import EventPage, Permission
from rakerone_desktop.controllers.call import Guard
from rakerone_desktop.controllers.prefetch import Prefetch
from rakerone_desktop.keytable.store import OrderKey
from rakerone_desktop.models.keys_model import ApiKeysModel, PreparedKeys
from rakerone_desktop.models.presort import BackgroundSorter
from rakerone_desktop.runtime.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from rakerone_desktop.api.protocol import ApiClient

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
#: During the first load, pages that arrive while the GUI is busy are inserted
#: together, at most this often: every insert repaints the table, and at 100
#: pages a repaint per page would cost the GUI thread seconds.
COALESCE_MS = 150


class KeysController(QObject):
    loadingChanged = Signal(bool)
    loadFailed = Signal(object)  # ApiError
    loaded = Signal(object)  # datetime of the refresh (UTC)
    catalogLoaded = Signal(object)  # tuple[Permission, ...]
    eventsLoaded = Signal(str, object, bool)  # key id, EventPage, is a further page
    eventsFailed = Signal(str, object)  # key id, ApiError

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        model: ApiKeysModel,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        guard: Guard | None = None,
    ) -> None:
        super().__init__(parent)
        self.guard = guard
        self.client = client
        self._runner = runner
        self.model = model
        self._page_size = page_size
        self._loading = False
        self._task: Task | None = None
        self._epoch = 0  # the guard's epoch when the refresh under way started
        self._has_loaded = False
        self.last_refresh: datetime | None = None
        self.last_error: ApiError | None = None
        self._auto = QTimer(self)
        self._auto.timeout.connect(self._on_auto_refresh)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._pending: list[PreparedKeys] = []  # pages received, not yet in the model
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self._flush_pages)
        self._sorter = BackgroundSorter(model, runner, self)

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
        self._drop_pages()
        streaming = not self._has_loaded
        if streaming:
            self.model.clear()
        self._set_loading(True)
        sort = (self.model.sort_column, self.model.sort_order == Qt.SortOrder.DescendingOrder)
        task = self._runner.submit("load-keys", self._load_job, streaming, sort, with_task=True)
        self._task = task
        self._epoch = self.guard.epoch if self.guard is not None else 0
        # Bound slots (not lambdas): if this controller is gone when the task
        # reports, Qt has already cut the connection.
        task.progressed.connect(self._on_page)
        task.succeeded.connect(self._on_loaded)
        task.failed.connect(self._on_failed)
        if not self.model.catalog:
            self.load_catalog()

    def _load_job(self, task: Task, streaming: bool, sort: OrderKey) -> PreparedKeys | None:
        """Every page, the next one fetched while this one's rows are prepared here.

        The first load hands each page to the model as it comes; a later one
        indexes and sorts the whole list here too, for one swap on the GUI thread.
        """
        pages = self.client.iter_key_pages(status="all", page_size=self._page_size)
        everything = PreparedKeys()
        with Prefetch(pages, name="rakerone-key-pages") as ahead:
            for page in ahead:
                rows = ApiKeysModel.prepare(page.items)
                if streaming:
                    task.progress(rows)
                elif task.cancelled:
                    return None
                else:
                    everything.extend(rows)
        return None if streaming else everything.finish(sort)

    # An older refresh never reports after a newer one started: ``refresh``
    # cancels it first, and a cancelled task's answers are dropped by the runner.

    def _on_page(self, rows: PreparedKeys) -> None:
        self._pending.append(rows)
        if not self._coalesce.isActive():  # the first page, or the first in a while: now
            self._flush_pages()

    def _flush_pages(self) -> None:
        """Insert the pages received since the last insert, in one go."""
        if not self._pending:
            return
        rows, *more = self._pending
        self._pending = []
        for page in more:
            rows.extend(page)
        self.model.append_prepared(rows)
        self._coalesce.start()  # the next insert waits a while, gathering pages

    def _drop_pages(self) -> None:
        self._pending = []
        self._coalesce.stop()

    def _on_loaded(self, rows: PreparedKeys | None) -> None:
        self._task = None
        self._flush_pages()
        self._drop_pages()
        if rows is not None:
            self.model.replace_prepared(rows)
        else:
            self.model.finish_loading()
        self._has_loaded = True
        self.last_error = None
        self._presort()
        self.model.set_now(time.time())
        self.last_refresh = datetime.now(UTC)
        self._set_loading(False)
        self.loaded.emit(self.last_refresh)

    def _presort(self) -> None:
        """Sort by every column in the background, so a click on a header is a lookup."""
        self._sorter.start()

    def _on_failed(self, error: object) -> None:
        self._task = None
        self._flush_pages()  # what came before the failure is shown
        self._drop_pages()
        self._set_loading(False)
        if self.model.total_loaded:
            self.model.finish_loading()
        err = as_api_error(error)
        if self.guard is not None and self.guard.intercept(
            err, self.refresh, functools.partial(self._report_failure, err), self._epoch
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
        if self._task is None and self._has_loaded:
            self._presort()  # by permissions too, now that their places are known
        self.catalogLoaded.emit(permissions)

    def load_events(self, key_id: str, cursor: str | None = None) -> Task:
        """One page of a key's activity: ``eventsLoaded`` or ``eventsFailed`` for that key."""
        task = self._runner.submit("load-events", self._events_job, key_id, cursor)
        _EventsRequest(self, key_id, cursor is not None, task)
        return task

    def _events_job(self, key_id: str, cursor: str | None) -> EventPage:
        return self.client.key_events(key_id, limit=25, cursor=cursor)

    def shutdown(self) -> None:
        self._drop_pages()
        self._sorter.stop()
        self._auto.stop()
        self._clock.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None


class _EventsRequest(QObject):
    """One request for a key's activity, knowing which key it is for.

    A child of its controller: if the controller goes first, so does this,
    and Qt cuts the task's connections to it.
    """

    def __init__(self, keys: KeysController, key_id: str, more: bool, task: Task) -> None:
        super().__init__(keys)
        self._keys = keys
        self._key_id = key_id
        self._more = more
        task.succeeded.connect(self._on_page)
        task.failed.connect(self._on_failed)

    def _on_page(self, page: EventPage) -> None:
        self._keys.eventsLoaded.emit(self._key_id, page, self._more)
        self.deleteLater()

    def _on_failed(self, error: object) -> None:
        self._keys.eventsFailed.emit(self._key_id, error)
        self.deleteLater()
