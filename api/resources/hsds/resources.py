"""Views of /hsds: arguments in, an HSDS read, a Page (or an ndjson stream, or one object) out."""

import json

from flask import Response, request, url_for
from flask.views import MethodView

from api import rate_limits
from api.backends import backends
from api.interop.hsds import reads as hsds
from api.interop.hsds.paging import Filters, Listing
from api.resources.hsds import blp
from api.resources.hsds.args import (
    ListArgsSchema,
    OrganizationArgsSchema,
    OrganizationListArgsSchema,
    ServiceFilterArgsSchema,
    ServiceListArgsSchema,
    TaxonomyTermListArgsSchema,
)
from api.resources.hsds.schemas import (
    InfoSchema,
    OrganizationPageSchema,
    OrganizationSchema,
    ProfileSchema,
    ServiceAtLocationPageSchema,
    ServiceAtLocationSchema,
    ServicePageSchema,
    ServiceSchema,
    TaxonomyPageSchema,
    TaxonomySchema,
    TaxonomyTermPageSchema,
    TaxonomyTermSchema,
)

NDJSON = "application/x-ndjson"
# The page and the stream share the 200: the description covers both.
LISTED = "An HSDS Page; with format=ndjson, every result as one JSON object per line, without pages."
NDJSON_DOC = {"schema": {"type": "string"}, "content_type": NDJSON, "success": True, "description": LISTED}


@blp.route("/")
class Root(MethodView):
    @blp.etag
    @blp.response(200, InfoSchema)
    def get(self):
        """Which HSDS version this API speaks, its profile and its OpenAPI document."""
        return {"version": hsds.HSDS_VERSION, "profile": url_for("hsds.Profile", _external=True),
                "openapi_url": url_for("api-docs.openapi_json", _external=True)}


@blp.route("/profile")
class Profile(MethodView):
    @blp.etag
    @blp.response(200, ProfileSchema)
    def get(self):
        """What this API adds to HSDS 3.0, and the conventions it follows."""
        return hsds.PROFILE


@blp.route("/services")
class Services(MethodView):
    decorators = [rate_limits.exports(only_ndjson=True)]

    @blp.etag
    @blp.arguments(ServiceListArgsSchema, location="query")
    @blp.response(200, ServicePageSchema, description=LISTED)
    @blp.alt_response(200, **NDJSON_DOC)
    def get(self, args):
        """Services: one-to-one fields, fully nested (full=true) or just id and last_modified (minimal=true)."""
        shape = "minimal" if args["minimal"] else "full" if args["full"] else "list"
        return _answer(hsds.services(_filters(args), shape, _now()), args)


@blp.route("/services/<string:service_id>")
class ServiceById(MethodView):
    @blp.etag
    @blp.response(200, ServiceSchema)
    def get(self, service_id):
        """One service, fully nested: places, phones, schedules, languages, attributes, capacity."""
        return hsds.service(service_id, _now())


@blp.route("/service_at_locations")
class ServiceAtLocations(MethodView):
    decorators = [rate_limits.exports(only_ndjson=True)]

    @blp.etag
    @blp.arguments(ServiceFilterArgsSchema, location="query")
    @blp.response(200, ServiceAtLocationPageSchema, description=LISTED)
    @blp.alt_response(200, **NDJSON_DOC)
    def get(self, args):
        """Where services are delivered: each place (or conference link) with its service."""
        return _answer(hsds.service_at_locations(_filters(args), args["full"], _now()), args)


@blp.route("/service_at_locations/<string:link_id>")
class ServiceAtLocationById(MethodView):
    @blp.etag
    @blp.response(200, ServiceAtLocationSchema)
    def get(self, link_id):
        """One service_at_location with its location and its service, fully nested."""
        return hsds.service_at_location(link_id, _now())


@blp.route("/organizations")
class Organizations(MethodView):
    decorators = [rate_limits.exports(only_ndjson=True)]

    @blp.etag
    @blp.arguments(OrganizationListArgsSchema, location="query")
    @blp.response(200, OrganizationPageSchema, description=LISTED)
    @blp.alt_response(200, **NDJSON_DOC)
    def get(self, args):
        """Organizations: one-to-one fields, or fully nested (full=true, full_service=true)."""
        return _answer(hsds.organizations(args["search"], args["full"], args["full_service"], _now()), args)


@blp.route("/organizations/<string:organization_id>")
class OrganizationById(MethodView):
    @blp.etag
    @blp.arguments(OrganizationArgsSchema, location="query")
    @blp.response(200, OrganizationSchema)
    def get(self, args, organization_id):
        """One organization with its phones, places and services."""
        return hsds.organization(organization_id, args["full_service"], _now())


@blp.route("/taxonomies")
class Taxonomies(MethodView):
    @blp.etag
    @blp.arguments(ListArgsSchema, location="query")
    @blp.response(200, TaxonomyPageSchema, description=LISTED)
    @blp.alt_response(200, **NDJSON_DOC)
    def get(self, args):
        """The taxonomies our attributes draw on: Lantern's terms and our vocabularies."""
        return _answer(hsds.taxonomies(args["search"]), args)


@blp.route("/taxonomies/<string:taxonomy_id>")
class TaxonomyById(MethodView):
    @blp.etag
    @blp.response(200, TaxonomySchema)
    def get(self, taxonomy_id):
        """One taxonomy."""
        return hsds.taxonomy(taxonomy_id)


@blp.route("/taxonomy_terms")
class TaxonomyTerms(MethodView):
    @blp.etag
    @blp.arguments(TaxonomyTermListArgsSchema, location="query")
    @blp.response(200, TaxonomyTermPageSchema, description=LISTED)
    @blp.alt_response(200, **NDJSON_DOC)
    def get(self, args):
        """Taxonomy terms, by taxonomy or parent."""
        listing = hsds.taxonomy_terms(args["search"], args.get("taxonomy_id"), args.get("parent_id"),
                                      args["top_only"])
        return _answer(listing, args)


@blp.route("/taxonomy_terms/<string:term_id>")
class TaxonomyTermById(MethodView):
    @blp.etag
    @blp.response(200, TaxonomyTermSchema)
    def get(self, term_id):
        """One taxonomy term, with its taxonomy."""
        return hsds.taxonomy_term(term_id)


def _now():
    return backends().clock()


def _filters(args: dict) -> Filters:
    return Filters(search=args["search"], organization_id=args.get("organization_id"),
                   taxonomy_term_id=args.get("taxonomy_term_id"), taxonomy_id=args.get("taxonomy_id"),
                   modified_after=args.get("modified_after"), postcode=args.get("postcode"),
                   proximity_m=args.get("proximity"))


def _answer(listing: Listing, args: dict):
    """The HSDS Page asked for, or with format=ndjson every item, one JSON object per line."""
    if args["format"] == "json":
        return listing.page(args["page"], args["per_page"])
    # The export is tagged before it is built, by what decides its content (a 304 costs no reads), and built once
    # per directory version however many ask for it at once.
    version = hsds.directory_version(_now())
    blp.set_etag({"query": request.query_string.decode(), "directory": version})
    body = backends().exports.get(("hsds", request.path, request.query_string, *version),
                                  lambda: "".join(_lines(listing)).encode())
    return Response(body, mimetype=NDJSON)


def _lines(listing: Listing):
    return (json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n" for item in listing.stream())
