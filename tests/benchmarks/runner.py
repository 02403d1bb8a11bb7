"""The command line: run every measure for every size, print one table, write the JSON."""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks import interact, load, review, server, startup
from tests.benchmarks.qtutil import app
from tests.benchmarks.results import Budget, Figure, ratio_of, render_table, write_json
from tests.benchmarks.sandbox import BenchSandbox
from tests.benchmarks.stats import summarize

DEFAULT_SIZES = (1_000, 10_000, 100_000)
MEASURES = ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9")
#: The measures that need a seeded sandbox (P5 starts windows only).
SANDBOX_MEASURES = frozenset(MEASURES) - {"P5"}

P1_BUDGET = Budget("max_ratio", 1.5, aim=1.2)
P2_BUDGET = Budget("max", 200.0)
P3_BUDGET = Budget("max", 50.0)
SORT_BUDGET = Budget("max", 100.0)
KEYSTROKE_BUDGET = Budget("max", 50.0)
P5_BUDGET = Budget("max_ratio", 1.5)
P6_BUDGET = Budget("max", 150.0)
LIST_BUDGET = Budget("min", 20_000.0)  # 100,000 keys in 5 s
LATENCY_BUDGET = Budget("max", 50.0)
P8_ROWS_BUDGET = Budget("max", 200.0)
STALL_BUDGET = Budget("max", 50.0)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks",
        description="RakerOne Desktop performance benchmark (P1-P9, issues #7 and #14).",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        metavar="N",
        help="numbers of keys to seed (default: 1000 10000 100000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        metavar="R",
        help="repetitions after one warm-up (default 5; fewer only for smoke runs)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("benchmark-results.json"),
        metavar="PATH",
        help="where to write the figures (default benchmark-results.json)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=MEASURES,
        default=list(MEASURES),
        metavar="P",
        help="run only these measures (default: all)",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the table as Markdown (for the README)"
    )
    return parser


def _p1(sb: BenchSandbox, n: int, repeat: int, figures: list[Figure]) -> list[float]:
    log(f"N={n}: P1 refresh → every key in the model ({repeat} + 1 warm-up)")
    s = load.measure_p1(sb, repeat, n)
    figures.append(
        Figure(
            "P1",
            "refresh → all keys in model",
            n,
            "s",
            summarize(s.seconds),
            floor=summarize(s.floor),
            floor_label="requests + json.loads",
            ratio=ratio_of(s.seconds, s.floor),
            budget=P1_BUDGET,
        )
    )
    return s.floor


def _window(
    sb: BenchSandbox, n: int, repeat: int, only: Sequence[str], figures: list[Figure]
) -> None:
    log(f"N={n}: P2/P3/P4 with the main window shown ({repeat} + 1 warm-up)")
    loads: list[load.WindowLoad] = []
    sort_ms: dict[str, list[float]] = {}
    search_ms: dict[str, list[float]] = {}
    for rep in range(repeat + 1):
        session = load.WindowSession(sb)
        try:
            loaded = load.window_load(session, sb)
            if session.model.total_loaded != n:
                raise RuntimeError(f"the window's model holds {session.model.total_loaded} keys")
            sorts = interact.sorts(session) if "P4" in only else {}
            searches = interact.searches(session) if "P4" in only else {}
        finally:
            session.close()
            del session
            gc.collect()
        if rep == 0:
            continue
        loads.append(loaded)
        for k, v in sorts.items():
            sort_ms.setdefault(k, []).append(v)
        for k, v in searches.items():
            search_ms.setdefault(k, []).append(v)

    if "P2" in only:
        beyond = [(w.to_first_rows_s - w.first_page_raw_s) * 1000 for w in loads]
        figures.append(
            Figure(
                "P2",
                "first rows painted, beyond raw 1st page",
                n,
                "ms",
                summarize(beyond),
                floor=summarize([w.first_page_raw_s * 1000 for w in loads]),
                floor_label="raw 1st page",
                budget=P2_BUDGET,
                details={
                    "refresh_to_first_rows_ms": summarize(
                        [w.to_first_rows_s * 1000 for w in loads]
                    ).to_json(),
                    "load_with_window_s": summarize([w.load_s for w in loads]).to_json(),
                },
            )
        )
    if "P3" in only:
        figures.append(
            Figure(
                "P3",
                "GUI stall, first load",
                n,
                "ms",
                summarize([w.stall_ms for w in loads]),
                budget=P3_BUDGET,
                details={"ticks": [w.ticks for w in loads]},
            )
        )
        figures.append(
            Figure(
                "P3",
                "GUI stall, later refresh",
                n,
                "ms",
                summarize([w.refresh_stall_ms for w in loads]),
                budget=P3_BUDGET,
            )
        )
    if "P4" in only and sort_ms:
        per_column = {k: summarize(v) for k, v in sort_ms.items()}
        for arrow, label in (("↑", "first click"), ("↓", "second click")):
            mine = {k: s for k, s in per_column.items() if k.endswith(arrow)}
            worst = max(mine, key=lambda k: mine[k].median)
            figures.append(
                Figure(
                    "P4",
                    f"sort, {label} (slowest column)",
                    n,
                    "ms",
                    mine[worst],
                    budget=SORT_BUDGET,
                    note=worst,
                    details={k: s.to_json() for k, s in mine.items()},
                )
            )
        for k, v in search_ms.items():
            figures.append(Figure("P4", k, n, "ms", summarize(v), budget=KEYSTROKE_BUDGET))


