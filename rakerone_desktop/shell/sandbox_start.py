"""``--sandbox``: start a local sandbox server, then sign in to it as its admin."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from rakerone_desktop.controllers.session import SessionController, SignInRequest
from rakerone_desktop.runtime.tasks import TaskRunner
from rakerone_desktop.ui.dialogs import DialogSet

if TYPE_CHECKING:
    from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess

log = logging.getLogger(__name__)


class SandboxStart(QObject):
    """Starts the sandbox in the background; if it fails, says so and gives up."""

    gaveUp = Signal()  # the person closed the failure message: the app quits

    def __init__(
        self, runner: TaskRunner, session: SessionController, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._session = session
        self._boxes = DialogSet()
        self.process: SandboxProcess | None = None
        self.info: ReadyInfo | None = None

    def start(self, seed: str) -> None:
        from rakerone_desktop.sandbox.launcher import SandboxProcess

        extra = ["--simulate-traffic"] if seed == "demo" else []
        # --stop-with-parent: if this app dies without quitting, the sandbox stops too.
        self.process = SandboxProcess("--seed", seed, *extra, "--stop-with-parent")
        task = self._runner.submit("start-sandbox", self.process.start)
        task.succeeded.connect(self._on_ready)
        task.failed.connect(self.fail)

    def _on_ready(self, info: ReadyInfo) -> None:
        self.info = info
        log.info("Sandbox ready at %s", info.url)
        self._session.sign_in(
            SignInRequest(info.url, info.admin_email, info.admin_password or "", remember=False)
        )

    def fail(self, error: object) -> None:
        """The sandbox didn't start, or its admin couldn't sign in."""
        message = self.tr("The sandbox server didn't start: %1").replace("%1", str(error))
        log.error("%s", message)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("RakerOne Desktop"), message)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("sandboxFailedBox")
        box.finished.connect(self.gaveUp)
        self._boxes.open(box)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            process.stop()
