"""Load and abuse harness: polite clients and abusive ones at once against `lantern run`, one JSON report on stdout.

    python -m bench.abuse [--polite 50] [--abusive 5] [--seconds 60] [--listings 0] [--seed 1] [--port PORT]

Starts the server as `make run` does (bench/server.py: the embedded default, seeded, on 127.0.0.1) with one trusted
proxy hop, as the real stack runs behind its TLS proxy: every simulated client sends its own X-Forwarded-For
address, so each is counted as the person it stands for. Polite clients (locust users, a pause of 1-3 s between
requests) search, open listings, read the Meeting Guide feed and HSDS pages; abusive ones, with no pause, flood
device registrations, ask for full HSDS ndjson exports and the feed over and over, or send 100 MB JSON and 300 MB
multipart bodies. Reports the polite clients' latency and errors, what was refused to the abusive ones, and the
server's peak RSS. Progress goes to stderr; exit status 1 when a polite client saw a 5xx or no answer.
"""

from gevent import monkey

monkey.patch_all()  # before anything imports socket or ssl: locust's users are greenlets

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import gevent  # noqa: E402
import psutil  # noqa: E402
from locust import HttpUser, between, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from requests.adapters import HTTPAdapter  # noqa: E402
from urllib3.util import Retry  # noqa: E402

from bench import scenarios  # noqa: E402
from bench.api import discover_ids, log  # noqa: E402
from bench.server import METRO_LISTINGS, free_port, running_server  # noqa: E402
from bench.stats import percentiles  # noqa: E402

TIMEOUT_S = 30
MAX_USERS, MAX_SECONDS = 500, 600  # bounds, so a typo cannot start a runaway load
HUGE_JSON, HUGE_FORM = 100 * 1024 * 1024, 300 * 1024 * 1024
REFUSED = {400, 413, 429}  # what the server answers abuse with (a cut-off chunked body reads as a 400)
_addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))


class Client(HttpUser):
    """A person behind the proxy: one address of its own, one keep-alive connection."""

    abstract = True
    group = ""
    seed = 1

    def on_start(self):
        self.address = next(_addresses)
        self.rng = random.Random(f"{self.seed}:{self.address}")
        # As browsers and phone HTTP stacks do (RFC 9112 9.3.1): a GET sent on a kept-alive connection that the
        # server closed meanwhile (gunicorn's keep-alive is 2 s, these clients pause 1-3 s) is sent once more.
        retry = Retry(total=1, connect=1, read=1, status=0, other=0, allowed_methods={"GET"}, raise_on_status=False)
        self.client.mount("http://", HTTPAdapter(max_retries=retry))

    def get(self, kind: str, path: str):
        self.client.get(path, name=f"{self.group}:{kind}", headers={"X-Forwarded-For": self.address},
                        timeout=TIMEOUT_S)


class Polite(Client):
    """Someone looking for help, or a site showing meetings: a request every 1-3 s."""

    abstract = True
    group = "polite"
    wait_time = between(1, 3)
    ids: list[str] = []

    @task(4)
    def search(self):
        self.get("search", scenarios.search_geo_filters(self.rng, self.ids))

    @task(2)
    def open_now(self):
        self.get("search", scenarios.search_open_now(self.rng, self.ids))

    @task(3)
    def detail(self):
        self.get("detail", scenarios.detail(self.rng, self.ids))

    @task(2)
    def meetings(self):
        self.get("search", scenarios.meetings(self.rng, self.ids))

    @task(1)
    def feed(self):
        self.get("feed", "/v1/meeting-guide.json")

    @task(1)
    def hsds(self):
        self.get("hsds", f"/hsds/services?page={self.rng.randrange(1, 4)}")


