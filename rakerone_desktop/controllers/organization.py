"""The organization: which part-2 features the server offers, and its key policy.

Read once a session starts and again on every refresh the person asks for, in
the background; ``featuresChanged`` carries a
:class:`~rakerone_desktop.models.server_features.ServerFeatures` to whoever
shows or hides part-2 controls. A part-1 server (``404``) answers "none";
a failed read keeps what was known (nothing changes on screen for a blip).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from rakerone_desktop.controllers.call import Call, Guard
from rakerone_desktop.models.server_features import PART_ONE, ServerFeatures

if TYPE_CHECKING:
    from rakerone_desktop.api.models import Organization
    from rakerone_desktop.api.protocol import ApiClient
    from rakerone_desktop.runtime.tasks import TaskRunner

log = logging.getLogger(__name__)


class OrganizationController(QObject):
    featuresChanged = Signal(object)  # ServerFeatures

    def __init__(
        self,
        client: ApiClient,
        runner: TaskRunner,
        *,
        parent: QObject | None = None,
        guard: Guard | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._guard = guard
        self.features: ServerFeatures = PART_ONE
        self._call: Call | None = None

    def load(self) -> Call | None:
        """Read the organization again; ``None`` when a read is already under way."""
        if self._call is not None:
            return None
        call = Call(
            self._runner,
            "organization",
            self._client.get_organization,
            guard=self._guard,
            parent=self,
        )
        call.succeeded.connect(self._on_loaded)
        call.failed.connect(self._on_failed)
        call.finished.connect(self._on_finished)
        self._call = call
        return call.start()

    def _on_loaded(self, organization: Organization | None) -> None:
        features = ServerFeatures(organization)
        if features != self.features:
            self.features = features
            self.featuresChanged.emit(features)

    def _on_failed(self, error: object) -> None:
        log.info("Could not read the organization: %s", error)

    def _on_finished(self) -> None:
        self._call = None
