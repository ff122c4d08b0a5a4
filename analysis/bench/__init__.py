"""Benchmarks of the analysis engine: quality, stability, speed and memory.

Run ``python -m analysis.bench`` (or ``make bench-analysis``); see ``--help``.
"""
