"""The local RakerOne server: FastAPI + uvicorn over SQLite, for demos and tests.

This package's ``__init__`` stays free of FastAPI and uvicorn imports so that
``rakerone_desktop.sandbox.launcher`` (stdlib only) can be imported by the
desktop app and the tests without the ``sandbox`` extra installed.
"""
