"""`python -m bench.abuse` end to end on a tiny run: a real server, polite and abusive clients, one JSON document.

It runs in a process of its own: locust's users are gevent greenlets, and gevent patches the standard library."""

import json
import os
import subprocess
import sys

import pytest

from bench.server import ROOT


@pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")), reason="the harness would seed the real database")
def test_a_tiny_run_refuses_the_abusive_and_serves_the_polite():
    run = subprocess.run([sys.executable, "-m", "bench.abuse", "--polite", "2", "--abusive", "3", "--seconds", "5"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    assert report["polite"]["requests"] > 0 and report["polite"]["errors"] == 0
    assert report["polite"]["latency_ms"]["p95"] is not None
    abusive = report["abusive"]
    assert set(abusive["by_kind"]) == {"registrations", "exports", "huge_bodies"}
    assert abusive["refused"] > 0 and abusive["server_errors_5xx"] == 0
    assert 0 < report["server"]["peak_rss_mb_sampled"] <= report["server"]["peak_rss_mb_vmhwm"] * 1.05
    assert 0 < report["server"]["largest_process_mb_vmhwm"] < report["server"]["peak_rss_mb_vmhwm"]
    assert set(report["targets"]) == {"polite_no_5xx", "peak_rss_per_process_under_600_mb"}


def test_the_harness_is_bounded():
    for arguments in (["--polite", "0"], ["--polite", "400", "--abusive", "200"], ["--seconds", "3600"]):
        run = subprocess.run([sys.executable, "-m", "bench.abuse", *arguments], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
        assert run.returncode == 2 and "must be" in run.stderr
