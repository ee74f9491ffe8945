"""The benchmark's percentile and Server-Timing arithmetic."""

from bench.stats import percentiles, server_timing, split_server_time


def test_percentiles_interpolate_between_observed_samples():
    assert percentiles([float(v) for v in range(1, 101)]) == {"p50": 50.5, "p95": 95.05, "p99": 99.01}


def test_percentiles_of_one_or_no_sample():
    assert percentiles([3.0]) == {"p50": 3.0, "p95": 3.0, "p99": 3.0}
    assert percentiles([]) == {"p50": None, "p95": None, "p99": None}


def test_server_timing_splits_backend_from_overhead():
    spans = server_timing("search;dur=1.20, db;dur=0.80, app;dur=3.10")
    assert spans == {"search": 1.2, "db": 0.8, "app": 3.1}
    app, backend, overhead = split_server_time(spans)
    assert (app, backend, round(overhead, 6)) == (3.1, 2.0, 1.1)


def test_a_response_without_backend_spans_is_all_overhead():
    assert split_server_time(server_timing("app;dur=0.50")) == (0.5, 0.0, 0.5)


def test_a_response_without_server_timing_has_no_split():
    assert server_timing(None) == {}
    assert split_server_time({}) is None
