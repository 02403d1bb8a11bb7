"""Medians and spreads of repeated samples."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    """A measure repeated ``n`` times: its median and spread, in one unit."""

    median: float
    low: float  # the smallest sample
    high: float  # the largest sample
    q1: float
    q3: float
    n: int
    samples: tuple[float, ...]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["samples"] = list(self.samples)
        return data


def summarize(samples: Sequence[float]) -> Summary:
    if not samples:
        raise ValueError("no samples to summarize")
    ordered = sorted(samples)
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1 = q3 = ordered[0]
    return Summary(
        median=statistics.median(ordered),
        low=ordered[0],
        high=ordered[-1],
        q1=q1,
        q3=q3,
        n=len(ordered),
        samples=tuple(samples),
    )


def percentile(samples: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (``pct`` in 0..100) of a non-empty sample."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]
