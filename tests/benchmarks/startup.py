"""P5 (process start → first paint of the main window) and P6 (RSS with the keys loaded).

Both against a bare PySide6 window (one QLabel) started the same way in the
same run: each repetition starts the bare child and the app's child back to back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("child_window.py")
#: The checkout the benchmark runs from: the child imports the app from here, not
#: from wherever the interpreter's environment has it installed.
ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 300.0
#: Where the children keep their bytecode. An installed app has its modules
#: compiled (pip writes the .pyc files at install time); a child that compiled
#: every module from source on each start would measure the compiler, not the
#: start-up. The warm-up run fills this folder, outside the checkout.
PYCACHE = Path(os.environ.get("TMPDIR", "/tmp")) / "rakerone-bench-pycache"


def _env(token: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if token is not None:
        env["RAKERONE_BENCH_TOKEN"] = token  # not on the command line, where ps shows it
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def run_child(*args: str, token: str | None = None) -> dict[str, Any]:
    """Start a child; its report, with ``start_to_paint_s`` from just before the spawn."""
    spawned = time.clock_gettime(time.CLOCK_MONOTONIC)
    proc = subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        env=_env(token),
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"child {args[0]} failed (exit {proc.returncode}): {proc.stderr[-2000:]}"
        )
    report: dict[str, Any] = json.loads(lines[-1])
    report["start_to_paint_s"] = report["painted"] - spawned
    report["stderr"] = proc.stderr[-500:]
    return report


@dataclass
class StartupSamples:
    main_s: list[float] = field(default_factory=list)
    app_s: list[float] = field(default_factory=list)
    bare_s: list[float] = field(default_factory=list)
    main_rss_mb: list[float] = field(default_factory=list)
    bare_rss_mb: list[float] = field(default_factory=list)


def measure_p5(repeat: int) -> StartupSamples:
    """Each repetition starts the three children back to back, in a rotating order
    (so none always gets the warmest page cache): bare, main window, whole app."""
    out = StartupSamples()
    modes = ("bare", "main", "app")
    for rep in range(repeat + 1):
        order = modes[rep % 3 :] + modes[: rep % 3]
        reports = {mode: run_child(mode) for mode in order}
        if rep == 0:
            continue
        out.bare_s.append(reports["bare"]["start_to_paint_s"])
        out.main_s.append(reports["main"]["start_to_paint_s"])
        out.app_s.append(reports["app"]["start_to_paint_s"])
        out.bare_rss_mb.append(reports["bare"]["rss_kb"] / 1024)
        out.main_rss_mb.append(reports["main"]["rss_kb"] / 1024)
    return out


@dataclass
class MemorySamples:
    loaded_mb: list[float] = field(default_factory=list)
    loaded_peak_mb: list[float] = field(default_factory=list)
    bare_mb: list[float] = field(default_factory=list)
    load_s: list[float] = field(default_factory=list)


def measure_p6(url: str, token: str, expected: int, repeat: int) -> MemorySamples:
    out = MemorySamples()
    for rep in range(repeat + 1):
        bare = run_child("bare")
        loaded = run_child("loaded", url, str(expected), token=token)
        if rep == 0:
            continue
        out.bare_mb.append(bare["rss_kb"] / 1024)
        out.loaded_mb.append(loaded["rss_kb"] / 1024)
        out.loaded_peak_mb.append(loaded["hwm_kb"] / 1024)
        out.load_s.append(loaded["load_s"])
    return out
