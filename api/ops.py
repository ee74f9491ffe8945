"""Operator endpoints outside the public API: /metrics in Prometheus text format."""

from flask import Blueprint, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.backends import backends
from api.metrics import INDEX_LAG_CHANGES, INDEX_LAG_SECONDS
from api.services.index_status import index_lag

blp = Blueprint("ops", __name__)


@blp.get("/metrics")
def metrics():
    """Every metric of this process; the index lag is measured now, from the database and the checkpoint."""
    context = backends()
    if context.config.SEARCH_BACKEND == "meilisearch":
        lag = index_lag(context.config.MEILI_INDEX, context.clock())
        INDEX_LAG_CHANGES.set(lag["changes"])
        INDEX_LAG_SECONDS.set(lag["seconds"])
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)
