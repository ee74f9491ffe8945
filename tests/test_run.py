"""`make run` end to end: `lantern run` starts gunicorn on the embedded default, seeded, and says so."""

import os
import socket
import subprocess
import sys
import time

import pytest
import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server():
    port = free_port()
    environ = {key: value for key, value in os.environ.items() if key != "MONGODB_URI"} | {"PORT": str(port)}
    process = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "run"], env=environ,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail(f"server did not become healthy: {process.stderr.read() if process.poll() else ''}")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_run_serves_the_seeded_directory_on_the_port_given(server):
    base, process = server
    body = requests.get(f"{base}/v1/services", params={"lat": 39.10, "lng": -94.58}, timeout=10).json()
    assert body["total"] > 20 and body["items"][0]["distance_m"] is not None
    assert requests.get(f"{base}/docs", timeout=10).status_code == 200


def test_run_says_it_is_the_embedded_default_and_where_to_look(server):
    base, process = server
    process.terminate()
    _, stderr = process.communicate(timeout=20)
    assert "embedded default" in stderr
    assert f"{base}/docs" in stderr and f"{base}/v1/services" in stderr
