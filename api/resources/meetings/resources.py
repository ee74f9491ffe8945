"""Views of /v1/meetings."""

from flask.views import MethodView
from marshmallow import RAISE

from api.backends import backends
from api.resources.answers import json_answer
from api.resources.meetings import blp
from api.resources.meetings.schemas import MeetingPageSchema, MeetingSearchArgsSchema
from api.resources.query_schemas import geo_filter
from api.services import directory
from api.services.search import MeetingQuery


@blp.route("")
class Meetings(MethodView):
    @blp.etag
    @blp.arguments(MeetingSearchArgsSchema(), location="query", unknown=RAISE)  # one instance: none per request
    @blp.response(200, MeetingPageSchema)
    def get(self, args):
        """Find meetings: near a place, on a day, after a time, by type and attendance; soonest first."""
        context = backends()
        query = MeetingQuery(
            now=context.clock(), geo=geo_filter(args), q=args["q"].strip(), day=args.get("day"),
            starting_after=args.get("starting_after"), types=tuple(args["types"]),
            attendance=tuple(args["attendance"]), fellowship=args.get("fellowship"),
            page=args["page"], per_page=args["per_page"])
        body, answered_by = directory.search_meetings(context.search, context.reader, query, context.views)
        return json_answer(blp, body, {"X-Search-Backend": answered_by})
