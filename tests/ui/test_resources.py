"""The committed compiled resources (rakerone_desktop/ui/_resources_rc.py) are the ones
packaging/build_resources.py builds from resources/ today."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_resources", ROOT / "packaging" / "build_resources.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lines(path: Path, version_line: str) -> list[str]:
    # rcc names its Qt version in the header; file times are pinned by the script, so
    # everything else follows from resources/ alone.
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if not line.startswith(version_line)]


def test_committed_resources_are_built_from_resources_folder(tmp_path):
    """Run `python packaging/build_resources.py` after changing anything under resources/."""
    script = _build_script()
    fresh = script.build(tmp_path / "_resources_rc.py")
    committed = _lines(script.OUTPUT, script.VERSION_LINE_PREFIX)
    built = _lines(fresh, script.VERSION_LINE_PREFIX)
    assert len(built) > 100, "rcc wrote next to nothing"
    diff = list(difflib.unified_diff(committed, built, "committed", "built", lineterm="", n=1))
    assert diff == [], "stale: run python packaging/build_resources.py\n" + "\n".join(diff[:20])
