"""Keyring policy (security guide, line 5; issue #6, item 2).

* The ``fail`` and ``null`` backends and every ``keyrings.alt`` backend give
  session-only mode: the token is kept in memory for this run, the person is
  told once, and nothing is written in plain text.
* A keyring that refuses the token (locked, say) gives the same.
* A locked or slow keyring never freezes the window: every keyring call runs
  off the GUI thread, finding the backend included.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backends import chainer, fail, null
from keyrings.alt.file import EncryptedKeyring, PlaintextKeyring
from PySide6.QtWidgets import QFrame

from rakerone_desktop.runtime import credentials
from rakerone_desktop.runtime.credentials import SERVICE, TokenStore, backend_is_safe
from rakerone_desktop.runtime.settings import Options, Settings
from tests.support.app_driver import sign_in
from tests.support.memkeyring import MemoryKeyring
from tests.support.qt_helpers import MAX_FREEZE_S, Heartbeat

SERVER = "https://rakerone.example.com"
# Made at run time, so that no file (this one included) holds it before the test.
TOKEN = "sess_" + os.urandom(18).hex()
NOTICE = "no secure keyring"


def _chain(*members):
    """A chainer whose members are given (the real one asks every installed backend)."""
    return type("Chainer", (chainer.ChainerBackend,), {"backends": list(members)})()


def _encrypted():
    # Its constructor needs pycryptodome and its calls prompt on the terminal: the
    # policy must refuse it on sight, before calling anything.
    return EncryptedKeyring.__new__(EncryptedKeyring)


UNSAFE = {
    "fail": fail.Keyring,
    "null": null.Keyring,
    "keyrings.alt plaintext": PlaintextKeyring,
    "keyrings.alt encrypted": _encrypted,
    "chainer with a plaintext member": lambda: _chain(MemoryKeyring(), PlaintextKeyring()),
    "empty chainer": lambda: _chain(),
}


def _files_holding(needle: str, *roots: str | Path) -> list[str]:
    data = needle.encode()
    found = []
    project = str(Path(__file__).resolve().parents[2])  # this checkout may live under /tmp
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            if folder == project or folder.startswith(project + os.sep):
                continue
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if os.path.getsize(path) > 50_000_000:
                        continue
                    with open(path, "rb") as f:
                        if data in f.read():
                            found.append(path)
                except OSError:
                    continue
    return found


def _plain_text_places() -> list[str]:
    return [
        tempfile.gettempdir(),
        os.environ["XDG_DATA_HOME"],
        os.environ["XDG_CONFIG_HOME"],
        os.environ["XDG_CACHE_HOME"],
    ]


# -- the store itself --------------------------------------------------------------------------


@pytest.mark.parametrize("make", UNSAFE.values(), ids=UNSAFE.keys())
def test_unsafe_backends_keep_the_token_in_memory_only(make, caplog):
    caplog.set_level(logging.DEBUG)
    backend = make()
    assert not backend_is_safe(backend)
    store = TokenStore(backend)
    assert store.persistent is False
    assert store.save(SERVER, TOKEN) is False
    assert store.load(SERVER) == TOKEN  # for this run
    assert TokenStore(backend).load(SERVER) is None  # and no further
    store.delete(SERVER)
    assert store.load(SERVER) is None
    assert _files_holding(TOKEN, *_plain_text_places()) == []
    if isinstance(backend, PlaintextKeyring):
        assert str(backend.file_path).startswith(os.environ["XDG_DATA_HOME"])
        assert not os.path.exists(backend.file_path)
    assert TOKEN not in caplog.text
    assert "sessions are kept for this run only" in caplog.text


def test_a_safe_backend_keeps_the_token():
    MemoryKeyring.store.clear()
    store = TokenStore(MemoryKeyring())
    assert store.persistent
    assert store.save(SERVER, TOKEN) is True
    assert MemoryKeyring.store == {(SERVICE, f"session:{SERVER}"): TOKEN}
    assert TokenStore(MemoryKeyring()).load(SERVER) == TOKEN
    store.delete(SERVER)
    assert MemoryKeyring.store == {}
    store.delete(SERVER)  # forgetting twice is fine


class LockedKeyring(MemoryKeyring):
    """A real keyring that is locked: every call fails."""

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")


def test_a_locked_keyring_falls_back_to_memory(caplog):
    caplog.set_level(logging.DEBUG)
    store = TokenStore(LockedKeyring())
    assert store.persistent  # it is a safe keyring, just locked right now
    assert store.save(SERVER, TOKEN) is False
    assert store.load(SERVER) == TOKEN
    store.delete(SERVER)
    assert store.load(SERVER) is None
    assert TOKEN not in caplog.text


# -- through the app -----------------------------------------------------------------------------


def _notice(window) -> QFrame | None:
    banner = window.findChild(QFrame, "noticeBanner")
    return banner if banner is not None and banner.isVisible() else None


APP_UNSAFE = ["fail", "null", "keyrings.alt plaintext", "chainer with a plaintext member"]


@pytest.mark.integration
@pytest.mark.parametrize("name", APP_UNSAFE)
def test_session_only_mode_tells_once_and_writes_nothing(
    qtbot, start_app, demo_sandbox, use_keyring, name
):
    backend = use_keyring(UNSAFE[name]())
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox, remember=True)
    # The person is told, in the window, that the session lasts until they quit.
    qtbot.waitUntil(lambda: _notice(window) is not None, timeout=5000)
    banner = _notice(window)
    text = banner.message.text()
    assert NOTICE in text
    assert "Nothing was saved to disk" in text
    assert not banner.findChild(type(banner.retry_button), "retryButton").isVisible()
    # The list loading does not hide it.
    keys = controller.current.keys
    qtbot.waitUntil(lambda: keys.has_loaded and not keys.loading, timeout=20_000)
    assert _notice(window) is not None
    token = controller.session.current.client.token
    assert token
    settings = Settings()
    settings.sync()
    assert token not in Path(settings.file_name).read_text(encoding="utf-8")
    assert _files_holding(token, *_plain_text_places()) == []
    if isinstance(backend, PlaintextKeyring):
        assert not os.path.exists(backend.file_path)

    # Signing out and in again (Remember me still ticked): no second notice.
    with qtbot.waitSignal(controller.signInShown, timeout=20_000):
        controller.sign_out()
    window = sign_in(qtbot, controller, demo_sandbox, remember=True)
    keys = controller.current.keys
    qtbot.waitUntil(lambda: keys.has_loaded and not keys.loading, timeout=20_000)
    assert _notice(window) is None
    token = controller.session.current.client.token
    controller.quit()
    assert _files_holding(token, *_plain_text_places()) == []

    # The next run has nothing to restore: it asks the person to sign in.
    again = start_app()
    qtbot.waitUntil(lambda: again.sign_in_dialog is not None, timeout=20_000)
    assert again.current is None


@pytest.mark.integration
def test_a_keyring_that_refuses_the_token_gives_the_same_notice(
    qtbot, start_app, demo_sandbox, use_keyring
):
    use_keyring(LockedKeyring())
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox, remember=True)
    qtbot.waitUntil(lambda: _notice(window) is not None, timeout=5000)
    assert NOTICE in _notice(window).message.text()


@pytest.mark.integration
def test_a_safe_keyring_gives_no_notice_and_restores_the_session(qtbot, start_app, demo_sandbox):
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox, remember=True)
    keys = controller.current.keys
    qtbot.waitUntil(lambda: keys.has_loaded and not keys.loading, timeout=20_000)
    assert _notice(window) is None
    assert list(MemoryKeyring.store.values()) == [controller.session.current.client.token]
    controller.quit()
    again = start_app()
    qtbot.waitUntil(lambda: again.current is not None, timeout=20_000)


# -- a slow or locked keyring never freezes the window ---------------------------------------


class BlockingKeyring(MemoryKeyring):
    """A keyring that waits (for the person to unlock it, say) until released."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()

    def _wait(self) -> None:
        self.entered.set()
        assert self.release.wait(30), "the test never released the keyring"

    def get_password(self, service, username):
        self._wait()
        return super().get_password(service, username)

    def set_password(self, service, username, password):
        self._wait()
        super().set_password(service, username, password)

    def delete_password(self, service, username):
        self._wait()
        super().delete_password(service, username)


