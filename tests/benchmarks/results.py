"""One figure per measure and size: its summary, its floor, its budget; the table and the JSON."""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tests.benchmarks.stats import Summary, summarize

BudgetKind = Literal["max", "min", "max_ratio"]


@dataclass(frozen=True)
class Budget:
    """``max``: the median must not exceed ``limit``; ``min``: must reach it;
    ``max_ratio``: the median ratio to the floor must not exceed ``limit``."""

    kind: BudgetKind
    limit: float
    aim: float | None = None  # a stricter target, shown but not enforced

    def describe(self, unit: str) -> str:
        if self.kind == "max_ratio":
            aim = f" (aim {self.aim:g}x)" if self.aim is not None else ""
            return f"<= {self.limit:g}x floor{aim}"
        sign = "<=" if self.kind == "max" else ">="
        return f"{sign} {_number(self.limit)} {unit}"


@dataclass
class Figure:
    id: str
    measure: str
    n: int | None
    unit: str
    value: Summary
    floor: Summary | None = None
    floor_label: str = ""
    ratio: Summary | None = None  # per-repetition value / floor
    budget: Budget | None = None
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool | None:
        if self.budget is None:
            return None
        if self.budget.kind == "max_ratio":
            if self.ratio is None:
                return None
            return self.ratio.median <= self.budget.limit
        if self.budget.kind == "max":
            return self.value.median <= self.budget.limit
        return self.value.median >= self.budget.limit

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "measure": self.measure,
            "n": self.n,
            "unit": self.unit,
            "value": self.value.to_json(),
            "floor": self.floor.to_json() if self.floor else None,
            "floor_label": self.floor_label,
            "ratio": self.ratio.to_json() if self.ratio else None,
            "budget": (
                {"kind": self.budget.kind, "limit": self.budget.limit, "aim": self.budget.aim}
                if self.budget
                else None
            ),
            "ok": self.ok,
            "note": self.note,
            "details": self.details,
        }


def ratio_of(values: Sequence[float], floors: Sequence[float]) -> Summary:
    """Per-repetition ratios of paired samples (measured back to back)."""
    return summarize([v / f for v, f in zip(values, floors, strict=True) if f > 0])


def _number(x: float) -> str:
    ax = abs(x)
    if ax >= 10000:
        return f"{x:,.0f}"
    if ax >= 100:
        return f"{x:.0f}"
    if ax >= 10:
        return f"{x:.1f}"
    if ax >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def _spread(s: Summary) -> str:
    return f"{_number(s.low)}-{_number(s.high)}"


HEADER = (
    "id",
    "measure",
    "N",
    "median",
    "spread",
    "floor",
    "ratio (spread)",
    "budget",
    "verdict",
    "note",
)


def table_rows(figures: Sequence[Figure]) -> list[tuple[str, ...]]:
    rows = []
    for f in figures:
        floor = f"{_number(f.floor.median)} {f.unit}" if f.floor else "-"
        if f.floor_label and f.floor:
            floor += f" ({f.floor_label})"
        ratio = f"{f.ratio.median:.2f}x ({f.ratio.low:.2f}-{f.ratio.high:.2f})" if f.ratio else "-"
        verdict = {True: "ok", False: "MISS", None: ""}[f.ok]
        rows.append(
            (
                f.id,
                f.measure,
                f"{f.n:,}" if f.n is not None else "-",
                f"{_number(f.value.median)} {f.unit}",
                _spread(f.value),
                floor,
                ratio,
                f.budget.describe(f.unit) if f.budget else "-",
                verdict,
                f.note,
            )
        )
    return rows


def render_table(figures: Sequence[Figure], markdown: bool = False) -> str:
    rows = [HEADER, *table_rows(figures)]
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    out = []
    for k, r in enumerate(rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def machine() -> dict[str, Any]:
    import os

    import PySide6

    return {
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def write_json(
    path: Path, figures: Sequence[Figure], settings: dict[str, Any], elapsed_s: float
) -> None:
    payload = {
        "benchmark": "rakerone-desktop #7",
        "machine": machine(),
        "settings": settings,
        "elapsed_s": round(elapsed_s, 1),
        "figures": [f.to_json() for f in figures],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
