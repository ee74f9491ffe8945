"""`lantern run` as a stranger meets it: a banner without versions, and logs without the client's address."""

import socket
from urllib.parse import urlsplit

import requests

from tests.test_run import lantern_run


def test_the_banner_names_no_versions_and_the_logs_no_addresses():
    with lantern_run() as (base, process):
        answer = requests.get(f"{base}/v1/health", timeout=10)
        host, port = urlsplit(base).hostname, urlsplit(base).port
        with socket.create_connection((host, port), timeout=10) as connection:
            connection.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # gunicorn warns about it, naming who sent it
            refused = connection.recv(4096)
        process.terminate()
        _, stderr = process.communicate(timeout=20)
    assert answer.headers["Server"] == "gunicorn"  # gunicorn's banner carries no version; nothing adds Python's
    assert b"400" in refused.split(b"\r\n", 1)[0]
    assert "Invalid request from ip=[address]" in stderr
    assert "ip=127.0.0.1" not in stderr