def _stays_responsive(qtbot, beat: Heartbeat, keyring_: BlockingKeyring) -> None:
    """While the keyring blocks, the GUI thread keeps handling events."""
    qtbot.waitUntil(keyring_.entered.is_set, timeout=20_000)
    ticks = beat.ticks
    qtbot.waitUntil(lambda: beat.ticks >= ticks + 30, timeout=5000)  # ~300 ms of events
    assert not keyring_.release.is_set()
    assert beat.max_gap < MAX_FREEZE_S


@pytest.mark.integration
def test_a_locked_keyring_never_freezes_signing_in(qtbot, start_app, demo_sandbox, use_keyring):
    locked = use_keyring(BlockingKeyring())
    controller = start_app("--server", demo_sandbox.url)
    dialog = controller.sign_in_dialog
    dialog.server_field.setText(demo_sandbox.url)
    dialog.email_field.setText(demo_sandbox.admin_email)
    dialog.password_field.setText(demo_sandbox.admin_password or "")
    dialog.remember_checkbox.setChecked(True)
    beat = Heartbeat().start()
    try:
        dialog.sign_in_button.click()
        _stays_responsive(qtbot, beat, locked)
        assert dialog.isVisible()
        assert dialog.status_label.text() == "Signing in…"
        with qtbot.waitSignal(controller.mainWindowShown, timeout=20_000):
            locked.release.set()
        assert beat.stop() < MAX_FREEZE_S
    finally:
        locked.release.set()
    assert list(MemoryKeyring.store.values()) == [controller.session.current.client.token]


