"""A replica process's front door: public reads served here, everything else handed to the one writer.

On the embedded default `lantern run` starts one writer process (the whole app: every write, the admin area, the
background work), listening only on a private Unix socket, and WEB_CONCURRENCY replica processes on the public
port (api/cli/serving.py). A replica answers the public directory's reads from its copy, brought up to date before
each one (api/adapters/replica.py); any other request (a write, the admin area, devices, reports, health, metrics,
whole-directory exports) goes to the writer as it came, with the client's address and scheme in two headers that
only the writer's socket believes.
"""

import http.client
import json
import re
import socket
import threading
from http import HTTPStatus
from urllib.parse import parse_qsl, quote

from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Request

from api.i18n import language
from api.i18n.http import accepted
from api.i18n.text import gettext as _
from api.rate_limits import asks_export

# GET, HEAD and OPTIONS (CORS preflights) of these paths are the replica's own. The whole-directory exports are not
# (the Meeting Guide feed, format=ndjson): the writer builds and caches each once, under their tight rate limit.
LOCAL_PATH = re.compile(r"/(?:docs(?:/.*)?|openapi\.json|static/.*|hsds(?:/.*)?|"
                        r"v1/(?:categories|meeting-types|changes|meetings|services(?:/[^/]+)?))?")
LOCAL_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PEER, SCHEME = "X-Lantern-Peer", "X-Lantern-Scheme"
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
                        "transfer-encoding", "upgrade"})
# An admin import of a large file may take minutes; a writer that holds a request longer than this has hung.
TIMEOUT_S = 600.0
CHUNK = 64 * 1024


class Forwarder:
    """WSGI middleware of a replica: `app` answers local reads after `catch_up()`; the writer answers the rest."""

    def __init__(self, app, writer_socket: str, catch_up):
        self.app, self.writer_socket, self.catch_up = app, writer_socket, catch_up

    def __call__(self, environ, start_response):
        if is_local(environ):
            self.catch_up()
            return self.app(environ, start_response)
        return self.forward(environ, start_response)

    def forward(self, environ, start_response):
        """The request sent on to the writer as it came, and its answer streamed back.

        The body goes on from a thread of its own while this one waits for the answer: the writer may refuse a
        body from its headers alone (413, 411, 429), and a client that announced 100 MB and waits for that answer
        before sending them must get it. The thread is done before the request ends, since gunicorn then reads
        what is left of the body itself.
        """
        connection = UnixConnection(self.writer_socket, TIMEOUT_S)
        sender = None
        try:
            connection.putrequest(environ["REQUEST_METHOD"], _target(environ), skip_host=True,
                                  skip_accept_encoding=True)
            for name, value in _headers(environ).items():
                connection.putheader(name, value)
            connection.endheaders()
            if _has_body(environ):
                sender = threading.Thread(target=_send_body, args=(connection.sock, environ), daemon=True,
                                          name="forward-body")
                sender.start()
            response = connection.getresponse()
        except (OSError, http.client.HTTPException):  # no writer there, or it hung up or answered garbage
            _finish(connection, sender)
            return _unavailable(environ, start_response)
        start_response(f"{response.status} {response.reason}",
                       [(name, value) for name, value in response.getheaders() if name.lower() not in HOP_BY_HOP])
        return _streamed(response, connection, sender)


def writer_side(app):
    """WSGI middleware of the writer: its socket is reached only through replicas, so the client's address and
    scheme are the ones a replica passed (TRUSTED_PROXIES then applies to them as to a direct request)."""
    def restored(environ, start_response):
        environ["REMOTE_ADDR"] = environ.pop(_environ_key(PEER), "")
        scheme = environ.pop(_environ_key(SCHEME), "http")
        environ["wsgi.url_scheme"] = scheme if scheme in ("http", "https") else "http"
        return app(environ, start_response)
    return restored


