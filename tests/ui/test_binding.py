"""The Qt binding itself: a release that leaks references to None is refused.

PySide6 6.12.0 drops a reference to ``None`` on every call of a void method
(``processEvents``, ``QEventLoop.exec`` ...); under Python 3.11 the refcount
of ``None`` reaches zero within seconds and the interpreter aborts. The
project excludes that release; this test catches any other that does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication


def test_void_calls_do_not_leak_none(qapp):
    before = sys.getrefcount(None)
    for _ in range(2000):
        QCoreApplication.processEvents()
    after = sys.getrefcount(None)
    assert before - after < 100
