"""`make run` end to end: `lantern run` starts gunicorn on the embedded default, seeded, and says so."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import psutil
import pytest
import requests

from bench.durability import Partner


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def lantern_run(**environment):
    """`lantern run` on a free port of the embedded default, in memory only unless `environment` names a DATA_DIR
    (and EPHEMERAL=0); yields (base URL, process) once healthy. Its output goes to a file (`output_after_stop`):
    a pipe nobody reads while it runs would fill up and stop it."""
    port = free_port()
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("MONGODB_", "MEILI_"))}
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "run"],
                                   env=environ | {"PORT": str(port), "EPHEMERAL": "1"} | environment,
                                   stdout=log, stderr=subprocess.STDOUT, text=True)
        process.log = log
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if requests.get(f"{base}/v1/health", timeout=1).status_code == 200:
                        break
                except requests.RequestException:  # not listening yet, or too busy starting to answer in time
                    time.sleep(0.2)
            else:
                pytest.fail(f"server did not become healthy: {output_after_stop(process)}")
            yield base, process
        finally:
            _stop(process)


def output_after_stop(process) -> str:
    """Everything a `lantern_run` process wrote, once it has stopped."""
    _stop(process)
    process.log.seek(0)
    return process.log.read()


def _stop(process) -> None:
    """SIGTERM (a graceful stop); its whole process group killed if it has not stopped in 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        for child in psutil.Process(process.pid).children(recursive=True):
            child.kill()
        process.kill()
        process.wait()


@pytest.fixture
def server():
    with lantern_run() as running:
        yield running


def test_run_serves_the_seeded_directory_on_the_port_given(server):
    base, process = server
    body = requests.get(f"{base}/v1/services", params={"lat": 39.10, "lng": -94.58}, timeout=10).json()
    assert body["total"] > 20 and body["items"][0]["distance_m"] is not None
    assert requests.get(f"{base}/docs", timeout=10).status_code == 200


def test_run_says_it_is_the_embedded_default_and_where_to_look(server):
    base, process = server
    stderr = output_after_stop(process)
    assert "embedded default" in stderr
    assert f"{base}/docs" in stderr and f"{base}/v1/services" in stderr


def test_run_with_meilisearch_indexes_the_seed_in_its_own_thread(fake_meili):
    if fake_meili is None:
        pytest.skip("runs the embedded default against the fake; a real server is covered by tests/meili")
    environment = {"SEARCH_BACKEND": "meilisearch", "MEILI_URL": fake_meili.url, "MEILI_INDEX": "run_test",
                   "MEILI_SEARCH_KEY": fake_meili.search_key, "MEILI_MASTER_KEY": fake_meili.master_key}
    with lantern_run(**environment) as (base, _):
        deadline, answer = time.monotonic() + 30, None
        while time.monotonic() < deadline:
            answer = requests.get(f"{base}/v1/services", params={"q": "detox"}, timeout=10)
            if answer.headers["X-Search-Backend"] == "meilisearch" and answer.json()["total"]:
                break
            time.sleep(0.2)
        assert answer.headers["X-Search-Backend"] == "meilisearch" and answer.json()["total"] > 0


@pytest.fixture
def replicated(tmp_path):
    """`lantern run` keeping its data in tmp_path: one writer process and two replicas on the port."""
    with lantern_run(EPHEMERAL="0", DATA_DIR=str(tmp_path), WEB_CONCURRENCY="2") as running:
        yield running


def _processes(process, replicas: int = 2) -> tuple[list[psutil.Process], psutil.Process | None]:
    """(the replicas, the writer's gunicorn) of a `lantern run`, once its writer runs and its replicas are forked."""
    deadline = time.monotonic() + 20
    while True:
        children = {}
        for child in psutil.Process(process.pid).children():
            try:
                if child.status() != psutil.STATUS_ZOMBIE:
                    children[child] = child.cmdline()
            except psutil.NoSuchProcess:
                pass  # ended between the listing and the look
        writer = next((child for child, command in children.items() if "writer" in command), None)
        others = [child for child in children if child != writer]
        if writer and len(others) == replicas:
            return others, writer
        assert time.monotonic() < deadline, f"no writer and {replicas} replicas after 20 s: {children}"
        time.sleep(0.1)


def test_replicas_share_the_reads_and_never_miss_an_acknowledged_edit(replicated):
    base, process = replicated
    replicas, _ = _processes(process)
    partner = Partner(base)
    for service_id, version in sorted(partner.versions.items())[:8]:
        assert partner.confirm(service_id, version)
        # A new connection each time, so any replica may answer: each must already show the edit.
        assert requests.get(f"{base}/v1/services/{service_id}", timeout=10).json()["version"] == version + 1

    before = [sum(replica.cpu_times()[:2]) for replica in replicas]

    def search(number: int) -> int:  # each a different place, so each is worked out rather than found cached
        place = {"lat": 39.0 + number / 1000, "lng": -94.7 + number / 1000, "radius_m": 20000}
        return requests.get(f"{base}/v1/services", params=place, timeout=10).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(search, range(300)))
    assert statuses == [200] * 300
    spent = [sum(replica.cpu_times()[:2]) - then for replica, then in zip(replicas, before)]
    assert len(replicas) == 2 and min(spent) >= 0.15 * sum(spent), spent  # both took a share of the work


