"""Parts of a widget built the first time they are needed, not before its first paint.

A widget that shows little until it is used (the details pane before a key is
selected, a banner before an error) builds its frame at once, with its
``objectName``, and the rest on first use. Asking for a part before then
(``pane.events``, say, from a test or a script) builds the parts first, so
every part stays reachable by name.
"""

from __future__ import annotations


class BuiltOnFirstUse:
    """Mixin: call :meth:`parts_pending` in ``__init__``; :meth:`ensure_built` builds once."""

    def parts_pending(self) -> None:
        self.__dict__["_parts_pending"] = True

    @property
    def is_built(self) -> bool:
        return not self.__dict__.get("_parts_pending", False)

    def ensure_built(self) -> None:
        if self.__dict__.get("_parts_pending", False):
            self.__dict__["_parts_pending"] = False
            self._build_parts()

    def _build_parts(self) -> None:
        raise NotImplementedError

    def __getattr__(self, name: str) -> object:
        if name.startswith("_") or not self.__dict__.get("_parts_pending", False):
            raise AttributeError(name)
        self.ensure_built()
        return object.__getattribute__(self, name)
