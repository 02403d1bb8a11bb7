"""Work in bounded steps: generators that yield between steps and return a value.

Sorting 100,000 rows off the GUI thread must not starve it: a thread that keeps
the interpreter busy makes every Python call of the GUI thread wait for its
turn, and ``list.sort`` never lets go of the interpreter while it runs. So the
long jobs here are written as generators (``Steps``) that do one bounded step
of work, yield, and carry on when resumed. Whoever drives them decides what
happens between steps: nothing (:func:`run`, for a click on the GUI thread or
a test), a short rest (:func:`run_paced`, inside a background job), or one step
per round trip through the GUI's event loop (the model's background sorter).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

_T = TypeVar("_T")

#: A job in steps: yields ``None`` between steps, returns its result.
Steps = Generator[None, None, _T]

#: Rows handled per step by work off the GUI thread (sorting, indexing, mapping).
SORT_STEP = 4_096
#: The rest after each step of a job run with :func:`run_paced`.
STEP_PAUSE_S = 0.001
#: "No steps": a step bigger than any table, for work done in one go.
ALL_AT_ONCE = 1 << 62


def run(steps: Steps[_T]) -> _T:
    """Every step at once; the result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def run_paced(steps: Steps[_T], pause: Callable[[], None] | None = None) -> _T:
    """Every step, with ``pause()`` (a short sleep by default) after each."""
    rest = pause or _rest
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        rest()


def _rest() -> None:
    time.sleep(STEP_PAUSE_S)  # lets another thread (the GUI's) run a burst of Python


def mapped(fn: Callable[..., Any], *items: Sequence[Any], step: int) -> Steps[list[Any]]:
    """``list(map(fn, *items))``, ``step`` items at a time."""
    if step >= len(items[0]):
        return list(map(fn, *items))
    out: list[Any] = []
    for i in range(0, len(items[0]), step):
        part = slice(i, i + step)
        out += map(fn, *(seq[part] for seq in items))
        yield
    return out


def sorted_in_steps(items: Sequence[int], key: Any, reverse: bool, step: int) -> Steps[list[int]]:
    """``sorted(items, key=key, reverse=reverse)``, in bounded steps: sorted runs,
    then pairwise merges (``list.sort`` of two sorted runs is one linear merge).
    Stable, like ``sorted``: equal keys keep the order they had in ``items``."""
    if step >= len(items):
        return sorted(items, key=key, reverse=reverse)
    runs = []
    for i in range(0, len(items), step):
        runs.append(sorted(items[i : i + step], key=key, reverse=reverse))
        yield
    while len(runs) > 1:
        merged = []
        for n in range(0, len(runs) - 1, 2):
            run_ = runs[n] + runs[n + 1]
            run_.sort(key=key, reverse=reverse)
            merged.append(run_)
            yield
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return runs[0] if runs else []
