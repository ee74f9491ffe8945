"""Routing for the fake's HTTP API: requests, a route table per module, and the dispatcher that checks keys."""

import json
import re
import traceback
from dataclasses import dataclass, field

from .auth import Auth, Grant
from .errors import MeiliError
from .store import Store
from .tasks import TaskQueue


@dataclass
class Request:
    """What a handler sees of one HTTP request."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)
    grant: Grant | None = None

    def json(self, required: bool = True):
        """The body as JSON; the 400s Meilisearch gives for a missing or malformed one."""
        if not self.body.strip():
            if required:
                raise MeiliError("missing_payload", "A json payload is missing.")
            return None
        try:
            return json.loads(self.body)
        except ValueError as error:
            raise MeiliError("malformed_payload", f"The json payload provided is malformed. `{error}`.") from error


class Router:
    """A module's route table, filled by decorating handlers: `@router("GET", "/indexes/{uid}", "indexes.get")`."""

    def __init__(self):
        self.routes: list[tuple[str, re.Pattern, str | None, object]] = []

    def __call__(self, method: str, path: str, action: str | None):
        """Register a handler; action is the API-key action it needs (None: open, like /health)."""
        pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$")

        def register(handler):
            self.routes.append((method, pattern, action, handler))
            return handler

        return register


class Api:
    """Routes requests to handlers after the key check, turning MeiliError into its HTTP reply."""

    def __init__(self, store: Store, tasks: TaskQueue, auth: Auth, routers: list[Router]):
        self.store, self.tasks, self.auth = store, tasks, auth
        self.routes = [entry for router in routers for entry in router.routes]

    def handle(self, request: Request) -> tuple[int, object]:
        """Answer one request."""
        try:
            path_matched = False
            for method, pattern, action, handler in self.routes:
                found = pattern.match(request.path)
                path_matched = path_matched or bool(found)
                if found and method == request.method:
                    request.params = found.groupdict()
                    if action is not None:
                        self._authorize(request, action)
                    return handler(self, request)
            if path_matched:
                return 405, None
            raise MeiliError("not_found", f"Route `{request.method} {request.path}` not found.", 404)
        except MeiliError as error:
            return error.status, error.body()
        except Exception:  # a bug in the fake: answer it, with the traceback, instead of dropping the connection
            return 500, MeiliError("internal", traceback.format_exc(), 500, "internal").body()

    def _authorize(self, request: Request, action: str) -> None:
        header = request.headers.get("Authorization")
        request.grant = self.auth.grant(header, keys_route=action.startswith("keys."))
        if not request.grant.allows(action, request.params.get("uid")):
            raise forbidden()

    def enqueue(self, kind: str, uid: str | None, operation, details: dict | None = None) -> tuple[int, dict]:
        """Queue a write (applied later under the store lock) and answer 202 with the task summary."""
        return 202, self.tasks.enqueue(kind, uid, lambda: operation(self.store), details or {})


def forbidden() -> MeiliError:
    """The 403 for a key that exists but does not cover this action or index."""
    return MeiliError("invalid_api_key", "The provided API key is invalid.", 403, "auth")