@pytest.mark.integration
def test_a_slow_keyring_never_freezes_restoring_or_signing_out(
    qtbot, start_app, demo_sandbox, use_keyring, monkeypatch
):
    # A remembered session from an earlier run.
    first = start_app("--server", demo_sandbox.url)
    sign_in(qtbot, first, demo_sandbox, remember=True)
    first.quit()
    assert MemoryKeyring.store

    # This run: even finding the keyring blocks (D-Bus activation, say), then reading it.
    slow = BlockingKeyring()
    found = threading.Event()

    def get_keyring():
        found.set()
        assert slow.release.wait(30)
        return slow

    monkeypatch.setattr(credentials.keyring, "get_keyring", get_keyring)
    beat = Heartbeat().start()
    try:
        again = start_app()  # returns at once: nothing blocks the GUI thread
        qtbot.waitUntil(found.is_set, timeout=20_000)
        slow.entered.set()  # the backend lookup itself is what blocks here
        _stays_responsive(qtbot, beat, slow)
        slow.release.set()
        qtbot.waitUntil(lambda: again.current is not None, timeout=20_000)
        assert beat.max_gap < MAX_FREEZE_S

        # Signing out forgets the token through the same slow keyring, off the GUI thread.
        slow.release.clear()
        slow.entered.clear()
        with qtbot.waitSignal(again.signInShown, timeout=20_000):
            again.sign_out()
            _stays_responsive(qtbot, beat, slow)
            slow.release.set()
        assert beat.stop() < MAX_FREEZE_S
    finally:
        slow.release.set()
    # The person is back at sign-in at once; the keyring forgets in the background.
    qtbot.waitUntil(lambda: MemoryKeyring.store == {}, timeout=20_000)
    assert Settings().get(Options.remembered_server) == ""


@pytest.mark.integration
def test_a_member_is_told_too(qtbot, start_app, demo_sandbox, use_keyring):
    use_keyring(fail.Keyring())
    controller = start_app("--server", demo_sandbox.url)
    window = sign_in(qtbot, controller, demo_sandbox, member=True, remember=True)
    assert window.objectName() == "adminOnlyWindow"
    qtbot.waitUntil(lambda: _notice(window) is not None, timeout=5000)
    assert NOTICE in _notice(window).message.text()