class Abusive(Client):
    """One of three kinds of abuse, by the order the users start in, each as fast as the server answers."""

    abstract = True
    group = "abusive"
    wait_time = constant(0)
    kinds = itertools.cycle(("registrations", "exports", "huge_bodies"))

    def on_start(self):
        super().on_start()
        self.kind = next(self.kinds)

    @task
    def abuse(self):
        getattr(self, self.kind)()

    def registrations(self):
        token = f"flood-{self.address}-{self.rng.getrandbits(64)}"
        self.client.post("/v1/devices", name="abusive:registrations", json={"token": token, "platform": "android"},
                         headers={"X-Forwarded-For": self.address}, timeout=TIMEOUT_S)

    def exports(self):
        path = self.rng.choice(("/hsds/services?format=ndjson&full=true", "/v1/meeting-guide.json",
                                "/hsds/organizations?format=ndjson&full=true&full_service=true"))
        self.get("exports", path)

    def huge_bodies(self):
        """A body announced as 100 MB (JSON to the API) or 300 MB (a form to the sign-in page); the first 64 KB
        are sent, then the answer read: the server should refuse it from the headers alone."""
        path, kind, size = self.rng.choice((("/v1/devices", "application/json", HUGE_JSON),
                                            ("/admin/login", "multipart/form-data; boundary=x", HUGE_FORM)))
        target = urlsplit(self.host)
        started, status, error = time.perf_counter(), 0, None
        try:
            with socket.create_connection((target.hostname, target.port), timeout=TIMEOUT_S) as connection:
                connection.sendall(f"POST {path} HTTP/1.1\r\nHost: {target.netloc}\r\nContent-Type: {kind}\r\n"
                                   f"Content-Length: {size}\r\nX-Forwarded-For: {self.address}\r\n"
                                   "Connection: close\r\n\r\n".encode())
                try:
                    connection.sendall(b" " * 65536)
                except OSError:
                    pass  # the server answered and closed first: what we hoped for
                status = int(connection.recv(64).split()[1])
        except (OSError, ValueError, IndexError) as failure:
            error = failure
        self.environment.events.request.fire(
            request_type="POST", name="abusive:huge_bodies", response_time=(time.perf_counter() - started) * 1000,
            response_length=0, response=None, context={"status": status}, exception=error)


class Recorder:
    """Every request's group, kind, status (0: no answer) and latency, from locust's request event."""

    def __init__(self):
        self.requests: list[tuple[str, str, int, float]] = []
        self.failures: Counter = Counter()  # (group, why) of the requests that got no answer

    def __call__(self, name, response_time, response=None, context=None, exception=None, **_):
        status = getattr(response, "status_code", None) or (context or {}).get("status") or 0
        group, _, kind = name.partition(":")
        self.requests.append((group, kind, int(status), response_time))
        if not status:
            self.failures[group, f"{type(exception).__name__}: {str(exception)[:120]}"] += 1

    def polite(self) -> dict:
        rows = [row for row in self.requests if row[0] == "polite"]
        ok = [row for row in rows if 200 <= row[2] < 400]
        by_kind = defaultdict(list)
        for _, kind, status, latency in ok:
            by_kind[kind].append(latency)
        return {"requests": len(rows), "errors": len(rows) - len(ok),
                "error_rate": round((len(rows) - len(ok)) / len(rows), 4) if rows else None,
                "server_errors_5xx": sum(1 for row in rows if row[2] >= 500),
                "no_answer": sum(1 for row in rows if row[2] == 0),
                "no_answer_why": {why: count for (group, why), count in self.failures.items() if group == "polite"},
                "statuses": dict(Counter(str(row[2]) for row in rows)),
                "latency_ms": percentiles([row[3] for row in ok]),
                "latency_ms_by_kind": {kind: percentiles(values) for kind, values in sorted(by_kind.items())}}

    def abusive(self) -> dict:
        rows = [row for row in self.requests if row[0] == "abusive"]
        kinds = sorted({row[1] for row in rows})
        return {"requests": len(rows), "refused": sum(1 for row in rows if row[2] in REFUSED),
                "server_errors_5xx": sum(1 for row in rows if row[2] >= 500),
                "by_kind": {kind: {"requests": sum(1 for row in rows if row[1] == kind),
                                   "statuses": dict(Counter(str(row[2]) for row in rows if row[1] == kind))}
                            for kind in kinds}}


