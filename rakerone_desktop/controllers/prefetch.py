"""Reading an iterator one item ahead, on a helper thread.

The keys controller uses it to fetch and decode page k+1 of the key list
while its background job prepares page k: the network never waits for the
client, and the client never waits for the network when it needn't.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_ITEM, _END, _ERROR = range(3)


class Prefetch(Generic[T]):
    """Runs ``items`` on a helper thread, at most ``ahead`` items ahead of its reader.

    Iterating a ``Prefetch`` (once, from one thread) yields what ``items``
    yields, in order, and raises what it raised, where it raised it.
    :meth:`close` (or leaving a ``with`` block) makes the helper stop before
    its next item and close ``items``; it never waits for the helper.
    """

    def __init__(self, items: Iterable[T], *, ahead: int = 1, name: str = "prefetch") -> None:
        self._queue: queue.Queue[tuple[int, object]] = queue.Queue(maxsize=ahead)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(items,), name=name, daemon=True)
        self._thread.start()

    def _run(self, items: Iterable[T]) -> None:
        iterator = iter(items)
        try:
            for item in iterator:
                if not self._put((_ITEM, item)):
                    return
            self._put((_END, None))
        except BaseException as exc:  # handed to the reader, raised there
            self._put((_ERROR, exc))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    def _put(self, entry: tuple[int, object]) -> bool:
        while not self._stopped.is_set():
            try:
                self._queue.put(entry, timeout=0.1)
            except queue.Full:
                continue  # the reader is busy: check again whether it gave up
            return True
        return False

    def __iter__(self) -> Iterator[T]:
        while True:
            kind, value = self._queue.get()
            if kind == _ITEM:
                yield value  # type: ignore[misc]
            elif kind == _END:
                return
            else:
                assert isinstance(value, BaseException)
                raise value

    def close(self) -> None:
        self._stopped.set()

    def __enter__(self) -> Prefetch[T]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
