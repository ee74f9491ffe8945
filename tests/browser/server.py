"""The app under test served on 127.0.0.1 from a thread of the test process (the embedded database lives here)."""

import threading

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass  # one line per asset would bury a failing test's output; errors are still logged


class LiveServer:
    """Serves `app` on a free port until closed; `url` has no trailing slash, so `server.url + "/docs"` reads well."""

    def __init__(self, app: Flask):
        self.app = app
        self._http = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._http.server_port}"
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="live-server", daemon=True)

    def __enter__(self) -> "LiveServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)
