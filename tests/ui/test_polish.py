"""Application polish: About, window icon, single instance, remembered layout,
log file, Copy diagnostics (never a secret), the German translation, --self-check."""

from __future__ import annotations

import json
import logging
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLocale, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from rakerone_desktop import __version__
from rakerone_desktop.api.errors import NotFoundError
from rakerone_desktop.app import APP_ID
from rakerone_desktop.models import timefmt
from rakerone_desktop.models.keys_model import ApiKeysModel, Column
from rakerone_desktop.runtime import diagnostics, log_file
from rakerone_desktop.runtime.i18n import Translations, available_languages, pick_language
from rakerone_desktop.runtime.logging_setup import MASK
from rakerone_desktop.runtime.single_instance import SingleInstance, server_name
from rakerone_desktop.ui.about_dialog import AboutDialog
from rakerone_desktop.ui.main_window import MainWindow
from tests.support.app_driver import sign_in, wait_loaded

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE = "http://127.0.0.1:9"  # never contacted: the sign-in dialog just shows it


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **extra)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    return env


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    # Short: a Unix socket path has a length limit that pytest's tmp_path can pass.
    folder = Path(tempfile.mkdtemp(prefix="ri-"))
    yield folder
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


# -- About and the window icon ------------------------------------------------------------


def test_about_shows_versions_licences_and_copies_diagnostics(qtbot, start_app):
    controller = start_app("--server", UNREACHABLE)
    dialog = controller.show_about()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, AboutDialog)
    assert dialog.isVisible()
    assert __version__ in dialog.version_label.text()
    runtime = dialog.runtime_label.text()
    for part in (qVersion(), pyside_version, platform.python_version()):
        assert part in runtime
    table = dialog.components_table
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Qt"] == "LGPL-3.0-only"
    assert rows["PySide6"] == "LGPL-3.0-only"
    assert rows["requests"] == "Apache-2.0"
    assert rows["keyring"] == "MIT"
    assert controller.show_about() is dialog  # one About at a time

    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"RakerOne Desktop {__version__}")
    assert "Server: not signed in" in text
    dialog.reject()
    qtbot.waitUntil(lambda: controller.about_dialog is None)


