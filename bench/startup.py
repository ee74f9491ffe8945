"""Start-up to "ready and idle": how long `lantern run` takes to answer, to finish its first passes, and to go quiet,
and how much memory it held at the most.

    python -m bench.startup [--listings 2000 10000 50000] [--no-restart]

For each size: a first start into an empty DATA_DIR (the seed city topped up to the size, written to disk), then,
unless --no-restart, a restart on the data it wrote. Per start: `healthy_s` (/v1/health answers 200), `ready_s`
(its readiness says "ready": the notifier's first pass is done), `idle_s` (the server's processes used less than
IDLE_CPU of a core for IDLE_FOR_S seconds in a row; counted from the start of that quiet), `peak_rss_mb` (the
kernel's high-water mark of each process, summed: memory that forked replicas share is counted in each) and
`pss_mb_at_idle` (the processes' proportional set sizes once idle, summed: shared memory counted once). One JSON
document on stdout, progress on stderr.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

from bench.server import free_port, kill, server_environment, server_process

IDLE_CPU = 0.05  # of one core
IDLE_FOR_S = 3.0
TIMEOUT_S = 900.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _processes(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def _cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass  # a process that ended since: its time no longer counts
    return total


def _high_water_mb(processes: list[psutil.Process]) -> float:
    """The sum of each process's peak resident memory (VmHWM), in MB."""
    total_kb = 0
    for process in processes:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
        except OSError:
            continue
        total_kb += int(next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), 0))
    return round(total_kb / 1024, 1)


def _proportional_mb(processes: list[psutil.Process]) -> float:
    """The sum of each process's proportional set size (PSS) now, in MB: pages that forked replicas share with
    their parent count once in all, where the RSS sum counts them in every process."""
    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except psutil.Error:
            pass
    return round(total / 2**20, 1)


def measure(env: dict[str, str]) -> dict:
    """Start a server with this environment and time it to healthy, ready and idle; stop it with kill -9."""
    started = time.monotonic()
    with server_process(free_port(), env, TIMEOUT_S) as (base_url, process):
        healthy = time.monotonic() - started
        ready = quiet_since = None
        last = _cpu_seconds(_processes(process.pid))
        peak = 0.0
        while time.monotonic() - started < TIMEOUT_S:
            time.sleep(1.0)
            processes = _processes(process.pid)
            peak = max(peak, _high_water_mb(processes))
            now, cpu = time.monotonic(), _cpu_seconds(processes)
            if ready is None:
                readiness = requests.get(f"{base_url}/v1/health", timeout=30).json().get("readiness", {})
                ready = now - started if readiness.get("state") == "ready" else None
            busy, last = cpu - last > IDLE_CPU, cpu
            # Quiet since this second began, and never before it was seen ready.
            quiet_since = None if busy or ready is None else (quiet_since or max(now - 1.0, started + ready))
            if quiet_since is not None and now - quiet_since >= IDLE_FOR_S:
                break
        pss = _proportional_mb(_processes(process.pid))
        kill(process)
    return {"healthy_s": round(healthy, 1), "ready_s": ready and round(ready, 1),
            "idle_s": quiet_since and round(quiet_since - started, 1), "peak_rss_mb": peak, "pss_mb_at_idle": pss}


def run(sizes: list[int], restart: bool) -> dict:
    """Each size's first start (and restart), in a temporary DATA_DIR of its own."""
    report = {}
    for listings in sizes:
        with tempfile.TemporaryDirectory(prefix="lantern-startup-") as data_dir:
            env = server_environment(listings) | {"DATA_DIR": data_dir}
            log(f"startup: {listings} listings, first start (seeding an empty store) …")
            entry = {"first_start": measure(env)}
            log(f"startup: {listings} listings, first start: {entry['first_start']}")
            if restart:
                entry["restart"] = measure(env)
                log(f"startup: {listings} listings, restart: {entry['restart']}")
        report[str(listings)] = entry
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, nargs="+", default=[2000, 10000, 50000])
    parser.add_argument("--no-restart", action="store_true", help="measure first starts only")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.listings, not args.no_restart), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
