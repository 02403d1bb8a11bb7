"""The performance benchmark (issue #7): P1 to P7 against floors measured in the same run.

Run it with ``python -m tests.benchmarks`` (see ``--help``). It starts its own
sandbox as a child process for each size, seeds it, and measures:

- P1 refresh → every key in the model, against plain ``requests`` + ``json.loads``
- P2 refresh → first rows painted, beyond the first page's raw fetch
- P3 the longest stall of the GUI thread while the keys load
- P4 sorting by each column and one search keystroke, with the window shown
- P5 process start → first paint of the main window, against a bare window
- P6 RSS with the keys loaded and the window shown, above a bare window
- P7 the sandbox: listing by pages; create and revoke under 20 concurrent clients

Each measure runs once to warm up, then ``--repeat`` times; the table shows the
median and the spread (min-max), each beside its floor or budget. The same
figures go to a JSON file (``--json``), so two runs can be compared. The
README's "Performance" section has the figures of a full run.

``test_benchmark_smoke.py`` runs it at N = 1,000 in CI, to keep it working;
``test_fast_paths.py`` holds the fast paths to the plain definitions.
"""
