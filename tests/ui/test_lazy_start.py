"""What the main window's first paint does not need is built, and imported, on first use
(issue 11: start faster). Each test here fails if that part is made eager again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from msgspec import structs
from PySide6.QtWidgets import QPushButton, QWidget

from rakerone_desktop.api.models import Exposure, Organization
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.models.server_features import (
    AUDIT_LOG,
    EXPOSURE_REPORTS,
    KEY_DISABLE,
    KEY_EXPIRY,
    ServerFeatures,
)
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.main_window import MainWindow
from tests.support.factories import CATALOG, NOW, make_key

ROOT = Path(__file__).resolve().parents[2]

#: Modules of the Admin pages: not imported before the main window's first paint.
ADMIN_PAGE_MODULES = {
    "rakerone_desktop.ui.overview_page",
    "rakerone_desktop.ui.audit_page",
    "rakerone_desktop.ui.bar_chart",
    "rakerone_desktop.models.audit_model",
    "rakerone_desktop.models.overview",
    "rakerone_desktop.models.overview_report",
}

#: Dialogs and other parts used later: not imported by the entry point (``import
#: rakerone_desktop.app``), which loads everything a session's main window needs (the
#: overview's counting too: its controller follows the keys from the start).
LATER_MODULES = (ADMIN_PAGE_MODULES - {"rakerone_desktop.models.overview"}) | {
    "rakerone_desktop.api.oauth",
    "rakerone_desktop.controllers.audit",
    "rakerone_desktop.flows.browser_sign_in",
    "rakerone_desktop.sandbox.launcher",
    "rakerone_desktop.ui.about_dialog",
    "rakerone_desktop.ui.copy_key_dialog",
    "rakerone_desktop.ui.create_wizard",
    "rakerone_desktop.ui.edit_key_dialog",
    "rakerone_desktop.ui.find_key_dialog",
    "rakerone_desktop.ui.preferences_dialog",
    "rakerone_desktop.ui.revoke_dialog",
    "rakerone_desktop.ui.rotate_dialog",
    "rakerone_desktop.ui.session_panel",
}


def _env() -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _first_paint_report() -> dict[str, list[str]]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("lazy_start_child.py"))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report: dict[str, list[str]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def test_the_first_paint_imports_no_admin_page_and_choosing_the_entries_does():
    report = _first_paint_report()
    assert report["built_at_paint"] == []
    assert report["banner_built_at_paint"] is False
    assert ADMIN_PAGE_MODULES.isdisjoint(report["at_paint"]), report["at_paint"]
    assert report["built_after"] == ["auditLogPage", "overviewPage"]
    assert {
        "rakerone_desktop.ui.overview_page",
        "rakerone_desktop.ui.audit_page",
    } <= set(report["after_pages"])


def test_the_entry_point_imports_no_dialog_nor_admin_page():
    code = (
        "import json, sys; import rakerone_desktop.app; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('rakerone_desktop'))))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    imported = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert "rakerone_desktop.shell.session_scope" in imported  # the check checks something
    assert imported.isdisjoint(LATER_MODULES), sorted(imported & LATER_MODULES)


def test_an_admin_page_is_built_when_its_sidebar_entry_is_first_chosen(qtbot):
    window = MainWindow(ApiKeysModel(), "https://rakerone.example", "Ada Admin")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for name in ("overviewPage", "auditLogPage"):
        assert window.findChild(QWidget, name) is None
    assert window.admin_pages.built == frozenset()

    with qtbot.waitSignal(window.pageBuilt) as built:
        window.sidebar.setCurrentItem(window.sidebar_items["overviewPage"])
    assert built.args == ["overviewPage"]
    page = window.findChild(QWidget, "overviewPage")
    assert page is not None and window.pages.currentWidget() is page
    assert window.findChild(QWidget, "lastUseChart") is not None
    assert window.findChild(QWidget, "auditLogPage") is None

    window.set_server_features(ServerFeatures(Organization("org_1", "Org", (AUDIT_LOG,))))
    with qtbot.waitSignal(window.pageBuilt) as built:
        window.sidebar.setCurrentItem(window.sidebar_items["auditLogPage"])
    assert built.args == ["auditLogPage"]
    audit = window.findChild(QWidget, "auditLogPage")
    assert audit is not None and window.pages.currentWidget() is audit
    assert window.findChild(QWidget, "auditPersonFilter") is not None

    # Built once: going back and forth builds nothing more.
    with qtbot.assertNotEmitted(window.pageBuilt):
        window.show_page("keysPage")
        window.show_page("overviewPage")
    assert window.pages.currentWidget() is page


def test_the_lifecycle_banner_is_built_when_it_first_has_something_to_say(qtbot):
    model = ApiKeysModel()
    model.set_now(NOW.timestamp())
    model.set_catalog(CATALOG)
    page = KeysPage(model)
    qtbot.addWidget(page)
    features = (KEY_EXPIRY, KEY_DISABLE, EXPOSURE_REPORTS)
    page.set_server_features(ServerFeatures(Organization("org", "Org", features)))
    banner = page.lifecycle_banner
    model.replace_all([structs.replace(make_key("Fine"), status="active", version=1)])
    page.set_loading(False)
    page.update_lifecycle_banner()  # what each refresh does: nothing to say
    assert banner.objectName() == "lifecycleBanner" and banner.isHidden()
    assert not banner.is_built
    assert page.findChild(QPushButton, "showExposedButton") is None

    report = Exposure(NOW, "github", "https://github.com/acme/app/blob/x")
    leaked = structs.replace(make_key("Leaked"), status="active", version=1, exposure=report)
    model.replace_all([leaked])
    page.update_lifecycle_banner()
    assert banner.is_built and banner.showing_exposed and not banner.isHidden()
    assert page.findChild(QPushButton, "showExposedButton") is not None
    with qtbot.waitSignal(banner.dismissed):
        banner.dismiss_button.click()
    assert banner.isHidden()
