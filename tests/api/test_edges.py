"""The edges a stranger meets first: body limits paid before a byte is read, the trusted proxy, HSTS, /metrics,
and client addresses kept out of logs."""

import io
import logging

import pytest

from api import create_app
from api.config import Config
from api.models.report import Report
from tests import factories as f
from tests.conftest import make_config

MB = 1024 * 1024
STRANGER = "203.0.113.9"  # TEST-NET-3: a client on the internet


class CountingBody(io.RawIOBase):
    """A request body of `size` bytes (made up as it is read) that counts how many the server read."""

    def __init__(self, size: int):
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self):
        return True

    def seekable(self):
        return True  # the test client measures the body by seeking to its end and back

    def seek(self, offset, whence=io.SEEK_SET):
        self.position = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence] + offset
        return self.position

    def readinto(self, buffer):
        count = max(0, min(len(buffer), self.size - self.position))
        buffer[:count] = b" " * count
        self.position += count
        self.read_bytes += count
        return count


def app_with(storage, **settings):
    return create_app(make_config(**settings))


def test_a_100_mb_device_registration_is_refused_unread(client):
    body = CountingBody(100 * MB)
    answer = client.post("/v1/devices", input_stream=body, content_type="application/json")
    assert answer.status_code == 413
    assert answer.json["code"] == 413 and "8192 bytes" in answer.json["message"]
    assert body.read_bytes == 0


def chunked(client, path: str, body, content_type: str):
    """A POST as a chunked body comes: no length, and (from gunicorn) marked wsgi.input_terminated."""
    return client.post(path, input_stream=body, content_type=content_type, headers={"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})


def test_a_chunked_body_is_refused_unread_on_the_public_routes(client):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])
    # Werkzeug would stop reading at the limit and hand on what it had: a form cut there still parses (a 3 MB
    # chunked report was taken), so the public routes, whose small bodies always come with a length, refuse them.
    for path, content_type in (("/v1/devices", "application/json"),
                               (f"/v1/services/{house.id}/reports", "application/json"),
                               (f"/v1/services/{house.id}/reports/form", "application/x-www-form-urlencoded")):
        body = CountingBody(3 * MB)
        answer = chunked(client, path, body, content_type)
        assert answer.status_code == 411, path
        assert answer.json == {"code": 411, "status": "Length Required",
                               "message": "Send the request body with a Content-Length, not in chunks."}
        assert body.read_bytes == 0
    assert Report.objects.count() == 0


def test_an_ordinary_registration_fits_and_the_limits_come_from_configuration(storage):
    client = app_with(storage, API_MAX_CONTENT_LENGTH="64").test_client()
    assert client.post("/v1/devices", json={"token": "t" * 100, "platform": "android"}).status_code == 413
    client = app_with(storage).test_client()
    assert client.post("/v1/devices", json={"token": "t" * 4096, "platform": "android"}).status_code == 201
    assert Config({}).MAX_CONTENT_LENGTH == MB and Config({"MAX_CONTENT_LENGTH": "5"}).MAX_CONTENT_LENGTH == 5


@pytest.fixture
def behind_proxy(storage):
    """The app as the real stack runs it: one proxy in front that appends X-Forwarded-For and -Proto."""
    return app_with(storage, TRUSTED_PROXIES="1", HSTS_MAX_AGE_S="31536000").test_client()


def test_links_are_https_when_the_trusted_proxy_says_so(behind_proxy):
    answer = behind_proxy.get("/hsds/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": STRANGER})
    assert answer.json["profile"].startswith("https://localhost/hsds/profile")
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_hsts_only_over_https(behind_proxy):
    assert "Strict-Transport-Security" not in behind_proxy.get("/hsds/").headers


def test_an_untrusted_forwarding_header_changes_nothing(client):
    answer = client.get("/hsds/", headers={"X-Forwarded-Proto": "https"})
    assert answer.json["profile"].startswith("http://localhost/")
    assert "Strict-Transport-Security" not in answer.headers