class PeakMemory:
    """The server's processes (gunicorn's arbiters, the embedded default's writer and replicas): their RSS summed
    every 0.2 s, and at the end the kernel's own high-water mark of each."""

    def __init__(self, port: int):
        self.peak = 0
        self.processes = [process for process in psutil.process_iter(["cmdline"])
                          if "--port" in (process.info["cmdline"] or []) and str(port) in process.info["cmdline"]]
        self.processes += [child for process in self.processes for child in process.children(recursive=True)]
        self.sampler = gevent.spawn(self._sample)

    def _sample(self):
        while True:
            self.peak = max(self.peak, sum(self._rss(process) for process in self.processes))
            gevent.sleep(0.2)

    @staticmethod
    def _rss(process) -> int:
        try:
            return process.memory_info().rss
        except psutil.Error:
            return 0

    def report(self) -> dict:
        self.sampler.kill()
        high_water = []
        for process in self.processes:  # the kernel's own peak of each process, start-up (seeding) included
            try:
                status = open(f"/proc/{process.pid}/status").read()
                high_water.append(int(next(line.split()[1] for line in status.splitlines()
                                            if line.startswith("VmHWM"))))
            except (OSError, StopIteration):
                pass
        return {"peak_rss_mb_sampled": round(self.peak / 2**20, 1),
                "peak_rss_mb_vmhwm": round(sum(high_water) / 1024, 1),
                "largest_process_mb_vmhwm": round(max(high_water, default=0) / 1024, 1),
                "processes": len(self.processes)}


def run_load(base_url: str, args: argparse.Namespace, ids: list[str]) -> tuple[Recorder, float]:
    """N polite and M abusive locust users for the given seconds; every request recorded."""
    polite = type("PoliteClient", (Polite,), {"fixed_count": args.polite, "ids": ids, "seed": args.seed})
    abusive = type("AbusiveClient", (Abusive,), {"fixed_count": args.abusive, "seed": args.seed})
    environment = Environment(user_classes=[polite, abusive] if args.abusive else [polite], host=base_url)
    recorder = Recorder()
    environment.events.request.add_listener(recorder)
    runner = environment.create_local_runner()
    started = time.perf_counter()
    runner.start(args.polite + args.abusive, spawn_rate=max(args.polite + args.abusive, 1))
    gevent.spawn_later(args.seconds, runner.quit)
    runner.greenlet.join()
    return recorder, time.perf_counter() - started


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.abuse", description=__doc__.splitlines()[0])
    parser.add_argument("--polite", type=int, default=50, help="well-behaved clients (default 50)")
    parser.add_argument("--abusive", type=int, default=5, help="abusive clients (default 5; 0 for a baseline)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the load runs (default 60)")
    parser.add_argument("--listings", type=int, default=0, help="listings to seed (default: the metro's 310)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the polite clients' query parameters")
    parser.add_argument("--port", type=int, help="port for the server on 127.0.0.1 (default: a free one)")
    args = parser.parse_args(argv)
    if not (1 <= args.polite and 0 <= args.abusive and args.polite + args.abusive <= MAX_USERS):
        parser.error(f"--polite must be at least 1, --abusive at least 0, together at most {MAX_USERS}")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be between 1 and {MAX_SECONDS}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Start the server, run the load, stop the server, print the JSON; exit 1 if polite clients saw failures."""
    args = parse_args(argv)
    port = args.port or free_port()
    log(f"starting the server with {max(args.listings, METRO_LISTINGS)} listings on 127.0.0.1:{port} …")
    try:
        with running_server(args.listings, port, settings={"TRUSTED_PROXIES": "1"}) as base_url:
            ids, total = discover_ids(base_url)
            memory = PeakMemory(port)
            log(f"{args.polite} polite and {args.abusive} abusive clients for {args.seconds:.0f} s …")
            recorder, seconds = run_load(base_url, args, ids)
            server = memory.report()
    except RuntimeError as error:
        log(f"error: {error}")
        return 2
    polite = recorder.polite()
    report = {"polite_clients": args.polite, "abusive_clients": args.abusive, "seconds": round(seconds, 1),
              "listings_public": total, "polite": polite, "abusive": recorder.abusive(), "server": server,
              "targets": {"polite_no_5xx": polite["server_errors_5xx"] == 0 and polite["no_answer"] == 0,
                          # Each process holds its own copy of the directory: abuse must not grow any one past this.
                          "peak_rss_per_process_under_600_mb": server["largest_process_mb_vmhwm"] < 600}}
    print(json.dumps(report, indent=2))
    return 0 if report["targets"]["polite_no_5xx"] else 1


if __name__ == "__main__":
    sys.exit(main())
