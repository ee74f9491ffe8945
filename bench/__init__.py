"""Benchmarks that print JSON: `python -m bench.api` measures the HTTP API under gunicorn."""