def test_windows_carry_the_app_icon(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    assert not QApplication.windowIcon().isNull()
    assert not controller.sign_in_dialog.windowIcon().pixmap(32, 32).isNull()
    window = sign_in(qtbot, controller, demo_sandbox)
    assert not window.windowIcon().pixmap(48, 48).isNull()


# -- single instance -------------------------------------------------------------------


def test_a_second_instance_hands_over_its_arguments(qtbot, runtime_dir):
    name = server_name(APP_ID, runtime_dir=str(runtime_dir))
    assert name.startswith(str(runtime_dir))
    first = SingleInstance(name)
    assert first.acquire()
    assert first.listening
    try:
        second = SingleInstance(name)
        with qtbot.waitSignal(first.activated, timeout=10_000) as blocker:
            assert not second.acquire(["--server", "https://example.test"])
        assert blocker.args == [["--server", "https://example.test"]]
        assert not second.listening
    finally:
        first.release()
    assert SingleInstance(name).acquire()  # released: the next launch runs


def test_a_socket_left_by_a_crash_is_replaced(runtime_dir):
    name = server_name(APP_ID, runtime_dir=str(runtime_dir))
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(name)  # bound, never listening, file left behind: like a crashed instance
    dead.close()
    assert Path(name).exists()
    instance = SingleInstance(name)
    try:
        assert instance.acquire()
        assert instance.listening
    finally:
        instance.release()


def test_the_name_is_per_user_without_a_runtime_dir(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = server_name(APP_ID)
    assert name.startswith(APP_ID + ".")
    assert "/" not in name
    assert name == server_name(APP_ID)


def test_a_second_launch_raises_the_running_window(qtbot, start_app, runtime_dir):
    controller = start_app("--server", UNREACHABLE)
    dialog = controller.sign_in_dialog
    dialog.hide()
    instance = SingleInstance(server_name(APP_ID, runtime_dir=str(runtime_dir)))
    assert instance.acquire()
    instance.activated.connect(controller.activate)
    try:
        with qtbot.waitSignal(instance.activated, timeout=30_000):
            second = subprocess.Popen(  # the real command line, as a second launch
                [
                    sys.executable,
                    "-c",
                    "import sys; from rakerone_desktop.app import main; sys.exit(main([]))",
                ],
                env=_env(XDG_RUNTIME_DIR=str(runtime_dir)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        _out, err = second.communicate(timeout=60)
    finally:
        instance.release()
    assert second.returncode == 0, err
    assert "already running" in err
    assert dialog.isVisible()


def test_main_leaves_single_instance_and_log_file_to_its_own_app(start_app):
    # The tests' QApplication is reused: no socket, no log file, no translators.
    controller = start_app("--server", UNREACHABLE)
    assert controller.language is None
    assert log_file.current() is None


def test_application_answers_the_running_app_until_it_quits(start_app):
    from rakerone_desktop import app as appmod

    first = start_app("--server", UNREACHABLE)
    assert appmod.application() is first
    second = start_app("--server", UNREACHABLE)
    assert appmod.application() is second  # the newest
    second.quit()
    assert appmod.application() is first
    first.quit()
    assert appmod.application() is None


# -- remembered layout -------------------------------------------------------------------


def test_window_geometry_and_columns_are_remembered(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    window.resize(720, 530)  # within the offscreen screen (800×600): no clamping
    header = window.keys_page.table.horizontalHeader()
    header.resizeSection(Column.NAME, 333)
    header.moveSection(header.visualIndex(Column.CREATED), header.visualIndex(Column.LAST_USED))
    moved = header.visualIndex(Column.CREATED)
    controller.quit()

    again = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, again, demo_sandbox)
    header = window.keys_page.table.horizontalHeader()
    assert (window.width(), window.height()) == (720, 530)
    assert header.sectionSize(Column.NAME) == 333
    assert header.visualIndex(Column.CREATED) == moved


# -- the log file -------------------------------------------------------------------------


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    handler_levels = {h: h.level for h in root.handlers}
    yield
    log_file.remove()
    root.setLevel(level)
    for handler, old in handler_levels.items():
        handler.setLevel(old)


def test_log_file_rotates_and_masks_secrets(tmp_path, restore_logging):
    path = log_file.install(tmp_path, max_bytes=4000, backups=2)
    assert log_file.current() == path
    assert path.parent == tmp_path
    log = logging.getLogger("rakerone_desktop.tests")
    key = "rone_" + "A1b2C3d4" * 5
    log.info("created %s with token=%s", key, "s3cr3t-session")
    for n in range(200):
        log.info("line %d of a long session", n)
    log_file.remove()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["rakerone-desktop.log", "rakerone-desktop.log.1", "rakerone-desktop.log.2"]
    everything = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert key not in everything
    assert "s3cr3t-session" not in everything
    assert "line 199 of a long session" in path.read_text(encoding="utf-8")


def test_log_file_goes_to_the_users_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    folder = log_file.default_log_dir()
    assert folder.is_relative_to(tmp_path)
    assert folder.name == "log"


# -- Copy diagnostics ----------------------------------------------------------------------


def test_diagnostics_name_errors_and_request_ids_but_never_a_secret(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox)
    wait_loaded(qtbot, controller)
    current = controller.current
    token = current.signed_in.client.token
    assert token

    # A key made through the app: its value must not reach the diagnostics.
    call = current.actions.create("Diagnostics check", [])
    assert call is not None
    with qtbot.waitSignal(call.succeeded, timeout=20_000) as created:
        pass
    secret = created.args[0].secret
    assert secret

    # A failure with a request id: the activity of a key that doesn't exist.
    with qtbot.waitSignal(controller.runner.taskFailed, timeout=20_000) as failed:
        current.keys.load_events("key_does_not_exist")
    error = failed.args[1]
    assert isinstance(error, NotFoundError)
    assert error.request_id

    QGuiApplication.clipboard().clear()
    window.diagnostics_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert text == controller.diagnostics_text()
    assert f"Qt {qVersion()}" in text
    assert f"Server: {demo_sandbox.url}" in text
    assert "signed in as admin" in text
    assert f"request id {error.request_id}" in text
    assert "load-events" in text
    for value in (token, secret, demo_sandbox.admin_password, demo_sandbox.admin_email):
        assert value not in text
    assert "Diagnostics copied" in window.statusBar().currentMessage()


def test_diagnostics_mask_what_looks_like_a_secret():
    history = diagnostics.ErrorHistory(size=2)
    key = "rone_" + "Z9y8X7w6" * 5
    history.record("first", RuntimeError("dropped: only the last two are kept"))
    history.record("create-key", RuntimeError(f"echoed {key} and Bearer abc.def.ghi"))
    history.record("sign-in", RuntimeError("password=hunter2"))
    text = diagnostics.collect(
        server="https://user:pw@example.test:8443/base/?token=abc#frag",
        errors=history.entries(),
    )
    assert "dropped" not in text
    for leaked in (key, "abc.def.ghi", "hunter2", "user:pw", "token=abc"):
        assert leaked not in text
    assert MASK in text
    assert "Server: https://example.test:8443/base" in text


# -- the German translation ------------------------------------------------------------


def test_the_language_follows_the_systems_preferences():
    assert pick_language(["de-DE", "en-US"], ["de"]) == "de"
    assert pick_language(["de-AT"], ["de"]) == "de"
    assert pick_language(["en-GB", "de-DE"], ["de"]) is None  # English first: English
    assert pick_language(["fr-FR", "de-CH"], ["de"]) == "de"
    assert pick_language(["C"], ["de"]) is None
    assert "de" in available_languages()


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if i >= 0 else None


def test_german_locale_gives_a_german_ui(qtbot, qapp):
    translations = Translations(qapp)
    assert translations.install(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "de"
    try:
        model = ApiKeysModel()
        window = MainWindow(model, "https://rakerone.example", "Ann")
        qtbot.addWidget(window)
        menus = [a.menu() for a in window.menuBar().actions()]
        assert [a.text() for a in window.menuBar().actions()] == [
            "&Datei",
            "&Schlüssel",
            "&Ansicht",
            "&Hilfe",
        ]
        assert window.create_action.text() == "Schlüssel &erstellen…"
        assert window.diagnostics_action.text() == "&Diagnose kopieren"
        assert window.user_label.text() == "Angemeldet als Ann"
        for menu in menus:  # Alt+letter stays unambiguous in every menu
            letters = [_mnemonic(a.text()) for a in menu.actions() if _mnemonic(a.text())]
            assert len(letters) == len(set(letters)), [a.text() for a in menu.actions()]
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for c in (Column.NAME, Column.LAST_USED)
        ]
        assert headers == ["Name", "Zuletzt verwendet"]
        create_buttons = [
            b.text() for b in window.keys_page.findChildren(QPushButton) if b.isVisibleTo(window)
        ]
        assert "Schlüssel erstellen" in create_buttons
        now = time.time()
        assert timefmt.relative(now - 60, now) == "vor 1 Minute"
        assert timefmt.relative(now - 300, now) == "vor 5 Minuten"
        assert timefmt.relative(now - 2 * 86400, now) == "vor 2 Tagen"
        assert timefmt.relative(None, now) == "Nie"
        about = AboutDialog()
        qtbot.addWidget(about)
        assert about.windowTitle() == "Über RakerOne Desktop"
        # Qt's own strings come from its catalog.
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    finally:
        translations.remove()
    english = MainWindow(ApiKeysModel(), "https://x.example", "Ann")
    qtbot.addWidget(english)
    assert english.create_action.text() == "&Create key…"


# -- --self-check, from source --------------------------------------------------------


def test_self_check_from_source(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from rakerone_desktop.app import main; sys.exit(main(['--self-check']))",
        ],
        env=_env(LANG="de_DE.UTF-8", XDG_RUNTIME_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is True
    assert report["frozen"] is False
    assert report["language"] == "de"
    assert report["desktop_file_name"] == APP_ID
    assert all(report["checks"].values()), report["checks"]
    assert list(tmp_path.iterdir()) == []  # no single-instance socket for a self-check


def test_about_closes_with_its_window(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, controller, demo_sandbox)
    first = controller.show_about()
    assert first.parent() is controller.current.window
    controller.sign_out()
    assert controller.about_dialog is None
    second = controller.show_about()  # a new one, no dangling wrapper
    qtbot.addWidget(second)
    assert second is not first
    second.reject()
