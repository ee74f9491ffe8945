"""/v1/categories and /v1/meeting-types: the vocabularies a client builds its filters from."""

from api.resources.blueprint import Blueprint

blp = Blueprint("catalog", __name__, url_prefix="/v1", description="Categories and meeting type codes.")

from api.resources.catalog import resources  # noqa: E402,F401  (registers the views on blp)
