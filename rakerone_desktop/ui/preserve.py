"""Views that keep their own layout, in the manner of Picard's ``PreserveGeometry``.

A view that remembers something (a window's size and place, a splitter, a
table's column widths, order and sort) implements :class:`PreservesLayout`:
it restores what it saved when it is given the settings, and saves again
when it closes or when asked. Keys and defaults stay declared in
:mod:`rakerone_desktop.runtime.settings`; nothing here names a key.

A view that was never given the settings saves nothing, so a window built
for a check or a benchmark writes no settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

    from rakerone_desktop.runtime.settings import Option, Settings


class PreservesLayout(Protocol):
    def restore_layout(self, settings: Settings) -> None:
        """Show what was saved last time, and keep the settings to save into."""

    def save_layout(self) -> None:
        """Save the current layout (to the settings given to :meth:`restore_layout`)."""


def restore_state(
    settings: Settings, option: Option[QByteArray], restore: Callable[[QByteArray], object]
) -> bool:
    """Hand a saved ``saveState()``/``saveGeometry()`` blob to ``restore``, if there is one."""
    state = settings.get(option)
    if state.isEmpty():
        return False
    return bool(restore(state))


def save_state(settings: Settings | None, option: Option[QByteArray], state: QByteArray) -> None:
    if settings is not None:
        settings.set(option, state)
