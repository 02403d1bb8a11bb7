"""Secrets audit (security guide, lines 1, 5 and 10; issue #6, item 5).

One run of the real app with logging at DEBUG everywhere (urllib3 included):
sign in with Remember me, create a key and copy it, rotate it and copy the
new one, then find keys by value from a pasted block (the two above and one
leaked from elsewhere). Then every place a secret could end up is searched
for every key value used and for the session token:

* every log record, unmasked (the masking filter is the second line of
  defence, not the first), message, arguments, extras and traceback;
* the settings file;
* the keyring: only the session token, under its own entry;
* the temporary directory and the app's data, config and cache folders;
* the clipboard and the X11 selection, every format left on them;
* the diagnostics report the app offers to copy for support.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton

from rakerone_desktop.domain.keyformat import is_valid_key
from rakerone_desktop.runtime import log_file
from rakerone_desktop.runtime.credentials import SERVICE
from rakerone_desktop.runtime.settings import Settings
from tests.support.app_driver import sign_in, wait_loaded
from tests.support.memkeyring import MemoryKeyring

pytestmark = pytest.mark.integration


class Everything(logging.Handler):
    """Keeps every record and its fully formatted text, before any filter."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.texts: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        parts = [self.format(record), repr(record.args), repr(record.msg)]
        parts += [repr(v) for k, v in vars(record).items() if k not in ("args", "msg")]
        self.texts.append("\n".join(parts))


@pytest.fixture
def everything(tmp_path):
    handler = Everything()
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "urllib3", "rakerone_desktop")}
    handler_levels = [(h, h.level) for h in root.handlers]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("urllib3").setLevel(logging.DEBUG)
    logging.getLogger("rakerone_desktop").setLevel(logging.DEBUG)
    log_path = log_file.install(tmp_path / "logs", level=logging.DEBUG)
    yield handler, log_path
    log_file.remove()
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    for other, level in handler_levels:
        other.setLevel(level)


def _copy_and_close(qtbot, dialog) -> str:
    secret = dialog.findChild(QLineEdit, "secretField").text()
    assert is_valid_key(secret)
    dialog.findChild(QPushButton, "copyButton").click()
    assert QGuiApplication.clipboard().text() == secret
    dialog.findChild(QPushButton, "doneButton").click()
    return secret


def _files_holding(needles: dict[str, str], *roots: str) -> list[tuple[str, str]]:
    found = []
    encoded = {what: value.encode() for what, value in needles.items()}
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if os.path.getsize(path) > 50_000_000:
                        continue
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                found += [(what, path) for what, value in encoded.items() if value in data]
    return found


def test_no_key_value_or_token_is_left_anywhere(
    qtbot, start_app, demo_sandbox, admin_api, everything
):
    handler, log_path = everything
    leaked = admin_api.create_key("Leaked elsewhere", ["records.read"]).secret
    assert leaked is not None

    controller = start_app("--server", demo_sandbox.url, "--log-level", "debug")
    window = sign_in(qtbot, controller, demo_sandbox, remember=True)
    wait_loaded(qtbot, controller)
    token = controller.session.current.client.token
    flows = controller.current.flows
    actions = controller.current.flows  # what the flows did
    page = window.keys_page

    # Create and copy.
    with qtbot.waitSignal(flows.wizardShown, timeout=5000) as shown:
        page.create_button.click()
    wizard = shown.args[0]
    wizard.findChild(QLineEdit, "keyNameField").setText("Audit: billing export")
    wizard.next()
    wizard.permissions_page.checkboxes["records.read"].setChecked(True)
    wizard.next()
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as copy:
        wizard.button(wizard.WizardButton.FinishButton).click()
    created = _copy_and_close(qtbot, copy.args[0])
    first = page.current_key()
    assert first is not None

    # Rotate it on the server and copy the new one.
    page.select_key(first.id)
    qtbot.waitUntil(lambda: not window.server_features.part_one_only, timeout=20_000)
    rotate = flows.rotate()
    assert rotate.objectName() == "rotateKeyDialog"
    with qtbot.waitSignal(flows.copyDialogShown, timeout=20_000) as copy:
        rotate.confirm_button.click()
    rotated = _copy_and_close(qtbot, copy.args[0])

    # Find by value: a pasted block with both, the leaked one and a lookalike.
    finder = flows.find()
    field = finder.findChild(QLineEdit, "findKeyField")
    field.clear()
    lookalike = leaked[:-1] + ("A" if leaked[-1] != "A" else "B")
    block = f"ERROR auth failed key={leaked}\nexport KEY={created}\n{rotated} {lookalike}"
    with qtbot.waitSignal(actions.lookedUp, timeout=20_000):
        field.paste_text(block)
    qtbot.waitUntil(lambda: finder.table.rowCount() == 4, timeout=10_000)
    finder.close()

    # Revoke the old key of the rotation, then quit (which clears the clipboard).
    revoke = flows.revoke_ids([first.id])
    with qtbot.waitSignal(actions.revoked, timeout=20_000):
        revoke.findChild(QPushButton, "confirmRevokeButton").click()
    revoke.reject()
    report = controller.diagnostics_text()
    controller.quit()
    assert controller.runner.wait_for_done(10_000)

    keys = {"created": created, "rotated": rotated, "leaked": leaked}
    secrets = {**keys, "session token": token}

    # Every log record, unmasked, mentions none of them.
    assert len(handler.records) > 20  # DEBUG really was on
    assert any(r.name.startswith("rakerone_desktop.api") for r in handler.records)
    assert any(r.name.startswith("urllib3") for r in handler.records)
    for what, value in secrets.items():
        hits = [t for t in handler.texts if value in t]
        assert hits == [], (what, hits[:3])
    # Nor does the app's log file.
    assert log_path.exists()
    text = log_path.read_text(encoding="utf-8")
    assert all(value not in text for value in secrets.values())

    # The settings file holds ids and preferences, never a secret.
    settings = Settings()
    settings.sync()
    stored = Path(settings.file_name).read_text(encoding="utf-8")
    assert demo_sandbox.url in stored  # the real file, with the remembered server
    assert all(value not in stored for value in secrets.values())

    # The keyring holds the session token under its own entry (one per server and
    # account), and nothing else.
    entry = f"session:{demo_sandbox.url}#{demo_sandbox.admin_email}"
    assert MemoryKeyring.store == {(SERVICE, entry): token}

    # No file anywhere the app writes holds any of them.
    roots = [
        tempfile.gettempdir(),
        os.environ["XDG_DATA_HOME"],
        os.environ["XDG_CONFIG_HOME"],
        os.environ["XDG_CACHE_HOME"],
    ]
    assert _files_holding(secrets, *roots) == []

    # Nothing is left on the clipboard or the selection, in any format.
    clipboard = QGuiApplication.clipboard()
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():
        modes.append(QClipboard.Mode.Selection)
    for mode in modes:
        mime = clipboard.mimeData(mode)
        formats = mime.formats() if mime is not None else []
        for fmt in formats:
            data = bytes(mime.data(fmt))
            for what, value in keys.items():
                assert value.encode() not in data, (what, fmt)
                assert value.encode("utf-16-le") not in data, (what, fmt)
        assert all(v not in clipboard.text(mode) for v in keys.values())

    # The diagnostics for support carry none of them.
    assert all(value not in report for value in secrets.values())
