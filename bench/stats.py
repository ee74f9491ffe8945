"""Percentiles and Server-Timing parsing for the benchmarks, without numpy."""

import statistics


def percentiles(values: list[float]) -> dict[str, float | None]:
    """p50, p95 and p99 of `values` in their own unit, rounded to 0.01; None when there are none."""
    if not values:
        return {"p50": None, "p95": None, "p99": None}
    if len(values) == 1:
        return {name: round(values[0], 2) for name in ("p50", "p95", "p99")}
    # "inclusive" interpolates between observed samples, so p99 never lies beyond the slowest request seen.
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(cuts[49], 2), "p95": round(cuts[94], 2), "p99": round(cuts[98], 2)}


def server_timing(header: str | None) -> dict[str, float]:
    """Parse `search;dur=1.20, db;dur=0.80, app;dur=3.10` into {"search": 1.2, "db": 0.8, "app": 3.1}."""
    spans = {}
    for entry in (header or "").split(","):
        name, *params = (part.strip() for part in entry.split(";"))
        for param in params:
            key, _, value = param.partition("=")
            if name and key == "dur":
                spans[name] = float(value)
    return spans


def split_server_time(spans: dict[str, float]) -> tuple[float, float, float] | None:
    """(app, backend, overhead) in ms: backend = search + db, overhead = the rest of app; None without app."""
    if "app" not in spans:
        return None
    backend = spans.get("search", 0.0) + spans.get("db", 0.0)
    return spans["app"], backend, spans["app"] - backend
