"""One open dialog of a kind: raise it if it is open, forget it when it closes.

Every top-level dialog the app opens (sign-in, About, the create wizard, the
copy dialog, revoke, find, a file dialog, message boxes) goes through one
:class:`OneDialog`, so none is opened twice, none runs a nested event loop
(``open()`` or ``show()``, never ``exec()``), and each is deleted once closed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class OneDialog(Generic[D]):
    """Holds at most one open dialog of a kind."""

    def __init__(self, closed: Callable[[D, int], None] | None = None) -> None:
        self._dialog: D | None = None
        self._closed = closed

    @property
    def dialog(self) -> D | None:
        return self._dialog

    def raise_open(self) -> D | None:
        """Bring the open dialog to the front; None if there is none."""
        dialog = self._dialog
        if dialog is not None:
            if not dialog.isVisible():
                dialog.show()
            dialog.raise_()
            dialog.activateWindow()
        return dialog

    def open(self, dialog: D, *, modeless: bool = False) -> D:
        """Show ``dialog`` (window-modal with ``open()``, or ``show()``) and hold it."""
        self.forget()
        self._dialog = dialog
        dialog.finished.connect(self._on_finished)
        # Deleted without closing (its parent window went first): forgotten too.
        dialog.destroyed.connect(self._on_destroyed)
        if modeless:
            dialog.show()
        else:
            dialog.open()
        return dialog

    def forget(self) -> None:
        """Let go of the dialog without closing it (the caller closes it)."""
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            self._let_go(dialog)
            dialog.deleteLater()

    def _let_go(self, dialog: D) -> None:
        dialog.finished.disconnect(self._on_finished)
        dialog.destroyed.disconnect(self._on_destroyed)

    def _on_destroyed(self, *_args: object) -> None:
        self._dialog = None

    def _on_finished(self, result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is None:
            return
        self._let_go(dialog)
        if self._closed is not None:
            self._closed(dialog, result)
        dialog.deleteLater()


class DialogSet:
    """Any number of fire-and-forget dialogs (message boxes), each held while open
    (``open()`` doesn't block) and deleted once closed."""

    def __init__(self) -> None:
        self._open: set[QDialog] = set()

    def open(self, dialog: QDialog) -> None:
        self._open.add(dialog)
        dialog.finished.connect(functools.partial(self._release, dialog))
        dialog.open()

    def _release(self, dialog: QDialog, _result: int) -> None:
        self._open.discard(dialog)
        dialog.deleteLater()
