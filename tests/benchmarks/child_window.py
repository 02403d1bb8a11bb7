"""A child process for P5 and P6: show one window, report when it first painted and its RSS.

    python child_window.py bare                 # a bare PySide6 window with one label
    python child_window.py main                 # the app's main window, empty model
    python child_window.py app                  # the same after importing the whole app
    python child_window.py loaded URL N         # the main window with N keys loaded
                                                # (the session token in $RAKERONE_BENCH_TOKEN)

Run as a script (not ``-m``), so it imports nothing of the benchmark. It prints
one JSON line: ``painted`` (CLOCK_MONOTONIC, seconds, at the end of the window's
first paint), ``rss_kb`` and ``hwm_kb`` (from /proc/self/status) after that
paint, and for ``loaded`` after every key is in the model and painted.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def main(argv: list[str]) -> int:
    mode = argv[0]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    report: dict[str, object] = {"mode": mode}

    if mode == "bare":
        app = QApplication(["bare"])
        window: QWidget = QLabel("RakerOne")
        window.resize(1280, 780)
        after_paint: list[object] = []
    else:
        if mode == "app":
            # Everything the real entry point imports before it shows anything.
            import rakerone_desktop.app  # noqa: F401
        from rakerone_desktop.models.keys_model import ApiKeysModel
        from rakerone_desktop.ui.main_window import MainWindow
        from rakerone_desktop.ui.theme import Scheme, ThemeManager

        app = QApplication(["rakerone-desktop"])
        ThemeManager(app, Scheme.LIGHT)
        model = ApiKeysModel()
        window = MainWindow(model, "http://127.0.0.1", "Benchmark Admin")
        after_paint = [model]

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                # The window paints first in the pass that paints all of it; the
                # pass has ended when a zero-timer fires.
                QTimer.singleShot(0, painted)
            return False

    def painted() -> None:
        report["painted"] = _now()
        if mode == "loaded":
            QTimer.singleShot(0, load)
        else:
            finish()

    def load() -> None:
        from rakerone_desktop.api.client import RakerOneClient
        from rakerone_desktop.controllers.keys import KeysController
        from rakerone_desktop.runtime.tasks import TaskRunner

        url, expected = argv[1], int(argv[2])
        token = os.environ["RAKERONE_BENCH_TOKEN"]
        client = RakerOneClient(base_url=url, token=token)
        runner = TaskRunner()
        model = after_paint[0]
        controller = KeysController(client, runner, model)  # type: ignore[arg-type]
        after_paint.extend([client, runner, controller])
        started = _now()

        def check() -> None:
            # Every key in, the catalog too, and the background sorting done.
            if (
                model.total_loaded >= expected  # type: ignore[attr-defined]
                and model.catalog  # type: ignore[attr-defined]
                and runner.active_count == 0
            ):
                report["load_s"] = _now() - started
                window.update()
                QTimer.singleShot(100, finish)  # let the last repaints happen
            else:
                QTimer.singleShot(20, check)

        controller.loaded.connect(lambda _when: check())
        controller.refresh()

    def finish() -> None:
        gc.collect()
        report["rss_kb"] = _status_kb("VmRSS")
        report["hwm_kb"] = _status_kb("VmHWM")
        print(json.dumps(report), flush=True)
        app.quit()

    # On the window only, not the application: a filter on the application sees
    # every event of every object, many of Qt's private classes, and PySide wraps
    # each such object by building every class of every Qt module it has loaded
    # (tens of milliseconds the app itself never spends, and the bare window
    # hardly does).
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
