"""Where a listing's reports go, for the formats that carry a feedback link (Meeting Guide, HSDS)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import current_app, has_app_context, has_request_context, request

# PUBLIC_URL for builders that run outside the app (`lantern export`), which have no app config to read it from.
_public_url: ContextVar[str | None] = ContextVar("public_url", default=None)


@contextmanager
def links_to(public_url: str | None) -> Iterator[None]:
    """Within this block, report links point at public_url (the builders are the API's own, unchanged)."""
    token = _public_url.set(public_url)
    try:
        yield
    finally:
        _public_url.reset(token)


def report_url(service_id: str) -> str:
    """POST /v1/services/{id}/reports at PUBLIC_URL, else on the server being asked; the path alone when neither is
    known (a file written outside a request without PUBLIC_URL)."""
    path = f"/v1/services/{service_id}/reports"
    base = _public_url.get() or (current_app.config.get("PUBLIC_URL") if has_app_context() else None)
    if not base and has_request_context():
        base = request.host_url
    return (base or "").rstrip("/") + path
