"""API benchmark: seed N listings, serve them under gunicorn, time a fixed query mix, print JSON on stdout.

    python -m bench.api --listings 2000 [--requests 300] [--warmup 30] [--concurrency 8] [--seed 1] [--port PORT]

Progress goes to stderr. Exit status 1 when any request failed (the JSON says which scenarios and statuses),
2 when the server could not be started or listed no services.
"""

import argparse
import json
import os
import platform
import sys
import time

import requests

from bench import scenarios
from bench.client import TIMEOUT_S, Client, summarise
from bench.server import METRO_LISTINGS, free_port, running_server

DETAIL_PAGES = 4  # of 50 listings each, for the ids the detail scenario picks from
# One client sends thousands of requests a minute: the read budget per address (RATE_LIMIT_READS) would answer 429s
# instead of measuring the directory. bench.abuse measures the limits.
UNLIMITED = {"RATE_LIMIT_READS": "1000000 per minute"}


def log(message: str) -> None:
    """A progress line on stderr, so stdout stays one JSON document."""
    print(message, file=sys.stderr, flush=True)


def discover_ids(base_url: str) -> tuple[list[str], int]:
    """Listing ids as a client finds them (the API, not the database), and how many listings the API counts."""
    ids, total = [], 0
    with requests.Session() as session:
        for page in range(1, DETAIL_PAGES + 1):
            response = session.get(f"{base_url}/v1/services", params={"per_page": 50, "page": page},
                                   timeout=TIMEOUT_S)
            response.raise_for_status()
            body = response.json()
            ids += [item["id"] for item in body["items"]]
            total = body["total"]
    if not ids:
        raise RuntimeError("GET /v1/services listed no services: nothing for the detail scenario to fetch")
    return ids, total


def targets(report: dict) -> tuple[dict[str, bool], dict[str, float | None]]:
    """The issue's targets met or not, and the figures they were judged on; a missing figure is a miss."""
    def worst_p95(key, names):
        values = [report[name][key]["p95"] for name in names]
        return None if None in values else max(values)
    figures = {
        "search_p95_ms": worst_p95("latency_ms", scenarios.SEARCH_SCENARIOS),
        "overhead_p95_ms": worst_p95("overhead_ms", report),
        "detail_rps_over_trivial": round(report["detail"]["rps"] / report["trivial"]["rps"], 3),
    }
    met = {"search_p95_ms_le_150": figures["search_p95_ms"] is not None and figures["search_p95_ms"] <= 150,
           "overhead_p95_ms_le_5": figures["overhead_p95_ms"] is not None and figures["overhead_p95_ms"] <= 5,
           "detail_rps_ge_half_trivial": figures["detail_rps_over_trivial"] >= 0.5}
    return met, figures


def run_scenarios(base_url: str, args: argparse.Namespace, ids: list[str]) -> dict:
    """Each scenario in turn, warm-up first, so each one's req/s is its own."""
    client = Client(base_url, args.concurrency)
    report = {}
    try:
        for name in scenarios.SCENARIOS:
            paths = scenarios.paths(name, args.seed, args.warmup + args.requests, ids)
            client.run(paths[:args.warmup])
            results, seconds = client.run(paths[args.warmup:])
            report[name] = summary = summarise(results, seconds)
            log(f"{name}: {summary['rps']} req/s, p95 {summary['latency_ms']['p95']} ms, {summary['errors']} errors")
            failed = [path for path, result in zip(paths[args.warmup:], results) if not result.ok]
            if failed:
                log(f"  first failed: GET {failed[0]} ({summary['error_statuses']})")
    finally:
        client.close()
    return report


def benchmark(base_url: str, args: argparse.Namespace) -> dict:
    """The JSON report of one run against a healthy server (less the run's own timings)."""
    health = requests.get(f"{base_url}/v1/health", timeout=TIMEOUT_S).json()
    ids, total = discover_ids(base_url)
    report = run_scenarios(base_url, args, ids)
    met, figures = targets(report)
    return {"listings": max(args.listings, METRO_LISTINGS), "listings_public": total,
            "backend": health["search"]["backend"], "storage": health["storage"]["backend"],
            "concurrency": args.concurrency, "requests_per_scenario": args.requests, "seed": args.seed,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "scenarios": report, "targets": met, "target_figures": figures,
            "errors": sum(scenario["errors"] for scenario in report.values())}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line; the defaults are the configuration the targets are reported for."""
    parser = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=2000, help="listings to seed (default 2000)")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per scenario (default 300)")
    parser.add_argument("--warmup", type=int, default=30, help="uncounted requests per scenario first (default 30)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the query parameters (default 1)")
    parser.add_argument("--port", type=int, help="port for the server (default: a free one)")
    args = parser.parse_args(argv)
    if min(args.requests, args.concurrency) < 1 or args.warmup < 0:
        parser.error("--requests and --concurrency must be at least 1, --warmup at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    """Start the server, benchmark it, stop it, print the JSON; the exit status says whether requests failed."""
    args = parse_args(argv)
    started = time.perf_counter()
    log(f"starting the server with {max(args.listings, METRO_LISTINGS)} listings …")
    try:
        with running_server(args.listings, args.port or free_port(), settings=UNLIMITED) as base_url:
            ready = time.perf_counter()
            log(f"healthy after {ready - started:.1f}s at {base_url}")
            result = benchmark(base_url, args)
    except RuntimeError as error:
        log(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        log("interrupted; the server was stopped")
        return 130
    result["seconds"] = {"startup": round(ready - started, 1), "total": round(time.perf_counter() - started, 1)}
    print(json.dumps(result, indent=2))
    if result["errors"]:
        log(f"WARNING: {result['errors']} requests failed; the figures above leave them out")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
