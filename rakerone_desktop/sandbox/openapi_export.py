"""The OpenAPI document as a file: ``resources/openapi.json`` is generated from here.

Regenerate it after changing the API::

    python -m rakerone_desktop.sandbox.openapi_export
    # or: rakerone-sandbox --export-openapi resources/openapi.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rakerone_desktop.sandbox.app import create_app
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.service import Sandbox
from rakerone_desktop.sandbox.store import Store

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "resources" / "openapi.json"


def document() -> dict[str, Any]:
    store = Store(":memory:")  # the app needs a store to exist, not to hold anything
    try:
        return create_app(Sandbox(store, Settings())).openapi()
    finally:
        store.close()


def render() -> str:
    """The file's exact text: sorted keys, indent 2, UTF-8, a final newline."""
    return json.dumps(document(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH)
