"""The fake's HTTP server: a ThreadingHTTPServer on 127.0.0.1 in a background thread, with the fault controls."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from . import document_routes, index_routes
from .auth import Auth
from .routing import Api, Request
from .store import Store
from .tasks import TaskQueue


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _serve(self):
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        time.sleep(fake.latency)
        if fake.unavailable:
            # What a load balancer in front of a dead Meilisearch answers: no Meilisearch error body.
            status, data, content_type = 503, b"503 Service Unavailable", "text/plain"
        else:
            url = urlsplit(self.path)
            query = {name: values[-1] for name, values in parse_qs(url.query, keep_blank_values=True).items()}
            request = Request(self.command, unquote(url.path).rstrip("/") or "/", query, self.headers, body)
            status, payload = fake.api.handle(request)
            data, content_type = b"" if payload is None else json.dumps(payload).encode(), "application/json"
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nobody is left to answer

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass  # keep pytest output clean; failures show in the replies themselves


class FakeMeilisearch:
    """A Meilisearch stand-in on a random free port: `with FakeMeilisearch(master_key="k") as fake: fake.url`."""

    def __init__(self, master_key: str | None = None):
        self.master_key = master_key
        self.store = Store()
        self.tasks = TaskQueue(self.store)
        self.auth = Auth(master_key)
        self.api = Api(self.store, self.tasks, self.auth, [index_routes.router, document_routes.router])
        self.latency, self.unavailable, self.port = 0.0, False, 0
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL for `meilisearch.Client(url, key)`."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def search_key(self) -> str:
        """The default search API key (search only); needs a master key."""
        return self.auth.key_value("search")

    @property
    def admin_key(self) -> str:
        """The default admin API key (everything but /keys); needs a master key."""
        return self.auth.key_value("*")

    def start(self) -> "FakeMeilisearch":
        """Start the task worker and begin listening."""
        self.tasks.start()
        self._listen()
        return self

    def stop(self) -> None:
        """Stop listening and stop the worker."""
        if self._http is not None:
            self._close()
        self.tasks.stop()

    def __enter__(self) -> "FakeMeilisearch":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def pause(self) -> None:
        """Stop applying tasks: writes still answer 202, and their tasks stay `enqueued` until `resume()`."""
        self.tasks.pause()

    def resume(self) -> None:
        """Apply the queued tasks again, in order."""
        self.tasks.resume()

    def set_down(self, down: bool = True, *, refuse: bool = False) -> None:
        """Take the server down: every request answers 503, or with refuse=True the port refuses connections."""
        if down and refuse and self._http is not None:
            self._close()
        if not down and self._http is None:
            self._listen()  # the same port again, so clients configured with `url` reconnect
        self.unavailable = down and not refuse

    def set_latency(self, seconds: float) -> None:
        """Delay every reply, to exercise client timeouts."""
        self.latency = seconds

    def reset(self) -> None:
        """Forget every index and task, for a fake shared by several tests."""
        with self.store.lock:
            self.tasks.clear()
            self.store.indexes.clear()

    def _listen(self) -> None:
        self._http = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        self._http.daemon_threads = True
        self._http.fake = self
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def _close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()
        self._http = None
