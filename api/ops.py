"""Operator endpoints outside the public API: /metrics in Prometheus text format, for operators alone."""

import hmac
import os

from flask import Blueprint, Response, abort, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from api.backends import backends
from api.errors import Unauthorized
from api.metrics import INDEX_LAG_CHANGES, INDEX_LAG_SECONDS
from api.proxies import address_in, networks
from api.services.index_status import index_lag

blp = Blueprint("ops", __name__)
FORWARDING_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


@blp.record_once
def _check_settings(state):
    networks(state.app.config["METRICS_ALLOWED"], "METRICS_ALLOWED")  # a typo stops start-up, not a scrape


@blp.get("/metrics")
def metrics():
    """Every metric of the serving processes; the index lag is measured now, from the database and the checkpoint."""
    context = backends()
    _operators_only(context.config)
    if context.config.SEARCH_BACKEND == "meilisearch":
        lag = index_lag(context.config.MEILI_INDEX, context.clock())
        INDEX_LAG_CHANGES.set(lag["changes"])
        INDEX_LAG_SECONDS.set(lag["seconds"])
    return Response(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST)


def _registry() -> CollectorRegistry:
    """This process's metrics; with several serving processes (PROMETHEUS_MULTIPROC_DIR, set by `lantern run`), all
    of theirs added up."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def _operators_only(config) -> None:
    """Let through a direct request from an allowed address (METRICS_ALLOWED) or the bearer METRICS_TOKEN.

    By address, only the peer that really connected counts, and only when it forwards nobody: behind a proxy on
    this host every visitor arrives from 127.0.0.1, and X-Forwarded-For is whatever the peer wrote (with
    TRUSTED_PROXIES a count, any peer is believed). ProxyFix keeps the peer's own address under
    werkzeug.proxy_fix.orig when it replaced it.
    """
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    if config.METRICS_TOKEN and scheme.lower() == "bearer" and \
            hmac.compare_digest(credential.strip().encode(), config.METRICS_TOKEN.encode()):
        return
    peer = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR", request.environ.get("REMOTE_ADDR"))
    forwarded = any(name in request.headers for name in FORWARDING_HEADERS)
    if not forwarded and address_in(peer, networks(config.METRICS_ALLOWED, "METRICS_ALLOWED")):
        return
    if config.METRICS_TOKEN:
        raise Unauthorized("Metrics need the operators' bearer token.", given=bool(credential))
    abort(403)
