"""A replica's front door: public reads answered from its copy (caught up first), everything else handed to the
writer over its private socket as it came, with the client's address and scheme; a writer away is a 503."""

import json
import threading
import time

import pytest
from werkzeug.serving import make_server
from werkzeug.test import Client, EnvironBuilder
from werkzeug.wrappers import Request, Response

from api.forwarding import Forwarder, writer_side


@Request.application
def echo(request):
    """Stands in for the writer: says what reached it (refusing a body over 8 KB from its headers, unread)."""
    if (request.content_length or 0) > 8192:
        return Response("too large", status=413)
    answer = Response(json.dumps({
        "method": request.method, "path": request.full_path, "remote_addr": request.remote_addr,
        "scheme": request.scheme, "body": request.get_data(as_text=True), "host": request.host,
        "forwarded_for": request.headers.get("X-Forwarded-For"),
        "peer_header": request.headers.get("X-Lantern-Peer")}), content_type="application/json")
    answer.set_cookie("session", "one")
    answer.set_cookie("language", "es")
    return answer


@Request.application
def local(request):
    return Response("local answer")


@pytest.fixture
def writer_socket(tmp_path):
    path = tmp_path / "writer.sock"
    server = make_server(f"unix://{path}", 0, writer_side(echo), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield str(path)
    server.shutdown()


@pytest.fixture
def catch_ups():
    return []


@pytest.fixture
def front(writer_socket, catch_ups):
    return Client(Forwarder(local, writer_socket, lambda: catch_ups.append(1)))


@pytest.mark.parametrize("path", ["/v1/services?lat=39.1&lng=-94.5", "/v1/services/abc", "/v1/meetings",
                                  "/hsds/services?page=2&format=json", "/", "/openapi.json", "/docs"])
def test_public_reads_are_answered_by_the_replica_after_catching_up(front, catch_ups, path):
    answer = front.get(path)
    assert answer.get_data(as_text=True) == "local answer" and catch_ups == [1]


@pytest.mark.parametrize("method, path", [
    ("POST", "/v1/devices"), ("POST", "/v1/services/abc/reports"), ("GET", "/v1/services/abc/reports"),
    ("GET", "/admin/login"), ("GET", "/v1/health"), ("GET", "/metrics"), ("GET", "/v1/devices/xyz"),
    ("GET", "/hsds/services?full=true&format=NDJSON"), ("GET", "/hsds/services?full=true&format=%6Edjson+"),
    ("GET", "/v1/meeting-guide.json"), ("DELETE", "/v1/services/abc")])
def test_everything_else_goes_to_the_writer_as_it_came(front, catch_ups, method, path):
    answer = front.open(path, method=method, data="name=Casa+%C3%89speranza", headers={
        "Host": "lantern.example.org", "X-Forwarded-For": "203.0.113.9",
        "Content-Type": "application/x-www-form-urlencoded"}, environ_base={"REMOTE_ADDR": "198.51.100.7"})
    seen = answer.json
    assert (seen["method"], seen["path"].rstrip("?")) == (method, path)
    assert seen["body"] == "name=Casa+%C3%89speranza" and seen["host"] == "lantern.example.org"
    # The writer sees the client's own address (TRUSTED_PROXIES then judges its X-Forwarded-For as if direct).
    assert seen["remote_addr"] == "198.51.100.7" and seen["forwarded_for"] == "203.0.113.9"
    assert seen["peer_header"] is None and catch_ups == []
    assert answer.headers.getlist("Set-Cookie") == ["session=one; Path=/", "language=es; Path=/"]


def test_a_client_cannot_pass_itself_off_as_another_address(front):
    seen = front.post("/v1/devices", headers={"X-Lantern-Peer": "10.0.0.1", "X-Lantern-Scheme": "https"},
                      environ_base={"REMOTE_ADDR": "198.51.100.7"}).json
    assert (seen["remote_addr"], seen["scheme"]) == ("198.51.100.7", "http")


def test_a_path_with_encoded_characters_reaches_the_writer_unchanged(front):
    seen = front.get("/admin/organizations/caf%C3%A9%20y%20m%C3%A1s?q=a%26b").json
    assert seen["path"] == "/admin/organizations/café y más?q=a%26b"


def test_a_writer_away_is_a_503_with_retry_after_in_the_clients_language(tmp_path):
    front = Client(Forwarder(local, str(tmp_path / "nobody.sock"), lambda: None))
    answer = front.post("/v1/devices", headers={"Accept-Language": "es-MX,en;q=0.5"})
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
    assert answer.headers["Content-Language"] == "es" and answer.json["code"] == 503
    assert answer.json["message"] != front.post("/v1/devices").json["message"]
    assert front.get("/v1/services").get_data(as_text=True) == "local answer"  # reads go on meanwhile


class Trickle:
    """A client that announced 100 MB, sent 64 KB, and waits for the answer before sending more."""

    def __init__(self):
        self.sent, self.more = False, threading.Event()

    def read(self, size=-1):
        if not self.sent:
            self.sent = True
            return b" " * min(size, 65536)
        self.more.wait(30)
        return b""


def test_a_body_the_writer_refuses_from_its_headers_is_not_waited_for(writer_socket):
    environ = EnvironBuilder(path="/v1/devices", method="POST", content_type="application/json").get_environ()
    body = Trickle()
    environ.update(CONTENT_LENGTH=str(100 * 2**20), **{"wsgi.input": body})
    answered = {}
    started = time.monotonic()
    chunks = iter(Forwarder(local, writer_socket, lambda: None)(
        environ, lambda status, headers: answered.update(status=status)))
    assert next(chunks) == b"too large" and answered["status"].startswith("413")
    assert time.monotonic() - started < 5  # the answer came while the client still held back its 100 MB
    body.more.set()  # the client, answered, hangs up
    assert list(chunks) == []