def test_reads_go_on_while_the_writer_restarts_after_each_crash(replicated):
    base, process = replicated
    for crash in range(3):
        _, writer = _processes(process)
        writer.kill()  # as a crash: its worker goes with it, and `lantern run` starts another
        assert requests.get(f"{base}/v1/services", params={"lat": 39.1, "lng": -94.58}, timeout=10).status_code == 200
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            answer = requests.post(f"{base}/v1/devices", json={"token": f"{crash}" * 40, "platform": "android"},
                                   timeout=10)
            status = answer.status_code
            if status == 201:
                break
            # At once, not after the new writer has loaded: it is published only once it can answer.
            assert status == 503 and answer.headers["Retry-After"] and answer.elapsed.total_seconds() < 5
            time.sleep(0.5)
        assert status == 201, f"no writer after crash {crash + 1}"


def test_a_restart_on_kept_data_serves_what_was_acknowledged(tmp_path):
    settings = {"EPHEMERAL": "0", "DATA_DIR": str(tmp_path), "WEB_CONCURRENCY": "2"}
    with lantern_run(**settings) as (base, _):
        partner = Partner(base)
        service_id, version = min(partner.versions.items())
        assert partner.confirm(service_id, version)
    # Kept data: the replicas load their copy beside the writer instead of waiting for it.
    with lantern_run(**settings) as (base, process):
        assert requests.get(f"{base}/v1/services/{service_id}", timeout=10).json()["version"] == version + 1
        assert len(_processes(process)[0]) == 2


def test_metrics_add_up_what_every_serving_process_counted(tmp_path):
    # Searches fall back to the snapshot in the replicas (the search server is unreachable), and /metrics, which the
    # writer answers, counts every one of them.
    dead_meilisearch = {"SEARCH_BACKEND": "meilisearch", "MEILI_URL": f"http://127.0.0.1:{free_port()}",
                        "MEILI_SEARCH_KEY": "search", "MEILI_MASTER_KEY": "master"}
    with lantern_run(EPHEMERAL="0", DATA_DIR=str(tmp_path), WEB_CONCURRENCY="2", **dead_meilisearch) as (base, _):
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: requests.get(f"{base}/v1/services", timeout=10, params={
                "lat": 39.1, "lng": -94.58, "q": "detox"}), range(24)))
        assert all(answer.headers["X-Search-Backend"].startswith("snapshot (fallback") for answer in answers)
        metrics = requests.get(f"{base}/metrics", timeout=10).text
    assert 'lantern_search_fallbacks_total{backend="meilisearch"} 24.0' in metrics.splitlines()


def test_a_replica_started_again_after_a_crash_catches_up(replicated):
    base, process = replicated
    partner = Partner(base)
    edited = sorted(partner.versions.items())[:3]
    for service_id, version in edited:
        assert partner.confirm(service_id, version)
    replicas, _ = _processes(process)
    for replica in replicas:
        replica.kill()  # gunicorn forks new ones from the arbiter, whose copy is as old as the start
    deadline = time.monotonic() + 30
    while {replica.pid for replica in _processes(process)[0]} & {replica.pid for replica in replicas}:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    for service_id, version in edited:
        assert requests.get(f"{base}/v1/services/{service_id}", timeout=10).json()["version"] == version + 1


def test_a_second_run_on_the_same_data_stops_at_once_saying_why(replicated, tmp_path):
    base, _ = replicated
    second = subprocess.run([sys.executable, "-c", "from api.cli import main; main()", "run"], timeout=60,
                            env=dict(os.environ, PORT=str(free_port()), EPHEMERAL="0", DATA_DIR=str(tmp_path),
                                     WEB_CONCURRENCY="2"), capture_output=True, text=True)
    assert second.returncode != 0 and "another Lantern process is using" in second.stderr
    assert requests.get(f"{base}/v1/health", timeout=10).status_code == 200  # the first one runs on


def test_a_writer_that_cannot_start_stops_the_run_instead_of_retrying_forever(tmp_path):
    run = subprocess.run([sys.executable, "-c", "from api.cli import main; main()", "run"], timeout=120,
                         env=dict(os.environ, PORT=str(free_port()), EPHEMERAL="0", DATA_DIR=str(tmp_path),
                                  WEB_CONCURRENCY="2", GEOCODER="no-such-geocoder"), capture_output=True, text=True)
    assert run.returncode != 0 and "GEOCODER='no-such-geocoder' is not one of" in run.stderr
    assert "the writer process could not start" in run.stderr
