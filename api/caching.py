"""How long a phone or a CDN may keep each public answer: one table, by resource, applied after every request.

Every public answer that changes with the directory also carries an ETag, so once max-age runs out a client
revalidates with If-None-Match and gets a body-less 304 when nothing changed; a 304 repeats its resource's
Cache-Control, which refreshes the stored copy.

- Search, meeting lists and one listing (/v1/services, /v1/meetings): "open now", "starting soon" and capacity
  ("2 beds free") change by the minute, and the app's promise is that what it shows is true now: a minute (LIVE).
- The Meeting Guide feed: no capacity, and the clients that read it (the Meeting Guide app, TSML UI) reload it
  seldom; a quarter of an hour (FEED).
- /hsds lists and objects: an aggregator's sync or an HSDS tool, but 3.1-dev capacity rides along: five minutes.
- /v1/changes: a sync cursor's answer grows with every edit, so a cache keeps it only to revalidate (no-cache).
- Vocabularies, the API root, /hsds's root and profile, /openapi.json: change only with a release: an hour (STABLE).
- /v1/health: always asked afresh (a cached "ok" would hide an outage); /v1/devices: a device's own settings and
  secret-guarded answers, kept by no cache at all (no-store); so is the answer to a report.
- Every error (4xx, 5xx): no-store, so a passing 404, 429 or 503 is never served again from a cache.
Anything not in the table (the admin area, which sets its own no-store; /metrics; the Swagger UI assets, which
set their own) is left as its view made it.
"""

from flask import Flask, Response, request

LIVE = "public, max-age=60"
DIRECTORY = "public, max-age=300"
FEED = "public, max-age=900"
STABLE = "public, max-age=3600"
REVALIDATE = "public, no-cache"
NO_STORE = "no-store"

# By endpoint first (where one differs from the rest of its blueprint), then by blueprint.
ENDPOINTS = {"hsds.Root": STABLE, "hsds.Profile": STABLE, "docs.root": STABLE, "api-docs.openapi_json": STABLE}
BLUEPRINTS = {"services": LIVE, "meetings": LIVE, "meeting-guide": FEED, "hsds": DIRECTORY, "changes": REVALIDATE,
              "catalog": STABLE, "health": NO_STORE, "devices": NO_STORE, "reports": NO_STORE,
              "report_page": NO_STORE}


def policy(endpoint: str | None, blueprint: str | None, status: int) -> str | None:
    """The Cache-Control an answer gets, or None when this table does not decide for it."""
    if status >= 400:
        return NO_STORE
    return ENDPOINTS.get(endpoint or "") or BLUEPRINTS.get(blueprint or "")


def init_app(app: Flask) -> None:
    """Set every response's Cache-Control from the table (a preflight's OPTIONS is CORS's, not a cache's)."""

    @app.after_request
    def cache_control(response: Response) -> Response:
        if request.method != "OPTIONS" and (value := policy(request.endpoint, request.blueprint,
                                                            response.status_code)):
            response.headers["Cache-Control"] = value
        return response
