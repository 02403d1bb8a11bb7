"""tests/support/system.py: a missing system component skips a test, with the
install line, on a developer's machine, and fails it in CI (``CI=true``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support import system


@pytest.fixture
def no_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def ci(monkeypatch):
    monkeypatch.setenv("CI", "true")


def test_a_present_program_is_returned(no_ci):
    assert system.require_program("sh", "dash").endswith("/sh")


def test_a_missing_program_skips_with_the_install_line(no_ci):
    with pytest.raises(pytest.skip.Exception) as info:
        system.require_program("rakerone-no-such-program", "no-such-package")
    assert "'rakerone-no-such-program'" in str(info.value)
    assert "sudo apt-get install no-such-package" in str(info.value)


@pytest.mark.parametrize("value", ["true", "TRUE", "True"])
def test_in_ci_a_missing_program_fails(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception) as info:
        system.require_program("rakerone-no-such-program", "no-such-package")
    assert "CI" in str(info.value)
    assert "sudo apt-get install no-such-package" in str(info.value)


@pytest.mark.parametrize("value", ["", "false", "0"])
def test_ci_means_ci_true(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception):
        system.require_program("rakerone-no-such-program", "no-such-package")


def test_every_missing_program_is_named_at_once(no_ci):
    with pytest.raises(pytest.skip.Exception) as info:
        system.require_programs(
            ("sh", "dash"), ("rakerone-nope-1", "pkg-a"), ("rakerone-nope-2", "pkg-b")
        )
    message = str(info.value)
    assert "'rakerone-nope-1', 'rakerone-nope-2'" in message
    assert "sudo apt-get install pkg-a pkg-b" in message


def test_missing_x11_libraries_skip_with_their_packages(no_ci, monkeypatch):
    monkeypatch.setattr(system, "unresolved_libraries", lambda _path: ["libxcb-cursor.so.0"])
    with pytest.raises(pytest.skip.Exception) as info:
        system.require_xcb()
    assert "libxcb-cursor.so.0" in str(info.value)
    assert f"sudo apt-get install {system.XCB_PACKAGES}" in str(info.value)


def test_missing_x11_libraries_fail_in_ci(ci, monkeypatch):
    monkeypatch.setattr(system, "unresolved_libraries", lambda _path: ["libxcb-cursor.so.0"])
    with pytest.raises(pytest.fail.Exception):
        system.require_xcb()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_ldd_output_is_read(no_ci):
    system.require_program("ldd", "libc-bin")
    # Python itself needs only the C library, which every machine has.
    assert system.unresolved_libraries(Path(sys.executable).resolve()) == []


def test_qt_libraries_that_are_missing_stop_the_run_with_the_install_line(monkeypatch):
    def no_egl(name):
        raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(system.importlib, "import_module", no_egl)
    with pytest.raises(pytest.UsageError) as info:
        system.require_qt_libraries()
    assert "libEGL.so.1" in str(info.value)
    assert f"sudo apt-get install {system.QT_PACKAGES}" in str(info.value)


def test_qt_loads_here():
    system.require_qt_libraries()  # no error on a machine that has them
