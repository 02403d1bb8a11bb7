"""``python -m tests.benchmarks``: run the benchmark, print the table, write the JSON."""

from __future__ import annotations

from tests.benchmarks.runner import main

raise SystemExit(main())
