"""Benchmarks for sourcedesk: index build, search latency, app start-up, quotes.

Each module is a script (`python -m bench.NAME [--quick]`) that prints a table and
writes `bench/results/NAME.json`; `python -m bench.run_all` runs them all.
"""
