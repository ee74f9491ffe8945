"""Push benchmark: fan-out to 10k following devices, and edit -> push handed to FCM, against the fake FCM.

    python -m bench.push [--devices 10000] [--edits 100] [--listings 2000]

The notifier runs as in production (FcmSender through firebase-admin, in `--sender-processes` worker processes as
PUSH_SENDER_PROCESSES sets), on the embedded database (mongomock-ng), with the fake FCM in another process.
One JSON document on stdout, progress on stderr.

- fanout: `--devices` devices follow one full recovery house; a bed opens; one notifier pass is timed, from the
  change to the last message accepted by the fake. messages_per_s = messages accepted / that pass's seconds.
- handoff: the notifier runs in its thread (idle 50 ms); one device follows each of `--edits` other full houses;
  each edit opens a bed in the next house, timed from just before save() until the fake accepted its message.
  Every edit is news for a different service, so none waits out the coalescing window.
"""

import argparse
import json
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from functools import partial
from types import SimpleNamespace

import firebase_admin
from firebase_admin import credentials

from api.adapters.push.fcm import FcmSender
from api.adapters.push.pool import ProcessPoolSender
from api.config import Config
from api.models import Service
from api.models.capacity import CapacityUnit
from api.models.device import Device, Subscription, hash_secret
from api.models.fields import new_id, utcnow
from bench.indexer import code_version
from bench.indexing.harness import load_directory, log
from bench.server import ROOT
from bench.stats import percentiles
from indexer.push.worker import Notifier
from tests.doubles.fcm import aim_at_fake

FANOUT_PER_S = 1000
HANDOFF_P95_MS = 2000
IDLE_S = 0.05
TIMEOUT_S = 30.0


class TimedSender:
    """The real sender, noting when each service's messages were accepted and how long sending took."""

    def __init__(self, sender: FcmSender):
        self.sender, self.name = sender, sender.name
        self.accepted: dict[str, float] = {}
        self.sent, self.seconds = 0, 0.0

    def send(self, messages):
        started = time.perf_counter()
        results = self.sender.send(messages)
        done = time.perf_counter()
        self.seconds += done - started
        for message, result in zip(messages, results, strict=True):
            if result.outcome == "sent":
                self.sent += 1
                self.accepted[message.data["service_id"]] = done
        return results


def sender_for(fake: dict) -> FcmSender:
    """FcmSender on an SDK app of its own, aimed at the fake (module level: worker processes build theirs here)."""
    app = firebase_admin.initialize_app(credentials.Certificate(fake["service_account"]),
                                        {"projectId": fake["project_id"], "httpTimeout": 10}, name="bench")
    sender = FcmSender(app)
    aim_at_fake(app, SimpleNamespace(url=fake["url"]))
    return sender


