"""One signed-in session's objects: made together, wired together, torn down as one.

For an admin: the keys model, the controllers, the flows, the sign-in-again
flow and the main window; for anyone else, the window saying the app is for
admins. :meth:`SessionScope.close` ends every one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from rakerone_desktop.controllers.key_actions import KeyActionsController
from rakerone_desktop.controllers.keys import KeysController
from rakerone_desktop.controllers.lifecycle import LifecycleController
from rakerone_desktop.controllers.organization import OrganizationController
from rakerone_desktop.controllers.overview import OverviewController
from rakerone_desktop.controllers.session import SessionController, SignedIn
from rakerone_desktop.flows.reauth import ReauthFlow
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.runtime.loopback import DEFAULT_TIMEOUT_MS
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.shell.session_watch import SessionWatch
from rakerone_desktop.shell.sign_in import ReauthPrompt
from rakerone_desktop.ui.clipboard import SecretClipboard
from rakerone_desktop.ui.flows import KeyFlows
from rakerone_desktop.ui.main_window import AdminOnlyWindow, MainWindow

if TYPE_CHECKING:
    from rakerone_desktop.controllers.audit import AuditLogController
    from rakerone_desktop.flows.browser_sign_in import Opener
    from rakerone_desktop.ui.session_panel import SessionPanel

#: How long before a session ends the window warns about it.
EXPIRY_WARNING_SECONDS = 5 * 60


class SessionScope(QObject):
    """Everything that lives while one person is signed in."""

    signOutRequested = Signal()  # from the session panel

    def __init__(
        self,
        signed_in: SignedIn,
        *,
        runner: TaskRunner,
        session: SessionController,
        settings: Settings,
        clipboard: SecretClipboard,
        read_only_locked: bool,
        expiry_warning_seconds: int = EXPIRY_WARNING_SECONDS,
        browser_opener: Opener | None = None,
        browser_timeout_ms: int = DEFAULT_TIMEOUT_MS,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._watch = SessionWatch(
            signed_in, session, expiry_warning_seconds=expiry_warning_seconds, parent=self
        )
        self._watch.signOutRequested.connect(self.signOutRequested)
        self._watch.noticeWanted.connect(self.show_notice)
        self._watch.warningWithdrawn.connect(self._withdraw_warning)
        self.settings = settings
        self.read_only_locked = read_only_locked
        self.keys: KeysController | None = None
        self.organization: OrganizationController | None = None
        self.actions: KeyActionsController | None = None
        self.flows: KeyFlows | None = None
        self.lifecycle: LifecycleController | None = None
        self.guard: ReauthFlow | None = None
        self.audit: AuditLogController | None = None
        self.overview: OverviewController | None = None
        self.reauth: ReauthPrompt | None = None
        user = signed_in.user
        if not user.is_admin:
            member = AdminOnlyWindow(signed_in.server, user.name)
            member.sessionRequested.connect(self.show_session_panel)
            self.window: QWidget = member
            return
        model = ApiKeysModel()
        model.set_filter(settings.get(Options.key_filter), settings.get(Options.unused_days))
        main = MainWindow(model, signed_in.server, user.name)
        self.window = main
        self.reauth = ReauthPrompt(
            signed_in,
            main,
            session=session,
            runner=runner,
            opener=browser_opener,
            browser_timeout_ms=browser_timeout_ms,
        )
        self.guard = ReauthFlow(session, self.reauth, main)
        self.reauth.flow = self.guard
        client = signed_in.client
        self.keys = KeysController(client, runner, model, parent=main, guard=self.guard)
        self.organization = OrganizationController(client, runner, parent=main, guard=self.guard)
        self.actions = KeyActionsController(
            client, runner, model, settings, parent=main, guard=self.guard
        )
        self.lifecycle = LifecycleController(client, runner, model, parent=main, guard=self.guard)
        self.flows = KeyFlows(
            main, main.keys_page, self.actions, clipboard, parent=main, lifecycle=self.lifecycle
        )
        self._wire(main, self.keys, self.actions, self.flows)
        self.overview = OverviewController(runner, model, parent=main)
        self._wire_review_pages(main, self.keys, self.overview)
        self.apply_read_only()
        main.restore_layout(settings)

    @property
    def main_window(self) -> MainWindow | None:
        return self.window if isinstance(self.window, MainWindow) else None

    def _wire(
        self,
        main: MainWindow,
        keys: KeysController,
        actions: KeyActionsController,
        flows: KeyFlows,
    ) -> None:
        model = main.model
        # Loading keys and their activity; what the server offers beyond part 1.
        main.refreshRequested.connect(keys.refresh)
        if self.organization is not None:
            main.refreshRequested.connect(self.organization.load)
            self.organization.featuresChanged.connect(main.set_server_features)
            self.organization.featuresChanged.connect(flows.set_server_features)
        main.activityRequested.connect(keys.load_events)
        keys.loadingChanged.connect(main.set_loading)
        keys.loaded.connect(main.show_loaded)
        keys.loadFailed.connect(main.show_load_error)
        keys.catalogLoaded.connect(main.refresh_details)
        keys.eventsLoaded.connect(main.show_events)
        keys.eventsFailed.connect(main.show_events_error)
        keys.loaded.connect(actions.rotations.prune)
        # The flows that change keys.
        main.createKeyRequested.connect(flows.create)
        main.rotateRequested.connect(flows.rotate)
        main.revokeSelectedRequested.connect(flows.revoke_selected)
        main.revokeRequested.connect(flows.revoke_ids)
        main.findKeyRequested.connect(flows.find)
        main.exportRequested.connect(flows.export_keys)
        main.revokeShownRequested.connect(flows.revoke_shown)
        main.exportActivityRequested.connect(flows.export_activity)
        flows.refreshNeeded.connect(keys.refresh)
        # Part 2: edit, disable and enable (the flows refuse what the server doesn't offer).
        if flows.lifecycle is not None:
            lifecycle = flows.lifecycle
            main.editRequested.connect(
                lambda key_id: lifecycle.edit(model.key_by_id(key_id) if key_id else None)
            )
            main.disableRequested.connect(lifecycle.disable_ids)
            main.enableRequested.connect(lifecycle.enable_ids)
        main.readOnlyToggled.connect(self._on_read_only_toggled)
        main.sessionRequested.connect(self.show_session_panel)

    def _wire_review_pages(
        self,
        main: MainWindow,
        keys: KeysController,
        overview: OverviewController,
    ) -> None:
        """Admin → Audit log (paged from the server) and Overview (counted from the keys).

        The pages are built when first shown (``pageBuilt``); the audit log's
        controller with its page, since it fills the page's model."""
        main.pageBuilt.connect(self._on_page_built)
        main.refreshRequested.connect(self._refresh_audit)
        keys.loaded.connect(overview.keys_changed)
        keys.catalogLoaded.connect(overview.keys_changed)
        if self.organization is not None:
            self.organization.featuresChanged.connect(overview.set_features)

    def _on_page_built(self, name: str) -> None:
        main = self.main_window
        if main is None:
            return
        if name == "auditLogPage":
            self._wire_audit_page(main)
        elif name == "overviewPage" and self.overview is not None:
            page = main.overview_page
            overview = self.overview
            page.visibilityChanged.connect(overview.set_visible)
            overview.computing.connect(page.show_computing)
            overview.computed.connect(page.show_overview)
            page.saveTo.connect(self._save_report)

    def _wire_audit_page(self, main: MainWindow) -> None:
        from rakerone_desktop.controllers.audit import AuditLogController

        page = main.audit_page
        audit = AuditLogController(
            self.signed_in.client, self._runner, page.model, parent=main, guard=self.guard
        )
        self.audit = audit
        page.activated.connect(self._on_audit_shown)
        page.filtersChanged.connect(audit.set_filters)
        page.moreWanted.connect(audit.fetch_more)
        page.retryRequested.connect(self._retry_audit)
        page.exportTo.connect(self._export_audit)
        audit.loadingChanged.connect(page.set_loading)
        audit.pageLoaded.connect(page.page_loaded)
        audit.failed.connect(page.show_error)
        audit.usersLoaded.connect(page.set_users)

    def _on_audit_shown(self) -> None:
        main = self.main_window
        if self.audit is None or main is None:
            return
        self.audit.set_filters(main.audit_page.filters())
        self.audit.load_users()

    def _refresh_audit(self) -> None:
        """Refresh (F5) reads the audit log again too, once it has been opened."""
        if self.audit is not None and self.audit.started:
            self.audit.reload()

    def _retry_audit(self) -> None:
        if self.audit is not None:
            if self.audit.started and self.audit.model.rowCount():
                self.audit.fetch_more()
            else:
                self.audit.reload()

    def _export_audit(self, path: str) -> None:
        main = self.main_window
        if self.audit is not None and main is not None:
            task = self.audit.export(path, main.audit_page.filters())
            task.succeeded.connect(main.audit_page.show_exported)

    def _save_report(self, path: str, texts: object) -> None:
        main = self.main_window
        if self.overview is None or main is None:
            return
        from rakerone_desktop.models.overview_report import ReportTexts

        assert isinstance(texts, ReportTexts)
        task = self.overview.save_report(path, texts)
        if task is not None:
            task.succeeded.connect(main.overview_page.show_saved)

    # -- starting, read-only mode, preferences, notices -------------------------------------

    def start(self) -> None:
        """Show the window; an admin's keys start loading."""
        self.window.show()
        self._watch.schedule_expiry_warning()
        if self.organization is not None:
            self.organization.load()
        if self.keys is not None:
            self.keys.set_auto_refresh(self.settings.get(Options.auto_refresh_seconds))
            self.keys.refresh()

    def apply_read_only(self) -> None:
        main = self.main_window
        if main is None or self.flows is None:
            return
        on = self.read_only_locked or self.settings.get(Options.read_only)
        main.set_read_only(on, locked=self.read_only_locked)
        self.flows.set_read_only(on)

    def _on_read_only_toggled(self, on: bool) -> None:
        if self.read_only_locked:
            return  # the command line said read-only: it stays on
        self.settings.set(Options.read_only, on)
        self.apply_read_only()

    def set_auto_refresh(self, seconds: int) -> None:
        if self.keys is not None:
            self.keys.set_auto_refresh(seconds)

    def show_notice(self, text: str) -> None:
        window = self.window
        if isinstance(window, (MainWindow, AdminOnlyWindow)):
            window.show_notice(text)

    # -- the session panel and the expiry warning ----------------------------------------------

    @property
    def signed_in(self) -> SignedIn:
        """Who is signed in, where, until when (a renewal moves the end)."""
        return self._watch.signed_in

    @property
    def expiry_warned(self) -> bool:
        return self._watch.expiry_warned

    @property
    def session_panel(self) -> SessionPanel | None:
        return self._watch.session_panel

    def show_session_panel(self) -> SessionPanel:
        return self._watch.show_session_panel(self.window)

    def _withdraw_warning(self) -> None:
        main = self.main_window
        if main is not None:
            main.hide_notice()

    # -- the end ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close every dialog and the window, stop loading, keep the view for next time."""
        self._watch.close()
        if self.flows is not None:
            self.flows.close_all()
        if self.reauth is not None:
            self.reauth.close()
        if self.keys is not None:
            self.keys.shutdown()
        window = self.window
        window.close()  # the main window saves its layout as it closes
        window.deleteLater()
        self.deleteLater()
