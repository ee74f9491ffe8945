"""/v1/health: liveness and readiness of the storage and the search backend."""

from api.resources.blueprint import Blueprint

blp = Blueprint("health", __name__, url_prefix="/v1", description="Is the service up and able to answer?")

from api.resources.health import resources  # noqa: E402,F401  (registers the views on blp)
