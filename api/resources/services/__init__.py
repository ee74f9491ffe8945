"""/v1/services: search the directory and read one listing."""

from api.resources.blueprint import Blueprint

blp = Blueprint("services", __name__, url_prefix="/v1/services",
                description="Find services near a person, open now, with room; read one listing in full.")

from api.resources.services import resources  # noqa: E402,F401  (registers the views on blp)
