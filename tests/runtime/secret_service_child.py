"""Run inside a private D-Bus session with gnome-keyring: the real Secret Service.

Started by ``test_secret_service.py``; prints one JSON line with what it saw.
"""

from __future__ import annotations

import json
import os
import sys

from keyring.backends.SecretService import Keyring

from rakerone_desktop.runtime.credentials import SERVICE, TokenStore, backend_is_safe

SERVER = "https://rakerone.example.com"


def files_holding(needle: bytes, root: str) -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as f:
                    if needle in f.read():
                        found.append(path)
            except OSError:
                continue
    return found


def main() -> int:
    token = sys.argv[1]
    backend = Keyring()
    store = TokenStore(backend)
    saved = store.save(SERVER, token)
    # A new store (as in the next run) reads it back from the Secret Service itself.
    loaded = TokenStore(Keyring()).load(SERVER)
    raw = Keyring().get_password(SERVICE, f"session:{SERVER}")
    plain = files_holding(token.encode(), os.environ["HOME"])
    store.delete(SERVER)
    after_delete = TokenStore(Keyring()).load(SERVER)
    print(
        json.dumps(
            {
                "backend": f"{type(backend).__module__}.{type(backend).__qualname__}",
                "safe": backend_is_safe(backend),
                "persistent": store.persistent,
                "saved": saved,
                "loaded": loaded == token,
                "raw": raw == token,
                "plain_text_files": plain,
                "after_delete": after_delete,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