@contextmanager
def fake_fcm_sender(processes: int = 1):
    """The sender `PUSH_SENDER_PROCESSES=processes` would make, aimed at `bench.fcm_server` in a subprocess."""
    process = subprocess.Popen([sys.executable, "-m", "bench.fcm_server"], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    sender = None
    try:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the fake FCM exited with status {process.wait()} before listening")
        fake = json.loads(line)
        sender = sender_for(fake) if processes == 1 else ProcessPoolSender(partial(sender_for, fake), processes)
        yield sender
    finally:
        if isinstance(sender, ProcessPoolSender):
            sender.close()
        process.stdin.close()
        process.wait(timeout=10)


def full_houses(count: int) -> list[Service]:
    """`count` public recovery houses with a capacity unit, made full (confirmed now), in id order."""
    houses = list(Service.objects(category="housing", status="active", capacity__0__exists=True)
                  .order_by("id").limit(count))
    if len(houses) < count:
        raise RuntimeError(f"only {len(houses)} houses to edit; load more --listings")
    for house in houses:
        house.capacity = [_unit(0)]
        house.save()
    return houses


def _unit(available: int) -> CapacityUnit:
    return CapacityUnit(code="bed", name="Bed", available=available, maximum=8, updated_at=utcnow(),
                        updated_by="bench")


def add_followers(service_ids: list[str]) -> None:
    """One device per service id, following it (written in bulk: setting up is not what is measured)."""
    now = utcnow()
    Device._get_collection().insert_many([
        Device(id=new_id(), secret_hash=hash_secret(new_id()), token=f"bench-{new_id()}", platform="android",
               locale="en", created_at=now, last_seen_at=now,
               subscriptions=[Subscription(kind="service", service=service_id, created_at=now)]).to_mongo()
        for service_id in service_ids])


def fanout(notifier: Notifier, sender: TimedSender, house: Service, devices: int) -> dict:
    add_followers([house.id] * devices)
    notifier.run_once()
    sender.sent, sender.seconds = 0, 0.0
    log(f"fanout: {devices} devices follow {house.name}; a bed opens …")
    started = time.perf_counter()
    house.capacity = [_unit(1)]
    house.save()
    notifier.run_once()
    total_s = time.perf_counter() - started
    log(f"fanout: {sender.sent} messages in {total_s:.1f}s (sending {sender.seconds:.1f}s)")
    return {"devices": devices, "messages": sender.sent, "seconds": round(total_s, 2),
            "send_seconds": round(sender.seconds, 2), "messages_per_s": round(sender.sent / total_s, 1)}


def handoff(notifier: Notifier, sender: TimedSender, houses: list[Service]) -> dict:
    add_followers([house.id for house in houses])
    notifier.run_once()
    stop = threading.Event()
    thread = threading.Thread(target=notifier.run, args=(stop, IDLE_S), name="notifier", daemon=True)
    thread.start()
    latencies = []
    try:
        for house in houses:
            started = time.perf_counter()
            house.capacity = [_unit(1)]
            house.save()
            while house.id not in sender.accepted and time.perf_counter() - started < TIMEOUT_S:
                time.sleep(0.005)
            if house.id in sender.accepted:
                latencies.append((sender.accepted[house.id] - started) * 1000)
    finally:
        stop.set()
        thread.join(timeout=60)
    log(f"handoff: {len(latencies)} of {len(houses)} edits handed over")
    return {"edits": len(houses), "timeouts": len(houses) - len(latencies),
            **{f"{name}_ms": value for name, value in percentiles(latencies).items()},
            "max_ms": round(max(latencies), 2) if latencies else None, "notifier_idle_ms": IDLE_S * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.push", description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=10000, help="devices following one house (default 10000)")
    parser.add_argument("--edits", type=int, default=100, help="edits timed by handoff (default 100)")
    parser.add_argument("--listings", type=int, default=2000, help="listings in the directory (default 2000)")
    parser.add_argument("--sender-processes", type=int, default=2,
                        help="PUSH_SENDER_PROCESSES: processes sending through firebase-admin (default 2, one a core)")
    args = parser.parse_args(argv)
    code = code_version()
    started = time.perf_counter()
    load_directory(args.listings)
    houses = full_houses(args.edits + 1)
    with fake_fcm_sender(args.sender_processes) as fcm:
        sender = TimedSender(fcm)
        notifier = Notifier.from_config(Config({"PUSH_COALESCE_S": "600"}), sender)
        notifier.run_once()  # the baseline: the directory as loaded is nobody's news
        report = {"sender_processes": args.sender_processes,
                  "fanout": fanout(notifier, sender, houses[0], args.devices),
                  "handoff": handoff(notifier, sender, houses[1:])}
    fan, hand = report["fanout"], report["handoff"]
    report["targets"] = {"fanout_ge_1000_per_s": fan["messages_per_s"] >= FANOUT_PER_S,
                         "handoff_p95_le_2s": hand["timeouts"] == 0 and (hand["p95_ms"] or 0) <= HANDOFF_P95_MS}
    report["code"] = code | {"changed_during_run": code_version()["fingerprint"] != code["fingerprint"]}
    report["seconds"] = {"total": round(time.perf_counter() - started, 1)}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
