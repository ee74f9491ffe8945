"""`python -m bench.startup` on the seed city alone: a first start into an empty DATA_DIR and a restart on it, each
timed to healthy, ready and idle; and bench.embedded judging the issue's targets from such figures."""

import os

import pytest

from bench import embedded, startup


@pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")), reason="the embedded default's start-up is measured")
def test_a_first_start_and_a_restart_are_timed_to_ready_and_idle():
    report = startup.run([0], restart=True)["0"]

    for start in (report["first_start"], report["restart"]):
        assert 0 < start["healthy_s"] <= start["ready_s"] <= start["idle_s"]
        assert start["peak_rss_mb"] > 50
    assert report["restart"]["healthy_s"] < report["first_start"]["healthy_s"] + 30  # nothing seeded again


def test_the_targets_are_judged_from_the_figures():
    api = {"8": {"p95_ms": {"search_geo_filters": 120, "search_open_now": 40, "meetings": 151},
                 "rps_over_trivial": {"detail": 0.61}}}
    starts = {"10000": {"first_start": {"idle_s": 59.0}}, "50000": {"first_start": {"idle_s": None}}}
    met = embedded.targets({"api": api, "startup": starts, "durability": {"missing": 0}})
    assert met == {"search_p95_le_150ms_at_8": False, "detail_ge_0.6_trivial_at_8": True,
                   "ready_and_idle_10k_le_60s": True, "ready_and_idle_50k_le_300s": False,
                   "no_acknowledged_edit_missing": True}