def _p5(repeat: int, figures: list[Figure]) -> None:
    log(f"P5 process start → first paint ({repeat} + 1 warm-up, bare and main alternating)")
    s = startup.measure_p5(repeat)
    figures.append(
        Figure(
            "P5",
            "start → main window painted",
            None,
            "s",
            summarize(s.main_s),
            floor=summarize(s.bare_s),
            floor_label="bare QLabel window",
            ratio=ratio_of(s.main_s, s.bare_s),
            budget=P5_BUDGET,
            details={
                "main_rss_mb": summarize(s.main_rss_mb).to_json(),
                "bare_rss_mb": summarize(s.bare_rss_mb).to_json(),
            },
        )
    )
    figures.append(
        Figure(
            "P5",
            "start → main window painted, app imports",
            None,
            "s",
            summarize(s.app_s),
            floor=summarize(s.bare_s),
            floor_label="bare QLabel window",
            ratio=ratio_of(s.app_s, s.bare_s),
            budget=P5_BUDGET,
            note="imports rakerone_desktop.app first, as the entry point does",
        )
    )


def _p6(sb: BenchSandbox, n: int, repeat: int, figures: list[Figure]) -> None:
    log(f"N={n}: P6 RSS with every key loaded ({repeat} + 1 warm-up)")
    s = startup.measure_p6(sb.url, sb.token, n, repeat)
    above = [a - b for a, b in zip(s.loaded_mb, s.bare_mb, strict=True)]
    figures.append(
        Figure(
            "P6",
            "RSS above bare window",
            n,
            "MB",
            summarize(above),
            floor=summarize(s.bare_mb),
            floor_label="bare window RSS",
            budget=P6_BUDGET,
            details={
                "loaded_rss_mb": summarize(s.loaded_mb).to_json(),
                "loaded_peak_rss_mb": summarize(s.loaded_peak_mb).to_json(),
                "child_load_s": summarize(s.load_s).to_json(),
            },
        )
    )


def _p7(sb: BenchSandbox, n: int, repeat: int, floors: list[float], figures: list[Figure]) -> None:
    if not floors:
        floors = [sb.raw_fetch_all().seconds for _ in range(repeat + 1)][1:]
    figures.append(
        Figure(
            "P7",
            "sandbox: list by pages of 1,000",
            n,
            "keys/s",
            summarize([n / s for s in floors]),
            budget=LIST_BUDGET,
            details={"seconds": summarize(floors).to_json()},
        )
    )
    log(
        f"N={n}: P7 create/revoke, {server.CLIENTS} clients × {server.PER_CLIENT}"
        f" ({repeat} + 1 warm-up)"
    )
    s = server.measure_p7(sb, repeat)
    for label, samples, budget in (
        ("sandbox: create p50", s.create_p50, None),
        ("sandbox: create p99", s.create_p99, LATENCY_BUDGET),
        ("sandbox: revoke p50", s.revoke_p50, None),
        ("sandbox: revoke p99", s.revoke_p99, LATENCY_BUDGET),
    ):
        figures.append(
            Figure(
                "P7",
                label,
                n,
                "ms",
                summarize(samples),
                budget=budget,
                note=f"{server.CLIENTS} concurrent clients",
            )
        )


