"""/v1/health says "starting" while a worker's first pass catches up after start, and answers all the while."""

import threading
import time

from api.cli.serving import first_pass_then_run
from indexer.push.worker import Notifier
from tests import factories


def test_health_is_ready_when_nothing_is_catching_up(client):
    body = client.get("/v1/health").json
    assert body["status"] == "ok" and body["readiness"] == {"state": "ready", "pending": []}


def test_health_says_starting_until_the_notifiers_first_pass_is_done(app, client):
    for number in range(30):
        factories.service(name=f"Listing {number}")
    passing, finish = threading.Event(), threading.Event()
    backends = app.extensions["lantern"]
    notifier = Notifier.from_config(backends.config, backends.push)
    first_pass = notifier.run_once

    def slow_first_pass():
        passing.set()
        finish.wait(10)
        return first_pass()

    notifier.run_once = slow_first_pass
    stop = threading.Event()
    worker = threading.Thread(target=first_pass_then_run, daemon=True,
                              args=(notifier, backends.readiness.begin("notifier's first pass"), stop))
    worker.start()
    try:
        passing.wait(10)
        during = client.get("/v1/health")
        finish.set()
        deadline = time.monotonic() + 10
        while client.get("/v1/health").json["readiness"]["state"] != "ready" and time.monotonic() < deadline:
            time.sleep(0.05)
        after = client.get("/v1/health").json
    finally:
        stop.set()
        worker.join(timeout=10)
    assert during.status_code == 200 and during.json["status"] == "ok"
    assert during.json["readiness"] == {"state": "starting", "pending": ["notifier's first pass"]}
    assert after["readiness"] == {"state": "ready", "pending": []}
