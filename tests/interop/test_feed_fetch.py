"""Fetching a registered feed: one deadline for the whole fetch, a size cap while streaming, redirects never followed,
every non-public address form refused, and the connection pinned to the address that was checked.

The slow and large feeds are served on 127.0.0.1 by a server in this process; public_only=False (the switch tests and
the CLI use) lets the fetch reach it. Nothing here connects anywhere else: the rebinding test's public address is
only recorded, the connection itself is sent to the local server.
"""

import json
import socket
import ssl
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import certifi
import pytest
import trustme

from api.interop.limits import ImportLimits
from api.interop.meeting_guide import fetch as fetching
from api.interop.meeting_guide import subscriptions
from api.interop.meeting_guide.fetch import is_public
from api.interop.meeting_guide.importer import FeedError, load_feed
from api.models.feed_subscription import FeedSubscription
from tests import factories as f

FEED = json.dumps([{"name": "Noon", "slug": "noon", "day": 1, "time": "12:00", "city": "Anytown",
                    "timezone": "America/Chicago", "latitude": 39.1, "longitude": -94.58}]).encode()
QUICK = ImportLimits(feed_deadline_s=1.0, feed_read_timeout_s=0.5)


class Handler(BaseHTTPRequestHandler):
    """/feed a feed; /drip a body a byte every 0.1 s; /slow-headers headers a byte every 0.1 s; /big and /endless
    more than the cap, with and without a Content-Length; /moved a redirect."""

    def do_GET(self):
        if self.path == "/slow-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            return self._drip(b"X-Slow: " + b"a" * 200)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.5/feed.json")
            self.end_headers()
            return None
        self.send_response(200)
        if self.path == "/big":
            self.send_header("Content-Length", str(len(FEED) + 1))
        self.end_headers()
        if self.path == "/drip":
            return self._drip(b" " * 200)
        if self.path == "/endless":
            try:
                while self.wfile.write(b" " * 65536):
                    pass
            except (BrokenPipeError, ConnectionResetError):
                return None  # the fetcher hung up at its size cap, as it should
        self.wfile.write(FEED)
        return None

    def _drip(self, data: bytes) -> None:
        for byte in data:  # each under the read timeout, all of it far over the deadline
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def public_name(monkeypatch, server):
    """feeds.example answers a public address first and a private one after (DNS rebinding); connections are
    recorded, then sent to the local server. Returns (names looked up, addresses connected to)."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    asked, connected = [], []
    monkeypatch.setattr(fetching, "resolve", lambda host, port: asked.append(host) or next(answers))
    local = int(server.rsplit(":", 1)[1])
    real_connect = socket.create_connection

    def connect(address, *args, **kwargs):
        connected.append(address)
        return real_connect(("127.0.0.1", local), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    return asked, connected


def timed(call):
    start = time.monotonic()
    try:
        call()
    except FeedError as error:
        return time.monotonic() - start, str(error)
    raise AssertionError("the fetch was not refused")


def test_a_feed_dripped_a_byte_at_a_time_stops_at_the_deadline(server):
    took, message = timed(lambda: load_feed(f"{server}/drip", QUICK))
    assert message == f"Cannot fetch {server}/drip: it took longer than 1 s." and took < 1.8


def test_headers_dripped_a_byte_at_a_time_stop_at_the_deadline(server):
    took, message = timed(lambda: load_feed(f"{server}/slow-headers", QUICK))
    assert "took longer than 1 s" in message and took < 1.8


def test_a_body_over_the_cap_is_refused_by_its_length_or_while_it_streams(server):
    small = ImportLimits(feed_bytes=len(FEED))
    assert load_feed(f"{server}/feed", small) == FEED
    assert timed(lambda: load_feed(f"{server}/big", small))[1] == "The feed is larger than 0 KB."
    took, message = timed(lambda: load_feed(f"{server}/endless", ImportLimits(feed_bytes=1024 * 1024)))
    assert message == "The feed is larger than 1 MB." and took < 1


def test_a_redirect_is_never_followed(public_name):
    message = timed(lambda: load_feed("http://feeds.example/moved", public_only=True))[1]
    assert message == ("http://feeds.example/moved redirects elsewhere (http://10.0.0.5/feed.json): register the "
                       "address it redirects to.")
    assert public_name[1] == [("93.184.216.34", 80)]


def test_one_slow_feed_delays_the_others_by_the_deadline_only(storage, server):
    org = f.organization("District 9")
    slow = subscriptions.register(org.id, f"{server}/drip", "slow", 1, None, "aa", "u-1")
    good = subscriptions.register(org.id, f"{server}/feed", "good", 1, None, "aa", "u-1")
    start = time.monotonic()

    subscriptions.run_due_feeds(datetime(2026, 1, 5, 12), public_only=False, limits=QUICK)

    assert time.monotonic() - start < 3
    assert "took longer than 1 s" in FeedSubscription.objects.get(id=slow.id).last_result
    assert FeedSubscription.objects.get(id=good.id).last_result.startswith("1 created")


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.5", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.1",
    "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.5", "::ffff:169.254.169.254",  # IPv4-mapped
    "::127.0.0.1", "::8.8.8.8",  # IPv4-compatible (deprecated)
    "64:ff9b::7f00:1", "64:ff9b::a00:5", "64:ff9b::a9fe:a9fe",  # NAT64 of private addresses
    "64:ff9b:1::808:808",  # local-use NAT64
    "2002:a00:5::1", "2002:7f00:1::1", "2002:c0a8:101::1",  # 6to4 of private addresses
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
])
def test_every_non_public_address_form_is_refused(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::200e",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])
def test_public_addresses_pass(address):
    assert is_public(address)


def test_a_name_with_any_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(fetching, "resolve", lambda host, port: ["93.184.216.34", "::ffff:10.0.0.5"])
    with pytest.raises(FeedError, match="is not a public address"):
        load_feed("https://feeds.example/meetings.json", public_only=True)


def test_the_connection_goes_to_the_address_that_was_checked(public_name):
    """DNS rebinding: the name answers a public address for the check, then a private one. The fetch must connect
    to the checked address and never ask the name again."""
    assert load_feed("http://feeds.example/feed", public_only=True) == FEED
    assert public_name == (["feeds.example"], [("93.184.216.34", 80)])


def test_a_name_that_answers_private_first_is_refused_before_connecting(monkeypatch):
    answers = iter([["10.0.0.5"], ["93.184.216.34"]])
    monkeypatch.setattr(fetching, "resolve", lambda host, port: next(answers))
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: pytest.fail("connected"))
    with pytest.raises(FeedError, match="not a public address"):
        load_feed("http://feeds.example/feed", public_only=True)


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """An https server on 127.0.0.1 whose certificate names feeds.example only, signed by a test CA the fetch is
    made to trust (trustme); feeds.example resolves to a public address, and connections go to this server."""
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("feeds.example").configure_cert(context)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setattr(certifi, "where", lambda: str(tmp_path / "ca.pem"))
    monkeypatch.setattr(fetching, "resolve", lambda host, port: ["93.184.216.34"])
    connected = []
    real_connect = socket.create_connection

    def connect(address, *args, **kwargs):
        connected.append(address)
        return real_connect(("127.0.0.1", httpd.server_address[1]), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    yield connected
    httpd.shutdown()
    httpd.server_close()


def test_https_to_the_pinned_address_checks_the_certificate_for_the_name(tls_server):
    assert load_feed("https://feeds.example/feed", public_only=True) == FEED
    assert tls_server == [("93.184.216.34", 443)]
    with pytest.raises(FeedError, match="Cannot fetch https://other.example/feed: ConnectError"):
        load_feed("https://other.example/feed", public_only=True)  # the certificate does not name it
