"""Views of /v1/services: arguments in, directory call, response out."""

from flask.views import MethodView
from marshmallow import RAISE

from api.backends import backends
from api.resources.answers import json_answer
from api.resources.query_schemas import LangArgsSchema, geo_filter
from api.resources.services import blp
from api.resources.services.schemas import ServiceDetailSchema, ServicePageSchema, ServiceSearchArgsSchema
from api.services import directory
from api.services.search import ServiceQuery


@blp.route("")
class Services(MethodView):
    @blp.etag
    @blp.arguments(ServiceSearchArgsSchema(), location="query", unknown=RAISE)  # one instance: none per request
    @blp.response(200, ServicePageSchema)
    def get(self, args):
        """Search services: near a place (nearest first), open now, with room, by filter."""
        context = backends()
        query = ServiceQuery(
            now=context.clock(), q=args["q"].strip(), geo=geo_filter(args), categories=tuple(args["category"]),
            open_now=args["open_now"], accepting=args["accepting"], gender=args.get("gender"),
            language=args.get("language"), moud=args.get("moud"), payment=args.get("payment"),
            narr_level=args.get("narr_level"), freshness_ttl_hours=context.config.FRESHNESS_TTL_HOURS,
            page=args["page"], per_page=args["per_page"])
        body, answered_by = directory.search_services(context.search, context.reader, query, context.views)
        return json_answer(blp, body, {"X-Search-Backend": answered_by})


@blp.route("/<string:service_id>")
class ServiceById(MethodView):
    @blp.etag
    @blp.arguments(LangArgsSchema(), location="query", unknown=RAISE)
    @blp.response(200, ServiceDetailSchema)
    def get(self, args, service_id):
        """One listing in full: hours in local time, capacity with its age, contacts, places."""
        context = backends()
        return json_answer(blp, directory.get_service(context.reader, service_id, context.clock(),
                                                      context.config.FRESHNESS_TTL_HOURS, context.views))
