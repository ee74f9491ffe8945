"""Views of the catalog: categories with counts, Meeting Guide types with translations."""

from flask.views import MethodView
from marshmallow import RAISE

from api.backends import backends
from api.domain.meeting_types import meeting_type_label, meeting_types
from api.resources.catalog import blp
from api.resources.catalog.schemas import CategorySchema, MeetingTypeSchema
from api.resources.query_schemas import LangArgsSchema
from api.services import directory


@blp.route("/categories")
class Categories(MethodView):
    @blp.etag
    @blp.arguments(LangArgsSchema, location="query", unknown=RAISE)
    @blp.response(200, CategorySchema(many=True))
    def get(self, args):
        """Every category with its count of listings."""
        return directory.category_counts(backends().reader)


@blp.route("/meeting-types")
class MeetingTypes(MethodView):
    @blp.etag
    @blp.arguments(LangArgsSchema, location="query", unknown=RAISE)
    @blp.response(200, MeetingTypeSchema(many=True))
    def get(self, args):
        """Meeting Guide type codes with their translations, as the specification publishes them."""
        return [{"code": code, "label": meeting_type_label(code), "translations": labels}
                for code, labels in meeting_types().items()]
