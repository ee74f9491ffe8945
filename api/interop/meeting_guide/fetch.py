"""A feed fetched over http(s) with one deadline and one size cap; for registered feeds, from public addresses only.

The name is looked up once. With public_only every address it gives must be public: no private, loopback,
link-local, unique-local, site-local, multicast, reserved or unspecified address, nor an IPv6 form that carries an
IPv4 one that is not public (IPv4-mapped, NAT64, 6to4), nor IPv4-compatible, Teredo or local-use NAT64 addresses.
The connection then goes to the checked address itself, the name kept for the Host header, SNI and the
certificate check, so a name that answers differently a moment later (DNS rebinding) cannot point the fetch at the
server's own network. The whole fetch has one deadline, lookup included: a watchdog shuts the socket when it
passes, whatever the server is doing (bytes dripped one at a time keep each read under its timeout, not the
fetch). Redirects are never followed, and no proxy from the environment is used.
"""

import ipaddress
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as LookupTimeout
from urllib.parse import urlsplit

import certifi
import httpcore

from api.interop.limits import megabytes

NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052's well-known prefix: the IPv4 address is its last 32 bits
# Lookups run here so that one past the deadline is left behind, not waited for (the resolver's own timeouts end it).
LOOKUPS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="feed-lookup")
FAILURES = (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol,
            ssl.SSLError, OSError)


class FetchError(Exception):
    """The feed could not be fetched; the message says why, for the person who registered it."""


def is_public(address: str) -> bool:
    """Whether an address is one the public internet reaches the same way (none of this server's networks)."""
    if "%" in address:  # a zone index: an interface's own link
        return False
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        carried = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64
                                                     else None)
        if carried is not None:
            return _public(carried)
        if ip.teredo:
            return False
    return _public(ip)


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # is_global alone lets multicast, site-local and the transition ranges through on the Pythons we run on.
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified or getattr(ip, "is_site_local", False))


def resolve(host: str, port: int) -> list[str]:
    """Every address the name has now, in the resolver's order."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def fetch(url: str, *, max_bytes: int, deadline_s: float, read_timeout_s: float, public_only: bool) -> bytes:
    """The body of a 200 answer from an http(s) URL, within the deadline and max_bytes; FetchError says why not."""
    stop_at = time.monotonic() + deadline_s
    parts = urlsplit(url)
    if not parts.hostname:
        raise FetchError(f"{url} names no host.")
    address = _checked_address(url, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                               stop_at, public_only)
    watchdog = _Watchdog(stop_at)
    timeouts = {"connect": max(0.0, min(read_timeout_s, stop_at - time.monotonic())), "read": read_timeout_s,
                "write": read_timeout_s, "pool": read_timeout_s}
    try:
        with httpcore.ConnectionPool(ssl_context=ssl.create_default_context(cafile=certifi.where()),
                                     network_backend=_Pinned(address, watchdog), max_connections=1) as pool, \
                pool.stream("GET", url, headers={"Accept": "application/json", "User-Agent": "Lantern feed reader"},
                            extensions={"timeout": timeouts}) as answer:
            return _body(url, answer, max_bytes)
    except FAILURES as error:
        if watchdog.fired:
            raise FetchError(_late(url, deadline_s)) from None
        raise FetchError(f"Cannot fetch {url}: {type(error).__name__}.") from None
    finally:
        watchdog.stop()
        if watchdog.fired:  # a close-delimited body looks complete when the watchdog cut it
            raise FetchError(_late(url, deadline_s))


def _checked_address(url: str, host: str, port: int, stop_at: float, public_only: bool) -> str:
    """The one address the fetch connects to: looked up once, within the deadline, and checked."""
    try:
        addresses = LOOKUPS.submit(resolve, host, port).result(timeout=max(0.0, stop_at - time.monotonic()))
    except LookupTimeout:
        raise FetchError(f"Cannot fetch {url}: looking up its host name took too long.") from None
    except (OSError, UnicodeError, ValueError):
        raise FetchError(f"Cannot fetch {url}: its host name does not resolve.") from None
    if not addresses:
        raise FetchError(f"Cannot fetch {url}: its host name does not resolve.")
    if public_only and not all(is_public(address) for address in addresses):
        raise FetchError(f"{url} is not a public address.")
    return addresses[0]


def _body(url: str, answer: httpcore.Response, max_bytes: int) -> bytes:
    if 300 <= answer.status < 400:
        target = dict((key.lower(), value) for key, value in answer.headers).get(b"location", b"").decode("latin-1")
        raise FetchError(f"{url} redirects elsewhere{f' ({target[:200]})' if target else ''}: register the address "
                         "it redirects to.")
    if answer.status != 200:
        reason = answer.extensions.get("reason_phrase", b"").decode("latin-1")
        raise FetchError(f"{url} answered {answer.status} {reason}.".replace(" .", "."))
    too_large = f"The feed is larger than {megabytes(max_bytes)}."
    declared = dict((key.lower(), value) for key, value in answer.headers).get(b"content-length", b"")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large)
    data = bytearray()
    for chunk in answer.iter_stream():
        data += chunk
        if len(data) > max_bytes:
            raise FetchError(too_large)
    return bytes(data)


def _late(url: str, deadline_s: float) -> str:
    return f"Cannot fetch {url}: it took longer than {deadline_s:g} s."


class _Pinned(httpcore.NetworkBackend):
    """Connects to the checked address whatever the URL's name resolves to by now; each socket is watched."""

    def __init__(self, address: str, watchdog: "_Watchdog"):
        self.address, self.watchdog, self.plain = address, watchdog, httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        stream = self.plain.connect_tcp(self.address, port, timeout, local_address, socket_options)
        self.watchdog.watch(stream.get_extra_info("socket"))
        return stream

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("a feed is fetched over TCP only")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _Watchdog:
    """Shuts the fetch's sockets at the deadline, waking a read blocked in any phase (TLS, headers, body)."""

    def __init__(self, stop_at: float):
        self.fired, self.sockets, self.lock = False, [], threading.Lock()
        self.timer = threading.Timer(max(0.0, stop_at - time.monotonic()), self._fire)
        self.timer.daemon = True
        self.timer.start()

    def watch(self, sock: socket.socket) -> None:
        # A duplicate: TLS detaches the original socket object, but shutting either down ends the connection.
        with self.lock:
            self.sockets.append(sock.dup())
            if self.fired:
                self._shut(self.sockets[-1])

    def stop(self) -> None:
        self.timer.cancel()
        with self.lock:
            for sock in self.sockets:
                sock.close()
            self.sockets = []

    def _fire(self) -> None:
        with self.lock:
            self.fired = True
            for sock in self.sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed by the other end