def is_local(environ) -> bool:
    """Whether a replica answers this request itself."""
    query = environ.get("QUERY_STRING", "")
    # The query read as the app reads it (format=%6Edjson is an export too), and judged by the same rule.
    return (environ["REQUEST_METHOD"] in LOCAL_METHODS and not (query and asks_export(MultiDict(parse_qsl(query))))
            and LOCAL_PATH.fullmatch(environ.get("PATH_INFO", "")) is not None)


class UnixConnection(http.client.HTTPConnection):
    """http.client's connection, to a Unix socket's path instead of a host and port."""

    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        """Connect to the socket (http.client calls this before sending)."""
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def _environ_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _target(environ) -> str:
    # PATH_INFO is the decoded path as latin-1 text (PEP 3333): its bytes, quoted again.
    path = quote((environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")).encode("latin-1"),
                 safe="/:@!$&'()*+,;=~")
    query = environ.get("QUERY_STRING")
    return f"{path}?{query}" if query else path


def _headers(environ) -> dict[str, str]:
    # Hop-by-hop: the standard ones, and any the client's Connection header names (RFC 9110 7.6.1).
    named = {name.strip().lower() for name in environ.get("HTTP_CONNECTION", "").split(",")}
    headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items()
               if key.startswith("HTTP_") and key[5:].replace("_", "-").lower() not in HOP_BY_HOP | named}
    for header in (PEER, SCHEME):
        headers.pop(header, None)  # only this replica says these
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = environ["CONTENT_TYPE"]
    if environ.get("CONTENT_LENGTH"):
        headers["Content-Length"] = environ["CONTENT_LENGTH"]
    elif _chunked(environ):
        headers["Transfer-Encoding"] = "chunked"  # the writer refuses it on the public API (411), as when direct
    headers["Host"] = environ.get("HTTP_HOST", "localhost")
    headers[PEER] = environ.get("REMOTE_ADDR", "")
    headers[SCHEME] = environ.get("wsgi.url_scheme", "http")
    return headers


def _chunked(environ) -> bool:
    return "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()


def _has_body(environ) -> bool:
    return _chunked(environ) or int(environ.get("CONTENT_LENGTH") or 0) > 0


def _send_body(writer: socket.socket, environ) -> None:
    """The request body, as it arrives (never whole in memory), in chunks when it came in chunks."""
    stream, chunked = environ["wsgi.input"], _chunked(environ) and not environ.get("CONTENT_LENGTH")
    left = None if chunked else int(environ["CONTENT_LENGTH"])
    try:
        while left is None or left > 0:
            chunk = stream.read(CHUNK if left is None else min(CHUNK, left))
            if not chunk:
                break
            if left is not None:
                left -= len(chunk)
            writer.sendall(b"%X\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        if chunked:
            writer.sendall(b"0\r\n\r\n")
    except Exception:  # noqa: BLE001 - whatever cut the body off (the writer hanging up after its answer, the
        pass  # client hanging up or sending a broken chunk), the writer sees it cut off and answers accordingly


def _streamed(response, connection: http.client.HTTPConnection, sender: threading.Thread | None):
    try:
        while chunk := response.read(CHUNK):
            yield chunk
    finally:
        _finish(connection, sender)


def _finish(connection: http.client.HTTPConnection, sender: threading.Thread | None) -> None:
    """Hang up on the writer, which ends a body still going there, and wait for its thread (the client has its
    answer by now, so one still sending finishes or hangs up)."""
    connection.close()
    if sender is not None:
        sender.join(TIMEOUT_S)


def _unavailable(environ, start_response):
    """503 in the API's error shape and the client's language: the writer is starting (or starting again)."""
    request = Request(environ)
    with language.speaking(language.negotiate(request.args.get("lang"), accepted(request))) as spoken:
        message = _("Lantern is starting. Try again in a few seconds.")
    status = HTTPStatus.SERVICE_UNAVAILABLE
    # Built here, not by the app's error handlers: there is no app (nor request context) on this side of the hand-off.
    body = json.dumps({"code": status.value, "status": status.phrase, "message": message}).encode()
    start_response(f"{status.value} {status.phrase}", [
        ("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Retry-After", "5"),
        ("Cache-Control", "no-store"), ("Content-Language", spoken)])
    return [body]