def _p8(sb: BenchSandbox, n: int, repeat: int, figures: list[Figure]) -> None:
    log(f"N={n}: P8 audit log page: first rows, paging in ({repeat} + 1 warm-up)")
    runs = [review.audit_scroll(sb) for _ in range(repeat + 1)][1:]
    figures.append(
        Figure(
            "P8",
            "audit log: first rows, beyond raw 1st page",
            n,
            "ms",
            summarize([(r.to_first_rows_s - r.first_page_raw_s) * 1000 for r in runs]),
            floor=summarize([r.first_page_raw_s * 1000 for r in runs]),
            floor_label="raw 1st page",
            budget=P8_ROWS_BUDGET,
        )
    )
    figures.append(
        Figure(
            "P8",
            "audit log: GUI stall, scrolling pages in",
            n,
            "ms",
            summarize([r.stall_ms for r in runs]),
            floor=summarize([r.idle_stall_ms for r in runs]),
            floor_label="idle, same machine",
            budget=STALL_BUDGET,
            note=f"{review.SCROLL_PAGES} pages of {review.PAGE_SIZE}; the GUI thread's own "
            f"work in its busiest gap: {statistics.median(r.busy_cpu_ms for r in runs):.1f} ms",
            details={
                "rows": [r.rows for r in runs],
                # The stall's own work, apart from the machine's noise (a shared machine
                # can hold the GUI thread off its core for tens of ms at any moment).
                "gui_cpu_between_ticks_ms": summarize([r.busy_cpu_ms for r in runs]).to_json(),
            },
        )
    )


def _p9(sb: BenchSandbox, n: int, repeat: int, figures: list[Figure]) -> None:
    log(f"N={n}: P9 overview counted off the GUI thread ({repeat} + 1 warm-up)")
    runs = review.overview_runs(sb, repeat, n)
    figures.append(
        Figure(
            "P9",
            "overview: GUI stall while counting",
            n,
            "ms",
            summarize([r.stall_ms for r in runs]),
            floor=summarize([r.idle_stall_ms for r in runs]),
            floor_label="idle, same machine",
            budget=STALL_BUDGET,
            details={"counted_s": summarize([r.seconds for r in runs]).to_json()},
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat must be 1 or more")
    if args.repeat < 5:
        log(f"--repeat {args.repeat}: fewer than 5 repetitions, for a smoke run only")
    started = time.perf_counter()
    app()
    figures: list[Figure] = []
    if "P5" in args.only:
        _p5(args.repeat, figures)
    for n in args.sizes if SANDBOX_MEASURES & set(args.only) else ():
        log(f"N={n}: starting and seeding the sandbox")
        with BenchSandbox(n) as sb:
            log(f"N={n}: sandbox ready in {sb.seed_seconds:.1f} s at {sb.url}")
            total = sb.raw_fetch_all().keys
            if total != n:
                raise RuntimeError(f"the sandbox seeded with {n} lists {total} keys")
            floors: list[float] = []
            if "P1" in args.only:
                floors = _p1(sb, n, args.repeat, figures)
            if {"P2", "P3", "P4"} & set(args.only):
                _window(sb, n, args.repeat, args.only, figures)
            if "P6" in args.only:
                _p6(sb, n, args.repeat, figures)
            if "P8" in args.only:
                _p8(sb, n, args.repeat, figures)
            if "P9" in args.only:
                _p9(sb, n, args.repeat, figures)
            if "P7" in args.only:  # last: it adds keys
                _p7(sb, n, args.repeat, floors, figures)
    order = {m: i for i, m in enumerate(MEASURES)}
    figures.sort(key=lambda f: (order[f.id], f.measure if f.id == "P4" else "", f.n or 0))
    elapsed = time.perf_counter() - started
    print(render_table(figures, markdown=args.markdown))
    settings = {
        "sizes": args.sizes,
        "repeat": args.repeat,
        "only": args.only,
        "command": "python -m tests.benchmarks " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    write_json(args.json, figures, settings, elapsed)
    log(f"done in {elapsed:.0f} s; figures written to {args.json}")
    return 0 if all(f.ok is not False for f in figures) else 1
