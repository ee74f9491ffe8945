"""`python -m bench.api` end to end on a tiny run: a real gunicorn server, every scenario, one JSON document."""

import json
import os

import pytest

from bench import api, scenarios


@pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")), reason="the benchmark would seed the real database")
def test_a_tiny_run_reports_every_scenario(capsys):
    status = api.main(["--listings", "0", "--requests", "3", "--warmup", "1", "--concurrency", "1"])

    report = json.loads(capsys.readouterr().out)
    assert status == 0 and report["errors"] == 0
    assert list(report["scenarios"]) == list(scenarios.SCENARIOS)
    for scenario in report["scenarios"].values():
        assert scenario["requests"] == 3 and scenario["rps"] > 0
        assert scenario["latency_ms"]["p50"] <= scenario["latency_ms"]["p99"]
        assert scenario["overhead_ms"]["p95"] is not None  # every response carried Server-Timing
    assert set(report["targets"]) == {"search_p95_ms_le_150", "overhead_p95_ms_le_5", "detail_rps_ge_half_trivial"}


def test_the_same_seed_gives_the_same_queries():
    ids = ["a", "b", "c"]
    for name in scenarios.SCENARIOS:
        assert scenarios.paths(name, 7, 20, ids) == scenarios.paths(name, 7, 20, ids)
    assert scenarios.paths("search_geo_filters", 7, 20, ids) != scenarios.paths("search_geo_filters", 8, 20, ids)
