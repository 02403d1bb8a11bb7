"""A child process for test_lazy_start.py: which modules the main window's first paint needs.

Run as a script in a fresh interpreter (the test process has imported everything
already). It builds the main window as the app does, waits for its first paint,
notes the app's modules imported by then, chooses Admin → Overview and Admin →
Audit log, and prints one JSON line: ``at_paint`` and ``after_pages`` (module
names), ``built_at_paint`` and ``built_after`` (the Admin pages built), and
``banner_built_at_paint`` (the keys page's lifecycle banner).
"""

from __future__ import annotations

import json
import os
import sys
import traceback

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ours() -> list[str]:
    return sorted(name for name in sys.modules if name.startswith("rakerone_desktop"))


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from rakerone_desktop.models.keys_model import ApiKeysModel
    from rakerone_desktop.ui.main_window import MainWindow
    from rakerone_desktop.ui.theme import Scheme, ThemeManager

    app = QApplication(["rakerone-desktop"])
    ThemeManager(app, Scheme.LIGHT)
    window = MainWindow(ApiKeysModel(), "http://127.0.0.1", "Ada Admin")
    report: dict[str, object] = {}

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, painted)  # the whole window paints in this pass
            return False

    def painted() -> None:
        try:
            look()
        except Exception:  # the child ends (its traceback on stderr), it does not hang
            traceback.print_exc()
            app.exit(1)
        else:
            app.quit()

    def look() -> None:
        report["at_paint"] = _ours()
        report["built_at_paint"] = sorted(window.admin_pages.built)
        report["banner_built_at_paint"] = window.keys_page.lifecycle_banner.is_built
        from rakerone_desktop.api.models import Organization
        from rakerone_desktop.models.server_features import AUDIT_LOG, ServerFeatures

        window.set_server_features(ServerFeatures(Organization("org_1", "Org", (AUDIT_LOG,))))
        window.show_page("overviewPage")
        window.show_page("auditLogPage")
        report["after_pages"] = _ours()
        report["built_after"] = sorted(window.admin_pages.built)
        print(json.dumps(report), flush=True)

    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
