"""The frozen app's entry point (PyInstaller runs this file as ``__main__``)."""

from rakerone_desktop.app import run

if __name__ == "__main__":
    run()
