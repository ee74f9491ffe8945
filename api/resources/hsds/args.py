"""Query parameters of the HSDS lists, as the HSDS openapi.json names them; unknown names are refused."""

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from api.resources.query_schemas import MAX_QUERY_LENGTH, MAX_RADIUS_M

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# HSDS asks that minimal=true return every service in one page where it can: its items are two fields each.
MINIMAL_PER_PAGE = 10_000
MAX_PAGE = 100_000
ID = validate.Length(min=1, max=100)


class ListArgsSchema(Schema):
    search = fields.String(load_default="", validate=validate.Length(max=MAX_QUERY_LENGTH),
                           metadata={"description": "Words to look for (each must start a word of the item)."})
    page = fields.Integer(validate=validate.Range(1, MAX_PAGE), metadata={"description": "Page number, from 1."})
    per_page = fields.Integer(validate=validate.Range(1, MINIMAL_PER_PAGE), metadata={
        "description": f"Items per page: default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE} "
                       f"({MINIMAL_PER_PAGE} with minimal=true, which is also its default)."})
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "ndjson")), metadata={
        "description": "json: one HSDS Page; ndjson: every result, one JSON object per line, without paging "
                       "(application/x-ndjson)."})

    @validates_schema
    def paging_fits(self, data, **kwargs):
        """ndjson has no pages; only minimal items come in pages larger than MAX_PER_PAGE."""
        if data.get("format") == "ndjson":
            for name in ("page", "per_page"):
                if name in data:
                    raise ValidationError("format=ndjson streams every result, without pages.", field_name=name)
        if data.get("per_page", 0) > MAX_PER_PAGE and not data.get("minimal"):
            raise ValidationError(f"Must be at most {MAX_PER_PAGE} (or {MINIMAL_PER_PAGE} with minimal=true).",
                                  field_name="per_page")

    @post_load
    def default_paging(self, data, **kwargs):
        data.setdefault("page", 1)
        data.setdefault("per_page", MINIMAL_PER_PAGE if data.get("minimal") else DEFAULT_PER_PAGE)
        return data


class ServiceFilterArgsSchema(ListArgsSchema):
    taxonomy_term_id = fields.String(validate=ID, metadata={"description": "Services with this taxonomy term."})
    taxonomy_id = fields.String(validate=ID, metadata={"description": "Services with any term of this taxonomy."})
    organization_id = fields.String(validate=ID, metadata={"description": "Services of this organization."})
    modified_after = fields.DateTime(format="iso", metadata={
        "description": "Services changed at or after this ISO 8601 date-time (UTC when it has no offset)."})
    full = fields.Boolean(load_default=False, metadata={"description": "Fully nested objects."})
    postcode = fields.String(validate=validate.Length(min=1, max=20), metadata={
        "description": "Results at a place with this public postal code; with proximity, near its places."})
    proximity = fields.Float(validate=validate.Range(1, MAX_RADIUS_M), metadata={
        "description": "Metres from the centroid of our places with that postcode (needs postcode)."})

    @validates_schema
    def proximity_needs_postcode(self, data, **kwargs):
        if "proximity" in data and "postcode" not in data:
            raise ValidationError("proximity needs postcode.", field_name="proximity")


class ServiceListArgsSchema(ServiceFilterArgsSchema):
    minimal = fields.Boolean(load_default=False, metadata={
        "description": "Only each service's id and last_modified (default per_page: all in one page)."})

    @validates_schema
    def one_shape(self, data, **kwargs):
        if data.get("minimal") and data.get("full"):
            raise ValidationError("minimal and full exclude each other.", field_name="minimal")


class OrganizationListArgsSchema(ListArgsSchema):
    full = fields.Boolean(load_default=False, metadata={"description": "Fully nested organizations."})
    full_service = fields.Boolean(load_default=False, metadata={
        "description": "Fully nested organizations with fully nested services."})


class OrganizationArgsSchema(Schema):
    full_service = fields.Boolean(load_default=False, metadata={
        "description": "Fully nested services (otherwise their one-to-one fields)."})


class TaxonomyTermListArgsSchema(ListArgsSchema):
    taxonomy_id = fields.String(validate=ID, metadata={"description": "Terms of this taxonomy."})
    parent_id = fields.String(validate=ID, metadata={"description": "Terms whose parent is this term."})
    top_only = fields.Boolean(load_default=False, metadata={"description": "Only terms without a parent."})
