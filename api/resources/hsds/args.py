"""Query parameters of the HSDS lists, read as leniently as the HSDS 3.0 openapi.json types them.

A client written against the standard (api/data/hsds/3.0/openapi.json) is never refused a request its types allow:
- Unknown parameters are ignored, on every endpoint: a cache-buster (`_=123`), an `api_key` meant for another
  server. An empty value is the parameter left out (`organization_id=` filters nothing).
- Paging is clamped, not refused: page below 1 is page 1 and beyond the last is the last (Listing.page), per_page
  is brought into 1..MAX_PER_PAGE (1..MINIMAL_PER_PAGE with minimal=true). The Page says what was served:
  page_number, size and total_pages. format=ndjson has no pages, so page and per_page are ignored there.
- format is read without case; ndjson streams, anything else is the default, json.
- search longer than MAX_QUERY_LENGTH is read up to it; an id or postcode longer than any we hold selects nothing.
- proximity is a string in HSDS: metres as a number in text ("500", "2.5e3"), clamped to 0..MAX_RADIUS_M. One that
  is not a finite number, or proximity without postcode (no centroid to measure from), is ignored.
- minimal=true with full=true: minimal wins, the smaller answer.
Still refused with a 422 naming the field: a value the standard's own type excludes (page=two, full=maybe), a
modified_after that is not an ISO 8601 date or date-time (the standard's "datetime"), a repeated single value.
"""

import math
from datetime import UTC, datetime

from marshmallow import EXCLUDE, Schema, fields, post_load, pre_load

from api.resources.query_schemas import MAX_QUERY_LENGTH, MAX_RADIUS_M

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# HSDS asks that minimal=true return every service in one page where it can: its items are four fields each.
MINIMAL_PER_PAGE = 10_000


class Metres(fields.String):
    """A distance given as text (HSDS types it string); None (ignored) when it is not a finite number, else clamped
    to 0..MAX_RADIUS_M."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)  # one string: a repeated value is refused
        try:
            number = float(text)
        except ValueError:
            return None
        return min(max(number, 0.0), MAX_RADIUS_M) if math.isfinite(number) else None


class Moment(fields.DateTime):
    """An ISO 8601 date or date-time as naive UTC (without an offset: UTC), as the database stores times; one
    beyond what a UTC datetime can hold (0001-01-01T00:00+14:00) is the earliest or latest there is."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        if moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            return datetime.min if moment.year == datetime.min.year else datetime.max


class LenientSchema(Schema):
    """Unknown parameters ignored, empty ones left out."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def drop_empty(self, data, **kwargs):
        """A parameter given empty (`taxonomy_id=`) is a parameter left out."""
        return {key: value for key, value in data.items() if not (isinstance(value, str) and not value.strip())}


class ListArgsSchema(LenientSchema):
    search = fields.String(load_default="", metadata={
        "description": f"Words to look for (each must start a word of the item); read up to {MAX_QUERY_LENGTH} "
                       "characters."})
    page = fields.Integer(load_default=1, metadata={
        "description": "Page number, from 1; one below 1 is page 1, one beyond the last is the last page."})
    per_page = fields.Integer(metadata={
        "description": f"Items per page: default {DEFAULT_PER_PAGE}, brought into 1..{MAX_PER_PAGE} "
                       f"(1..{MINIMAL_PER_PAGE} with minimal=true, which is also its default)."})
    format = fields.String(load_default="json", metadata={
        "description": "ndjson (any case): every result, one JSON object per line, without paging "
                       "(application/x-ndjson; page and per_page are ignored). Anything else: one HSDS Page in "
                       "JSON, the default."})

    @post_load
    def settle(self, data, **kwargs):
        """Defaults and clamps that depend on other parameters."""
        data["search"] = data["search"][:MAX_QUERY_LENGTH]
        data["format"] = "ndjson" if data["format"].strip().lower() == "ndjson" else "json"
        default, cap = (MINIMAL_PER_PAGE, MINIMAL_PER_PAGE) if data.get("minimal") else (DEFAULT_PER_PAGE, MAX_PER_PAGE)
        data["per_page"] = min(max(data.get("per_page", default), 1), cap)
        data["page"] = max(data["page"], 1)
        return data


class ServiceFilterArgsSchema(ListArgsSchema):
    taxonomy_term_id = fields.String(metadata={"description": "Services with this taxonomy term."})
    taxonomy_id = fields.String(metadata={"description": "Services with any term of this taxonomy."})
    organization_id = fields.String(metadata={"description": "Services of this organization."})
    modified_after = Moment(metadata={
        "description": "Services changed at or after this ISO 8601 date or date-time (UTC when it has no offset)."})
    full = fields.Boolean(load_default=False, metadata={"description": "Fully nested objects."})
    postcode = fields.String(metadata={
        "description": "Results at a place with this public postal code; with proximity, near its places."})
    proximity = Metres(metadata={
        "description": f"Metres (a number, up to {MAX_RADIUS_M}) from the centroid of our places with that "
                       "postcode; ignored without postcode, or when it is not a number."})

    @post_load
    def proximity_needs_postcode(self, data, **kwargs):
        if data.get("proximity") is None or "postcode" not in data:
            data.pop("proximity", None)
        return data


class ServiceListArgsSchema(ServiceFilterArgsSchema):
    minimal = fields.Boolean(load_default=False, metadata={
        "description": "Only each service's id, name, status and last_modified (default per_page: all in one "
                       "page); wins over full."})


class OrganizationListArgsSchema(ListArgsSchema):
    full = fields.Boolean(load_default=False, metadata={"description": "Fully nested organizations."})
    full_service = fields.Boolean(load_default=False, metadata={
        "description": "Fully nested organizations with fully nested services."})


class OrganizationArgsSchema(LenientSchema):
    full_service = fields.Boolean(load_default=False, metadata={
        "description": "Fully nested services (otherwise their one-to-one fields)."})


class TaxonomyTermListArgsSchema(ListArgsSchema):
    taxonomy_id = fields.String(metadata={"description": "Terms of this taxonomy."})
    parent_id = fields.String(metadata={"description": "Terms whose parent is this term."})
    top_only = fields.Boolean(load_default=False, metadata={"description": "Only terms without a parent."})
