"""Server-Timing spans: how long a request spent in search and in the database, to tell overhead apart."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

_spans: ContextVar[dict[str, float] | None] = ContextVar("server_timing", default=None)


def begin() -> float:
    """Start collecting spans for the current request; returns its start time."""
    _spans.set({})
    return time.perf_counter()


@contextmanager
def measure(name: str):
    """Add the time spent in the block to span `name` (a no-op outside a request)."""
    spans = _spans.get()
    started = time.perf_counter()
    try:
        yield
    finally:
        if spans is not None:
            spans[name] = spans.get(name, 0.0) + (time.perf_counter() - started) * 1000


def header(started: float) -> str:
    """The Server-Timing header value: every span and the whole request as `app`, in milliseconds."""
    total = (time.perf_counter() - started) * 1000
    parts = [f"{name};dur={value:.2f}" for name, value in (_spans.get() or {}).items()]
    return ", ".join([*parts, f"app;dur={total:.2f}"])
