"""Rate limits on the public API: per client address (through the trusted proxy), generous for reads, tight for
device registrations and whole-directory exports; refusals are 429s with Retry-After, in the OpenAPI too."""

import inspect
import os
import threading
import time

import pytest
from limits.storage import MongoDBStorage

from api import create_app, rate_limits
from api.backends import rate_limit_storage
from api.config import Config
from api.errors import ConfigurationError
from tests import factories as f
from tests.conftest import make_config

STRANGER = {"REMOTE_ADDR": "203.0.113.9"}
NEIGHBOUR = {"REMOTE_ADDR": "203.0.113.10"}


def client_with(**settings):
    return create_app(make_config(**settings)).test_client()


def register(client, number: int, **kwargs):
    return client.post("/v1/devices", json={"token": f"token-{number}", "platform": "android"}, **kwargs)


def test_reads_share_one_budget_per_address_and_a_refusal_says_when_to_return(storage):
    client = client_with(RATE_LIMIT_READS="3 per minute")
    for path in ("/v1/categories", "/hsds/taxonomies", "/v1/meeting-types"):
        assert client.get(path, environ_base=STRANGER).status_code == 200
    refused = client.get("/v1/services", environ_base=STRANGER)
    assert refused.status_code == 429
    assert refused.json["code"] == 429 and refused.json["status"] == "Too Many Requests"
    assert "3 per 1 minute" in refused.json["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 61  # the window's end, in whole seconds
    assert refused.headers["Cache-Control"] == "no-store"
    assert client.get("/v1/categories", environ_base=NEIGHBOUR).status_code == 200  # another address, its own


def test_device_registrations_are_tight_while_reads_go_on(storage):
    client = client_with()
    answers = [register(client, number, environ_base=STRANGER).status_code for number in range(7)]
    assert answers == [201] * 5 + [429] * 2
    assert client.get("/v1/categories", environ_base=STRANGER).status_code == 200
    assert register(client, 99, environ_base=NEIGHBOUR).status_code == 201


def test_exports_are_tight_and_pages_do_not_count_against_them(storage):
    client = client_with()
    f.meeting("Tuesday Night Group")
    for _ in range(3):
        assert client.get("/hsds/services", environ_base=STRANGER).status_code == 200  # pages: reads
    exports = ["/hsds/services?format=ndjson&full=true", "/v1/meeting-guide.json",
               "/hsds/organizations?format=ndjson&full=true"]
    answers = [client.get(exports[n % 3], environ_base=STRANGER).status_code for n in range(8)]
    assert answers == [200] * 6 + [429] * 2
    assert client.get("/hsds/services?page=2", environ_base=STRANGER).status_code == 200


def test_the_client_is_the_address_the_trusted_proxy_reports(storage):
    behind_proxy = client_with(TRUSTED_PROXIES="1")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request arrives from the proxy
    for number in range(5):
        assert register(behind_proxy, number, environ_base=proxy,
                        headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 201
    assert register(behind_proxy, 5, environ_base=proxy,
                    headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert register(behind_proxy, 6, environ_base=proxy,
                    headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 201


def test_a_forged_forwarding_header_buys_no_fresh_budget(storage):
    client = client_with()  # no proxy trusted: X-Forwarded-For is whatever the client wrote
    answers = [register(client, number, environ_base=STRANGER,
                        headers={"X-Forwarded-For": f"198.51.100.{number}"}).status_code for number in range(6)]
    assert answers[-1] == 429


def test_every_operation_documents_its_429(client):
    spec = client.get("/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # the path's own, shared by its operations
                continue
            assert operation["responses"]["429"] == {"$ref": "#/components/responses/RATE_LIMITED"}, (method, path)
    limited = spec["components"]["responses"]["RATE_LIMITED"]
    assert "Retry-After" in limited["headers"]
    assert limited["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "Error" in spec["components"]["schemas"]


def test_counters_live_in_memory_on_the_embedded_default_and_in_mongodb_on_the_real_stack():
    assert rate_limit_storage(Config({})) == {"RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_STORAGE_OPTIONS": {}}
    real = rate_limit_storage(Config({"MONGODB_URI": "mongodb://db:27017/?replicaSet=rs0", "MONGODB_DB": "riv"}))
    assert real["RATELIMIT_STORAGE_URI"] == "mongodb://db:27017/?replicaSet=rs0"
    # What Flask-Limiter builds from these settings (building it would connect, so its signature is checked).
    assert "mongodb" in MongoDBStorage.STORAGE_SCHEME
    inspect.signature(MongoDBStorage).bind(real["RATELIMIT_STORAGE_URI"], **real["RATELIMIT_STORAGE_OPTIONS"])
    assert real["RATELIMIT_STORAGE_OPTIONS"]["database_name"] == "riv"
    chosen = rate_limit_storage(Config({"RATE_LIMIT_STORAGE_URI": "mongodb://limits:27017"}))
    assert chosen["RATELIMIT_STORAGE_URI"] == "mongodb://limits:27017"


def test_per_worker_counters_are_refused_when_there_are_several_workers():
    with pytest.raises(ConfigurationError, match="WEB_CONCURRENCY"):
        rate_limit_storage(Config({"MONGODB_URI": "mongodb://db:27017", "RATE_LIMIT_STORAGE_URI": "memory://"}))


def test_the_app_counts_where_the_configuration_says(storage):
    app = create_app(make_config())
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_counting_a_request_starts_no_thread(storage, monkeypatch):
    # limits' own memory storage started a new Timer thread 10 ms after a counted request whenever the last one had
    # run: a read paced like a phone's paid a thread start each time (and waited for it to get the GIL).
    client = client_with(RATE_LIMIT_READS="100 per minute")
    started = []
    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda thread: started.append(thread.name) or real_start(thread))
    for _ in range(5):
        assert client.get("/v1/categories", environ_base=STRANGER).status_code == 200
        time.sleep(0.03)
    assert started == []


def test_a_passed_window_leaves_memory_and_the_budget_refills(storage, monkeypatch):
    monkeypatch.setattr(rate_limits, "SWEEP_S", 0.05)
    client = client_with(RATE_LIMIT_READS="1 per second")
    counters = rate_limits.limiter._storage
    assert client.get("/v1/categories", environ_base=STRANGER).status_code == 200
    assert client.get("/v1/categories", environ_base=STRANGER).status_code == 429
    assert counters.expirations  # counted, with its window's end
    deadline = time.monotonic() + 5
    while counters.expirations and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not counters.expirations and not counters.storage  # swept with nobody reading it again
    assert client.get("/v1/categories", environ_base=STRANGER).status_code == 200


def test_parallel_exports_cost_one_build(storage, monkeypatch):
    app = create_app(make_config(RATE_LIMIT_EXPORTS="100 per minute"))
    f.service("Hope House", category="housing")
    from api.resources.hsds import resources
    builds, built = [], resources._lines

    def counted(listing):
        builds.append(1)
        return built(listing)
    monkeypatch.setattr(resources, "_lines", counted)
    bodies = []

    def export(number):
        client = app.test_client()
        bodies.append(client.get("/hsds/services?format=ndjson&full=true",
                                 environ_base={"REMOTE_ADDR": f"198.51.100.{number}"}).data)
    threads = [threading.Thread(target=export, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(bodies) == 8 and len(set(bodies)) == 1 and b"Hope House" in bodies[0]
    assert len(builds) == 1


def test_an_edit_gives_the_next_export_a_fresh_build(client):
    f.meeting("Tuesday Night Group")
    first = client.get("/v1/meeting-guide.json")
    assert client.get("/v1/meeting-guide.json").data == first.data
    f.meeting("Wednesday Step Study")
    second = client.get("/v1/meeting-guide.json")
    assert second.headers["ETag"] != first.headers["ETag"]
    assert [entry["name"] for entry in second.json] == ["Tuesday Night Group", "Wednesday Step Study"]


def test_an_ipv6_client_is_its_whole_64(storage):
    client = client_with()
    # One phone or home is given a /64 and may take a fresh address in it for every request.
    answers = [register(client, number, environ_base={"REMOTE_ADDR": f"2001:db8:1:2:{number:x}::{number + 1:x}"}
                        ).status_code for number in range(6)]
    assert answers == [201] * 5 + [429]
    assert register(client, 50, environ_base={"REMOTE_ADDR": "2001:db8:1:3::1"}).status_code == 201  # the next /64
    listing = f.service("Maple House", category="housing", capacity=[f.unit(4, 6)])
    reports = [client.post(f"/v1/services/{listing.id}/reports", json={"kind": "full"},
                           environ_base={"REMOTE_ADDR": f"2001:db8:9:9::{number + 1:x}"}).status_code
               for number in range(3)]
    assert reports == [201, 429, 429]


def test_an_ipv4_address_written_as_ipv6_is_the_same_client(storage):
    client = client_with()
    addresses = ["198.51.100.4", "::ffff:198.51.100.4"] * 3
    answers = [register(client, number, environ_base={"REMOTE_ADDR": address}).status_code
               for number, address in enumerate(addresses)]
    assert answers == [201] * 5 + [429]


def test_a_forked_process_sweeps_its_own_counters(storage):
    # The embedded default's replicas are forks of the process that built the app: they need a sweeper of their own.
    client_with(RATE_LIMIT_READS="100 per minute")
    counters = rate_limits.limiter._storage
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status alone
        sweepers = [thread for thread in threading.enumerate() if thread.name == "rate-limit-sweeper"]
        os._exit(0 if len(sweepers) == 1 and counters.timer is sweepers[0] and sweepers[0].is_alive() else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