def test_proxies_can_be_named_by_address(storage):
    client = app_with(storage, TRUSTED_PROXIES="10.0.0.0/8", HSTS_MAX_AGE_S="60").test_client()
    https = {"X-Forwarded-Proto": "https"}
    from_proxy = client.get("/hsds/", headers=https, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    from_stranger = client.get("/hsds/", headers=https, environ_base={"REMOTE_ADDR": STRANGER})
    assert from_proxy.json["profile"].startswith("https://")
    assert from_stranger.json["profile"].startswith("http://")


def test_hsts_is_on_for_the_real_stack_by_default():
    assert Config({"MONGODB_URI": "mongodb://db:27017"}).HSTS_MAX_AGE_S == 31536000
    assert Config({}).HSTS_MAX_AGE_S == 0


def test_metrics_are_for_this_machine_by_default(client):
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": STRANGER}).status_code == 403


def test_metrics_through_an_untrusted_local_proxy_are_refused(client):
    # A proxy on this host forwards every visitor from 127.0.0.1: without TRUSTED_PROXIES they are not "local".
    assert client.get("/metrics", headers={"X-Forwarded-For": STRANGER}).status_code == 403


@pytest.mark.parametrize("trusted", ["1", "2", "10.0.0.0/8"])
def test_metrics_judge_the_peer_that_connected_not_the_address_it_forwards(storage, trusted):
    client = app_with(storage, TRUSTED_PROXIES=trusted).test_client()
    # Something reaching the app's port directly (another container, a local process) and claiming to forward
    # this machine: with a count every direct peer is believed, but the peer is still not this machine.
    for peer in ("172.18.0.9", "10.0.0.5"):
        assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"},
                          environ_base={"REMOTE_ADDR": peer}).status_code == 403
    # The proxy on this host forwarding a visitor, or forwarding this machine: a visitor's request either way.
    for forwarded in (STRANGER, "127.0.0.1"):
        assert client.get("/metrics", headers={"X-Forwarded-For": forwarded}).status_code == 403
    assert client.get("/metrics").status_code == 200  # this machine, asking directly


def test_metrics_answer_the_token_and_the_allowed_networks(storage):
    client = app_with(storage, METRICS_TOKEN="s3cret-scrape", METRICS_ALLOWED="192.0.2.0/24").test_client()
    stranger = {"REMOTE_ADDR": STRANGER}
    assert client.get("/metrics", environ_base=stranger).status_code == 401
    wrong = client.get("/metrics", environ_base=stranger, headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401 and "invalid_token" in wrong.headers["WWW-Authenticate"]
    right = client.get("/metrics", environ_base=stranger, headers={"Authorization": "Bearer s3cret-scrape"})
    assert right.status_code == 200 and b"# TYPE" in right.data
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200
    assert client.get("/metrics").status_code == 401  # loopback is no longer in the allowed list


def test_a_bad_address_setting_stops_start_up(storage):
    with pytest.raises(Exception, match="METRICS_ALLOWED"):
        app_with(storage, METRICS_ALLOWED="localhost")
    with pytest.raises(Exception, match="TRUSTED_PROXIES"):
        app_with(storage, TRUSTED_PROXIES="the-proxy")


def test_client_addresses_stay_out_of_logs(storage, caplog):
    client = app_with(storage, RATE_LIMIT_READS="1 per minute").test_client()
    caplog.set_level(logging.INFO)
    for _ in range(2):
        answer = client.get("/v1/categories", environ_base={"REMOTE_ADDR": STRANGER})
    assert answer.status_code == 429
    assert "ratelimit" in caplog.text and STRANGER not in caplog.text  # counters are keyed by a keyed hash


@pytest.mark.parametrize("keep", ["0", "1"])
def test_client_addresses_are_logged_only_when_configured(storage, caplog, keep):
    caplog.set_level(logging.INFO)
    app_with(storage, LOG_CLIENT_ADDRESSES=keep)
    try:
        # What Werkzeug's development server writes for every request, and gunicorn for a malformed one.
        logging.getLogger("werkzeug").info('%s - - "GET /v1/services HTTP/1.1" 200 -', STRANGER)
        logging.getLogger("gunicorn.error").warning("Invalid request from ip=%s: Invalid HTTP method", "2001:db8::7")
    finally:
        app_with(storage)  # the filters are process-wide: put them back for the tests after this one
    assert (STRANGER in caplog.text, "2001:db8::7" in caplog.text) == ((True, True) if keep == "1" else (False, False))
    assert caplog.text.count("[address]") == (0 if keep == "1" else 2)


@pytest.mark.parametrize("line, hidden", [
    ("peer 203.0.113.9:5555 closed the connection", "peer [address]:5555 closed the connection"),
    ("Invalid request from ip=[2001:db8::1]:443", "Invalid request from ip=[[address]]:443"),
    ("from ::ffff:203.0.113.9:80 at 10:30:15", "from [address]:80 at 10:30:15"),
    ("v1.2.3 took 0.5 s", "v1.2.3 took 0.5 s"),
])
def test_an_address_written_with_its_port_is_hidden_too(storage, caplog, line, hidden):
    caplog.set_level(logging.INFO)
    app_with(storage)
    logging.getLogger("gunicorn.error").warning("%s", line)
    assert caplog.records[-1].getMessage() == hidden
