"""View of /v1/health."""

from flask.views import MethodView

from api.backends import backends
from api.resources.health import blp
from api.resources.health.schemas import HealthSchema
from api.services.index_status import index_lag


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="A component cannot answer.")
    def get(self):
        """Liveness (this answered) and readiness (storage and search answer too)."""
        context = backends()
        storage_ok, search_ok = context.storage.ping(), context.search.ping()
        pending = context.readiness.pending()
        body = {"status": "ok" if storage_ok and search_ok else "unavailable",
                "storage": {"backend": context.storage.name, "ok": storage_ok},
                "search": {"backend": context.search.name, "ok": search_ok},
                "readiness": {"state": "starting" if pending else "ready", "pending": pending}}
        if context.config.SEARCH_BACKEND == "meilisearch" and storage_ok:
            body["index"] = index_lag(context.config.MEILI_INDEX, context.clock())
        return body, 200 if body["status"] == "ok" else 503
