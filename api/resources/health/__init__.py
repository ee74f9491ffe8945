"""/v1/health: liveness and readiness of the storage and the search backend."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api.backends import backends

blp = Blueprint("health", __name__, url_prefix="/v1", description="Is the service up and able to answer?")


class ComponentSchema(Schema):
    backend = fields.String()
    ok = fields.Boolean()


class HealthSchema(Schema):
    status = fields.String(metadata={"description": "ok, or unavailable when a component cannot answer."})
    storage = fields.Nested(ComponentSchema)
    search = fields.Nested(ComponentSchema)


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="A component cannot answer.")
    def get(self):
        """Liveness (this answered) and readiness (storage and search answer too)."""
        context = backends()
        storage_ok, search_ok = context.storage.ping(), context.search.ping()
        body = {"status": "ok" if storage_ok and search_ok else "unavailable",
                "storage": {"backend": context.storage.name, "ok": storage_ok},
                "search": {"backend": context.search.name, "ok": search_ok}}
        return body, 200 if body["status"] == "ok" else 503
