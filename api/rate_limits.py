"""Rate limits on the public API (Flask-Limiter), per client address as the trusted proxy reports it.

Every public route draws on one generous read budget per address; registering a device and the whole-directory
exports have tight budgets of their own. Counters live where api/backends.py says (rate_limit_storage). A refusal
is a 429 in the API's error shape with Retry-After, and the OpenAPI document gives every operation that 429.
An IPv6 client counts as its /64: one home or phone is given at least that many addresses and may use any of them.
"""

import hashlib
import hmac
import ipaddress
import math
import os
import threading
import time
import weakref
from collections.abc import Collection
from functools import lru_cache
from http import HTTPStatus

from apispec import BasePlugin
from flask import Flask, current_app, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded
from limits.storage import MemoryStorage

from api.i18n.text import gettext as _

RATE_LIMITED = "RATE_LIMITED"  # the OpenAPI response every operation names for its 429


def client_key() -> str:
    """Who a counter belongs to: the client's address (as the trusted proxy reports it), keyed with SECRET_KEY so
    a shared storage (MongoDB on the real stack) never holds an address."""
    return _keyed(current_app.config["SECRET_KEY"], request.remote_addr or "")


@lru_cache(maxsize=4096)
def _keyed(secret: str, address: str) -> str:
    # Kept for the next request from the same address (a phone sends a burst): parsing the address and the HMAC
    # were ~10 µs of every counted request. Only this process's memory holds the addresses, as it holds requests.
    return hmac.new(secret.encode(), subscriber(address).encode(), hashlib.sha256).hexdigest()[:32]


def subscriber(address: str) -> str:
    """What one client's counters are kept for: an IPv4 address (an IPv4-mapped IPv6 one too), or an IPv6
    address's /64, since RFC 6177 gives a subscriber at least a /64 and any address in it is theirs to use."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))  # the scope of fe80::1%eth0 goes too
    return str(ip)


SWEEP_S = 1.0  # how often counters past their window leave memory (a counter read after its window restarts anyway)


class SweptMemoryStorage(MemoryStorage):
    """limits' in-process counters, which RATELIMIT_STORAGE_URI=memory:// builds (it takes that scheme over), with
    the counters past their window dropped by one long-lived thread every SWEEP_S.

    limits' own class drops them from a threading.Timer it starts again 10 ms after a hit whenever the last one
    has run: under steady traffic about a hundred new threads a second, each started by a rate-limited request
    (a listing, a search; not the API root), which paid the start in CPU and waited for the new thread to get the
    GIL from the other requests' threads. Counting is the library's, unchanged."""

    STORAGE_SCHEME = ["memory"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        # The class above starts a new Timer only when its `timer` has finished: this one runs as long as the process.
        self.timer = _sweeper.watch(self)

    def sweep(self) -> None:
        """Drop every counter whose window has passed (reading one does that, in the library's own way)."""
        for key in list(self.expirations):
            self.get(key)


class _Sweeper:
    """One daemon thread sweeping every live SweptMemoryStorage (an app's limiters, a test's apps) in turn."""

    def __init__(self):
        self._storages: weakref.WeakSet[SweptMemoryStorage] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        os.register_at_fork(after_in_child=self._after_fork)

    def watch(self, storage: SweptMemoryStorage) -> threading.Thread:
        with self._lock:
            self._storages.add(storage)
            return self._running()

    def _running(self) -> threading.Thread:
        """The sweeping thread, started if there is none (the caller holds the lock)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="rate-limit-sweeper", daemon=True)
            self._thread.start()
        return self._thread

    def _after_fork(self) -> None:
        """A fork has none of its parent's threads (the embedded default's replicas are forks of the process that
        built the app and its storages): start this process's own, else limits would start a Timer per request."""
        self._lock, self._thread = threading.Lock(), None
        if self._storages:
            thread = self._running()
            for storage in self._storages:
                storage.timer = thread

    def _run(self) -> None:
        while True:
            time.sleep(SWEEP_S)
            self._sweep()  # a call of its own: between sweeps, no local holds a storage an app has dropped

    def _sweep(self) -> None:
        with self._lock:
            storages = list(self._storages)
        for storage in storages:
            storage.sweep()


_sweeper = _Sweeper()


