"""The fake's HTTP server: a ThreadingHTTPServer on 127.0.0.1 in a background thread, with the fault controls."""

import json
import re
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from firebase_admin import credentials

from . import messages, topics
from .errors import not_found
from .faults import Faults
from .oauth import Oauth
from .records import Attempt, Delivery, Records

SEND = re.compile(r"/v1/projects/([^/]+)/messages:send")
SUBSCRIBE = re.compile(r"/v1/projects/([^/]+)/registrations/([^/]+)/topicSubscriptions")
UNSUBSCRIBE = re.compile(r"/v1/projects/([^/]+)/registrations/([^/]+)/topicSubscriptions/([^/]+)")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the SDK's connection pool reuses each connection
    disable_nagle_algorithm = True
    wbufsize = -1  # buffer the reply so status line, headers and body leave in one write (no delayed-ACK stalls)

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            status, payload, headers = self.server.fake.route(self.command, self.path, self.headers, body)
        except Exception:  # a bug in the fake: 501 is neither retried by the SDK nor mistaken for an FCM answer
            status, headers = 501, {}
            payload = {"error": {"code": 501, "message": f"bug in the fake FCM: {traceback.format_exc()}",
                                 "status": "UNIMPLEMENTED"}}
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (a timeout test): nobody is left to answer

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass  # keep pytest output clean; failures show in the replies themselves


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # send_each opens up to 500 connections at once; the stdlib's backlog of 5 drops SYNs

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients closing keep-alive sockets are routine
            super().handle_error(request, client_address)


class FakeFCM:
    """An FCM HTTP v1 stand-in on a random free port: `with FakeFCM(project_id="p") as fake: fake.credential()`."""

    def __init__(self, project_id: str = "lantern-test"):
        self.project_id = project_id
        self.oauth = Oauth(project_id)
        self.faults = Faults()
        self.records = Records()
        self.port = 0
        self._http: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the fake."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def send_url(self) -> str:
        """The send endpoint for the fake's project (aim_at_fake keeps the app's own project id in the path)."""
        return f"{self.url}/v1/projects/{self.project_id}/messages:send"

    @property
    def topic_url(self) -> str:
        """The topic-subscription base URL for the fake's project."""
        return f"{self.url}/v1/projects/{self.project_id}/registrations"

    @property
    def token_uri(self) -> str:
        """The OAuth token endpoint named in the throwaway service-account key."""
        return f"{self.url}/token"

    def service_account_info(self) -> dict:
        """A service-account key (dict) whose token_uri is the fake: write it to a file for code that wants a path."""
        return self.oauth.service_account_info(self.token_uri)

    def credential(self) -> credentials.Certificate:
        """A firebase_admin credential from the throwaway key: the production class, the network stays local."""
        return credentials.Certificate(self.service_account_info())

    def start(self) -> "FakeFCM":
        """Begin listening."""
        self._http = _Server(("127.0.0.1", 0), _Handler)
        self._http.fake = self
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-fcm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._thread.join()
            self._http = None

    def __enter__(self) -> "FakeFCM":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # What happened.

    @property
    def delivered(self) -> list[Delivery]:
        """Messages accepted for delivery (200, not validate_only), oldest first; a copy."""
        return self.records.delivered

    @property
    def attempts(self) -> list[Attempt]:
        """Every send request answered, accepted or rejected, oldest first; a copy."""
        return self.records.attempts

    def delivered_to(self, token: str) -> list[Delivery]:
        """The deliveries addressed to one token (or fid)."""
        return [delivery for delivery in self.records.delivered if delivery.token == token]

    def subscribers(self, topic: str) -> set[str]:
        """The tokens subscribed to a topic through subscribe_to_topic."""
        return self.records.subscribers(topic)

    # Fault controls.

    def unregister(self, token: str) -> None:
        """From now on sends to the token answer 404 UNREGISTERED (an uninstalled app, an expired token)."""
        self.faults.unregister(token)

    def mismatch_sender(self, token: str) -> None:
        """From now on sends to the token answer 403 SENDER_ID_MISMATCH (a token of another project)."""
        self.faults.mismatch_sender(token)

    def fail_next(self, count: int, status: int = 503, retry_after: float | None = None) -> None:
        """The next `count` sends answer 503 UNAVAILABLE, 429 QUOTA_EXCEEDED or 500 INTERNAL, with Retry-After."""
        self.faults.fail_next(count, status, retry_after)

    def reject_auth(self, reject: bool = True) -> None:
        """Answer every request 401 UNAUTHENTICATED, as for a revoked key (token refreshes still succeed)."""
        self.faults.auth_rejected = reject

    def set_latency(self, seconds: float) -> None:
        """Delay every send's answer, to exercise client timeouts."""
        self.faults.latency = seconds

    def reset(self) -> None:
        """Forget records, subscriptions and faults; granted access tokens stay valid, as they would at Google."""
        self.records.clear()
        self.faults.clear()

    def route(self, method: str, raw_path: str, headers, body: bytes) -> tuple[int, dict, dict]:
        """Answer one request: (status, JSON body, extra headers)."""
        url = urlsplit(raw_path)
        path, query = url.path, {name: values[-1] for name, values in parse_qs(url.query).items()}
        authorization = headers.get("Authorization")
        if method == "POST" and path == "/token":
            return self.oauth.grant(body)
        if method == "POST" and (found := SEND.fullmatch(path)):
            return messages.send(self, unquote(found[1]), authorization, body)
        if method == "POST" and (found := SUBSCRIBE.fullmatch(path)):
            return topics.subscribe(self, unquote(found[1]), unquote(found[2]), query.get("topic_name"),
                                    authorization)
        if method == "DELETE" and (found := UNSUBSCRIBE.fullmatch(path)):
            allow_missing = query.get("allow_missing") == "true"
            return topics.unsubscribe(self, unquote(found[1]), unquote(found[2]), unquote(found[3]), allow_missing,
                                      authorization)
        error = not_found(method, path)
        return error.code, error.body(), {}
