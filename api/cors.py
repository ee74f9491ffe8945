"""Who may read Lantern from a web page on another origin: the one CORS policy, configured through Flask-CORS.

- The public read API (/v1/...), the feeds (/v1/meeting-guide.json), /hsds, the API root and /openapi.json answer
  every origin with `Access-Control-Allow-Origin: *`: they are public open data that a PWA, a county's meeting
  finder, TSML UI or an HSDS tool reads from its own origin (Open Referral UK asks for `*` on HSDS APIs). A literal
  `*` (not the caller's origin echoed back) keeps one cached copy per URL for every origin, so no `Vary: Origin`.
  GET, HEAD and OPTIONS; a preflight is answered (a conditional GET with If-None-Match needs one) and may be
  remembered for PREFLIGHT_MAX_AGE_S.
- /v1/devices: an app's web build registers for push and changes its subscriptions from its own origin, so POST,
  PATCH and DELETE and the Authorization (the device secret, a bearer token) and Content-Type headers are allowed
  there too. Still `*` and never credentials: the secret travels in the Authorization header that the page's script
  sets, never in a cookie, so no browser sends anything of the person's on its own; a page that lacks the secret
  gets the 401 it would get anywhere.
- /v1/services/{id}/reports: the same methods and headers for reporting a listing wrong (POST, with the device
  secret when the app wants to hear the outcome), but only for the origins REPORT_ORIGINS names (an app's web
  build; none by default, answered with `Vary: Origin`): "full" and "closed" reports can make a listing's counts
  unconfirmed, so no other site's page may send them from its visitors' browsers, each from a fresh address.
- Credentials (cookies) are never allowed anywhere: nothing public needs them, and with `*` browsers refuse them.
- Nothing at all on /admin (session cookies, CSRF-protected forms: same origin only) nor on /metrics (operators).

Exposed to scripts besides the CORS-safelisted headers (Content-Type, Content-Language, Cache-Control, ...): ETag
(a client revalidates with If-None-Match), Retry-After (how long to wait after a 429 or 503), and on device routes
WWW-Authenticate (whether the secret was missing or wrong).
"""

import re
from urllib.parse import urlsplit

from flask import Flask
from flask_cors import CORS

from api.errors import ConfigurationError

PREFLIGHT_MAX_AGE_S = 86_400  # browsers cap it lower (Chromium: 2 hours); the policy changes only with a release
READ_METHODS = ["GET", "HEAD", "OPTIONS"]
# Request headers a reading client may send beyond the safelisted ones: a revalidation, or a refresh past caches.
READ_HEADERS = ["Accept", "Accept-Language", "Cache-Control", "If-None-Match"]
READ = {"origins": "*", "send_wildcard": True, "methods": READ_METHODS, "allow_headers": READ_HEADERS,
        "expose_headers": ["ETag", "Retry-After"], "max_age": PREFLIGHT_MAX_AGE_S, "supports_credentials": False}
DEVICES = {**READ, "methods": [*READ_METHODS, "POST", "PATCH", "DELETE"],
           "allow_headers": [*READ_HEADERS, "Authorization", "Content-Type"],
           "expose_headers": ["ETag", "Retry-After", "WWW-Authenticate"]}

# Paths (matched from their start), kept apart so no rule depends on Flask-CORS's order of trying them.
RESOURCES = {
    re.compile(r"/v1/devices(/|$)"): DEVICES,
    re.compile(r"/v1/(?!devices(/|$)|services/[^/]+/reports$)"): READ,
    re.compile(r"/hsds(/|$)"): READ,
    re.compile(r"/(openapi\.json)?$"): READ,
}
REPORTS = re.compile(r"/v1/services/[^/]+/reports$")


def init_app(app: Flask) -> None:
    """Answer cross-origin requests on the public paths as the module docstring says; everything else gets none."""
    origins = report_origins(app.config["REPORT_ORIGINS"])
    reports = {REPORTS: {**DEVICES, "origins": origins, "send_wildcard": False}} if origins else {}
    app.after_request(_one_vary)  # registered first, so it runs after Flask-CORS's own hook
    CORS(app, resources=RESOURCES | reports, supports_credentials=False)


def _one_vary(response):
    # Flask-CORS adds its `Vary: Origin` as a second Vary header, and a later `response.vary.add` (the language's)
    # reads the first alone and replaces both: merged into one, every cache key survives.
    values = response.headers.getlist("Vary")
    if len(values) > 1:
        response.headers["Vary"] = ", ".join(values)
    return response


def report_origins(text: str) -> list[str]:
    """REPORT_ORIGINS as origins ("https://app.example.org"); a wildcard, a path or no scheme stops start-up."""
    origins = [item.strip().rstrip("/") for item in text.split(",") if item.strip()]
    for origin in origins:
        parts = urlsplit(origin)
        # Flask-CORS reads an origin holding any of these as a pattern: each must be one origin, spelled out.
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or set(origin) & set("*\\?$^[]()"):
            raise ConfigurationError(f"REPORT_ORIGINS: {origin!r} is not an origin such as https://app.example.org")
    return origins
