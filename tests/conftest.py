"""Test-wide setup: offscreen Qt, isolated settings, an in-memory keyring.

Set before any Qt import so that every test, and every app the tests start,
writes its settings under a temporary folder and never touches the real
keyring of the machine running the tests.
"""

from __future__ import annotations

import os
import tempfile

_ISOLATED = tempfile.mkdtemp(prefix="rakerone-tests-")
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = os.path.join(_ISOLATED, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_ISOLATED, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_ISOLATED, "cache")
os.environ["XDG_STATE_HOME"] = os.path.join(_ISOLATED, "state")
# The demo scanner's key pair (the app's own sandbox trusts it; report-exposure signs with it).
os.environ["RAKERONE_SANDBOX_SCANNER_KEY"] = os.path.join(_ISOLATED, "state", "scanner-key.pem")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.memkeyring.MemoryKeyring")
os.environ.pop("QT_SCALE_FACTOR", None)

# Qt's own libraries, checked once with a clear install line (tests/support/system.py).
from tests.support.system import require_qt_libraries  # noqa: E402

require_qt_libraries()

# The shared fixtures, in one module; folder conftests keep only their own. pytester
# runs a child pytest (tests/runtime/test_work_left_running.py).
pytest_plugins = ["tests.support.fixtures", "pytester"]
