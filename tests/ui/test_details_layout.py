"""The details pane shows every line of a wrapped value, at any width of the pane.

The demo's exposed key has the longest values (its status and its exposure report
wrap over several lines in a narrow pane); a row shorter than its text needs cuts
the last lines off ("…; disabled" for "…; disabled automatically")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from msgspec import structs
from PySide6.QtWidgets import QApplication, QLabel

from rakerone_desktop.api.models import Exposure, PersonRef
from rakerone_desktop.ui.details_pane import DetailsPane
from tests.support.factories import CATALOG, NOW, make_key

EXPOSED = structs.replace(
    make_key("Terraform provider"),
    status="disabled",
    version=2,
    disabled_at=NOW - timedelta(days=4),
    disabled_by=PersonRef("usr_github", "GitHub"),
    exposure=Exposure(
        NOW - timedelta(days=4),
        "commit",
        "https://github.com/example-org/infrastructure/blob/main/terraform/providers.tf",
    ),
    tags=("infra",),
    description="Infrastructure as code.",
)
ACTIVE = structs.replace(make_key("Webhook relay (prod)"), status="active", version=1)
VALUES = (
    "title",
    "status",
    "hint",
    "created",
    "last_used",
    "expires",
    "lifecycle",
    "owner",
    "tags",
    "description",
    "exposure",
    "permissions",
)


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _clipped(pane: DetailsPane) -> list[str]:
    """The value labels shorter than their text needs at their width."""
    clipped = []
    for name in VALUES:
        label: QLabel = getattr(pane, name)
        if label.isVisible() and label.height() < label.heightForWidth(label.width()):
            clipped.append(f"{name}: {label.height()} < {label.heightForWidth(label.width())}")
    return clipped


@pytest.mark.parametrize("first", [None, ACTIVE], ids=["first-key", "after-another-key"])
def test_wrapped_values_keep_their_last_line(qtbot, first):
    catalog = {p.id: p for p in CATALOG}
    pane = DetailsPane()
    qtbot.addWidget(pane)
    # The keys page's pane in the screenshots: its minimum width, a scroll bar.
    pane.resize(300, 600)
    pane.show()
    qtbot.waitExposed(pane)
    if first is not None:
        pane.show_key(first, catalog)
        _settle()
    pane.show_key(EXPOSED, catalog)
    _settle()
    assert pane.exposure.text().endswith("; disabled automatically")
    assert pane.exposure.isVisible() and pane.lifecycle.isVisible()
    assert _clipped(pane) == []
    # Narrower and wider again (the splitter moved): still every line.
    for width in (420, 300, 360):
        pane.resize(width, 600)
        _settle()
        assert _clipped(pane) == [], width
