"""`lantern run` as a stranger meets it: a banner without versions, logs without the client's address, and no
folders left behind by a run that was killed."""

import os
import socket
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit

import requests

from api.cli import serving
from tests.test_run import lantern_run, output_after_stop


def test_the_banner_names_no_versions_and_the_logs_no_addresses():
    with lantern_run() as (base, process):
        answer = requests.get(f"{base}/v1/health", timeout=10)
        host, port = urlsplit(base).hostname, urlsplit(base).port
        with socket.create_connection((host, port), timeout=10) as connection:
            connection.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # gunicorn warns about it, naming who sent it
            refused = connection.recv(4096)
        stderr = output_after_stop(process)
    assert answer.headers["Server"] == "gunicorn"  # gunicorn's banner carries no version; nothing adds Python's
    assert b"400" in refused.split(b"\r\n", 1)[0]
    assert "Invalid request from ip=[address]" in stderr
    assert "ip=127.0.0.1" not in stderr


def test_a_killed_runs_private_folder_is_removed_by_the_next_start(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    abandoned = tmp_path / f"lantern-{gone.pid}-x1"  # a `lantern run` killed with -9 left it, socket and all
    running = tmp_path / f"lantern-{os.getpid()}-x2"
    unrelated = tmp_path / "lantern-bench-x3"
    for folder in (abandoned, running, unrelated):
        (folder / "metrics").mkdir(parents=True)
    serving.remove_abandoned_folders()
    assert not abandoned.exists() and running.exists() and unrelated.exists()
