"""The benchmark's HTTP client: a fixed pool of threads, one requests.Session each, and the per-scenario summary."""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import requests

from bench.stats import percentiles, server_timing, split_server_time

TIMEOUT_S = 60


class Result(NamedTuple):
    latency_ms: float  # client side: from sending the request to having read the whole body
    status: int  # 0 when no answer came (timeout, connection refused or reset)
    spans: dict[str, float]  # the response's Server-Timing

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Client:
    """`concurrency` threads, each with its own requests.Session, fetching paths as fast as they are answered."""

    def __init__(self, base_url: str, concurrency: int):
        self.base_url = base_url
        self.pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="bench")
        self.local = threading.local()

    def fetch(self, path: str) -> Result:
        """GET one path on this thread's session."""
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
        started = time.perf_counter()
        try:
            response = self.local.session.get(self.base_url + path, timeout=TIMEOUT_S)
        except requests.RequestException:
            return Result((time.perf_counter() - started) * 1000, 0, {})
        # requests has read the whole body by now (stream=False), so the latency covers the full answer.
        return Result((time.perf_counter() - started) * 1000, response.status_code,
                      server_timing(response.headers.get("Server-Timing")))

    def run(self, paths: list[str]) -> tuple[list[Result], float]:
        """Every path's result, in order, and the wall-clock seconds they took together."""
        started = time.perf_counter()
        results = list(self.pool.map(self.fetch, paths))
        return results, time.perf_counter() - started

    def close(self) -> None:
        """Stop the threads; requests not started yet are dropped (an interrupted run)."""
        self.pool.shutdown(cancel_futures=True)


def summarise(results: list[Result], seconds: float) -> dict:
    """A scenario's JSON: counts, req/s, client latency and the server's split, over the successful requests."""
    ok = [result for result in results if result.ok]
    split = [parts for result in ok if (parts := split_server_time(result.spans))]
    return {
        "requests": len(results),
        "errors": len(results) - len(ok),
        "error_statuses": dict(Counter(str(result.status) for result in results if not result.ok)),
        "rps": round(len(results) / seconds, 1),
        "latency_ms": percentiles([result.latency_ms for result in ok]),
        "server_app_ms": percentiles([app for app, _, _ in split]),
        "backend_ms": percentiles([backend for _, backend, _ in split]),
        "overhead_ms": percentiles([overhead for _, _, overhead in split]),
    }
