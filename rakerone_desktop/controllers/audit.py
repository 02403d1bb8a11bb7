"""The audit log: pages as the person scrolls, the people to filter by, CSV export.

One page is fetched at a time, and the next one only when the page asks (it
asks ahead, when the view nears the end). Each change of the filters starts
a new *generation*: the model is cleared, and answers to requests of an
earlier generation are dropped when they arrive, so a slow old page never
lands under new filters.

The worker that fetches a page also prepares its rows (the cells' texts:
local times, translated action names; ``AuditLogModel.prepare``), so the
GUI thread only inserts ready rows, in one go.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.api.errors import ApiError
from rakerone_desktop.controllers.call import Call, Guard
from rakerone_desktop.controllers.key_actions import ExportOutcome
from rakerone_desktop.models.audit_columns import AuditFilters, AuditRow, audit_csv
from rakerone_desktop.models.audit_model import AuditLogModel

if TYPE_CHECKING:
    from rakerone_desktop.api.models import AuditEvent, User
    from rakerone_desktop.api.protocol import ApiClient
    from rakerone_desktop.runtime.tasks import Task, TaskRunner

PAGE_SIZE = 200
EXPORT_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class PreparedAuditPage:
    """One page of the audit log, its rows ready for the table (made on the worker)."""

    rows: tuple[AuditRow, ...]
    next_cursor: str | None


def _reason(error: ApiError | OSError) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error)


class AuditLogController(QObject):
    loadingChanged = Signal(bool)
    pageLoaded = Signal(int, bool)  # rows added, more to fetch
    failed = Signal(object)  # ApiError
    usersLoaded = Signal(list)  # list[User]

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        model: AuditLogModel,
        *,
        parent: QObject | None = None,
        guard: Guard | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self.model = model
        self._guard = guard
        self._page_size = page_size
        self.filters = AuditFilters()
        self._generation = 0
        self._cursor: str | None = None
        self._exhausted = True
        self._started = False
        self._busy = False
        self._users_call: Call | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def started(self) -> bool:
        return self._started

    @property
    def has_more(self) -> bool:
        return not self._exhausted

    # -- paging -------------------------------------------------------------------------

    def set_filters(self, filters: AuditFilters) -> Call | None:
        """Show the newest events matching ``filters``: earlier pages' answers are dropped."""
        self.filters = filters
        return self.reload()

    def reload(self) -> Call | None:
        self._generation += 1
        self._started = True
        self._busy = False
        self._cursor = None
        self._exhausted = False
        self.model.clear()
        return self.fetch_more()

    def fetch_more(self) -> Call | None:
        """The next page, unless one is on its way or there is none; ``None`` then."""
        if self._busy or self._exhausted:
            return None
        job = functools.partial(self._page_job, self.filters, self._cursor)
        call = Call(self._runner, "audit-page", job, guard=self._guard, parent=self)
        generation = self._generation
        call.succeeded.connect(functools.partial(self._on_page, generation))
        call.failed.connect(functools.partial(self._on_failed, generation))
        self._set_busy(True)
        return call.start()

    def _page_job(self, f: AuditFilters, cursor: str | None) -> PreparedAuditPage:
        """On the worker: fetch the page and prepare its rows, so the GUI thread only inserts."""
        page = self._client.list_audit_events(
            limit=self._page_size,
            cursor=cursor,
            actor_id=f.actor_id,
            api_key_id=f.api_key_id,
            action=f.action,
            since=f.since,
            until=f.until,
        )
        return PreparedAuditPage(AuditLogModel.prepare(page.items), page.next_cursor)

    def _on_page(self, generation: int, page: PreparedAuditPage) -> None:
        if generation != self._generation:
            return  # an answer to earlier filters
        self._set_busy(False)
        self.model.append_prepared(page.rows)
        self._exhausted = page.next_cursor is None or page.next_cursor == self._cursor
        self._cursor = page.next_cursor
        self.pageLoaded.emit(len(page.rows), not self._exhausted)

    def _on_failed(self, generation: int, error: ApiError) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self.failed.emit(error)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.loadingChanged.emit(busy)

    # -- the people to filter by ---------------------------------------------------------

    def load_users(self) -> Call | None:
        if self._users_call is not None:
            return None
        call = Call(self._runner, "users", self._all_users, guard=self._guard, parent=self)
        call.succeeded.connect(self.usersLoaded.emit)
        call.finished.connect(self._on_users_done)
        self._users_call = call
        return call.start()

    def _on_users_done(self) -> None:
        self._users_call = None

    def _all_users(self) -> list[User]:
        users: list[User] = []
        cursor: str | None = None
        while True:
            page = self._client.list_users(limit=100, cursor=cursor)
            users.extend(page.items)
            if page.next_cursor is None or page.next_cursor == cursor:
                return users
            cursor = page.next_cursor

    # -- export -------------------------------------------------------------------------

    def export(self, path: str, filters: AuditFilters | None = None) -> Task:
        """Every event matching ``filters`` (the shown ones by default) to ``path`` as CSV,
        fetched and written in the background; the task answers an ``ExportOutcome``."""
        return self._runner.submit("export-audit", self._export_job, path, filters or self.filters)

    def _export_job(self, path: str, f: AuditFilters) -> ExportOutcome:
        try:
            events: list[AuditEvent] = []
            cursor: str | None = None
            while True:
                page = self._client.list_audit_events(
                    limit=EXPORT_PAGE_SIZE,
                    cursor=cursor,
                    actor_id=f.actor_id,
                    api_key_id=f.api_key_id,
                    action=f.action,
                    since=f.since,
                    until=f.until,
                )
                events.extend(page.items)
                if page.next_cursor is None or page.next_cursor == cursor:
                    break
                cursor = page.next_cursor
            with open(path, "w", encoding="utf-8-sig", newline="") as out:
                out.write(audit_csv(events))
        except (ApiError, OSError) as exc:
            return path, 0, _reason(exc)
        return path, len(events), None
