"""Indexer benchmark: edit-to-search freshness, reindex throughput and reindex memory against the fake Meilisearch.

    python -m bench.indexer [--only freshness|throughput|reindex_100k] [--listings 2000] [--edits 200]
                            [--throughput-listings 10000] [--reindex-listings 100000 [50000 ...]]

Each scenario runs in a process of its own (`python -m bench.indexing`), with the fake Meilisearch in another.
One JSON document on stdout, progress on stderr. Exit status 1 when a scenario failed (its entry says how).
"""

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from importlib.metadata import version

from bench.indexing.harness import log
from bench.server import ROOT

SCENARIOS = ("freshness", "throughput", "reindex_100k")
FRESHNESS_P95_MS = 100  # the indexer wakes on each write (api/models/changes.py SIGNAL); it polled before
THROUGHPUT_DOCS_PER_S = 5000
REINDEX_PEAK_MB = 400
REINDEX_TARGET_LISTINGS = 100_000
UNDER_TEST = ("api", "indexer", "seeds")  # what the figures measure; bench/ itself is not


def run_scenario(name: str, listings: int, *extra: str) -> dict:
    """One scenario in a fresh process (its stderr passes through); its JSON, or {"error": ...} when it failed."""
    command = [sys.executable, "-m", "bench.indexing", name, "--listings", str(listings), *extra]
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    seconds = round(time.perf_counter() - started, 1)
    if finished.returncode:
        log(f"{name} ({listings} listings) failed with status {finished.returncode}; its output is above")
        return {"listings": listings, "error": f"exit status {finished.returncode}", "wall_seconds": seconds}
    log(f"{name} ({listings} listings) done in {seconds}s: {finished.stdout.strip()}")  # kept if the run is cut short
    return json.loads(finished.stdout) | {"wall_seconds": seconds}


def targets(report: dict) -> tuple[dict[str, bool | None], dict[str, float | None]]:
    """The issue's targets met or not (None: not run), and the figures judged; an edit never seen is a miss."""
    freshness, throughput = report.get("freshness"), report.get("throughput")
    runs = [run for run in report.get("reindex", {}).get("runs", []) if "error" not in run]
    largest = max(runs, key=lambda run: run["listings"]) if runs else None
    figures = {
        "freshness_p95_ms": freshness and freshness.get("p95_ms"),
        "throughput_docs_built_and_sent_per_s": throughput and throughput.get("docs_built_and_sent_per_s"),
        "reindex_listings_judged": largest and largest["listings"],
        "reindex_peak_without_embedded_data_mb": largest and largest["rss_mb"]["peak_without_embedded_data"],
    }
    met = {
        "freshness_p95_le_100ms": None if freshness is None else (
            "error" not in freshness and not freshness["timeouts"] and freshness["p95_ms"] <= FRESHNESS_P95_MS),
        "throughput_ge_5000": None if throughput is None else (
            "error" not in throughput and throughput["docs_built_and_sent_per_s"] >= THROUGHPUT_DOCS_PER_S),
        "reindex_peak_rss_le_400mb": None if "reindex" not in report else _reindex_met(largest),
    }
    return met, figures


def _reindex_met(largest: dict | None) -> bool | None:
    """Judged at 100,000 listings or more; a smaller run can only show a miss (memory grows with listings)."""
    if largest is None:
        return False
    within = largest["rss_mb"]["peak_without_embedded_data"] <= REINDEX_PEAK_MB
    return within if largest["listings"] >= REINDEX_TARGET_LISTINGS or not within else None


def code_version() -> dict:
    """The commit measured, whether the code under test had uncommitted changes, and a fingerprint of that code."""
    def git(*command: str) -> str:
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    changes = git("diff", "HEAD", "--", *UNDER_TEST)
    # The trees of the code under test, not the commit: a commit that only touches bench/ changes nothing measured.
    trees = git("rev-parse", *(f"HEAD:{folder}" for folder in UNDER_TEST))
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(changes),
            "fingerprint": hashlib.sha1(f"{trees}\n{changes}".encode()).hexdigest()[:12]}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line; the defaults are the configuration the targets are reported for."""
    parser = argparse.ArgumentParser(prog="python -m bench.indexer", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=SCENARIOS, help="run this scenario alone (default: all three)")
    parser.add_argument("--listings", type=int, default=2000, help="listings for freshness (default 2000)")
    parser.add_argument("--edits", type=int, default=200, help="edits timed by freshness (default 200)")
    parser.add_argument("--throughput-listings", type=int, default=10000, help="listings for throughput (10000)")
    parser.add_argument("--reindex-listings", type=int, nargs="+", default=[100000],
                        help="listings for reindex_100k, one run (process) each (default 100000)")
    args = parser.parse_args(argv)
    if min(args.listings, args.edits, args.throughput_listings, *args.reindex_listings) < 1:
        parser.error("listing and edit counts must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the chosen scenarios one after another, print the JSON; the exit status says whether one failed."""
    args = parse_args(argv)
    started, code = time.perf_counter(), code_version()
    chosen = [args.only] if args.only else SCENARIOS
    report = {}
    if "freshness" in chosen:
        report["freshness"] = run_scenario("freshness", args.listings, "--edits", str(args.edits))
    if "throughput" in chosen:
        report["throughput"] = run_scenario("throughput", args.throughput_listings)
    if "reindex_100k" in chosen:
        report["reindex"] = {"runs": [run_scenario("reindex", listings) for listings in args.reindex_listings]}
    met, figures = targets(report)
    # Read before and after: others may change the code under test while a long run goes on.
    code["changed_during_run"] = code["fingerprint"] != code_version()["fingerprint"]
    report |= {"targets": met, "target_figures": figures, "code": code,
               "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform(), "mongomock_ng": version("mongomock-ng"),
                           "mongoengine": version("mongoengine"), "meilisearch_client": version("meilisearch")},
               "seconds": {"total": round(time.perf_counter() - started, 1)}}
    print(json.dumps(report, indent=2))
    failed = [name for name, entry in report.items() if isinstance(entry, dict) and "error" in entry]
    failed += [f"reindex {run['listings']}" for run in report.get("reindex", {}).get("runs", []) if "error" in run]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
