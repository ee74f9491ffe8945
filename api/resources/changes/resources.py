"""View of /v1/changes."""

from flask.views import MethodView
from marshmallow import RAISE

from api.backends import backends
from api.resources.changes import blp
from api.resources.changes.schemas import ChangesArgsSchema, ChangesSchema
from api.services.change_feed import changes_since


@blp.route("/changes")
class Changes(MethodView):
    @blp.etag
    @blp.arguments(ChangesArgsSchema, location="query", unknown=RAISE)
    @blp.response(200, ChangesSchema)
    def get(self, args):
        """Listings changed or removed since a cursor: upserts with their summary, removals as tombstones."""
        context = backends()
        return changes_since(context.reader, args["since"], args["limit"], context.clock(),
                             context.config.FRESHNESS_TTL_HOURS)