# A storage outage lets requests through on this worker's own counters rather than failing them.
limiter = Limiter(key_func=client_key, strategy="fixed-window", in_memory_fallback_enabled=True,
                  swallow_errors=True)


def _setting(name: str):
    """A limit read from the running app's configuration at each request (tests and operators can change it)."""
    return lambda: current_app.config[name]


def limit_reads(blueprint) -> None:
    """Every route of a public blueprint draws on the one read budget of the client's address."""
    limiter.shared_limit(_setting("RATE_LIMIT_READS"), scope="reads")(blueprint)


def asks_export(args) -> bool:
    """Whether a request's arguments ask for a whole-directory export: pages are cheap, format=ndjson (in any case,
    as /hsds reads it) builds every listing of the directory."""
    return args.get("format", "").strip().lower() == "ndjson"


def registrations():
    """The decorator for POST /v1/devices: a phone registers once, so a flood from one address is refused."""
    return limiter.limit(_setting("RATE_LIMIT_REGISTRATIONS"), methods=["POST"], override_defaults=False)


def reports():
    """The decorator for the report routes (the app's JSON and the browser's form share one budget): a person
    reports a few listings, a script many."""
    return limiter.shared_limit(_setting("RATE_LIMIT_REPORTS"), scope="reports", methods=["POST"],
                                override_defaults=False)


def doubting_reports(kinds: Collection[str]):
    """The decorator for the report routes: a report of these kinds (those that can make a listing's counts
    unconfirmed) once per address and listing in each REPORT_DOUBT_WINDOW_HOURS, so the arrivals that rule counts
    come from as many addresses. Only a report taken in is counted (a refused one costs nothing), and the count
    lives in the limiter's store alone: the report itself still keeps nothing about who sent it."""
    return limiter.shared_limit(_doubt_window, scope="doubt", key_func=_client_and_listing, methods=["POST"],
                                exempt_when=lambda: _reported_kind() not in kinds, override_defaults=False,
                                deduct_when=lambda response: response.status_code in (200, 201))


def _doubt_window() -> str:
    # Flask-Limiter takes whole units: a window of 1.5 hours is 90 minutes.
    return f"1 per {math.ceil(current_app.config['REPORT_DOUBT_WINDOW_HOURS'] * 60)} minutes"


def _client_and_listing() -> str:
    return f"{client_key()}:{(request.view_args or {}).get('service_id', '')}"


def _reported_kind() -> str | None:
    """The kind a report route was sent, from the app's JSON or the browser's form (None if it has none)."""
    if request.is_json:
        body = request.get_json(silent=True)
        kind = body.get("kind") if isinstance(body, dict) else None
    else:
        kind = request.form.get("kind")
    return kind if isinstance(kind, str) else None


def exports(only_ndjson: bool = False):
    """The decorator for whole-directory exports (the Meeting Guide feed, HSDS ndjson): one budget for them all."""
    return limiter.shared_limit(_setting("RATE_LIMIT_EXPORTS"), scope="exports", override_defaults=False,
                                exempt_when=(lambda: not asks_export(request.args)) if only_ndjson else None)


def init_app(app: Flask) -> None:
    """Bind the limiter to the app (its storage from RATELIMIT_STORAGE_URI) and answer refusals as the API does."""
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded):
        # The admin area's blueprint answers its own 429s with a page; everything else is the API's JSON.
        current = limiter.current_limit
        retry_after = max(1, math.ceil(current.reset_at - time.time())) if current else 60
        status = HTTPStatus.TOO_MANY_REQUESTS
        body = jsonify(code=status.value, status=status.phrase,
                       message=_("Too many requests from your address ({limit}): try again in {seconds} s.",
                                 limit=error.description, seconds=retry_after))
        return body, status.value, {"Retry-After": str(retry_after)}


class RateLimitDocs(BasePlugin):
    """apispec plugin: every documented operation may answer 429 with Retry-After, since each has a budget."""

    def init_spec(self, spec):
        spec.components.response(RATE_LIMITED, {
            "description": "Too many requests from this address: wait the Retry-After seconds, then try again.",
            "headers": {"Retry-After": {"description": "Seconds until the address's budget refills.",
                                        "schema": {"type": "integer", "minimum": 1}}},
            "content": {"application/json": {"schema": "Error"}}})

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            operation.setdefault("responses", {})["429"] = RATE_LIMITED
