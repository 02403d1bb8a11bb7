"""``python -m rakerone_desktop.sandbox``: the same as ``rakerone-sandbox``."""

from rakerone_desktop.sandbox.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
