"""/v1/changes: the change feed a phone uses to keep an offline copy of the directory in sync."""

from api.resources.blueprint import Blueprint

blp = Blueprint("changes", __name__, url_prefix="/v1",
                description="Listings changed or removed since a cursor, oldest first.")

from api.resources.changes import resources  # noqa: E402,F401  (registers the views on blp)
